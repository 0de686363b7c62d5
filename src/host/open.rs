//! Opening the workspace: the tab lock (taken if free, waited for, asked
//! for or stolen) and the saved workspace read back, or the built-in one
//! written; the saver is told what was found.

use std::rc::Rc;

use flowlab_engine::codec::{decode_snapshot, genesis_to_json};
use flowlab_engine::scenario::{parse_scenario, parse_script, Scenario};
use flowlab_engine::sim;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::spawn_local;

use super::batch::not_saving_reason;
use super::tab_lock::{self, Acquired, HeldLock, Request};
use super::{Mode, Runtime};
use crate::file_format::samples::sample_workspace;
use crate::i18n::tr;
use crate::saver::{Event, Stored};
use crate::session::event_log::Chunk;
use crate::session::{Clock, EventLog, Session};
use crate::storage::{Loaded, StorageError, Store, SETTING_SOURCE};
use crate::t;

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

/// The built-in workspace in the page's language, and its file.
pub(super) fn builtin() -> (Scenario, String) {
    let text = sample_workspace().into_owned();
    let scenario = parse_scenario("workspace.json", &text).expect("the built-in workspace parses");
    (scenario, text)
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
pub(super) async fn open_when_free(runtime: Runtime) {
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
pub(super) async fn steal(runtime: Runtime) {
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
            runtime.mode.set(Mode::Failed(tr("Another Flowlab tab has this workspace open with an older version of the app. Close that tab, then reload this one.").into()));
            return;
        }
        Err(e) => {
            let reason = not_saving_reason(&e);
            persist.feed(runtime, Event::StorageUnavailable { reason });
            let (scenario, text) = builtin();
            runtime.source.set_value(text);
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
            let (scenario, text) = builtin();
            let stored = Stored::default();
            if writable {
                let genesis = genesis_to_json(&sim::genesis(&scenario)).to_string();
                match store.replace_workspace(&genesis, &text).await {
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
            runtime.source.set_value(text);
            runtime.install(Session::new(sim::genesis(&scenario), scenario.script), mode);
        }
        Err(e) => {
            runtime.mode.set(Mode::Failed(t!(
                "The saved workspace could not be read ({error}). Nothing was changed in storage.",
                error = e
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
            parse_script("workspace", &text)
                .map_err(|e| t!("The saved script does not parse: {error}", error = e))?,
            text,
        ),
        Ok(_) => (Vec::new(), String::new()),
        Err(e) => return Err(t!("The saved script could not be read: {error}", error = e)),
    };
    let record: Option<SessionRecord> = match &loaded.session {
        Some(text) => Some(
            serde_json::from_str(text)
                .map_err(|e| t!("The saved clock does not parse: {error}", error = e))?,
        ),
        None => None,
    };
    let (clock, script_done, cursor) = record.map_or((Clock::default(), 0, None), |r| {
        (r.clock, r.script_done, r.cursor)
    });
    let journal = crate::file_format::script::journal_from_json(loaded.journal)
        .map_err(|e| t!("The saved journal does not parse: {error}", error = e))?;
    let snapshot = match loaded.snapshot {
        Some(s) => Some((
            decode_snapshot(&s.bytes)
                .map_err(|e| t!("The saved snapshot is damaged: {error}", error = e))?,
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
