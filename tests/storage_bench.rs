//! Benchmark (not a test; `make bench-storage`, never part of `make test`):
//! the log of a 10k-execution run of `shared/bench/seq10-retry-10k.json`,
//! cut at 200k events, persisted to Chromium's IndexedDB in segments, then
//! read back and restored, from the snapshot and from genesis. Prints the
//! times and the bytes per stored event; asserts only that the restored
//! state equals the live one.
#![cfg(target_arch = "wasm32")]

use flowlab::session::Session;
use flowlab::storage::{plan_segments, Store};
use flowlab_engine::codec::{decode_snapshot, encode_snapshot, genesis_to_json};
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const EVENTS: usize = 200_000;
const EVENTS_PER_SEGMENT: usize = 4096;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn persist_and_reload_200k_events_of_10k_executions() {
    let text = include_str!("../../shared/bench/seq10-retry-10k.json");
    let scenario = parse_scenario("seq10-retry-10k.json", text).unwrap();
    let mut session = Session::new(sim::genesis(&scenario), scenario.script.clone());
    let started = now_ms();
    let mut t = 0;
    while session.log().len() < EVENTS {
        t += 60_000;
        session.advance_to(SimTime(t), usize::MAX).unwrap();
    }
    let simulate_ms = now_ms() - started;
    let executions = session.state().executions.len();
    let events = session.log().len();

    let name = "bench-storage";
    Store::delete_workspace(name).await.unwrap();
    let store = Store::open(name).await.unwrap();
    store
        .write_genesis(&genesis_to_json(session.genesis()).to_string())
        .await
        .unwrap();

    let started = now_ms();
    let segments = plan_segments(
        0,
        SimTime::ZERO,
        &session.log().to_vec(),
        EVENTS_PER_SEGMENT,
    );
    let encode_ms = now_ms() - started;
    let bytes: usize = segments.iter().map(|s| s.bytes.len()).sum();
    let started = now_ms();
    store
        .append_with_session(&segments, "{}", Default::default())
        .await
        .unwrap();
    let append_ms = now_ms() - started;
    let started = now_ms();
    let snapshot = encode_snapshot(session.state());
    store.put_snapshot(events as u64, &snapshot).await.unwrap();
    let snapshot_ms = now_ms() - started;
    store.close();

    let started = now_ms();
    let store = Store::open(name).await.unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    let read_ms = now_ms() - started;
    let started = now_ms();
    let state = decode_snapshot(&loaded.snapshot.as_ref().unwrap().bytes).unwrap();
    let log = flowlab::session::EventLog::from_chunks(
        loaded
            .segments
            .iter()
            .map(|s| flowlab::session::event_log::Chunk {
                first: s.first_event_index as usize,
                count: s.event_count as usize,
                last_t: s.last_t,
                bytes: s.bytes.clone(),
            })
            .collect(),
        Vec::new(),
    );
    let from_snapshot = Session::restore(
        loaded.genesis.clone(),
        Some((state, events)),
        log.clone(),
        scenario.script.clone(),
        session.script_done(),
        session.clock(),
    )
    .unwrap();
    let restore_ms = now_ms() - started;
    assert_eq!(from_snapshot.state(), session.state());
    let started = now_ms();
    let replayed = Session::restore(
        loaded.genesis,
        None,
        log,
        scenario.script.clone(),
        session.script_done(),
        session.clock(),
    )
    .unwrap();
    let replay_ms = now_ms() - started;
    assert_eq!(replayed.state(), session.state());
    store.close();
    Store::delete_workspace(name).await.unwrap();

    console_log!("flowlab storage benchmark (Chromium IndexedDB; one run)");
    console_log!("  workload            {executions} executions, {events} events (simulated in {simulate_ms:.0} ms)");
    console_log!(
        "  persist: encode     {encode_ms:.0} ms ({} segments of ≤{EVENTS_PER_SEGMENT} events)",
        segments.len()
    );
    console_log!("  persist: append     {append_ms:.0} ms (one transaction)");
    console_log!(
        "  persist: snapshot   {snapshot_ms:.0} ms ({} KiB)",
        snapshot.len() / 1024
    );
    console_log!(
        "  persist: total      {:.0} ms",
        encode_ms + append_ms + snapshot_ms
    );
    console_log!("  reload: read + decode {read_ms:.0} ms");
    console_log!(
        "  reload: restore from snapshot {restore_ms:.0} ms → total {:.0} ms (target ≤ 1500)",
        read_ms + restore_ms
    );
    console_log!(
        "  reload: replay from genesis   {replay_ms:.0} ms → total {:.0} ms",
        read_ms + replay_ms
    );
    console_log!(
        "  stored log          {bytes} bytes, {:.2} bytes per event",
        bytes as f64 / events as f64
    );
}
