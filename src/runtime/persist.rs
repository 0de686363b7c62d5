//! The saver's adapter: feeds the page's events (changes, timers, writes
//! answered, the page leaving, the tab lock asked for or lost) into the
//! pure [`Saver`] machine (`src/saver/`) and carries out its effects with
//! IndexedDB, the Web Locks lock and gloo timers. At start the saved
//! workspace is read back (snapshot + the log after it) or the built-in
//! one is written; writes append the new events in segments together with
//! the clock and script cursor and the new journal entries, in one
//! transaction, then the versions published and, when due, a snapshot.

use std::collections::VecDeque;
use std::rc::Rc;

use flowlab_engine::codec::{decode_snapshot, encode_snapshot, genesis_to_json};
use flowlab_engine::runtime::state::Genesis;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use futures::channel::oneshot;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::spawn_local;

use super::tab_lock::{self, Acquired, HeldLock, Request};
use super::{Mode, Runtime};
use crate::saver::{Effect, Event, Moment, Saver, Stored, WriteError, WriteOrder, WriteOutcome};
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
    saver: Saver,
    store: Option<Rc<Store>>,
    timer: Option<Timeout>,
    /// The tab lock, while this tab holds it.
    lock: Option<HeldLock>,
    /// Counts lock requests: a loss reported for an older one is not this
    /// tab's current lock's.
    lock_request: u64,
    /// The request waiting for the lock, given up when this tab steals it.
    waiting: Option<web_sys::AbortController>,
    /// Events fed while effects are carried out wait here, in order.
    queue: VecDeque<Event>,
    draining: bool,
    /// Replacements waiting for the writes under way to end.
    replacing: Vec<oneshot::Sender<()>>,
}

#[derive(Clone, Copy)]
pub(super) struct Persist {
    inner: StoredValue<Inner, LocalStorage>,
}

/// When an event happens, and what the page holds then.
fn moment(runtime: Runtime) -> Moment {
    let held = runtime
        .with_untracked(|s| Stored {
            events: s.whole_log().len(),
            journal: s.journal().len(),
        })
        .unwrap_or_default();
    Moment {
        ms: js_sys::Date::now() as u64,
        held,
        at_rest: runtime.clock.get_untracked().paused,
    }
}

impl Persist {
    pub(super) fn new() -> Persist {
        Persist {
            inner: StoredValue::new_local(Inner::default()),
        }
    }

    /// Feeds `event` to the machine and carries out what it says; events
    /// fed meanwhile (by the effects) follow in order.
    fn feed(self, runtime: Runtime, event: Event) {
        let first = self.inner.try_update_value(|i| {
            i.queue.push_back(event);
            !std::mem::replace(&mut i.draining, true)
        });
        if first != Some(true) {
            return;
        }
        loop {
            let at = moment(runtime);
            let effects = self
                .inner
                .try_update_value(|i| i.queue.pop_front().map(|e| i.saver.step(e, at)))
                .flatten();
            let Some(effects) = effects else { break };
            for effect in effects {
                self.carry_out(runtime, effect, at.ms);
            }
        }
        self.inner.update_value(|i| i.draining = false);
    }

    fn carry_out(self, runtime: Runtime, effect: Effect, now: u64) {
        match effect {
            Effect::Show(state) => runtime.save.set(state),
            Effect::WakeAt(at) => {
                let delay = u32::try_from(at.saturating_sub(now)).unwrap_or(u32::MAX);
                let timer = Timeout::new(delay, move || {
                    self.inner.update_value(|i| i.timer = None);
                    self.feed(runtime, Event::Wake);
                });
                // Dropping the one it replaces cancels it.
                self.inner.update_value(|i| i.timer = Some(timer));
            }
            Effect::CancelWake => {
                if let Some(t) = self.inner.try_update_value(|i| i.timer.take()).flatten() {
                    t.cancel();
                }
            }
            Effect::Write(order) => self.write(runtime, order),
            Effect::JoinStored { upto } => {
                runtime.mutate(|s| s.event_log_mut().join_small(upto));
            }
            Effect::GoReadOnly(why) => runtime.stop_running(why),
            Effect::ReleaseLock => {
                if let Some(lock) = self.inner.try_update_value(|i| i.lock.take()).flatten() {
                    lock.release();
                }
            }
            Effect::WaitForLock => spawn_local(open_when_free(runtime)),
            Effect::AskForLock => {
                if !tab_lock::ask_holder() {
                    spawn_local(steal(runtime));
                }
            }
            Effect::StealLock => spawn_local(steal(runtime)),
            Effect::Replace => {
                for waiting in self
                    .inner
                    .try_update_value(|i| std::mem::take(&mut i.replacing))
                    .unwrap_or_default()
                {
                    let _ = waiting.send(());
                }
            }
        }
    }

    /// Starts a write: the batch is taken now, its requests sent at once
    /// when the store's end is known; the answer comes back as events.
    fn write(self, runtime: Runtime, order: WriteOrder) {
        let id = order.id;
        let store = self.inner.with_value(|i| i.store.clone());
        let batch = runtime.mutate(|s| Batch::take(s, order.from, order.snapshot));
        let (Some(store), Some(batch)) = (store, batch) else {
            let holds = order.from;
            let outcome = WriteOutcome {
                appended: None,
                error: Some(WriteError::Storage(
                    "the workspace's storage is not open".into(),
                )),
            };
            self.feed(runtime, Event::WriteDone { id, holds, outcome });
            return;
        };
        let holds = Stored {
            events: batch.end,
            journal: batch.journal_end,
        };
        if let Some(known) = order.after {
            if let Ok(end) = known.after(&batch.segments, batch.journal_append()) {
                self.feed(runtime, Event::WriteSent { id, end, holds });
            }
        }
        spawn_local(async move {
            let current = move || self.inner.with_value(|i| i.saver.awaits(id));
            let outcome = batch.write(&store, order.after, current).await;
            self.feed(runtime, Event::WriteDone { id, holds, outcome });
        });
    }

    /// The page is being hidden, reloaded or closed: write what is unsaved
    /// now rather than after the usual delay.
    pub(super) fn flush_before_leaving(&self, runtime: Runtime) {
        self.feed(runtime, Event::Leaving);
    }

    /// The page is shown again: back to saving in the background.
    pub(super) fn back_from_leaving(&self, runtime: Runtime) {
        self.feed(runtime, Event::Back);
    }

    /// Something changed: save it soon.
    pub(super) fn schedule(&self, runtime: Runtime) {
        self.feed(runtime, Event::Changed);
    }

    /// Saves to `store` from here on; it holds the first `events` events
    /// of the log and `journal` journal entries.
    pub(super) fn resume(&self, runtime: Runtime, store: Rc<Store>, events: usize, journal: usize) {
        self.inner.update_value(|i| i.store = Some(store));
        let stored = Stored { events, journal };
        self.feed(
            runtime,
            Event::Opened {
                stored,
                owner: true,
            },
        );
    }

    /// Keeps `store` open for a workspace that replaces the unusable one
    /// stored there; nothing is saved until then.
    pub(super) fn keep_store(&self, runtime: Runtime, store: Rc<Store>) {
        self.resume(runtime, store, 0, 0);
    }

    /// Stores a new workspace in place of the saved one and saves from
    /// its first event on, once the writes under way ended. Without
    /// storage this only forgets the old log.
    pub(super) async fn start_over(
        &self,
        runtime: Runtime,
        genesis: &Genesis,
        source: &str,
    ) -> Result<(), StorageError> {
        let (tx, rx) = oneshot::channel();
        self.inner.update_value(|i| i.replacing.push(tx));
        self.feed(runtime, Event::ReplaceRequested);
        let _ = rx.await;
        let store = self.inner.with_value(|i| i.store.clone());
        let result = match store {
            Some(store) => {
                store
                    .replace_workspace(&genesis_to_json(genesis).to_string(), source)
                    .await
            }
            None => Ok(()),
        };
        self.feed(runtime, Event::Replaced { ok: result.is_ok() });
        result
    }

    /// The person asks to run the workspace in this read-only tab.
    pub(super) fn take_over(&self, runtime: Runtime) {
        self.feed(runtime, Event::TakeOver);
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

/// Another tab wrote the workspace since this one read it.
fn is_conflict(e: &StorageError) -> bool {
    matches!(
        e,
        StorageError::OutOfOrder { .. }
            | StorageError::JournalOutOfOrder { .. }
            | StorageError::Overtaken
    )
}

fn write_error(e: &StorageError) -> WriteError {
    if is_conflict(e) {
        WriteError::Conflict
    } else {
        WriteError::Storage(not_saving_reason(e))
    }
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
    fn take(session: &mut Session, stored: Stored, snapshot: bool) -> Batch {
        let end = session.event_log().len();
        let segments = unsaved_segments(session.event_log_mut(), stored.events);
        let record = SessionRecord {
            clock: session.clock(),
            script_done: session.script_done(),
            cursor: session.in_past().then(|| session.position()),
        };
        let snapshot = snapshot.then(|| encode_snapshot(session.live_state()));
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

    fn journal_append(&self) -> JournalAppend<'_> {
        JournalAppend {
            first: (self.journal_end - self.journal.len()) as u64,
            entries: &self.journal,
        }
    }

    /// Writes the batch, one transaction after another, as long as
    /// `current()` says the machine still waits for it.
    async fn write(
        &self,
        store: &Store,
        known: Option<StoredEnd>,
        current: impl Fn() -> bool,
    ) -> WriteOutcome {
        let journal = self.journal_append();
        let appended = match known {
            Some(known) => {
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
            Ok(end) => WriteOutcome {
                appended: Some(end),
                error: self
                    .write_versions_and_snapshot(store, current)
                    .await
                    .err()
                    .map(|e| write_error(&e)),
            },
            Err(e) => WriteOutcome {
                appended: None,
                error: Some(write_error(&e)),
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

/// Requests the tab lock; a loss is reported to the machine only for the
/// latest request (stealing from itself loses an older one).
async fn lock(runtime: Runtime, request: Request) -> Acquired {
    let persist = runtime.persist;
    let abort = (request == Request::Wait)
        .then(|| web_sys::AbortController::new().ok())
        .flatten();
    let number = persist.inner.try_update_value(|i| {
        i.lock_request += 1;
        if abort.is_some() {
            i.waiting = abort.clone();
        }
        i.lock_request
    });
    let on_lost = move || {
        if persist
            .inner
            .with_value(|i| Some(i.lock_request) == number && i.lock.is_some())
        {
            persist.inner.update_value(|i| i.lock = None);
            persist.feed(runtime, Event::LockLost);
        }
    };
    let acquired = tab_lock::acquire(WORKSPACE, request, abort, on_lost).await;
    if let Acquired::Held(_) = &acquired {
        persist.inner.update_value(|i| i.waiting = None);
    }
    acquired
}

/// Keeps the lock this tab now holds (letting go of any older one).
fn keep(runtime: Runtime, lock: HeldLock) {
    if let Some(old) = runtime
        .persist
        .inner
        .try_update_value(|i| i.lock.replace(lock))
        .flatten()
    {
        old.release();
    }
}

/// Takes the tab lock if free and opens the workspace; read-only when
/// another tab runs it, until that tab closes or hands it over.
pub(super) fn start(runtime: Runtime) {
    tab_lock::listen_for_requests(WORKSPACE, move || {
        runtime.persist.feed(runtime, Event::LockRequested)
    });
    spawn_local(async move {
        match lock(runtime, Request::IfAvailable).await {
            Acquired::Held(held) => {
                keep(runtime, held);
                open(runtime, true).await;
            }
            Acquired::Unsupported => open(runtime, true).await,
            Acquired::Taken => {
                open(runtime, false).await;
                open_when_free(runtime).await;
            }
        }
    });
}

/// Waits for the tab that runs the workspace to close or hand it over,
/// then runs it here from what that tab saved (unless this tab took it
/// meanwhile).
async fn open_when_free(runtime: Runtime) {
    if let Acquired::Held(held) = lock(runtime, Request::Wait).await {
        if matches!(runtime.mode.get_untracked(), Mode::ReadOnly(_)) {
            keep(runtime, held);
            open(runtime, true).await;
        } else {
            held.release();
        }
    }
}

/// Takes the lock without asking (no answer came, or this tab holds it
/// already after a conflict), then opens what is saved.
async fn steal(runtime: Runtime) {
    if let Some(waiting) = runtime
        .persist
        .inner
        .try_update_value(|i| i.waiting.take())
        .flatten()
    {
        waiting.abort();
    }
    if let Acquired::Held(held) = lock(runtime, Request::Steal).await {
        keep(runtime, held);
    }
    open(runtime, true).await;
}

/// Opens the saved workspace, or the built-in one, and installs it: to
/// run and save when `writable`, to look at otherwise.
async fn open(runtime: Runtime, writable: bool) {
    let persist = runtime.persist;
    let mode = if writable {
        Mode::Running
    } else {
        Mode::ReadOnly(crate::saver::ReadOnly::OtherTab)
    };
    persist.inner.update_value(|i| i.store = None);
    persist.feed(runtime, Event::Reopening);
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
            let reason = not_saving_reason(&e);
            persist.feed(runtime, Event::StorageUnavailable { reason });
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
                    let stored = Stored {
                        events: session.whole_log().len(),
                        journal: journal_stored,
                    };
                    persist
                        .inner
                        .update_value(|i| i.store = writable.then_some(store));
                    persist.feed(
                        runtime,
                        Event::Opened {
                            stored,
                            owner: writable,
                        },
                    );
                    runtime.install(session, mode);
                }
                Err(why) => runtime.mode.set(Mode::Failed(why)),
            }
        }
        Ok(None) => {
            let scenario = builtin();
            let stored = Stored::default();
            if writable {
                let genesis = genesis_to_json(&sim::genesis(&scenario)).to_string();
                match store.replace_workspace(&genesis, SAMPLE_WORKSPACE).await {
                    Ok(()) => {
                        persist.inner.update_value(|i| i.store = Some(store));
                        persist.feed(
                            runtime,
                            Event::Opened {
                                stored,
                                owner: true,
                            },
                        );
                    }
                    Err(e) => {
                        let reason = not_saving_reason(&e);
                        persist.feed(runtime, Event::StorageUnavailable { reason });
                    }
                }
            } else {
                persist.feed(
                    runtime,
                    Event::Opened {
                        stored,
                        owner: false,
                    },
                );
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
        let batch = Batch::take(&mut s, stored, false);
        assert_eq!(batch.journal_end, 3);
        assert_eq!(
            batch.journal,
            crate::scenario_export::journal_to_json(&s.journal()[1..])
        );
        let record: serde_json::Value = serde_json::from_str(&batch.session_json).unwrap();
        assert_eq!(record.get("journal"), None, "{record}");
        assert_eq!(record["script_done"], s.script_done());
    }
}
