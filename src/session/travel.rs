//! Time travel: the world after any prefix of the log, while the live
//! engine stays where it is. The state at a position is the nearest
//! checkpoint at or before it with the events after it folded on top
//! (state is a fold of the log, so this is exact). Checkpoints are encoded
//! snapshots, taken the first time someone travels by folding the log once,
//! `every` events apart (in slices, when the page asks, so that a long log
//! does not hold it). There are at most [`MAX_CHECKPOINTS`], and they take
//! at most half the log's own bytes (or [`SMALL_BUDGET`] when that is
//! more); past either bound every other one goes and `every` doubles, so
//! memory stays bounded and a rewind decodes one snapshot and folds about
//! `every` events at most. A long move of the cursor goes in slices too
//! ([`Moving`]).

use flowlab_engine::codec::{decode_snapshot, SnapshotEncoder};
use flowlab_engine::runtime::state::{Genesis, State};
use flowlab_engine::time::SimTime;

use super::event_log::EventLog;

/// Events between checkpoints while the log is short.
const FIRST_EVERY: usize = 50_000;
const MAX_CHECKPOINTS: usize = 12;
/// Checkpoint bytes always allowed, however short the log.
const SMALL_BUDGET: usize = 32 << 20;
/// Contacts or executions of a checkpoint encoded per slice, a few
/// milliseconds (as for the saver's snapshot, `host/sliced_snapshot.rs`).
const ENCODE_STEP: usize = 8_192;

pub struct Checkpoints {
    every: usize,
    /// A bound on the checkpoints' bytes that replaces the usual one.
    fixed_budget: Option<usize>,
    /// `(n, snapshot after the first n events)`, `every` apart, rising.
    kept: Vec<(usize, Vec<u8>)>,
    /// Work cut short by [`Checkpoints::fill_some`].
    pending: Option<Pending>,
}

/// The state after the first `at` events, on its way to the next
/// checkpoint, or being encoded as one.
struct Pending {
    at: usize,
    state: State,
    encoder: Option<SnapshotEncoder>,
}

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints {
            every: FIRST_EVERY,
            fixed_budget: None,
            kept: Vec::new(),
            pending: None,
        }
    }
}

impl Checkpoints {
    /// Checkpoints starting `every` events apart (tests use small ones).
    pub fn every_so_often(every: usize) -> Checkpoints {
        Checkpoints {
            every: every.max(1),
            ..Checkpoints::default()
        }
    }

    /// Checkpoints whose bytes may not pass `bytes` (tests use small ones).
    pub fn within(mut self, bytes: usize) -> Checkpoints {
        self.fixed_budget = Some(bytes);
        self
    }

    pub fn bytes(&self) -> usize {
        self.kept.iter().map(|(_, b)| b.len()).sum()
    }

    fn halve(&mut self) {
        self.every *= 2;
        let every = self.every;
        self.kept.retain(|(n, _)| n % every == 0);
    }

    /// The state after the first `pos` events of `log`.
    pub fn state_at(&self, genesis: &Genesis, log: &EventLog, pos: usize) -> State {
        let pos = pos.min(log.len());
        let (from, mut state) = self.nearest(genesis, pos);
        for s in log.range(from..pos) {
            state.apply(s.t, &s.event);
        }
        state
    }

    /// The last checkpoint at or before `pos`.
    fn kept_before(&self, pos: usize) -> Option<&(usize, Vec<u8>)> {
        self.kept.iter().rev().find(|(n, _)| *n <= pos)
    }

    /// The nearest checkpoint at or before `pos`, decoded (or genesis).
    fn nearest(&self, genesis: &Genesis, pos: usize) -> (usize, State) {
        match self.kept_before(pos) {
            Some((n, bytes)) => (
                *n,
                decode_snapshot(bytes).expect("a snapshot this session encoded decodes"),
            ),
            None => (0, State::new(genesis.clone())),
        }
    }

    /// Where the nearest checkpoint at or before `pos` is (0: genesis).
    fn nearest_at(&self, pos: usize) -> usize {
        self.kept_before(pos).map_or(0, |(n, _)| *n)
    }

    /// Takes the checkpoints the log lacks (it grew, or was read from
    /// storage), folding it once from the last checkpoint (or genesis) to
    /// its end.
    pub fn fill(&mut self, genesis: &Genesis, log: &EventLog) {
        while !self.fill_some(genesis, log, usize::MAX) {}
    }

    /// [`Checkpoints::fill`] a slice at a time: folds at most `events`
    /// events and encodes at most [`ENCODE_STEP`] contacts or executions
    /// of a checkpoint, going on from there at the next call. Says whether
    /// every checkpoint is taken.
    pub fn fill_some(&mut self, genesis: &Genesis, log: &EventLog, events: usize) -> bool {
        let len = log.len();
        self.every = Self::every_for(self.every, len);
        let every = self.every;
        self.kept.retain(|(n, _)| n % every == 0);
        let mut pending = match self.pending.take() {
            Some(pending) => pending,
            None => {
                let at = self.last();
                if at + self.every > len {
                    return true;
                }
                Pending {
                    at,
                    state: self.state_at(genesis, log, at),
                    encoder: None,
                }
            }
        };
        let mut left = events;
        loop {
            if let Some(encoder) = &mut pending.encoder {
                let Some(parts) = encoder.step(&pending.state, ENCODE_STEP) else {
                    self.pending = Some(pending);
                    return false;
                };
                pending.encoder = None;
                self.kept.push((pending.at, parts.join()));
                if !self.keep_within(log, len) {
                    return true;
                }
            }
            let next = (pending.at / self.every + 1) * self.every;
            if next > len {
                return true;
            }
            if left == 0 {
                self.pending = Some(pending);
                return false;
            }
            let stop = next.min(pending.at.saturating_add(left));
            for s in log.range(pending.at..stop) {
                pending.state.apply(s.t, &s.event);
            }
            left -= stop - pending.at;
            pending.at = stop;
            if stop == next {
                pending.encoder = Some(SnapshotEncoder::new());
            }
        }
    }

    /// Thins the checkpoints to their bounds; false when none is left (the
    /// log is shorter than the interval they need).
    fn keep_within(&mut self, log: &EventLog, len: usize) -> bool {
        let budget = self
            .fixed_budget
            .unwrap_or_else(|| SMALL_BUDGET.max(log.bytes_held() / 2));
        while self.kept.len() > MAX_CHECKPOINTS || self.bytes() > budget {
            if self.kept.len() == 1 && self.every > len {
                self.kept.clear();
                return false;
            }
            self.halve();
        }
        true
    }

    /// Events [`Checkpoints::fill`] would still fold for a log of `len`.
    pub fn to_fold(&self, len: usize) -> usize {
        let every = Self::every_for(self.every, len);
        let from = self.pending.as_ref().map_or_else(|| self.last(), |p| p.at);
        (len / every * every).saturating_sub(from)
    }

    /// The interval that keeps a log of `len` within [`MAX_CHECKPOINTS`].
    fn every_for(mut every: usize, len: usize) -> usize {
        while len / every > MAX_CHECKPOINTS {
            every *= 2;
        }
        every
    }

    fn last(&self) -> usize {
        self.kept.last().map_or(0, |(n, _)| *n)
    }

    pub fn count(&self) -> usize {
        self.kept.len()
    }

    pub fn every(&self) -> usize {
        self.every
    }
}

/// Looking at the world after the first `pos` events.
pub struct Past {
    pub pos: usize,
    pub state: State,
}

impl Past {
    /// Whether a move to `pos` folds on from here rather than from the
    /// nearest checkpoint: it is ahead, and no farther than that checkpoint.
    fn folds_on_to(&self, pos: usize, checkpoints: &Checkpoints) -> bool {
        pos >= self.pos && pos - self.pos <= pos - checkpoints.nearest_at(pos)
    }

    /// Moves to `pos`: forward by folding the events in between when that
    /// is shorter than going back to a checkpoint, else from the checkpoint.
    pub fn move_to(
        &mut self,
        pos: usize,
        genesis: &Genesis,
        log: &EventLog,
        checkpoints: &Checkpoints,
    ) {
        if self.folds_on_to(pos, checkpoints) {
            for s in log.range(self.pos..pos) {
                self.state.apply(s.t, &s.event);
            }
        } else {
            self.state = checkpoints.state_at(genesis, log, pos);
        }
        self.pos = pos;
    }

    /// The instant of the last event applied, 0 before the first.
    pub fn time(&self, log: &EventLog) -> SimTime {
        self.pos
            .checked_sub(1)
            .map_or(SimTime::ZERO, |i| log.time_of(i))
    }
}

/// A move of the cursor a slice at a time: the world after the first `at`
/// events, on its way to where the cursor was asked to go. The world shown
/// stays the one before until it arrives.
pub struct Moving {
    at: usize,
    state: State,
}

/// Where a move folds from: where a move under way is, the world shown, or
/// the nearest checkpoint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Here,
    Shown,
    Checkpoint,
}

impl Moving {
    /// The nearest start for a move to `pos`, and the events it folds.
    fn start(
        moving: Option<&Moving>,
        past: Option<&Past>,
        checkpoints: &Checkpoints,
        pos: usize,
    ) -> (Start, usize) {
        let mut best = match past {
            Some(p) if p.folds_on_to(pos, checkpoints) => (Start::Shown, pos - p.pos),
            _ => (Start::Checkpoint, pos - checkpoints.nearest_at(pos)),
        };
        if let Some(m) = moving.filter(|m| m.at <= pos && pos - m.at <= best.1) {
            best = (Start::Here, pos - m.at);
        }
        best
    }

    /// Events a move to `pos` folds.
    pub fn work(
        moving: Option<&Moving>,
        past: Option<&Past>,
        checkpoints: &Checkpoints,
        pos: usize,
    ) -> usize {
        Moving::start(moving, past, checkpoints, pos).1
    }

    /// Goes on toward `to` (started, or started again when `to` changed
    /// and another start is nearer), folding at most `events` events: the
    /// world at `to` once there, else the move left in `moving` to go on
    /// with.
    pub fn go_on(
        moving: &mut Option<Moving>,
        to: usize,
        events: usize,
        past: Option<&Past>,
        genesis: &Genesis,
        log: &EventLog,
        checkpoints: &Checkpoints,
    ) -> Option<Past> {
        let (start, _) = Moving::start(moving.as_ref(), past, checkpoints, to);
        let mut m = match (start, moving.take(), past) {
            (Start::Here, Some(m), _) => m,
            (Start::Shown, _, Some(p)) => Moving {
                at: p.pos,
                state: p.state.clone(),
            },
            _ => {
                let (at, state) = checkpoints.nearest(genesis, to);
                Moving { at, state }
            }
        };
        let stop = to.min(m.at.saturating_add(events));
        for s in log.range(m.at..stop) {
            m.state.apply(s.t, &s.event);
        }
        m.at = stop;
        if stop == to {
            return Some(Past {
                pos: to,
                state: m.state,
            });
        }
        *moving = Some(m);
        None
    }
}

/// Where a branch from position `pos` cuts the log: after every event of
/// the instant of the last event applied (the engine handles an instant
/// as a whole), or at 0 before the first event.
pub fn branch_end(log: &EventLog, pos: usize) -> usize {
    match pos.checked_sub(1).filter(|i| *i < log.len()) {
        None => 0,
        Some(last) => log.first_after(log.time_of(last)),
    }
}
