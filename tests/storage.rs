//! Browser tests of `flowlab::storage`: the store on the real IndexedDB of
//! headless Chromium. Each test has its own workspace (database) and
//! deletes it at the end. Run with `make test-browser`.
#![cfg(target_arch = "wasm32")]

use flowlab::file_format::script::journal_from_json;
use flowlab::session::Clock;
use flowlab::storage::{
    plan_segments, JournalAppend, JournalEntryJson, Segment, StorageError, Store, StoredVersion,
};
use flowlab_engine::codec::{decode_segment, genesis_to_json};
use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::Engine;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim::{genesis, Driver};
use flowlab_engine::time::SimTime;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::primitive::TryToJs;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use js_sys::{Object, Reflect, Uint8Array};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn welcome() -> Scenario {
    parse_scenario("welcome.json", include_str!("../samples/welcome.json")).unwrap()
}

/// A real run of the welcome sample: the live engine and its whole log.
fn run(scenario: &Scenario) -> (Engine, Vec<Stamped>) {
    let mut driver = Driver::new(scenario);
    let mut log = Vec::new();
    while driver.step().unwrap() {
        log.extend(driver.engine().drain_events());
    }
    (driver.into_engine(), log)
}

/// The log in three segments.
fn three_segments(log: &[Stamped]) -> Vec<Segment> {
    let segments = plan_segments(0, SimTime::ZERO, log, log.len().div_ceil(3));
    assert_eq!(segments.len(), 3);
    segments
}

/// A fresh store for `workspace`, with the welcome sample's genesis written.
async fn fresh(workspace: &str, scenario: &Scenario) -> Store {
    Store::delete_workspace(workspace).await.unwrap();
    let store = Store::open(workspace).await.unwrap();
    assert!(
        store.load().await.unwrap().is_none(),
        "a new database is empty"
    );
    store
        .write_genesis(&genesis_to_json(&genesis(scenario)).to_string())
        .await
        .unwrap();
    store
}

/// A fresh workspace `ws` of the welcome scenario, with that scenario's
/// run: the live engine, its log, and the log in three segments.
async fn fresh_welcome(ws: &str) -> (Store, Engine, Vec<Stamped>, Vec<Segment>) {
    let scenario = welcome();
    let (live, log) = run(&scenario);
    let segments = three_segments(&log);
    (fresh(ws, &scenario).await, live, log, segments)
}

async fn cleanup(store: Store, workspace: &str) {
    store.close();
    Store::delete_workspace(workspace).await.unwrap();
}

fn version(workflow: &str, v: u32, note: &str) -> StoredVersion {
    StoredVersion {
        workflow: workflow.into(),
        version: v,
        hash: format!("sha256:{v:064}"),
        note: note.into(),
        published_at: 60_000,
        draft_json: json!({"id": workflow, "steps": []}).to_string(),
    }
}

/// Reads and rewrites one record behind the store's back, as a damaged disk would.
async fn raw_rewrite(workspace: &str, store: &str, key: f64, field: &str, value: JsValue) {
    let db = raw_open(workspace).await;
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let os = tx.object_store(store).unwrap();
    let record: JsValue = os.get(key).primitive().unwrap().await.unwrap().unwrap();
    Reflect::set(&record, &JsValue::from_str(field), &value).unwrap();
    os.put(record)
        .with_key(key)
        .without_key_type()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();
}

/// Puts `value` under `key` behind the store's back (`None`: deletes the record).
async fn raw_put(workspace: &str, store: &str, key: f64, value: Option<JsValue>) {
    let db = raw_open(workspace).await;
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let os = tx.object_store(store).unwrap();
    match value {
        Some(v) => os
            .put(v)
            .with_key(key)
            .without_key_type()
            .primitive()
            .unwrap()
            .await
            .unwrap(),
        None => os.delete(key).primitive().unwrap().await.unwrap(),
    }
    tx.commit().await.unwrap();
    db.close();
}

async fn raw_get<K>(workspace: &str, store: &str, key: K) -> Option<JsValue>
where
    KeyRange<K>: TryToJs,
    K: Into<KeyRange<K>>,
{
    let db = raw_open(workspace).await;
    let tx = db.transaction(store).build().unwrap();
    let v = tx
        .object_store(store)
        .unwrap()
        .get(key)
        .primitive()
        .unwrap()
        .await
        .unwrap();
    drop(tx);
    db.close();
    v
}

/// How many records `store` holds.
async fn raw_count(workspace: &str, store: &str) -> u32 {
    let db = raw_open(workspace).await;
    let tx = db.transaction(store).build().unwrap();
    let n = tx
        .object_store(store)
        .unwrap()
        .count()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    drop(tx);
    db.close();
    n
}

async fn raw_meta(workspace: &str, key: &str) -> Option<JsValue> {
    raw_get(workspace, "meta", key).await
}

/// The workspace's database, opened behind the store's back.
async fn raw_open(workspace: &str) -> Database {
    Database::open(format!("flowlab/{workspace}"))
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_run_round_trips_and_replays_to_the_live_state() {
    let ws = "test-round-trip";
    let scenario = welcome();
    let (live, log) = run(&scenario);
    let store = fresh(ws, &scenario).await;
    store.append_segments(&three_segments(&log)).await.unwrap();

    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.snapshot.is_none());
    assert_eq!(loaded.log_end.segments, 3);
    assert_eq!(loaded.log_end.events, log.len() as u64);
    assert_eq!(loaded.log_end.last_t, log.last().unwrap().t);
    assert!(loaded.events() == log, "the events read back differ");
    let events = loaded.events();
    let replayed = Engine::replay(loaded.genesis, &events);
    assert!(
        replayed.state() == live.state(),
        "replay differs from the live engine"
    );
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn load_starts_at_the_latest_snapshot() {
    let ws = "test-snapshot";
    let (store, _, log, segments) = fresh_welcome(ws).await;
    store.append_segments(&segments[..2]).await.unwrap();
    let mid = segments[1].first_event_index + 2;
    store.put_snapshot(5, b"older").await.unwrap();
    store.put_snapshot(mid, b"latest").await.unwrap();
    store.append_segments(&segments[2..]).await.unwrap();

    let loaded = store.load().await.unwrap().unwrap();
    let snapshot = loaded.snapshot.clone().unwrap();
    assert_eq!(snapshot.after_events, mid);
    assert_eq!(snapshot.bytes, b"latest");
    assert!(
        loaded.events() == log[mid as usize..],
        "only the events after the snapshot"
    );

    let end = log.len() as u64;
    assert_eq!(
        store.put_snapshot(end + 1, b"ahead").await,
        Err(StorageError::SnapshotAhead {
            after_events: end + 1,
            log_events: end
        })
    );
    store.put_snapshot(end, b"at the end").await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.snapshot.clone().unwrap().bytes, &b"at the end"[..]);
    store
        .put_snapshot_parts(end, &[b"in ", b"", b"three parts"])
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(
        loaded.snapshot.clone().unwrap().bytes,
        &b"in three parts"[..],
        "the parts stored as one"
    );
    assert!(loaded.events().is_empty());
    assert_eq!(loaded.log_end.last_t, log.last().unwrap().t);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn a_published_version_is_written_once() {
    let ws = "test-versions";
    let store = fresh(ws, &welcome()).await;
    let first = version("welcome", 1, "first");
    store.add_version(&first).await.unwrap();
    store
        .add_version(&version("welcome", 2, "second"))
        .await
        .unwrap();
    assert_eq!(
        store.add_version(&version("welcome", 1, "overwrite")).await,
        Err(StorageError::VersionExists {
            workflow: "welcome".into(),
            version: 1
        })
    );
    let versions = store.load().await.unwrap().unwrap().versions;
    assert_eq!(versions, vec![first, version("welcome", 2, "second")]);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn an_append_out_of_order_changes_nothing() {
    let ws = "test-out-of-order";
    let (store, _, log, segments) = fresh_welcome(ws).await;
    store.append_segments(&segments[..1]).await.unwrap();
    let expected = segments[1].first_event_index;

    // The second segment is fine, the third skips nothing but repeats the first.
    let refused = store
        .append_segments(&[segments[1].clone(), segments[0].clone()])
        .await;
    assert_eq!(
        refused,
        Err(StorageError::OutOfOrder {
            expected: segments[2].first_event_index,
            got: 0
        })
    );
    assert_eq!(
        store.append_segments(&segments[2..]).await,
        Err(StorageError::OutOfOrder {
            expected,
            got: segments[2].first_event_index
        })
    );
    let mut lying = segments[1].clone();
    lying.bytes = lying.bytes[..lying.bytes.len() / 2].into();
    assert!(matches!(
        store.append_segments(&[lying]).await,
        Err(StorageError::BadSegment(_))
    ));

    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.log_end.segments, 1);
    assert!(
        loaded.events() == log[..expected as usize],
        "nothing of the refused appends was kept"
    );
    store.append_segments(&segments[1..]).await.unwrap();
    assert!(store.load().await.unwrap().unwrap().events() == log);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn a_damaged_segment_makes_load_fail_naming_it() {
    let ws = "test-corrupt";
    let (store, _, _, segments) = fresh_welcome(ws).await;
    store.append_segments(&segments).await.unwrap();
    assert!(decode_segment(&[9, 9, 9]).is_err());
    raw_rewrite(
        ws,
        "segments",
        1.0,
        "bytes",
        Uint8Array::from(&[9u8, 9, 9][..]).into(),
    )
    .await;
    match store.load().await {
        Err(StorageError::Corrupt(m)) => assert!(m.starts_with("segment 1:"), "{m}"),
        other => panic!("expected Corrupt naming segment 1, got {other:?}"),
    }
    // A segment that decodes but sits at the wrong place in the log.
    raw_rewrite(
        ws,
        "segments",
        1.0,
        "bytes",
        Uint8Array::from(&segments[1].bytes[..]).into(),
    )
    .await;
    assert!(store.load().await.is_ok());
    raw_rewrite(ws, "segments", 2.0, "first_event_index", JsValue::from(3.0)).await;
    match store.load().await {
        Err(StorageError::Corrupt(m)) => assert!(m.starts_with("segment 2:"), "{m}"),
        other => panic!("expected Corrupt naming segment 2, got {other:?}"),
    }
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn a_damaged_log_loads_up_to_its_last_good_segment_and_truncates_there() {
    let ws = "test-salvage";
    let (store, _, log, segments) = fresh_welcome(ws).await;
    store.append_segments(&segments).await.unwrap();
    let good = segments[0].event_count as u64;
    // A snapshot past the damage is of lost events and is not used.
    store
        .put_snapshot(log.len() as u64, &[1, 2, 3])
        .await
        .unwrap();
    raw_rewrite(
        ws,
        "segments",
        1.0,
        "bytes",
        Uint8Array::from(&[9u8, 9, 9][..]).into(),
    )
    .await;
    let salvage = store.load_good_prefix().await.unwrap().unwrap();
    let damage = salvage.damage.expect("segment 1 is damaged");
    assert_eq!(damage.segment, 1);
    assert_eq!(damage.good_events, good);
    assert_eq!(damage.stored_events, log.len() as u64);
    assert!(damage.why.starts_with("segment 1:"), "{}", damage.why);
    assert!(salvage.loaded.snapshot.is_none());
    assert_eq!(salvage.loaded.events(), log[..good as usize]);
    assert_eq!(salvage.loaded.log_end.segments, 1);
    // Loading changed nothing.
    assert_eq!(raw_count(ws, "segments").await, 3);
    assert!(store.load().await.is_err());

    store
        .truncate_to(salvage.loaded.log_end, None)
        .await
        .unwrap();
    assert_eq!(raw_count(ws, "segments").await, 1);
    assert_eq!(raw_count(ws, "snapshots").await, 0);
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.events(), log[..good as usize]);
    assert_eq!(loaded.log_end, salvage.loaded.log_end);
    // The log continues from the cut.
    let rest = plan_segments(good, loaded.log_end.last_t, &log[good as usize..], 1000);
    store.append_segments(&rest).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().events(), log);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn settings_round_trip_and_delete_empties_the_workspace() {
    let ws = "test-settings";
    let store = fresh(ws, &welcome()).await;
    let clock = json!({"sim_time": 90_000, "speed": 60, "paused": true});
    assert_eq!(store.get_setting("clock").await.unwrap(), None);
    store.put_setting("clock", &clock).await.unwrap();
    store.put_setting("theme", &json!("dark")).await.unwrap();
    assert_eq!(store.get_setting("clock").await.unwrap(), Some(clock));
    assert_eq!(
        store.get_setting("theme").await.unwrap(),
        Some(json!("dark"))
    );

    // Deleting while this connection is open works: the store lets go.
    Store::delete_workspace(ws).await.unwrap();
    let store = Store::open(ws).await.unwrap();
    assert!(store.load().await.unwrap().is_none());
    assert_eq!(store.get_setting("clock").await.unwrap(), None);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn reopening_a_v2_database_keeps_everything() {
    let ws = "test-reopen";
    let scenario = welcome();
    let (live, log) = run(&scenario);
    let store = fresh(ws, &scenario).await;
    store.append_segments(&three_segments(&log)).await.unwrap();
    store
        .add_version(&version("welcome", 1, "kept"))
        .await
        .unwrap();
    store.put_setting("theme", &json!("light")).await.unwrap();
    store.close();

    assert_eq!(
        raw_meta(ws, "schema_version")
            .await
            .and_then(|v| v.as_f64()),
        Some(2.0)
    );
    let store = Store::open(ws).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.events() == log);
    assert_eq!(loaded.versions, vec![version("welcome", 1, "kept")]);
    assert_eq!(
        store.get_setting("theme").await.unwrap(),
        Some(json!("light"))
    );
    let events = loaded.events();
    assert!(Engine::replay(loaded.genesis, &events).state() == live.state());

    // A new genesis starts the workspace over and keeps the settings.
    store
        .write_genesis(&genesis_to_json(&genesis(&scenario)).to_string())
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.events().is_empty() && loaded.versions.is_empty() && loaded.snapshot.is_none());
    assert_eq!(
        store.get_setting("theme").await.unwrap(),
        Some(json!("light"))
    );
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn a_refused_import_leaves_the_stored_workspace_as_it_was() {
    use flowlab::file_format::import::read_file;
    use flowlab::file_format::workspace_file::export_workspace;
    use flowlab::session::Session;

    let workspace = "test-refused-import";
    let scenario = welcome();
    let store = fresh(workspace, &scenario).await;
    let (_, log) = run(&scenario);
    store.append_segments(&three_segments(&log)).await.unwrap();
    let before = store.load().await.unwrap().unwrap();

    let session = Session::restore(
        genesis(&scenario),
        None,
        flowlab::session::EventLog::from_events(log.clone()),
        scenario.script.clone(),
        scenario.script.len(),
        Default::default(),
    )
    .unwrap();
    let good = export_workspace(&session, include_str!("../samples/welcome.json"));
    let damaged = good.replacen("\"script_done\": 5", "\"script_done\": 50", 1);
    assert_ne!(good, damaged, "the export names its script cursor");
    let bad_files = [
        ("syntax.json", "{\"id\": \"x\" \"steps\": []}".to_owned()),
        ("unknown.json", "{\"id\": \"x\", \"name\": \"X\", \"trigger\": {\"type\": \"manual\"}, \"steps\": [], \"colour\": 1}".to_owned()),
        ("version.json", "{\"format\": \"flowlab-scenario/2\", \"run_until\": 0, \"workflows\": []}".to_owned()),
        ("damaged.json", damaged),
    ];
    for (name, text) in &bad_files {
        let refused = read_file(name, text).err();
        assert!(
            refused
                .as_ref()
                .is_some_and(|e| e.to_string().starts_with(name)),
            "{name} must be refused naming itself: {refused:?}"
        );
    }
    let after = store.load().await.unwrap().unwrap();
    assert!(after.events() == before.events(), "the log is unchanged");
    assert_eq!(after.log_end, before.log_end);
    assert!(after.genesis == before.genesis, "the genesis is unchanged");
    cleanup(store, workspace).await;
}

/// `n` journal entries from entry `from` on, as `journal_to_json` writes them.
fn journal(from: usize, n: usize) -> Vec<JournalEntryJson> {
    (from..from + n)
        .map(|i| {
            let command = json!({"at": 60_000 * i, "do": "stop", "execution": format!("e{i}")});
            (i / 2, command)
        })
        .collect()
}

fn session_json(journal: Option<&[JournalEntryJson]>) -> String {
    let mut record = json!({"clock": Clock::default(), "script_done": 2});
    if let Some(j) = journal {
        record["journal"] = json!(j);
    }
    record.to_string()
}

fn raw_session(v: Option<JsValue>) -> Value {
    serde_json::from_str(&v.and_then(|v| v.as_string()).expect("a session record")).unwrap()
}

#[wasm_bindgen_test]
async fn a_journal_written_over_several_appends_loads_whole_and_in_order() {
    let ws = "test-journal";
    let (store, _, log, segments) = fresh_welcome(ws).await;
    let all = journal(0, 7);
    for (i, range) in [0..3, 3..3, 3..7].into_iter().enumerate() {
        let journal = JournalAppend {
            first: range.start as u64,
            entries: &all[range],
        };
        store
            .append_with_session(&segments[i..=i], &session_json(None), journal)
            .await
            .unwrap();
    }
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.journal, all);
    assert_eq!(loaded.journal_stored, 7);
    assert!(loaded.events() == log);
    assert_eq!(journal_from_json(loaded.journal).unwrap().len(), 7);

    store.close();
    let store = Store::open(ws).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().journal, all);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn an_append_writes_only_its_new_journal_entries() {
    let ws = "test-journal-append";
    let (store, _, _, segments) = fresh_welcome(ws).await;
    let all = journal(0, 5);
    let append = |first: usize, entries| JournalAppend {
        first: first as u64,
        entries,
    };
    store
        .append_with_session(&segments[..1], &session_json(None), append(0, &all[..2]))
        .await
        .unwrap();
    assert_eq!(raw_count(ws, "journal").await, 2);
    store
        .append_with_session(&segments[1..2], &session_json(None), append(2, &all[2..]))
        .await
        .unwrap();
    assert_eq!(raw_count(ws, "journal").await, 5);
    assert_eq!(
        raw_session(raw_meta(ws, "session").await).get("journal"),
        None,
        "the session record does not carry the journal"
    );
    let entry = raw_get(ws, "journal", 3.0)
        .await
        .and_then(|v| v.as_string());
    assert_eq!(
        entry.as_deref(),
        Some(serde_json::to_string(&all[3]).unwrap().as_str())
    );

    // Entries that repeat or skip some change nothing, segments included.
    let more = journal(5, 1);
    for first in [4, 6] {
        assert_eq!(
            store
                .append_with_session(&segments[2..], &session_json(None), append(first, &more))
                .await,
            Err(StorageError::JournalOutOfOrder {
                expected: 5,
                got: first as u64
            })
        );
    }
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.journal, all);
    assert_eq!(loaded.log_end.segments, 2);
    store
        .append_with_session(&segments[2..], &session_json(None), append(5, &more))
        .await
        .unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().journal.len(), 6);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn a_gap_or_a_bad_journal_entry_makes_load_fail_naming_it() {
    let ws = "test-journal-corrupt";
    let store = fresh(ws, &welcome()).await;
    let all = journal(0, 4);
    store
        .append_with_session(
            &[],
            &session_json(None),
            JournalAppend {
                first: 0,
                entries: &all,
            },
        )
        .await
        .unwrap();
    raw_put(ws, "journal", 2.0, Some(JsValue::from_str("[2, {\"at\""))).await;
    match store.load().await {
        Err(StorageError::Corrupt(m)) => assert!(m.starts_with("journal entry 2: "), "{m}"),
        other => panic!("expected Corrupt naming journal entry 2, got {other:?}"),
    }
    raw_put(ws, "journal", 1.0, None).await;
    assert_eq!(
        store.load().await.err(),
        Some(StorageError::Corrupt("journal entry 1 is missing".into()))
    );
    cleanup(store, ws).await;
}

/// A database as schema 1 wrote it: its five stores, the genesis, the log
/// in segments and a session record that carries the whole journal.
async fn v1_database(workspace: &str, scenario: &Scenario, segments: &[Segment], session: &str) {
    Store::delete_workspace(workspace).await.unwrap();
    let db = Database::open(format!("flowlab/{workspace}"))
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            for store in ["meta", "segments", "snapshots", "versions", "settings"] {
                db.create_object_store(store).build()?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let tx = db
        .transaction(["meta", "segments"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let object = |fields: &[(&str, JsValue)]| {
        let o = Object::new();
        for (name, value) in fields {
            Reflect::set(&o, &JsValue::from_str(name), value).unwrap();
        }
        JsValue::from(o)
    };
    let meta = tx.object_store("meta").unwrap();
    let end = segments.last().unwrap();
    let last = end.first_event_index + u64::from(end.event_count);
    for (key, value) in [
        ("schema_version", JsValue::from(1)),
        (
            "genesis",
            JsValue::from_str(&genesis_to_json(&genesis(scenario)).to_string()),
        ),
        (
            "log_end",
            object(&[
                ("segments", JsValue::from(segments.len() as f64)),
                ("events", JsValue::from(last as f64)),
                ("last_t", JsValue::from(end.last_t.0 as f64)),
            ]),
        ),
        ("session", JsValue::from_str(session)),
    ] {
        meta.put(value)
            .with_key(key)
            .without_key_type()
            .primitive()
            .unwrap()
            .await
            .unwrap();
    }
    let store = tx.object_store("segments").unwrap();
    for (i, s) in segments.iter().enumerate() {
        let value = object(&[
            ("segment", JsValue::from(i as f64)),
            (
                "first_event_index",
                JsValue::from(s.first_event_index as f64),
            ),
            ("event_count", JsValue::from(s.event_count)),
            ("bytes", Uint8Array::from(&s.bytes[..]).into()),
        ]);
        store
            .add(value)
            .with_key(i as f64)
            .without_key_type()
            .primitive()
            .unwrap()
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_v1_journal_in_the_session_record_loads_and_moves_to_the_store() {
    let ws = "test-v1-journal";
    let scenario = welcome();
    let (_, log) = run(&scenario);
    let segments = three_segments(&log);
    let old = journal(0, 4);
    v1_database(ws, &scenario, &segments[..2], &session_json(Some(&old))).await;

    let store = Store::open(ws).await.unwrap();
    assert_eq!(
        raw_meta(ws, "schema_version")
            .await
            .and_then(|v| v.as_f64()),
        Some(2.0)
    );
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(
        loaded.journal, old,
        "the journal comes from the session record"
    );
    assert_eq!(loaded.journal_stored, 0);
    assert!(loaded.events() == log[..segments[2].first_event_index as usize]);
    assert_eq!(journal_from_json(loaded.journal).unwrap().len(), 4);
    assert_eq!(raw_count(ws, "journal").await, 0);

    // The app's next append: its new events and entry, and every entry not stored.
    let mut all = old.clone();
    all.extend(journal(4, 1));
    store
        .append_with_session(
            &segments[2..],
            &session_json(None),
            JournalAppend {
                first: loaded.journal_stored,
                entries: &all,
            },
        )
        .await
        .unwrap();
    store.close();

    let store = Store::open(ws).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.journal, all);
    assert_eq!(loaded.journal_stored, 5);
    assert!(loaded.events() == log);
    assert_eq!(raw_count(ws, "journal").await, 5);
    assert_eq!(
        raw_session(raw_meta(ws, "session").await).get("journal"),
        None
    );
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn replacing_the_workspace_empties_the_journal() {
    let ws = "test-journal-replace";
    let scenario = welcome();
    let store = fresh(ws, &scenario).await;
    let all = journal(0, 3);
    let append = |first: u64| JournalAppend {
        first,
        entries: &all,
    };
    store
        .append_with_session(&[], &session_json(None), append(0))
        .await
        .unwrap();
    store
        .write_genesis(&genesis_to_json(&genesis(&scenario)).to_string())
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert!(loaded.journal.is_empty() && loaded.session.is_none());
    assert_eq!(loaded.journal_stored, 0);
    assert_eq!(raw_count(ws, "journal").await, 0);
    // The new workspace's journal starts at entry 0 again.
    store
        .append_with_session(&[], &session_json(None), append(0))
        .await
        .unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().journal, all);

    // A v1 journal goes with its session record.
    store.close();
    let (_, log) = run(&scenario);
    v1_database(
        ws,
        &scenario,
        &three_segments(&log),
        &session_json(Some(&all)),
    )
    .await;
    let store = Store::open(ws).await.unwrap();
    store
        .write_genesis(&genesis_to_json(&genesis(&scenario)).to_string())
        .await
        .unwrap();
    assert!(store.load().await.unwrap().unwrap().journal.is_empty());

    store.close();
    Store::delete_workspace(ws).await.unwrap();
    let store = Store::open(ws).await.unwrap();
    assert!(store.load().await.unwrap().is_none());
    assert_eq!(raw_count(ws, "journal").await, 0);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
fn an_exception_at_open_is_named_as_the_browser_named_it() {
    let denied = web_sys::DomException::new_with_message_and_name(
        "access to the Indexed Database API is denied in this context",
        "SecurityError",
    )
    .unwrap();
    let e = StorageError::thrown_at_open(&denied.into());
    assert_eq!(
        e.to_string(),
        "storage is unavailable: SecurityError: access to the Indexed Database API is denied in this context"
    );
    assert!(!e.to_string().contains("Version cannot be zero"));
    let text = StorageError::thrown_at_open(&JsValue::from_str("blocked by policy"));
    assert_eq!(
        text.to_string(),
        "storage is unavailable: blocked by policy"
    );
}

#[wasm_bindgen_test]
async fn an_append_after_known_ends_writes_like_one_that_reads_them_and_refuses_stale_ends() {
    let ws = "test-append-after";
    let (store, _, _, segments) = fresh_welcome(ws).await;
    let all = journal(0, 3);
    let first = store
        .append_with_session(
            &segments[..1],
            &session_json(None),
            JournalAppend {
                first: 0,
                entries: &all[..1],
            },
        )
        .await
        .unwrap();
    assert_eq!(first.journal, 1);
    assert_eq!(first.log.segments, 1);
    let second = store
        .append_with_session_after(
            first,
            &segments[1..2],
            &session_json(None),
            JournalAppend {
                first: 1,
                entries: &all[1..],
            },
        )
        .await
        .unwrap();
    assert_eq!((second.log.segments, second.journal), (2, 3));
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.log_end, second.log);
    assert_eq!(loaded.journal, all);

    // Ends that are out of date (another writer went on) fail whole.
    let stale = store
        .append_with_session_after(
            first,
            &segments[1..2],
            &session_json(None),
            JournalAppend::default(),
        )
        .await;
    assert_eq!(stale, Err(StorageError::Overtaken));
    let after = store.load().await.unwrap().unwrap();
    assert_eq!(after.log_end, second.log);
    assert_eq!(after.journal, all);
    cleanup(store, ws).await;
}

#[wasm_bindgen_test]
async fn replacing_the_workspace_stores_genesis_and_source_together_or_nothing() {
    use flowlab::storage::{MAX_WORKSPACE_BYTES, SETTING_SOURCE};

    let workspace = "test-replace-workspace";
    let scenario = welcome();
    let store = fresh(workspace, &scenario).await;
    let (_, log) = run(&scenario);
    store.append_segments(&three_segments(&log)).await.unwrap();
    store
        .put_setting(SETTING_SOURCE, &Value::String("old source".into()))
        .await
        .unwrap();
    let before = store.load().await.unwrap().unwrap();

    // Too large: refused before anything is written, naming the sizes.
    let huge = "x".repeat(MAX_WORKSPACE_BYTES + 1);
    let refused = store.replace_workspace(&huge, "new source").await;
    assert_eq!(
        refused,
        Err(StorageError::TooLarge {
            bytes: MAX_WORKSPACE_BYTES + 1 + "new source".len(),
            limit: MAX_WORKSPACE_BYTES
        })
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("over the limit of 64 MB"));
    let after = store.load().await.unwrap().unwrap();
    assert!(after.events() == before.events() && after.genesis == before.genesis);
    assert_eq!(
        store.get_setting(SETTING_SOURCE).await.unwrap(),
        Some(Value::String("old source".into()))
    );

    // A genesis that does not decode changes nothing either.
    assert!(store.replace_workspace("{}", "new source").await.is_err());
    assert_eq!(store.load().await.unwrap().unwrap().log_end, before.log_end);

    // A good one replaces the log, the genesis and the source at once.
    let mut other = welcome();
    other.contacts.truncate(1);
    let genesis_json = genesis_to_json(&genesis(&other)).to_string();
    store
        .replace_workspace(&genesis_json, "new source")
        .await
        .unwrap();
    let replaced = store.load().await.unwrap().unwrap();
    assert!(replaced.events().is_empty());
    assert_eq!(replaced.genesis.contacts.len(), 1);
    assert_eq!(
        store.get_setting(SETTING_SOURCE).await.unwrap(),
        Some(Value::String("new source".into()))
    );
    cleanup(store, workspace).await;
}
