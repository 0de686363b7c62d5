//! The saver's adapter: feeds the page's events (changes, timers, writes
//! answered, the page leaving, the tab lock asked for or lost) into the
//! pure [`Saver`] machine (`src/saver/`) and carries out its effects with
//! IndexedDB, the Web Locks lock and gloo timers. Opening the workspace is
//! `open.rs`; what one write takes and sends is `batch.rs`.

use std::collections::VecDeque;
use std::rc::Rc;

use flowlab_engine::codec::genesis_to_json;
use flowlab_engine::runtime::state::Genesis;
use futures::channel::oneshot;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::batch::Batch;
use super::open::{open_when_free, steal};
use super::tab_lock::{self, HeldLock};
use super::Runtime;
use crate::saver::{Effect, Event, Moment, Saver, Stored, WriteError, WriteOrder, WriteOutcome};
use crate::storage::{StorageError, Store};

#[derive(Default)]
pub(super) struct Inner {
    pub(super) saver: Saver,
    pub(super) store: Option<Rc<Store>>,
    pub(super) timer: Option<Timeout>,
    /// The tab lock, while this tab holds it.
    pub(super) lock: Option<HeldLock>,
    /// Counts lock requests: a loss reported for an older one is not this
    /// tab's current lock's.
    pub(super) lock_request: u64,
    /// The request waiting for the lock, given up when this tab steals it.
    pub(super) waiting: Option<web_sys::AbortController>,
    /// Events fed while effects are carried out wait here, in order.
    pub(super) queue: VecDeque<Event>,
    pub(super) draining: bool,
    /// Replacements waiting for the writes under way to end.
    pub(super) replacing: Vec<oneshot::Sender<()>>,
}

#[derive(Clone, Copy)]
pub(super) struct Persist {
    pub(super) inner: StoredValue<Inner, LocalStorage>,
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
    pub(super) fn feed(self, runtime: Runtime, event: Event) {
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
        let batch = runtime.mutate(|s| Batch::take(s, order.from, order.upto, order.snapshot));
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
            let snapshot = super::sliced_snapshot::encode(runtime, batch.end);
            let outcome = batch.write(&store, order.after, current, snapshot).await;
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
