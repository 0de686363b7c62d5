//! The saver of one tab: whether it runs the workspace (holds the tab lock)
//! or shows it read-only, and what of the log is stored.
//!
//! | state                          | event                        | next                          | effects                                            |
//! |--------------------------------|------------------------------|-------------------------------|----------------------------------------------------|
//! | any                            | Reopening                    | Opening                       | CancelWake (writes under way are forgotten)        |
//! | any                            | Opened (owner)               | Idle                          | CancelWake                                         |
//! | any                            | Opened (not owner)           | ReadOnly(OtherTab)            | CancelWake                                         |
//! | any                            | StorageUnavailable(why)      | Unavailable(why)              | CancelWake                                         |
//! | Idle, Dirty                    | Changed while at rest, or a full write's worth unsaved | Writing | CancelWake, Show(saving), Write    |
//! | Idle                           | Changed                      | Dirty(now + 300 ms)           | Show(saving), WakeAt                               |
//! | Dirty                          | Changed                      | Dirty (same due time)         | Show(saving)                                       |
//! | Idle, Dirty                    | Changed while leaving        | Writing                       | CancelWake, Show(saving), Write                    |
//! | Dirty                          | Wake, due                    | Writing                       | Write                                              |
//! | Dirty                          | Wake, early                  | Dirty                         | WakeAt(due)                                        |
//! | Writing                        | Changed                      | Writing, dirty                | Show(saving)                                       |
//! | Writing                        | WriteSent                    | Writing, its end known        | Write the rest after it, if leaving or handing over|
//! | Writing                        | WriteDone, conflict          | ReadOnly(Conflict)            | CancelWake, GoReadOnly(Conflict)                   |
//! | Writing                        | WriteDone, a write follows   | Writing                       | JoinStored                                         |
//! | Writing (go on)                | WriteDone, all stored        | Idle                          | JoinStored, Show(Saved)                            |
//! | Writing (go on)                | WriteDone, more, and leaving, at rest or a full write's worth | Writing | JoinStored, Show(saving), Write |
//! | Writing (go on)                | WriteDone, more or failed    | Dirty                         | JoinStored, Show(saving / not saving), WakeAt      |
//! | Writing (hand over)            | WriteDone, more unsaved      | Writing (hand over)           | JoinStored, Write                                  |
//! | Writing (hand over)            | WriteDone, all or failed     | ReadOnly(TakenOver)           | JoinStored, Show, ReleaseLock, WaitForLock         |
//! | Writing (replace)              | WriteDone                    | Replacing                     | JoinStored, Replace                                |
//! | Idle                           | Leaving                      | Idle                          | –                                                  |
//! | Dirty                          | Leaving                      | Writing                       | CancelWake, Write                                  |
//! | Writing                        | Leaving                      | Writing, dirty                | Write the rest after it, when its end is known     |
//! | any                            | Back                         | (same)                        | –                                                  |
//! | Idle, Unavailable              | LockRequested                | ReadOnly(TakenOver)           | GoReadOnly(TakenOver), ReleaseLock, WaitForLock    |
//! | Dirty                          | LockRequested                | Writing (hand over)           | CancelWake, GoReadOnly(TakenOver), Write           |
//! | Writing                        | LockRequested                | Writing (hand over), dirty    | GoReadOnly(TakenOver), the rest as for Leaving     |
//! | ReadOnly(Conflict)             | LockRequested                | ReadOnly(TakenOver)           | ReleaseLock, WaitForLock                           |
//! | Opening, Replacing, Asking, ReadOnly(other) | LockRequested   | (same)                        | – (the asking tab takes it after the grace)        |
//! | Idle, Dirty, Writing, Replacing, Unavailable | LockLost       | ReadOnly(TakenOver)           | CancelWake, GoReadOnly(TakenOver), WaitForLock     |
//! | Opening, ReadOnly, Asking      | LockLost                     | (same)                        | –                                                  |
//! | ReadOnly(OtherTab, TakenOver)  | TakeOver                     | Asking(now + grace)           | AskForLock, WakeAt                                 |
//! | ReadOnly(Conflict)             | TakeOver                     | Opening                       | StealLock (this tab still holds the lock)          |
//! | Asking                         | Wake, grace over             | Opening                       | StealLock                                          |
//! | Asking                         | Wake, early                  | Asking                        | WakeAt(deadline)                                   |
//! | Idle, Dirty                    | ReplaceRequested             | Replacing                     | CancelWake, Replace                                |
//! | Writing                        | ReplaceRequested             | Writing (replace)             | – (Replace once it ends, however it ends)          |
//! | Replacing, Opening, ReadOnly, Asking, Unavailable | ReplaceRequested | (same)               | Replace (nothing is being written)                 |
//! | Replacing                      | Replaced, ok                 | Idle, nothing stored          | –                                                  |
//! | Replacing                      | Replaced, refused            | Dirty                         | Show(saving), WakeAt                               |
//! | Unavailable                    | Changed                      | Unavailable                   | Show(not saving, why)                              |
//! | Opening, ReadOnly, Asking, Replacing | Changed, Leaving     | (same)                        | –                                                  |
//! | any but the above              | Wake, WriteSent, WriteDone, Replaced, TakeOver | (same)      | – (a late or stale answer is harmless)             |
//!
//! "Saving" shows `Saving { unsaved }`, or `NotSaving` naming why while
//! the last write failed; a failed write is tried again after the delay.
//! A write takes at most [`WRITE_MAX_EVENTS`] events, so that no write
//! holds the page for long; a backlog of more is written in a row. A page
//! being left writes everything at once.

use crate::storage::StoredEnd;

use super::effects::{Effect, ReadOnly, SaveState, WriteOrder};

/// Real milliseconds between a change and its write: changes close together
/// are written together.
pub const FLUSH_DELAY_MS: u64 = 300;
/// How long a tab that asked for the lock waits for the holder to save and
/// hand it over before it takes it anyway (the holder may be frozen).
pub const HANDOVER_GRACE_MS: u64 = 3_000;
/// Events after which a snapshot is due; it is taken once the clock rests
/// (paused), as encoding the whole state is one long piece of work.
pub const SNAPSHOT_EVERY: usize = 50_000;
/// The most events one write takes (whole chunks up to this many): about
/// 1.7 MB encoded, a few milliseconds of the page's time to hand over.
pub const WRITE_MAX_EVENTS: usize = 1 << 18;

/// How much of the log and the journal: stored, held, or in a write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub events: usize,
    pub journal: usize,
}

/// Names one write, so that a late answer from a forgotten one is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteId(pub u64);

/// When an event happens and what the page holds then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// Real time, in ms.
    pub ms: u64,
    /// The page's log and journal.
    pub held: Stored,
    /// The simulated clock is paused (a snapshot may be taken).
    pub at_rest: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// Another tab wrote the workspace since this one read it.
    Conflict,
    /// Storage refused; the sentence says why, for the header.
    Storage(String),
}

/// What a write got done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOutcome {
    /// The events, session record and journal entries are stored, and this
    /// is where the stored log and journal now end.
    pub appended: Option<StoredEnd>,
    /// What failed, in the append or after it (versions, snapshot).
    pub error: Option<WriteError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The tab (again) opens the workspace: a lock was granted.
    Reopening,
    /// The workspace is open with `stored` of it in storage; `owner` when
    /// this tab holds the lock and runs it.
    Opened { stored: Stored, owner: bool },
    /// Storage cannot be used; the page runs in memory.
    StorageUnavailable { reason: String },
    /// Something shown changed (events, clock, cursor, journal).
    Changed,
    /// The wake-up asked for with `WakeAt` (maybe late, maybe stale).
    Wake,
    /// A write sent all its requests: it will leave the store at `end`,
    /// holding `holds` of the log and journal.
    WriteSent {
        id: WriteId,
        end: StoredEnd,
        holds: Stored,
    },
    WriteDone {
        id: WriteId,
        holds: Stored,
        outcome: WriteOutcome,
    },
    /// The page is being hidden or unloaded.
    Leaving,
    /// The page is shown again.
    Back,
    /// Another tab asks for the lock.
    LockRequested,
    /// Another tab took the lock without asking.
    LockLost,
    /// The person asks to run the workspace in this read-only tab.
    TakeOver,
    /// The workspace is to be replaced (import, preset, reset, branch).
    ReplaceRequested,
    /// The replacement was stored (`ok`) or refused.
    Replaced { ok: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    GoOn,
    HandOver,
    Replace,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InFlight {
    pub id: WriteId,
    pub snapshot: bool,
    /// Once its requests are sent: where it leaves the store, what it holds.
    pub sent: Option<(StoredEnd, Stored)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Writing {
    pub first: InFlight,
    /// The rest, sent right after `first` (leaving, handing over).
    pub second: Option<InFlight>,
    /// Something changed after the last write took the page's state.
    pub dirty: bool,
    pub then: Then,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The lock and storage are being opened; nothing is saved.
    Opening,
    /// This tab runs the workspace; everything is saved.
    Idle,
    /// Changes wait until `due` to be written together.
    Dirty {
        due: u64,
    },
    Writing(Writing),
    /// The workspace is being replaced; nothing is written meanwhile.
    Replacing,
    /// Another tab runs the workspace (or wrote to it: `Conflict`).
    ReadOnly(ReadOnly),
    /// This tab asked the running one to hand over; it takes the lock at
    /// `deadline` if nothing came.
    Asking {
        deadline: u64,
    },
    /// Storage cannot be used; the page runs in memory.
    Unavailable {
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct Saver {
    phase: Phase,
    /// Known stored.
    stored: Stored,
    snapshot_at: usize,
    /// Where the store ends, as this tab's last append left it.
    known_end: Option<StoredEnd>,
    /// Why the last write failed, until one succeeds.
    failing: Option<String>,
    leaving: bool,
    next_write: u64,
}

impl Default for Saver {
    fn default() -> Self {
        Saver::new()
    }
}

impl Saver {
    pub fn new() -> Saver {
        Saver {
            phase: Phase::Opening,
            stored: Stored::default(),
            snapshot_at: 0,
            known_end: None,
            failing: None,
            leaving: false,
            next_write: 0,
        }
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    pub fn stored(&self) -> Stored {
        self.stored
    }

    pub fn snapshot_at(&self) -> usize {
        self.snapshot_at
    }

    pub fn known_end(&self) -> Option<StoredEnd> {
        self.known_end
    }

    /// Whether write `id` is still wanted (not forgotten by a reopening).
    pub fn awaits(&self, id: WriteId) -> bool {
        match &self.phase {
            Phase::Writing(w) => w.first.id == id || w.second.is_some_and(|s| s.id == id),
            _ => false,
        }
    }

    /// Feeds one event; returns what to do, in order.
    pub fn step(&mut self, event: Event, at: Moment) -> Vec<Effect> {
        use Event as E;
        use Phase as P;
        let mut fx = Vec::new();
        let phase = std::mem::replace(&mut self.phase, P::Opening);
        let replace_waits = matches!(&phase, P::Writing(w) if w.then == Then::Replace);
        self.phase = match (phase, event) {
            (_, E::Reopening) => {
                fx.push(Effect::CancelWake);
                P::Opening
            }
            (_, E::Opened { stored, owner }) => {
                self.stored = stored;
                self.snapshot_at = stored.events;
                self.known_end = None;
                self.failing = None;
                fx.push(Effect::CancelWake);
                if owner {
                    P::Idle
                } else {
                    P::ReadOnly(ReadOnly::OtherTab)
                }
            }
            (_, E::StorageUnavailable { reason }) => {
                self.stored = Stored::default();
                fx.push(Effect::CancelWake);
                P::Unavailable { reason }
            }
            (p, E::Back) => {
                self.leaving = false;
                p
            }

            (P::Idle | P::Dirty { .. }, E::Changed)
                if self.leaving || at.at_rest || self.full_write_waits(at) =>
            {
                fx.push(Effect::CancelWake);
                fx.push(Effect::Show(self.saving(at)));
                self.start_write(at, Then::GoOn, &mut fx)
            }
            (P::Idle, E::Changed) => {
                let due = at.ms + FLUSH_DELAY_MS;
                fx.push(Effect::Show(self.saving(at)));
                fx.push(Effect::WakeAt(due));
                P::Dirty { due }
            }
            (P::Dirty { due }, E::Changed) => {
                fx.push(Effect::Show(self.saving(at)));
                P::Dirty { due }
            }
            (P::Dirty { due }, E::Wake) if at.ms >= due => {
                self.start_write(at, Then::GoOn, &mut fx)
            }
            (P::Dirty { due }, E::Wake) => {
                fx.push(Effect::WakeAt(due));
                P::Dirty { due }
            }
            (P::Writing(mut w), E::Changed) => {
                w.dirty = true;
                fx.push(Effect::Show(self.saving(at)));
                P::Writing(w)
            }
            (P::Writing(mut w), E::WriteSent { id, end, holds }) => {
                if w.first.id == id {
                    w.first.sent = Some((end, holds));
                    if self.leaving || w.then == Then::HandOver {
                        self.send_rest(&mut w, at, &mut fx);
                    }
                } else if let Some(second) = w.second.as_mut().filter(|s| s.id == id) {
                    second.sent = Some((end, holds));
                }
                P::Writing(w)
            }
            (P::Writing(w), E::WriteDone { id, holds, outcome }) => {
                self.write_done(w, id, holds, outcome, at, &mut fx)
            }

            (P::Idle, E::Leaving) => {
                self.leaving = true;
                P::Idle
            }
            (P::Dirty { .. }, E::Leaving) => {
                self.leaving = true;
                fx.push(Effect::CancelWake);
                self.start_write(at, Then::GoOn, &mut fx)
            }
            (P::Writing(mut w), E::Leaving) => {
                self.leaving = true;
                self.send_rest(&mut w, at, &mut fx);
                P::Writing(w)
            }

            (P::Idle | P::Unavailable { .. }, E::LockRequested) => {
                fx.push(Effect::GoReadOnly(ReadOnly::TakenOver));
                fx.push(Effect::ReleaseLock);
                fx.push(Effect::WaitForLock);
                P::ReadOnly(ReadOnly::TakenOver)
            }
            (P::Dirty { .. }, E::LockRequested) => {
                fx.push(Effect::CancelWake);
                fx.push(Effect::GoReadOnly(ReadOnly::TakenOver));
                self.start_write(at, Then::HandOver, &mut fx)
            }
            (P::Writing(mut w), E::LockRequested) => {
                fx.push(Effect::GoReadOnly(ReadOnly::TakenOver));
                w.then = Then::HandOver;
                w.dirty = true;
                self.send_rest(&mut w, at, &mut fx);
                P::Writing(w)
            }
            (P::ReadOnly(ReadOnly::Conflict), E::LockRequested) => {
                fx.push(Effect::ReleaseLock);
                fx.push(Effect::WaitForLock);
                P::ReadOnly(ReadOnly::TakenOver)
            }
            (
                p @ (P::Opening
                | P::Replacing
                | P::Asking { .. }
                | P::ReadOnly(ReadOnly::OtherTab | ReadOnly::TakenOver)),
                E::LockRequested,
            ) => p,

            (
                P::Idle | P::Dirty { .. } | P::Writing(_) | P::Replacing | P::Unavailable { .. },
                E::LockLost,
            ) => {
                fx.push(Effect::CancelWake);
                fx.push(Effect::GoReadOnly(ReadOnly::TakenOver));
                fx.push(Effect::WaitForLock);
                P::ReadOnly(ReadOnly::TakenOver)
            }
            (p @ (P::Opening | P::ReadOnly(_) | P::Asking { .. }), E::LockLost) => p,

            (P::ReadOnly(ReadOnly::OtherTab | ReadOnly::TakenOver), E::TakeOver) => {
                let deadline = at.ms + HANDOVER_GRACE_MS;
                fx.push(Effect::AskForLock);
                fx.push(Effect::WakeAt(deadline));
                P::Asking { deadline }
            }
            (P::ReadOnly(ReadOnly::Conflict), E::TakeOver) => {
                fx.push(Effect::StealLock);
                P::Opening
            }
            (P::Asking { deadline }, E::Wake) if at.ms >= deadline => {
                fx.push(Effect::StealLock);
                P::Opening
            }
            (P::Asking { deadline }, E::Wake) => {
                fx.push(Effect::WakeAt(deadline));
                P::Asking { deadline }
            }

            (P::Idle | P::Dirty { .. }, E::ReplaceRequested) => {
                fx.push(Effect::CancelWake);
                fx.push(Effect::Replace);
                P::Replacing
            }
            (P::Writing(mut w), E::ReplaceRequested) => {
                w.then = Then::Replace;
                P::Writing(w)
            }
            (
                p @ (P::Replacing
                | P::Opening
                | P::ReadOnly(_)
                | P::Asking { .. }
                | P::Unavailable { .. }),
                E::ReplaceRequested,
            ) => {
                fx.push(Effect::Replace);
                p
            }
            (P::Replacing, E::Replaced { ok: true }) => {
                self.stored = Stored::default();
                self.snapshot_at = 0;
                self.known_end = None;
                P::Idle
            }
            (P::Replacing, E::Replaced { ok: false }) => {
                let due = at.ms + FLUSH_DELAY_MS;
                fx.push(Effect::Show(self.saving(at)));
                fx.push(Effect::WakeAt(due));
                P::Dirty { due }
            }

            (P::Unavailable { reason }, E::Changed) => {
                fx.push(Effect::Show(SaveState::NotSaving {
                    unsaved: at.held.events.saturating_sub(self.stored.events),
                    reason: reason.clone(),
                }));
                P::Unavailable { reason }
            }
            (p @ (P::Opening | P::ReadOnly(_) | P::Asking { .. } | P::Replacing), E::Changed) => p,
            (
                p @ (P::Opening
                | P::ReadOnly(_)
                | P::Asking { .. }
                | P::Replacing
                | P::Unavailable { .. }),
                E::Leaving,
            ) => {
                self.leaving = true;
                p
            }
            (
                p @ (P::Opening
                | P::Idle
                | P::Dirty { .. }
                | P::Writing(_)
                | P::Replacing
                | P::Asking { .. }
                | P::Unavailable { .. }),
                E::TakeOver,
            ) => p,
            (
                p @ (P::Opening
                | P::Idle
                | P::Replacing
                | P::ReadOnly(_)
                | P::Writing(_)
                | P::Unavailable { .. }),
                E::Wake,
            ) => p,
            (
                p @ (P::Opening
                | P::Idle
                | P::Dirty { .. }
                | P::Replacing
                | P::ReadOnly(_)
                | P::Asking { .. }
                | P::Unavailable { .. }),
                E::WriteSent { .. } | E::WriteDone { .. },
            ) => p,
            (
                p @ (P::Opening
                | P::Idle
                | P::Dirty { .. }
                | P::Writing(_)
                | P::ReadOnly(_)
                | P::Asking { .. }
                | P::Unavailable { .. }),
                E::Replaced { .. },
            ) => p,
        };
        // A replacement waiting for a write that will not be answered now
        // (the lock lost, a conflict, a reopening) goes ahead.
        if replace_waits
            && !matches!(self.phase, P::Writing(_) | P::Replacing)
            && !fx.contains(&Effect::Replace)
        {
            fx.push(Effect::Replace);
        }
        fx
    }

    /// A whole write's worth of events is not stored: waiting would only
    /// make the next write longer.
    fn full_write_waits(&self, at: Moment) -> bool {
        at.held.events.saturating_sub(self.stored.events) >= WRITE_MAX_EVENTS
    }

    /// What the header shows while something is not stored.
    fn saving(&self, at: Moment) -> SaveState {
        let unsaved = at.held.events.saturating_sub(self.stored.events);
        match &self.failing {
            Some(reason) => SaveState::NotSaving {
                reason: reason.clone(),
                unsaved,
            },
            None => SaveState::Saving { unsaved },
        }
    }

    /// A write of the log from `from` on, as much of it as one write takes
    /// (all of it when the page is being left: the page may be gone before
    /// a next write). A snapshot goes with it only when it reaches the end
    /// of the log.
    fn new_write(&mut self, at: Moment, from: Stored, snapshot_allowed: bool) -> (InFlight, usize) {
        self.next_write += 1;
        let most = if self.leaving {
            usize::MAX
        } else {
            WRITE_MAX_EVENTS
        };
        let upto = at.held.events.min(from.events.saturating_add(most));
        let write = InFlight {
            id: WriteId(self.next_write),
            snapshot: snapshot_allowed
                && at.at_rest
                && upto == at.held.events
                && at.held.events.saturating_sub(self.snapshot_at) >= SNAPSHOT_EVERY,
            sent: None,
        };
        (write, upto)
    }

    /// Starts a write of what is not stored, after the known end.
    fn start_write(&mut self, at: Moment, then: Then, fx: &mut Vec<Effect>) -> Phase {
        let (first, upto) = self.new_write(at, self.stored, true);
        fx.push(Effect::Write(WriteOrder {
            id: first.id,
            from: self.stored,
            upto,
            after: self.known_end,
            snapshot: first.snapshot,
        }));
        Phase::Writing(Writing {
            first,
            second: None,
            dirty: false,
            then,
        })
    }

    /// Sends what is not in the write under way right after it, when its
    /// requests are out (so where it ends is known) and none follows yet;
    /// otherwise marks it to follow once that write is done.
    fn send_rest(&mut self, w: &mut Writing, at: Moment, fx: &mut Vec<Effect>) {
        match (w.first.sent, w.second) {
            (Some((end, holds)), None) => {
                if !w.dirty && holds == at.held {
                    return;
                }
                let (second, upto) = self.new_write(at, holds, false);
                fx.push(Effect::Write(WriteOrder {
                    id: second.id,
                    from: holds,
                    upto,
                    after: Some(end),
                    snapshot: false,
                }));
                w.second = Some(second);
                w.dirty = false;
            }
            _ => w.dirty = true,
        }
    }

    /// Takes note of what a write did. The append is one transaction and
    /// the versions and snapshot come after it, so a failure after the
    /// append still leaves its events and journal entries stored: the next
    /// write must start after them, or it would find its own append there
    /// and take it for another tab's.
    fn record(&mut self, write: InFlight, holds: Stored, outcome: &WriteOutcome) {
        self.known_end = outcome.appended;
        if outcome.appended.is_some() {
            self.stored = holds;
            if write.snapshot && outcome.error.is_none() {
                self.snapshot_at = holds.events;
            }
        }
        match &outcome.error {
            Some(WriteError::Storage(reason)) => self.failing = Some(reason.clone()),
            Some(WriteError::Conflict) => {}
            None => self.failing = None,
        }
    }

    fn write_done(
        &mut self,
        mut w: Writing,
        id: WriteId,
        holds: Stored,
        outcome: WriteOutcome,
        at: Moment,
        fx: &mut Vec<Effect>,
    ) -> Phase {
        let done = if w.first.id == id {
            let done = w.first;
            match w.second.take() {
                Some(second) => w.first = second,
                None => w.second = None,
            }
            done
        } else if let Some(second) = w.second.filter(|s| s.id == id) {
            w.second = None;
            second
        } else {
            return Phase::Writing(w);
        };
        let still_writing = w.first.id != done.id;
        self.record(done, holds, &outcome);
        if outcome.appended.is_some() {
            fx.push(Effect::JoinStored { upto: holds.events });
        }
        if outcome.error == Some(WriteError::Conflict) {
            fx.push(Effect::CancelWake);
            fx.push(Effect::GoReadOnly(ReadOnly::Conflict));
            if w.then == Then::HandOver {
                fx.push(Effect::ReleaseLock);
                fx.push(Effect::WaitForLock);
            }
            return Phase::ReadOnly(ReadOnly::Conflict);
        }
        if still_writing {
            return Phase::Writing(w);
        }
        let failed = outcome.error.is_some();
        let more = w.dirty || at.held != self.stored || failed;
        match w.then {
            Then::Replace => {
                fx.push(Effect::Replace);
                Phase::Replacing
            }
            Then::HandOver if more && !failed => self.start_write(at, Then::HandOver, fx),
            Then::HandOver => {
                fx.push(Effect::Show(if more {
                    self.saving(at)
                } else {
                    SaveState::Saved
                }));
                fx.push(Effect::ReleaseLock);
                fx.push(Effect::WaitForLock);
                Phase::ReadOnly(ReadOnly::TakenOver)
            }
            Then::GoOn if !more => {
                fx.push(Effect::Show(SaveState::Saved));
                Phase::Idle
            }
            Then::GoOn if !failed && (self.leaving || at.at_rest || self.full_write_waits(at)) => {
                fx.push(Effect::Show(self.saving(at)));
                self.start_write(at, Then::GoOn, fx)
            }
            Then::GoOn => {
                let due = at.ms + FLUSH_DELAY_MS;
                fx.push(Effect::Show(self.saving(at)));
                fx.push(Effect::WakeAt(due));
                Phase::Dirty { due }
            }
        }
    }
}
