//! Saving the running workspace: at start, the saved workspace is read back
//! (snapshot + the log after it) or the built-in one is written; after
//! changes, the new events are appended in segments together with the
//! clock and script cursor and the new journal entries, in one
//! transaction; every
//! [`SNAPSHOT_EVERY`] events a snapshot follows. When storage is missing or
//! full, the page goes on in memory and `SaveState` says what is not saved.

use std::rc::Rc;

use flowlab_engine::codec::{decode_snapshot, encode_snapshot, genesis_to_json};
use flowlab_engine::runtime::state::Genesis;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::spawn_local;

use super::tab_lock::{self, Acquired, Request};
use super::{Mode, ReadOnly, Runtime};
use crate::session::event_log::Chunk;
use crate::session::event_log::CHUNK_EVENTS;
use crate::session::{Clock, EventLog, Session};
use crate::storage::{
    plan_segments, JournalAppend, JournalEntryJson, Loaded, StorageError, Store, StoredEnd,
    StoredVersion, SETTING_SOURCE,
};
use crate::workspace::SAMPLE_WORKSPACE;

/// The one workspace the app keeps.
pub const WORKSPACE: &str = "default";
const FLUSH_DELAY_MS: u32 = 300;
/// Events after which a snapshot is due; it is taken once the clock rests
/// (paused), as encoding the whole state is one long piece of work.
const SNAPSHOT_EVERY: usize = 50_000;

/// Whether what the page shows is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Events shown but not written yet.
    Saving {
        unsaved: usize,
    },
    /// Storage cannot be used; the page runs in memory. `reason` says why,
    /// `unsaved` how many events would be lost on closing the tab.
    NotSaving {
        reason: String,
        unsaved: usize,
    },
}

/// Saved with every append: what the log does not hold, but for the
/// journal, which is appended entry by entry beside it. (A record saved by
/// schema 1 also has the whole journal; storage reads it from there.)
#[derive(Serialize, Deserialize)]
pub(super) struct SessionRecord {
    pub clock: Clock,
    pub script_done: usize,
    /// Where the time-travel cursor was, when it was in the past.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<usize>,
}

#[derive(Default)]
struct Inner {
    store: Option<Rc<Store>>,
    /// Why nothing is being saved, if so.
    disabled: Option<String>,
    /// Events of the log known to be stored.
    persisted: usize,
    /// Entries of the journal known to be stored.
    journal_persisted: usize,
    snapshot_at: usize,
    /// Flushes under way (two when the page left during one's write).
    flushing: u32,
    /// The write under way, once its requests are sent: where it will
    /// leave the store, and how much of the log and journal it holds.
    writing: Option<(StoredEnd, Stored)>,
    /// Bumped to abandon a flush that is still encoding.
    flush_token: u64,
    /// The workspace is being replaced: nothing is flushed meanwhile.
    replacing: bool,
    /// Counts replacements, so a flush that straddles one is disregarded.
    generation: u64,
    /// The page is being hidden or unloaded: encode without yielding, so
    /// the write starts before the page goes.
    leaving: bool,
    /// Where the stored log and journal end, as this tab's last append
    /// left them; lets a flush while leaving write without reading first.
    stored_end: Option<StoredEnd>,
    timer: Option<Timeout>,
}

#[derive(Clone, Copy)]
pub(super) struct Persist {
    inner: StoredValue<Inner, LocalStorage>,
}

impl Persist {
    pub(super) fn new() -> Persist {
        Persist {
            inner: StoredValue::new_local(Inner::default()),
        }
    }

    /// The page is being hidden, reloaded or closed: write what is unsaved
    /// now rather than after the usual delay, without yielding to timers
    /// (a hidden page's timers may never fire again).
    pub(super) fn flush_before_leaving(&self, runtime: Runtime) {
        let pending = self.inner.try_update_value(|i| {
            i.leaving = true;
            i.timer.take()
        });
        let Some(pending) = pending else { return };
        if let Some(timer) = pending {
            timer.cancel();
        }
        let (flushing, writing) = self.inner.with_value(|i| (i.flushing > 0, i.writing));
        match writing {
            // Its requests are sent: the rest follows it, from where it ends.
            Some((end, stored)) => spawn_local(self.flush(runtime, Some((end, stored)))),
            None => {
                if flushing {
                    // Still encoding, nothing sent: start again, all at once.
                    self.inner.update_value(|i| i.flush_token += 1);
                }
                spawn_local(self.flush(runtime, None));
            }
        }
    }

    /// The page is shown again: back to saving in the background.
    pub(super) fn back_from_leaving(&self) {
        self.inner.update_value(|i| i.leaving = false);
    }

    /// Something changed: save it soon.
    pub(super) fn schedule(&self, runtime: Runtime) {
        let log_len = runtime.with_untracked(|s| s.whole_log().len()).unwrap_or(0);
        let (disabled, persisted, busy) = self.inner.with_value(|i| {
            (
                i.disabled.clone(),
                i.persisted,
                i.flushing > 0 || i.replacing || i.timer.is_some() || i.store.is_none(),
            )
        });
        let unsaved = log_len.saturating_sub(persisted);
        runtime.save.set(match disabled {
            Some(reason) => SaveState::NotSaving { reason, unsaved },
            None => SaveState::Saving { unsaved },
        });
        if busy {
            return;
        }
        let this = *self;
        let timer = Timeout::new(FLUSH_DELAY_MS, move || {
            this.inner.update_value(|i| i.timer = None);
            spawn_local(this.flush(runtime, None));
        });
        self.inner.update_value(|i| i.timer = Some(timer));
    }

    /// Saves what is not stored yet: after what is known stored, or after
    /// `after`, a write still under way (where it ends, what it holds).
    async fn flush(self, runtime: Runtime, after: Option<(StoredEnd, Stored)>) {
        let Some(store) = self.inner.with_value(|i| i.store.clone()) else {
            return;
        };
        let (stored, known, snapshot_at, generation, token, replacing) =
            self.inner.with_value(|i| {
                let (known, stored) = after.map_or(
                    (
                        i.stored_end,
                        Stored {
                            events: i.persisted,
                            journal: i.journal_persisted,
                        },
                    ),
                    |(end, stored)| (Some(end), stored),
                );
                (
                    stored,
                    known,
                    i.snapshot_at,
                    i.generation,
                    i.flush_token,
                    i.replacing,
                )
            });
        if replacing || runtime.mode.get_untracked() != Mode::Running {
            return;
        }
        let at_rest = runtime.clock.get_untracked().paused;
        let Some(batch) = runtime.mutate(|s| Batch::take(s, stored, snapshot_at, at_rest)) else {
            return;
        };
        self.inner.update_value(|i| i.flushing += 1);
        let current = move || {
            self.inner
                .with_value(|i| i.generation == generation && i.flush_token == token)
        };
        let written = if current() {
            batch.write(&store, known, self, current).await
        } else {
            Written::nothing()
        };
        let abandoned = !current();
        self.inner.update_value(|i| {
            i.flushing -= 1;
            if i.writing.is_some_and(|(_, s)| s.events == batch.end) {
                i.writing = None;
            }
        });
        if abandoned {
            return;
        }
        self.inner.update_value(|i| i.record(&batch, &written));
        if written.appended.is_some() {
            runtime.mutate(|s| s.event_log_mut().join_small(batch.end));
        }
        let result = written.result;
        if result.as_ref().is_err_and(is_conflict) {
            runtime.stop_running(ReadOnly::Conflict);
            return;
        }
        let (log_len, journal_len) = runtime
            .with_untracked(|s| (s.whole_log().len(), s.journal().len()))
            .unwrap_or_default();
        if log_len > batch.end || journal_len > batch.journal_end || result.is_err() {
            self.schedule(runtime);
        } else if self.inner.with_value(|i| i.timer.is_none()) {
            runtime.save.set(SaveState::Saved);
        }
    }
}

impl Inner {
    /// Takes note of what a flush wrote. The append is one transaction and
    /// the versions and snapshot come after it, so a failure after the
    /// append still leaves its events and journal entries stored: the next
    /// flush must start after them, or it would find its own append there
    /// and take it for another tab's.
    fn record(&mut self, batch: &Batch, written: &Written) {
        self.stored_end = written.appended;
        if written.appended.is_some() {
            self.persisted = batch.end;
            self.journal_persisted = batch.journal_end;
            if batch.snapshot.is_some() && written.result.is_ok() {
                self.snapshot_at = batch.end;
            }
        }
        match &written.result {
            Err(e) if !is_conflict(e) => self.disabled = Some(not_saving_reason(e)),
            _ => {}
        }
    }
}

/// The log from event `from` on as segments to append: its chunks as they
/// are when `from` is where one starts (always, when this tab wrote the
/// log before it), else encoded from the events.
fn unsaved_segments(log: &mut EventLog, from: usize) -> Vec<crate::storage::Segment> {
    if let Some(chunks) = log.chunks_from(from) {
        return chunks
            .iter()
            .map(|c| crate::storage::Segment {
                first_event_index: c.first as u64,
                event_count: c.count as u32,
                last_t: c.last_t,
                bytes: c.bytes.clone(),
            })
            .collect();
    }
    let base = from
        .checked_sub(1)
        .map_or(flowlab_engine::time::SimTime::ZERO, |i| log.time_of(i));
    let events: Vec<_> = log.range(from..log.len()).map(|e| e.clone()).collect();
    plan_segments(from as u64, base, &events, CHUNK_EVENTS)
}

/// What [`Batch::write`] got done.
struct Written {
    /// The events, the session record and the journal entries are stored,
    /// and this is where the stored log and journal now end.
    appended: Option<StoredEnd>,
    result: Result<(), StorageError>,
}

impl Written {
    fn nothing() -> Written {
        Written {
            appended: None,
            result: Ok(()),
        }
    }
}

/// Another tab wrote the workspace since this one read it.
fn is_conflict(e: &StorageError) -> bool {
    matches!(
        e,
        StorageError::OutOfOrder { .. }
            | StorageError::JournalOutOfOrder { .. }
            | StorageError::Overtaken
    )
}

/// How much of the log and the journal is known to be stored.
#[derive(Clone, Copy)]
struct Stored {
    events: usize,
    journal: usize,
}

/// One flush: the events not yet stored (the log's chunks, already
/// encoded: [`EventLog::chunks_from`]), the session record and the journal
/// entries not yet stored as they were when the flush began, maybe a
/// snapshot, and the versions published in those events.
struct Batch {
    segments: Vec<crate::storage::Segment>,
    session_json: String,
    /// Journal entries `journal_end - journal.len()` to `journal_end`.
    journal: Vec<JournalEntryJson>,
    journal_end: usize,
    snapshot: Option<Vec<u8>>,
    versions: Vec<StoredVersion>,
    end: usize,
}

impl Batch {
    fn take(session: &mut Session, stored: Stored, snapshot_at: usize, at_rest: bool) -> Batch {
        let end = session.event_log().len();
        let segments = unsaved_segments(session.event_log_mut(), stored.events);
        let record = SessionRecord {
            clock: session.clock(),
            script_done: session.script_done(),
            cursor: session.in_past().then(|| session.position()),
        };
        let snapshot = (at_rest && end - snapshot_at >= SNAPSHOT_EVERY)
            .then(|| encode_snapshot(session.live_state()));
        let state = session.live_state();
        let versions = session
            .published_since(stored.events)
            .filter_map(|(wf, version)| {
                let wf = &state.workflows[wf.0 as usize];
                let v = wf.versions.get(version as usize - 1)?;
                Some(StoredVersion {
                    workflow: wf.draft.id.clone(),
                    version: v.number,
                    hash: v.hash.clone(),
                    note: v.note.clone().unwrap_or_default(),
                    published_at: v.published_at.0,
                    draft_json: v.draft.to_json().to_string(),
                })
            })
            .collect();
        Batch {
            segments,
            session_json: serde_json::to_string(&record).expect("a session record serializes"),
            journal: crate::scenario_export::journal_to_json(&session.journal()[stored.journal..]),
            journal_end: session.journal().len(),
            snapshot,
            versions,
            end,
        }
    }

    /// Writes the batch, one transaction after another, as long as
    /// `current()` says the workspace was not replaced meanwhile.
    async fn write(
        &self,
        store: &Store,
        known: Option<StoredEnd>,
        persist: Persist,
        current: impl Fn() -> bool,
    ) -> Written {
        let journal = JournalAppend {
            first: (self.journal_end - self.journal.len()) as u64,
            entries: &self.journal,
        };
        let appended = match known {
            Some(known) => {
                // Sent whole at the first poll below: from then on a flush
                // for what comes next can follow this one.
                if let Ok(end) = known.after(&self.segments, journal) {
                    let holds = Stored {
                        events: self.end,
                        journal: self.journal_end,
                    };
                    persist
                        .inner
                        .update_value(|i| i.writing = Some((end, holds)));
                }
                store
                    .append_with_session_after(known, &self.segments, &self.session_json, journal)
                    .await
            }
            None => {
                store
                    .append_with_session(&self.segments, &self.session_json, journal)
                    .await
            }
        };
        match appended {
            Ok(end) => Written {
                appended: Some(end),
                result: self.write_versions_and_snapshot(store, current).await,
            },
            Err(e) => Written {
                appended: None,
                result: Err(e),
            },
        }
    }

    async fn write_versions_and_snapshot(
        &self,
        store: &Store,
        current: impl Fn() -> bool,
    ) -> Result<(), StorageError> {
        for v in &self.versions {
            if !current() {
                return Ok(());
            }
            match store.add_version(v).await {
                Ok(()) | Err(StorageError::VersionExists { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        if let Some(bytes) = self.snapshot.as_ref().filter(|_| current()) {
            store.put_snapshot(self.end as u64, bytes).await?;
        }
        Ok(())
    }
}

fn not_saving_reason(e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded => {
            "the browser's storage is full, so new events are kept only in this tab".into()
        }
        StorageError::Blocked => {
            "another Flowlab tab holds an older version of the workspace open; close it and reload"
                .into()
        }
        other => format!("{other}; new events are kept only in this tab"),
    }
}

fn builtin() -> Scenario {
    parse_scenario("workspace.json", SAMPLE_WORKSPACE).expect("the built-in workspace parses")
}

/// Takes the tab lock if free and opens the workspace; read-only when
/// another tab runs it, until that tab closes.
pub(super) fn start(runtime: Runtime) {
    spawn_local(async move {
        match tab_lock::acquire(WORKSPACE, Request::IfAvailable, lost(runtime)).await {
            Acquired::Held | Acquired::Unsupported => open(runtime, true).await,
            Acquired::Taken => {
                open(runtime, false).await;
                open_when_free(runtime).await;
            }
        }
    });
}

/// Waits for the tab that runs the workspace to close, then runs it here
/// from what that tab saved (unless this tab took it over meanwhile).
async fn open_when_free(runtime: Runtime) {
    if tab_lock::acquire(WORKSPACE, Request::Wait, lost(runtime)).await == Acquired::Held
        && matches!(runtime.mode.get_untracked(), Mode::ReadOnly(_))
    {
        open(runtime, true).await;
    }
}

pub(super) fn take_over(runtime: Runtime) {
    spawn_local(async move {
        tab_lock::acquire(WORKSPACE, Request::Steal, lost(runtime)).await;
        open(runtime, true).await;
    });
}

fn lost(runtime: Runtime) -> impl FnOnce() + 'static {
    move || {
        runtime.stop_running(ReadOnly::TakenOver);
        spawn_local(open_when_free(runtime));
    }
}

/// Opens the saved workspace, or the built-in one, and installs it: to
/// run and save when `writable`, to look at otherwise.
async fn open(runtime: Runtime, writable: bool) {
    let persist = runtime.persist;
    let mode = if writable {
        Mode::Running
    } else {
        Mode::ReadOnly(ReadOnly::OtherTab)
    };
    persist.inner.update_value(|i| {
        i.store = None;
        i.stored_end = None;
        i.generation += 1;
    });
    let store = match Store::open(WORKSPACE).await {
        Ok(store) => Rc::new(store),
        // Showing the sample workspace here would hide the person's own.
        Err(StorageError::Blocked) => {
            runtime.mode.set(Mode::Failed(
                "Another Flowlab tab has this workspace open with an older version of the app. \
                 Close that tab, then reload this one."
                    .into(),
            ));
            return;
        }
        Err(e) => {
            persist
                .inner
                .update_value(|i| i.disabled = Some(not_saving_reason(&e)));
            let scenario = builtin();
            runtime.source.set_value(SAMPLE_WORKSPACE.to_owned());
            runtime.install(Session::new(sim::genesis(&scenario), scenario.script), mode);
            return;
        }
    };
    match store.load().await {
        Ok(Some(loaded)) => {
            let journal_stored = loaded.journal_stored as usize;
            match restore(&store, loaded).await {
                Ok((session, source)) => {
                    runtime.source.set_value(source);
                    let n = session.whole_log().len();
                    persist.inner.update_value(|i| {
                        i.store = writable.then_some(store);
                        i.persisted = n;
                        i.journal_persisted = journal_stored;
                        i.snapshot_at = n;
                        i.disabled = None;
                    });
                    runtime.install(session, mode);
                }
                Err(why) => runtime.mode.set(Mode::Failed(why)),
            }
        }
        Ok(None) => {
            let scenario = builtin();
            if writable {
                let genesis = genesis_to_json(&sim::genesis(&scenario)).to_string();
                match store.replace_workspace(&genesis, SAMPLE_WORKSPACE).await {
                    Ok(()) => persist.inner.update_value(|i| {
                        i.store = Some(store);
                        i.persisted = 0;
                        i.journal_persisted = 0;
                        i.snapshot_at = 0;
                    }),
                    Err(e) => persist
                        .inner
                        .update_value(|i| i.disabled = Some(not_saving_reason(&e))),
                }
            }
            runtime.source.set_value(SAMPLE_WORKSPACE.to_owned());
            runtime.install(Session::new(sim::genesis(&scenario), scenario.script), mode);
        }
        Err(e) => {
            runtime.mode.set(Mode::Failed(format!(
                "The saved workspace could not be read ({e}). Nothing was changed in storage."
            )));
            if writable {
                super::recover::salvage(runtime, store).await;
            }
        }
    }
}

impl Persist {
    /// Saves to `store` from here on; it holds the first `events` events
    /// of the log and `journal` journal entries.
    pub(super) fn resume(&self, store: Rc<Store>, events: usize, journal: usize) {
        self.inner.update_value(|i| {
            i.store = Some(store);
            i.persisted = events;
            i.journal_persisted = journal;
            i.snapshot_at = events;
            i.stored_end = None;
            i.disabled = None;
        });
    }

    /// Keeps `store` open for a workspace that replaces the unusable one
    /// stored there; nothing is saved until then.
    pub(super) fn keep_store(&self, store: Rc<Store>) {
        self.inner.update_value(|i| i.store = Some(store));
    }

    /// Stores a new workspace in place of the saved one and saves from
    /// its first event on. Without storage this only forgets the old log.
    pub(super) async fn start_over(
        &self,
        genesis: &Genesis,
        source: &str,
    ) -> Result<(), StorageError> {
        if let Some(t) = self.inner.try_update_value(|i| i.timer.take()).flatten() {
            t.cancel();
        }
        self.inner.update_value(|i| i.replacing = true);
        // A flush under way ends first, so that what it appends is counted
        // if the replacement is refused.
        while self.inner.with_value(|i| i.flushing > 0) {
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
        let store = self.inner.with_value(|i| i.store.clone());
        let result = match store {
            Some(store) => {
                store
                    .replace_workspace(&genesis_to_json(genesis).to_string(), source)
                    .await
            }
            None => Ok(()),
        };
        self.inner.update_value(|i| {
            i.replacing = false;
            if result.is_ok() {
                i.persisted = 0;
                i.journal_persisted = 0;
                i.snapshot_at = 0;
                i.stored_end = None;
                i.generation += 1;
            }
        });
        result
    }
}

pub(super) async fn restore(store: &Store, loaded: Loaded) -> Result<(Session, String), String> {
    let (script, source) = match store.get_setting(SETTING_SOURCE).await {
        Ok(Some(serde_json::Value::String(text))) => (
            parse_scenario("workspace", &text)
                .map(|s| s.script)
                .map_err(|e| format!("The saved script does not parse: {e}"))?,
            text,
        ),
        Ok(_) => (Vec::new(), String::new()),
        Err(e) => return Err(format!("The saved script could not be read: {e}")),
    };
    let record: Option<SessionRecord> = match &loaded.session {
        Some(text) => Some(
            serde_json::from_str(text)
                .map_err(|e| format!("The saved clock does not parse: {e}"))?,
        ),
        None => None,
    };
    let (clock, script_done, cursor) = record.map_or((Clock::default(), 0, None), |r| {
        (r.clock, r.script_done, r.cursor)
    });
    let journal = crate::scenario_export::journal_from_json(loaded.journal)
        .map_err(|e| format!("The saved journal does not parse: {e}"))?;
    let snapshot = match loaded.snapshot {
        Some(s) => Some((
            decode_snapshot(&s.bytes).map_err(|e| format!("The saved snapshot is damaged: {e}"))?,
            s.after_events as usize,
        )),
        None => None,
    };
    let chunks = loaded
        .segments
        .into_iter()
        .map(|s| Chunk {
            first: s.first_event_index as usize,
            count: s.event_count as usize,
            last_t: s.last_t,
            bytes: s.bytes,
        })
        .collect();
    let log = EventLog::from_chunks(chunks, Vec::new());
    Session::restore(loaded.genesis, snapshot, log, script, script_done, clock)
        .map(|mut session| {
            session.set_journal(journal);
            if let Some(position) = cursor {
                session.go_to(position);
            }
            (session, source)
        })
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::command::Command;
    use flowlab_engine::time::SimTime;

    #[test]
    fn a_batch_carries_only_the_journal_entries_not_yet_stored() {
        let scenario = builtin();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        s.advance_to(SimTime(60_000), usize::MAX).unwrap();
        for e in ["e1", "e2", "e3"] {
            s.command(&Command::Stop {
                execution: e.into(),
            })
            .unwrap();
        }
        let stored = Stored {
            events: s.whole_log().len() - 1,
            journal: 1,
        };
        let batch = Batch::take(&mut s, stored, 0, false);
        assert_eq!(batch.journal_end, 3);
        assert_eq!(
            batch.journal,
            crate::scenario_export::journal_to_json(&s.journal()[1..])
        );
        let record: serde_json::Value = serde_json::from_str(&batch.session_json).unwrap();
        assert_eq!(record.get("journal"), None, "{record}");
        assert_eq!(record["script_done"], s.script_done());
    }

    fn batch_of_a_run_with_commands() -> Batch {
        let scenario = builtin();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        s.advance_to(SimTime(60_000), usize::MAX).unwrap();
        s.command(&Command::Stop {
            execution: "e1".into(),
        })
        .unwrap();
        let mut batch = Batch::take(
            &mut s,
            Stored {
                events: 0,
                journal: 0,
            },
            0,
            true,
        );
        batch.snapshot = Some(vec![1, 2, 3]);
        batch
    }

    fn stored_end() -> StoredEnd {
        StoredEnd {
            log: crate::storage::LogEnd {
                segments: 2,
                events: 9,
                last_t: flowlab_engine::time::SimTime(60_000),
            },
            journal: 1,
        }
    }

    #[test]
    fn a_failure_after_the_append_still_counts_the_append() {
        let batch = batch_of_a_run_with_commands();
        let mut inner = Inner::default();
        inner.record(
            &batch,
            &Written {
                appended: Some(stored_end()),
                result: Err(StorageError::QuotaExceeded),
            },
        );
        assert_eq!(
            (inner.persisted, inner.journal_persisted, inner.snapshot_at),
            (batch.end, 1, 0),
            "the snapshot was not written"
        );
        assert!(inner
            .disabled
            .as_deref()
            .unwrap()
            .contains("storage is full"));
    }

    #[test]
    fn a_refused_append_counts_nothing_and_a_whole_write_counts_everything() {
        let batch = batch_of_a_run_with_commands();
        let mut inner = Inner::default();
        let refused = StorageError::OutOfOrder {
            expected: 0,
            got: 5,
        };
        inner.record(
            &batch,
            &Written {
                appended: None,
                result: Err(refused),
            },
        );
        assert_eq!((inner.persisted, inner.journal_persisted), (0, 0));
        assert_eq!(inner.stored_end, None, "where the store ends is not known");
        assert!(
            inner.disabled.is_none(),
            "a conflict is not a storage failure"
        );
        inner.record(
            &batch,
            &Written {
                appended: Some(stored_end()),
                result: Ok(()),
            },
        );
        assert_eq!(
            (inner.persisted, inner.journal_persisted, inner.snapshot_at),
            (batch.end, 1, batch.end)
        );
        assert_eq!(inner.stored_end, Some(stored_end()));
    }
}
