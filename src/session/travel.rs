//! Time travel: the world after any prefix of the log, while the live
//! engine stays where it is. The state at a position is the nearest
//! checkpoint at or before it with the events after it folded on top
//! (state is a fold of the log, so this is exact). Checkpoints are copies
//! of the state taken every `every` events as the log grows; when there
//! are more than [`MAX_CHECKPOINTS`], every other one goes and `every`
//! doubles, so memory stays bounded and a rewind folds about `every`
//! events at most.

use flowlab_engine::runtime::state::{Genesis, State};
use flowlab_engine::time::SimTime;

use super::event_log::EventLog;

/// Events between checkpoints while the log is short.
const FIRST_EVERY: usize = 50_000;
const MAX_CHECKPOINTS: usize = 12;

pub struct Checkpoints {
    every: usize,
    /// `(n, state after the first n events)`, about `every` apart, rising.
    kept: Vec<(usize, State)>,
}

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints {
            every: FIRST_EVERY,
            kept: Vec::new(),
        }
    }
}

impl Checkpoints {
    /// Checkpoints starting `every` events apart (tests use small ones).
    pub fn every_so_often(every: usize) -> Checkpoints {
        Checkpoints {
            every: every.max(1),
            kept: Vec::new(),
        }
    }

    /// Called as the log grows, with the live state after `len` events:
    /// keeps a copy when `every` events have passed since the last one.
    pub fn note(&mut self, len: usize, live: &State) {
        let last = self.kept.last().map_or(0, |(n, _)| *n);
        if len < last + self.every {
            return;
        }
        self.kept.push((len, live.clone()));
        if self.kept.len() > MAX_CHECKPOINTS {
            self.every *= 2;
            let mut odd = false;
            self.kept.retain(|_| {
                odd = !odd;
                !odd
            });
        }
    }

    /// The state after the first `pos` events of `log`.
    pub fn state_at(&self, genesis: &Genesis, log: &EventLog, pos: usize) -> State {
        let pos = pos.min(log.len());
        let (from, mut state) = match self.kept.iter().rev().find(|(n, _)| *n <= pos) {
            Some((n, s)) => (*n, s.clone()),
            None => (0, State::new(genesis.clone())),
        };
        for s in log.range(from..pos) {
            state.apply(s.t, &s.event);
        }
        state
    }

    /// Takes the checkpoints a log read from storage lacks, folding it once
    /// from the last checkpoint (or genesis) to its end.
    pub fn fill(&mut self, genesis: &Genesis, log: &EventLog) {
        let (from, mut state) = match self.kept.last() {
            Some((n, _)) if n + self.every > log.len() => return,
            Some((n, s)) => (*n, s.clone()),
            None if log.len() < self.every => return,
            None => (0, State::new(genesis.clone())),
        };
        for (i, s) in log.range(from..log.len()).enumerate() {
            state.apply(s.t, &s.event);
            self.note(from + i + 1, &state);
        }
    }

    /// Forgets the checkpoints past `len` (the log was cut back there).
    pub fn cut(&mut self, len: usize) {
        self.kept.retain(|(n, _)| *n <= len);
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
    /// Moves to `pos`: forward by folding the events in between when that
    /// is shorter than going back to a checkpoint, else from the checkpoint.
    pub fn move_to(
        &mut self,
        pos: usize,
        genesis: &Genesis,
        log: &EventLog,
        checkpoints: &Checkpoints,
    ) {
        if pos >= self.pos && pos - self.pos <= checkpoints.every() {
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

/// Where a branch from position `pos` cuts the log: after every event of
/// the instant of the last event applied (the engine handles an instant
/// as a whole), or at 0 before the first event.
pub fn branch_end(log: &EventLog, pos: usize) -> usize {
    match pos.checked_sub(1).filter(|i| *i < log.len()) {
        None => 0,
        Some(last) => log.first_after(log.time_of(last)),
    }
}
