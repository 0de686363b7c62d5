//! The workspace in IndexedDB: the only module of the app that knows
//! IndexedDB. A [`Store`] is one open workspace database holding what the
//! engine needs to come back exactly: the genesis, the event log in
//! segments, the latest snapshot, the published versions (written once),
//! the journal of the commands people gave and the settings. `schema.rs`
//! lists the object stores and their keys.
//!
//! Every call is one transaction, committed only when everything in it was
//! written; a call that fails leaves the database as it was.

mod error;
mod journal;
mod schema;
mod segments;

use std::cell::RefCell;
use std::rc::Rc;

use flowlab_engine::codec::{decode_segment, genesis_from_json};
use flowlab_engine::runtime::state::Genesis;
use flowlab_engine::time::SimTime;
use futures::future::{select, Either};
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub use error::StorageError;
use journal::{check_journal_append, decode_journal, encode_entry, v1_journal};
pub use journal::{JournalAppend, JournalEntryJson};
use schema::*;
use segments::{check_append, good_prefix, SegmentBytes, StoredSegment};

use crate::i18n::tr;
use crate::t;
pub use segments::{plan_segments, LogEnd, Segment};

/// A published version as stored: written once, never updated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVersion {
    pub workflow: String,
    pub version: u32,
    /// The content hash (`sha256:…`).
    pub hash: String,
    pub note: String,
    /// Simulated time of publication, in ms.
    pub published_at: u64,
    pub draft_json: String,
}

/// An engine snapshot: the state after the first `after_events` events of
/// the log, in bytes this module does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub after_events: u64,
    pub bytes: Vec<u8>,
}

/// A workspace as `load` finds it, checked: the genesis parses, the log is
/// contiguous and every segment decodes.
#[derive(Debug)]
pub struct Loaded {
    pub genesis: Genesis,
    /// The latest snapshot, if any.
    pub snapshot: Option<Snapshot>,
    /// The whole log, as the segments it was stored in (checked: those
    /// after the snapshot, or all without one, decoded; the earlier ones
    /// by checksum and header).
    pub segments: Vec<Segment>,
    /// What the app saved with its last append (`append_with_session`).
    pub session: Option<String>,
    /// The journal, entry 0 first.
    pub journal: Vec<JournalEntryJson>,
    /// How many entries of `journal` the journal store holds: the next
    /// append's journal starts at this entry. 0 for a database last written
    /// by schema 1, whose journal is still in the session record: the next
    /// append then stores all of it.
    pub journal_stored: u64,
    /// Where the stored log ends; the next segment starts at `log_end.events`
    /// with base time `log_end.last_t`.
    pub log_end: LogEnd,
    /// Every published version, by workflow id then version.
    pub versions: Vec<StoredVersion>,
}

impl Loaded {
    /// The events from the snapshot on (the whole log without one),
    /// decoded.
    pub fn events(&self) -> Vec<flowlab_engine::event::Stamped> {
        let from = self.snapshot.as_ref().map_or(0, |s| s.after_events) as usize;
        self.segments
            .iter()
            .filter(|s| s.first_event_index as usize + s.event_count as usize > from)
            .flat_map(|s| {
                let skip = from.saturating_sub(s.first_event_index as usize);
                decode_segment(&s.bytes)
                    .expect("a loaded segment decodes")
                    .into_iter()
                    .skip(skip)
            })
            .collect()
    }
}

/// What a workspace with a damaged log still holds: everything before
/// the first damaged segment.
#[derive(Debug)]
pub struct Salvage {
    pub loaded: Loaded,
    /// `None` when nothing is damaged.
    pub damage: Option<Damage>,
}

/// Where a stored log is damaged and what recovering it loses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// The first damaged segment.
    pub segment: u64,
    /// The events before it, which are whole.
    pub good_events: u64,
    /// The events the log says it holds.
    pub stored_events: u64,
    /// What is wrong, naming the segment.
    pub why: String,
}

/// One open workspace database.
pub struct Store {
    db: Database,
}

fn db_name(workspace: &str) -> String {
    format!("flowlab/{workspace}")
}

fn num(n: u64) -> f64 {
    n as f64
}

fn record(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (name, value) in fields {
        Reflect::set(&o, &JsValue::from_str(name), value).expect("setting a field of a new object");
    }
    o.into()
}

fn field(o: &JsValue, name: &str, what: &str) -> Result<JsValue, StorageError> {
    Reflect::get(o, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined())
        .ok_or_else(|| StorageError::Corrupt(t!("{what}: no `{name}`", what = what, name = name)))
}

/// A whole number from 0 to 2^53 - 1, or `None`.
fn as_count(v: &JsValue) -> Option<u64> {
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => Some(n as u64),
        _ => None,
    }
}

fn field_u64(o: &JsValue, name: &str, what: &str) -> Result<u64, StorageError> {
    as_count(&field(o, name, what)?).ok_or_else(|| {
        StorageError::Corrupt(t!(
            "{what}: `{name}` is not a count",
            what = what,
            name = name
        ))
    })
}

fn field_bytes(o: &JsValue, name: &str, what: &str) -> Result<Vec<u8>, StorageError> {
    field(o, name, what)?
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| {
            StorageError::Corrupt(t!(
                "{what}: `{name}` is not bytes",
                what = what,
                name = name
            ))
        })
}

fn log_end_to_js(end: LogEnd) -> JsValue {
    record(&[
        ("segments", num(end.segments).into()),
        ("events", num(end.events).into()),
        ("last_t", num(end.last_t.0).into()),
    ])
}

fn log_end_from_js(v: &JsValue) -> Result<LogEnd, StorageError> {
    let what = "meta/log_end";
    Ok(LogEnd {
        segments: field_u64(v, "segments", what)?,
        events: field_u64(v, "events", what)?,
        last_t: SimTime(field_u64(v, "last_t", what)?),
    })
}

fn segment_from_js(v: &JsValue, number: u64) -> Result<StoredSegment, StorageError> {
    let what = format!("segment {number}");
    Ok(StoredSegment {
        number: field_u64(v, "segment", &what)?,
        first_event_index: field_u64(v, "first_event_index", &what)?,
        event_count: field_u64(v, "event_count", &what)?
            .try_into()
            .map_err(|_| {
                StorageError::Corrupt(t!("{what}: `event_count` is too large", what = what))
            })?,
        bytes: field_bytes(v, "bytes", &what)?.into(),
    })
}

/// Commits `tx`, naming the transaction's own error when it fails.
async fn commit(tx: Transaction<'_>) -> Result<(), StorageError> {
    let sys: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    tx.commit().await.map_err(|e| error::tx_error(&sys, e))
}

async fn read_journal_end(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<u64, StorageError> {
    match meta
        .get::<JsValue, _, _>(KEY_JOURNAL_END)
        .primitive()?
        .await?
    {
        Some(v) => as_count(&v)
            .ok_or_else(|| StorageError::Corrupt("meta/journal_end: not a count".into())),
        None => Ok(0),
    }
}

async fn read_log_end(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<LogEnd, StorageError> {
    match meta.get::<JsValue, _, _>(KEY_LOG_END).primitive()?.await? {
        Some(v) => log_end_from_js(&v),
        None => Ok(LogEnd::default()),
    }
}

/// The setting that holds a workspace's source: the scenario text its
/// script comes from.
pub const SETTING_SOURCE: &str = "source";

/// The most a workspace's genesis and source may take in storage, as
/// text: as much as a file may hold, since both come from one.
pub const MAX_WORKSPACE_BYTES: usize = flowlab_engine::scenario::MAX_FILE_BYTES;

/// Where the stored log and journal end after an append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredEnd {
    pub log: LogEnd,
    pub journal: u64,
}

impl StoredEnd {
    /// Where an append of `segments` and `journal` after `self` would
    /// leave the store, or why it cannot follow.
    pub fn after(
        self,
        segments: &[Segment],
        journal: JournalAppend<'_>,
    ) -> Result<StoredEnd, StorageError> {
        Ok(StoredEnd {
            log: check_append(self.log, segments, SegmentBytes::SealedHere)?,
            journal: check_journal_append(self.journal, journal)?,
        })
    }
}

impl Store {
    /// Opens (creating or upgrading) the database of `workspace`.
    pub async fn open(workspace: &str) -> Result<Store, StorageError> {
        let (blocked_tx, blocked_rx) = futures::channel::oneshot::channel::<()>();
        // The upgrade needs its transaction, which only the open request knows.
        let request_slot: Rc<RefCell<Option<web_sys::IdbOpenDbRequest>>> = Rc::default();
        let slot = request_slot.clone();
        let request = Database::open(db_name(workspace))
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(move |_| {
                let _ = blocked_tx.send(());
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let tx = slot
                    .borrow()
                    .as_ref()
                    .and_then(|r| r.transaction())
                    .ok_or_else(|| Error::from(JsValue::from_str("no upgrade transaction")))?;
                let new = event.new_version().unwrap_or(f64::from(SCHEMA_VERSION));
                schema::upgrade(event.old_version() as u32, new as u32, &db, &tx)
            })
            .build()
            .map_err(|e| match e {
                OpenDbError::VersionZero => {
                    error::thrown_by_open(&db_name(workspace), SCHEMA_VERSION)
                }
                other => error::open_error(other),
            })?;
        *request_slot.borrow_mut() = Some(request.as_sys().clone());

        let db = match select(Box::pin(request), blocked_rx).await {
            Either::Left((opened, _)) => opened.map_err(error::open_error)?,
            Either::Right((Ok(()), request)) => {
                // Let the upgrade finish when the other tab lets go, so the
                // database never reaches the new version without it.
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(db) = request.await {
                        db.close();
                    }
                });
                return Err(StorageError::Blocked);
            }
            Either::Right((Err(_), request)) => request.await.map_err(error::open_error)?,
        };

        // Another tab upgrading or deleting this database asks us to let go.
        let raw: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let closer = raw.clone();
        let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| closer.close());
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();

        Ok(Store { db })
    }

    /// Deletes the database of `workspace` (nothing happens if there is none).
    pub async fn delete_workspace(workspace: &str) -> Result<(), StorageError> {
        Database::delete_by_name(&db_name(workspace))
            .map_err(error::open_error)?
            .await
            .map_err(StorageError::from)
    }

    /// Closes this connection.
    pub fn close(self) {
        self.db.close();
    }

    fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction<'_>, StorageError> {
        Ok(self.db.transaction(stores).with_mode(mode).build()?)
    }

    /// Starts the workspace over from `genesis_json` (`genesis_to_json`'s
    /// text): the log, its session record, the journal, snapshots and
    /// versions are cleared; settings stay.
    pub async fn write_genesis(&self, genesis_json: &str) -> Result<(), StorageError> {
        self.start_over(genesis_json, None).await
    }

    /// `write_genesis` and the workspace's source (its scenario text, the
    /// script's origin) in one transaction: a workspace that replaces
    /// another is stored whole or not at all. Over [`MAX_WORKSPACE_BYTES`]
    /// it is refused before anything is written.
    pub async fn replace_workspace(
        &self,
        genesis_json: &str,
        source: &str,
    ) -> Result<(), StorageError> {
        self.start_over(genesis_json, Some(source)).await
    }

    async fn start_over(
        &self,
        genesis_json: &str,
        source: Option<&str>,
    ) -> Result<(), StorageError> {
        let bytes = genesis_json.len() + source.map_or(0, str::len);
        if bytes > MAX_WORKSPACE_BYTES {
            return Err(StorageError::TooLarge {
                bytes,
                limit: MAX_WORKSPACE_BYTES,
            });
        }
        genesis_from_json(genesis_json).map_err(|e| StorageError::Other(e.to_string()))?;
        let stores: &[&str] = if source.is_some() {
            &[META, SEGMENTS, SNAPSHOTS, VERSIONS, JOURNAL, SETTINGS]
        } else {
            &[META, SEGMENTS, SNAPSHOTS, VERSIONS, JOURNAL]
        };
        let tx = self.tx(stores, TransactionMode::Readwrite)?;
        for store in [SEGMENTS, SNAPSHOTS, VERSIONS, JOURNAL] {
            tx.object_store(store)?.clear()?.await?;
        }
        let meta = tx.object_store(META)?;
        meta.delete(KEY_SESSION).primitive()?.await?;
        meta.delete(KEY_JOURNAL_END).primitive()?.await?;
        meta.put(JsValue::from_str(genesis_json))
            .with_key(KEY_GENESIS)
            .without_key_type()
            .primitive()?
            .await?;
        meta.put(log_end_to_js(LogEnd::default()))
            .with_key(KEY_LOG_END)
            .without_key_type()
            .primitive()?
            .await?;
        if let Some(source) = source {
            let text = serde_json::Value::String(source.to_owned()).to_string();
            tx.object_store(SETTINGS)?
                .put(JsValue::from_str(&text))
                .with_key(SETTING_SOURCE)
                .without_key_type()
                .primitive()?
                .await?;
        }
        commit(tx).await
    }

    /// Appends `segments` to the log in one transaction. The first must
    /// start where the log ends and each the next; otherwise nothing is
    /// written (`OutOfOrder`, `BadSegment`).
    pub async fn append_segments(&self, segments: &[Segment]) -> Result<(), StorageError> {
        self.append(segments, None, None, SegmentBytes::FromElsewhere)
            .await
            .map(|_| ())
    }

    /// `append_segments`, and in the same transaction the app's session
    /// record (its clock and script cursor) and the new journal entries, so
    /// the three never disagree. The journal entries must continue the
    /// stored journal (`JournalOutOfOrder`). The segments are the page's
    /// own log chunks, sealed in this page: their checksums are not read
    /// again (`append_segments` reads them).
    pub async fn append_with_session(
        &self,
        segments: &[Segment],
        session_json: &str,
        journal: JournalAppend<'_>,
    ) -> Result<StoredEnd, StorageError> {
        self.append(
            segments,
            Some((session_json, journal)),
            None,
            SegmentBytes::SealedHere,
        )
        .await
    }

    /// `append_with_session` where the stored ends are known (from the
    /// last append of this tab): every request is made before the first
    /// await, so the write is under way even if the page is unloaded right
    /// after. Segments and journal entries are `add`ed under their numbers,
    /// so if the ends were wrong the transaction fails whole.
    pub async fn append_with_session_after(
        &self,
        known: StoredEnd,
        segments: &[Segment],
        session_json: &str,
        journal: JournalAppend<'_>,
    ) -> Result<StoredEnd, StorageError> {
        self.append(
            segments,
            Some((session_json, journal)),
            Some(known),
            SegmentBytes::SealedHere,
        )
        .await
    }

    async fn append(
        &self,
        segments: &[Segment],
        session: Option<(&str, JournalAppend<'_>)>,
        known: Option<StoredEnd>,
        bytes: SegmentBytes,
    ) -> Result<StoredEnd, StorageError> {
        let tx = self.tx(&[META, SEGMENTS, JOURNAL], TransactionMode::Readwrite)?;
        let meta = tx.object_store(META)?;
        let journal = session.map(|(_, j)| j).unwrap_or_default();
        let (start, stored_journal) = match known {
            Some(k) => (k.log, Some(k.journal)),
            None => (read_log_end(&meta).await?, None),
        };
        let end = check_append(start, segments, bytes)?;
        let journal_end = if journal.entries.is_empty() {
            None
        } else {
            let stored = match stored_journal {
                Some(n) => n,
                None => read_journal_end(&meta).await?,
            };
            Some(check_journal_append(stored, journal)?)
        };
        let store = tx.object_store(SEGMENTS)?;
        for (i, s) in segments.iter().enumerate() {
            let number = start.segments + i as u64;
            let value = record(&[
                ("segment", num(number).into()),
                ("first_event_index", num(s.first_event_index).into()),
                ("event_count", s.event_count.into()),
                ("bytes", Uint8Array::from(&s.bytes[..]).into()),
            ]);
            // `add`: a segment number is never reused.
            store
                .add(value)
                .with_key(num(number))
                .without_key_type()
                .primitive()?;
        }
        let entries = tx.object_store(JOURNAL)?;
        for (i, entry) in journal.entries.iter().enumerate() {
            // `add`: an entry number is never reused.
            entries
                .add(JsValue::from_str(&encode_entry(entry)))
                .with_key(num(journal.first + i as u64))
                .without_key_type()
                .primitive()?;
        }
        if let Some(journal_end) = journal_end {
            meta.put(JsValue::from(num(journal_end)))
                .with_key(KEY_JOURNAL_END)
                .without_key_type()
                .primitive()?;
        }
        if let Some((session_json, _)) = session {
            meta.put(JsValue::from_str(session_json))
                .with_key(KEY_SESSION)
                .without_key_type()
                .primitive()?;
        }
        meta.put(log_end_to_js(end))
            .with_key(KEY_LOG_END)
            .without_key_type()
            .primitive()?;
        // Committed at once rather than after the last request's answer: a
        // page being unloaded has sent everything, the commit included,
        // before it first waits. A refused request aborts the whole.
        commit(tx).await.map_err(|e| match e {
            StorageError::Other(m) if known.is_some() && m.starts_with("ConstraintError") => {
                StorageError::Overtaken
            }
            other => other,
        })?;
        Ok(StoredEnd {
            log: end,
            journal: journal_end.or(stored_journal).unwrap_or(journal.first),
        })
    }

    /// Stores the snapshot of the state after the first `after_events`
    /// events, replacing older snapshots.
    pub async fn put_snapshot(&self, after_events: u64, bytes: &[u8]) -> Result<(), StorageError> {
        self.put_snapshot_parts(after_events, &[bytes]).await
    }

    /// [`Store::put_snapshot`] of the bytes `parts` make one after the other,
    /// copied straight into the one array stored.
    pub async fn put_snapshot_parts(
        &self,
        after_events: u64,
        parts: &[&[u8]],
    ) -> Result<(), StorageError> {
        let tx = self.tx(&[META, SEGMENTS, SNAPSHOTS], TransactionMode::Readwrite)?;
        let end = read_log_end(&tx.object_store(META)?).await?;
        if after_events > end.events {
            return Err(StorageError::SnapshotAhead {
                after_events,
                log_events: end.events,
            });
        }
        let from_segment =
            first_segment_after(&tx.object_store(SEGMENTS)?, end, after_events).await?;
        let snapshots = tx.object_store(SNAPSHOTS)?;
        snapshots
            .delete::<f64, _>(0.0..num(after_events))
            .primitive()?
            .await?;
        snapshots
            .put(record(&[
                ("after_events", num(after_events).into()),
                ("from_segment", num(from_segment).into()),
                ("bytes", joined(parts).into()),
            ]))
            .with_key(num(after_events))
            .without_key_type()
            .primitive()?
            .await?;
        commit(tx).await
    }

    /// Records a published version. A version is written once:
    /// `VersionExists` if `[workflow, version]` is already there.
    pub async fn add_version(&self, v: &StoredVersion) -> Result<(), StorageError> {
        let tx = self.tx(&[VERSIONS], TransactionMode::Readwrite)?;
        let key = (v.workflow.as_str(), v.version);
        let added = tx
            .object_store(VERSIONS)?
            .add(v)
            .with_key(key)
            .without_key_type()
            .serde()?
            .await;
        match added {
            Err(Error::DomException(DomException::ConstraintError(_))) => {
                Err(StorageError::VersionExists {
                    workflow: v.workflow.clone(),
                    version: v.version,
                })
            }
            other => {
                other?;
                commit(tx).await
            }
        }
    }

    /// The workspace, checked (see [`Loaded`]); `None` for a database no
    /// genesis was written to.
    pub async fn load(&self) -> Result<Option<Loaded>, StorageError> {
        match self.read().await? {
            None => Ok(None),
            Some(Salvage {
                damage: None,
                loaded,
            }) => Ok(Some(loaded)),
            Some(Salvage {
                damage: Some(d), ..
            }) => Err(StorageError::Corrupt(d.why)),
        }
    }

    /// The workspace up to its first damaged segment: the genesis, the
    /// snapshot if it is before the damage, and the whole segments before
    /// it, with what is lost past them. `loaded.log_end` is where the good
    /// part ends. Nothing is changed in storage.
    pub async fn load_good_prefix(&self) -> Result<Option<Salvage>, StorageError> {
        self.read().await
    }

    async fn read(&self) -> Result<Option<Salvage>, StorageError> {
        let tx = self.tx(
            &[META, SEGMENTS, SNAPSHOTS, VERSIONS, JOURNAL],
            TransactionMode::Readonly,
        )?;
        let meta = tx.object_store(META)?;
        let Some(genesis_json) = meta.get::<JsValue, _, _>(KEY_GENESIS).primitive()?.await? else {
            return Ok(None);
        };
        let genesis_json = genesis_json.as_string().ok_or_else(|| {
            StorageError::Corrupt(t!(
                "{what}: {problem}",
                what = "meta/genesis",
                problem = tr("not text")
            ))
        })?;
        let genesis = genesis_from_json(&genesis_json).map_err(|e| {
            StorageError::Corrupt(t!("{what}: {problem}", what = "meta/genesis", problem = e))
        })?;
        let end = read_log_end(&meta).await?;

        let raw: Vec<JsValue> = tx
            .object_store(SEGMENTS)?
            .get_all::<JsValue>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let mut records = Vec::new();
        let mut unreadable = None;
        for (i, v) in raw.iter().enumerate() {
            match segment_from_js(v, i as u64) {
                Ok(r) => records.push(r),
                Err(e) => {
                    unreadable = Some(e);
                    break;
                }
            }
        }
        let snapshots = tx.object_store(SNAPSHOTS)?;
        let keys: Vec<f64> = snapshots
            .get_all_keys::<f64>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let newest = match keys.last() {
            None => None,
            Some(&key) => {
                let what = t!("snapshot {key}", key = key);
                let v = snapshots
                    .get::<JsValue, _, _>(key)
                    .primitive()?
                    .await?
                    .ok_or_else(|| {
                        StorageError::Corrupt(t!(
                            "{what}: {problem}",
                            what = what,
                            problem = tr("missing")
                        ))
                    })?;
                let after_events = field_u64(&v, "after_events", &what)?;
                if after_events > end.events {
                    return Err(StorageError::Corrupt(t!(
                        "{what}: after the end of the log",
                        what = what
                    )));
                }
                Some((after_events, v, what))
            }
        };
        let decode_from = newest.as_ref().map_or(0, |(after, _, _)| *after);
        let (segments, good_end, damage) = good_prefix(&records, end, decode_from);
        // The walk stops where the unreadable record was left out.
        let damage = match unreadable {
            Some(e) if good_end.segments == records.len() as u64 => Some(e),
            _ => damage,
        };
        let damage = damage.map(|e| Damage {
            segment: good_end.segments,
            good_events: good_end.events,
            stored_events: end.events,
            why: match e {
                StorageError::Corrupt(why) => why,
                other => other.to_string(),
            },
        });

        // A snapshot past the damage is of events that are lost.
        let snapshot = newest
            .filter(|(after, _, _)| *after <= good_end.events)
            .map(|(after_events, v, what)| -> Result<_, StorageError> {
                Ok(Snapshot {
                    after_events,
                    bytes: field_bytes(&v, "bytes", &what)?,
                })
            })
            .transpose()?;
        let session = meta
            .get::<JsValue, _, _>(KEY_SESSION)
            .primitive()?
            .await?
            .and_then(|v| v.as_string());
        let (journal, journal_stored) = read_journal(&tx, &meta, session.as_deref()).await?;

        let versions: Vec<StoredVersion> = tx
            .object_store(VERSIONS)?
            .get_all::<StoredVersion>()
            .serde()?
            .await
            .map_err(|e| StorageError::Corrupt(format!("versions: {e}")))?
            .collect::<Result<_, _>>()
            .map_err(|e| StorageError::Corrupt(format!("versions: {e}")))?;

        Ok(Some(Salvage {
            loaded: Loaded {
                genesis,
                snapshot,
                segments,
                session,
                journal,
                journal_stored,
                log_end: good_end,
                versions,
            },
            damage,
        }))
    }

    /// Cuts the stored log back to `end` (a good prefix from
    /// [`Store::load_good_prefix`]) in one transaction: the segments and
    /// snapshots after it are deleted and the session record is replaced
    /// by `session_json` (deleted if `None`), since the old one may point
    /// past the cut.
    pub async fn truncate_to(
        &self,
        end: LogEnd,
        session_json: Option<&str>,
    ) -> Result<(), StorageError> {
        let tx = self.tx(&[META, SEGMENTS, SNAPSHOTS], TransactionMode::Readwrite)?;
        let meta = tx.object_store(META)?;
        let stored = read_log_end(&meta).await?;
        if end.events > stored.events || end.segments > stored.segments {
            return Err(StorageError::Other(format!(
                "cannot cut the log back to segment {}, event {}: it ends at segment {}, event {}",
                end.segments, end.events, stored.segments, stored.events
            )));
        }
        tx.object_store(SEGMENTS)?
            .delete::<f64, _>(num(end.segments)..)
            .primitive()?
            .await?;
        tx.object_store(SNAPSHOTS)?
            .delete::<f64, _>(num(end.events + 1)..)
            .primitive()?
            .await?;
        match session_json {
            Some(text) => {
                meta.put(JsValue::from_str(text))
                    .with_key(KEY_SESSION)
                    .without_key_type()
                    .primitive()?
                    .await?
            }
            None => meta.delete(KEY_SESSION).primitive()?.await?,
        }
        meta.put(log_end_to_js(end))
            .with_key(KEY_LOG_END)
            .without_key_type()
            .primitive()?
            .await?;
        commit(tx).await
    }

    /// The setting `key`, or `None` if it was never set.
    pub async fn get_setting(&self, key: &str) -> Result<Option<serde_json::Value>, StorageError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readonly)?;
        let Some(text) = tx
            .object_store(SETTINGS)?
            .get::<JsValue, _, _>(key)
            .primitive()?
            .await?
        else {
            return Ok(None);
        };
        let bad = || StorageError::Corrupt(format!("setting `{key}`"));
        let text = text.as_string().ok_or_else(bad)?;
        serde_json::from_str(&text).map(Some).map_err(|_| bad())
    }

    pub async fn put_setting(
        &self,
        key: &str,
        value: &serde_json::Value,
    ) -> Result<(), StorageError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS)?
            .put(JsValue::from_str(&value.to_string()))
            .with_key(key)
            .without_key_type()
            .primitive()?
            .await?;
        commit(tx).await
    }
}

/// The journal and how many of its entries the journal store holds.
async fn read_journal(
    tx: &Transaction<'_>,
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    session: Option<&str>,
) -> Result<(Vec<JournalEntryJson>, u64), StorageError> {
    let end = read_journal_end(meta).await?;
    let store = tx.object_store(JOURNAL)?;
    let keys: Vec<f64> = store
        .get_all_keys::<f64>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    if end == 0 && keys.is_empty() {
        // Nothing stored yet: a database of schema 1 keeps its journal in
        // the session record. Every append of schema 2 writes the record
        // without one, in the transaction that fills the store, so a
        // journal in both places is an old record beside the entries that
        // replaced it: the store wins, and the record's is not even read.
        return Ok((v1_journal(session)?, 0));
    }
    let texts = store
        .get_all::<JsValue>()
        .primitive()?
        .await?
        .map(|v| v.map(|v| v.as_string()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((
        decode_journal(keys.into_iter().zip(texts).collect(), end)?,
        end,
    ))
}

/// The number of the first segment holding an event at or after index
/// `after_events`: a binary search over the segments, which are contiguous.
async fn first_segment_after(
    segments: &indexed_db_futures::object_store::ObjectStore<'_>,
    end: LogEnd,
    after_events: u64,
) -> Result<u64, StorageError> {
    let (mut lo, mut hi) = (0, end.segments);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let v = segments
            .get::<JsValue, _, _>(num(mid))
            .primitive()?
            .await?
            .ok_or_else(|| StorageError::Corrupt(t!("segment {i} is missing", i = mid)))?;
        let s = segment_from_js(&v, mid)?;
        if s.first_event_index + u64::from(s.event_count) <= after_events {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// One array holding `parts` one after the other.
fn joined(parts: &[&[u8]]) -> Uint8Array {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let array = Uint8Array::new_with_length(total as u32);
    let mut at = 0u32;
    for part in parts {
        let end = at + part.len() as u32;
        array.subarray(at, end).copy_from(part);
        at = end;
    }
    array
}
