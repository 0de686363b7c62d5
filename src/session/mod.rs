//! A running workspace, without the browser: the engine, its whole event
//! log, the scenario script still to play, and the page clock's settings.
//! Everything the page does to the engine goes through [`Session`], so the
//! order of inputs is the command-line runner's: script commands at an
//! instant before the timers due at it, one instant at a time.
//!
//! Plain Rust, tested natively; `runtime/` wraps it in signals and timers.

pub mod clock;

use flowlab_engine::command::Command;
use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::state::{Genesis, State};
use flowlab_engine::runtime::{Engine, EngineError, Outcome};
use flowlab_engine::scenario::ScriptEntry;
use flowlab_engine::time::SimTime;

pub use clock::{Clock, Speed};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("the script is {total} commands long; {done} cannot have been played")]
    ScriptCursor { done: usize, total: usize },
}

/// How far an [`Session::advance_to`] call got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advanced {
    /// Every input before the target was handled; the clock is at the target.
    Reached,
    /// The input budget ran out first; the clock is at the last input handled.
    Budget,
}

/// A command a person gave through [`Session::command`], accepted or
/// refused, with where it fell in the script: after the first `after`
/// script entries. Script and journal merged in that order are every
/// command the engine was handed, in order (what a scenario export writes).
#[derive(Clone, Debug, PartialEq)]
pub struct JournalEntry {
    pub after: usize,
    pub entry: ScriptEntry,
}

pub struct Session {
    genesis: Genesis,
    engine: Engine,
    /// Every event since genesis, in order.
    log: Vec<Stamped>,
    script: Vec<ScriptEntry>,
    /// Script entries already handed to the engine.
    script_done: usize,
    clock: Clock,
    journal: Vec<JournalEntry>,
    /// The instant of the last timers handed to the engine.
    timers_fired_at: Option<SimTime>,
}

impl Session {
    /// A fresh workspace at instant 0 with a script still to play.
    pub fn new(genesis: Genesis, script: Vec<ScriptEntry>) -> Session {
        Session {
            engine: Engine::new(genesis.clone()),
            genesis,
            log: Vec::new(),
            script,
            script_done: 0,
            clock: Clock::default(),
            journal: Vec::new(),
            timers_fired_at: None,
        }
    }

    /// A workspace as it was saved: the engine from `snapshot` (the state
    /// after `log[..after]`) or from genesis, the log folded on top. The
    /// clock comes back paused, and never behind the last event.
    pub fn restore(
        genesis: Genesis,
        snapshot: Option<(State, usize)>,
        log: Vec<Stamped>,
        script: Vec<ScriptEntry>,
        script_done: usize,
        clock: Clock,
    ) -> Result<Session, SessionError> {
        if script_done > script.len() {
            return Err(SessionError::ScriptCursor {
                done: script_done,
                total: script.len(),
            });
        }
        let engine = match snapshot {
            Some((state, after)) => Engine::restore(state, &log[after.min(log.len())..]),
            None => Engine::replay(genesis.clone(), &log),
        };
        let log_last = log.last().map(|e| e.t);
        let last = log_last.unwrap_or(SimTime::ZERO);
        let clock = Clock {
            now: clock.now.max(last),
            paused: true,
            ..clock
        };
        Ok(Session {
            genesis,
            engine,
            log,
            script,
            script_done,
            clock,
            journal: Vec::new(),
            // The log does not say whether its last instant's timers fired;
            // assuming they did costs a command at most 1 ms.
            timers_fired_at: log_last,
        })
    }

    pub fn genesis(&self) -> &Genesis {
        &self.genesis
    }

    pub fn state(&self) -> &State {
        self.engine.state()
    }

    pub fn log(&self) -> &[Stamped] {
        &self.log
    }

    pub fn script(&self) -> &[ScriptEntry] {
        &self.script
    }

    pub fn script_done(&self) -> usize {
        self.script_done
    }

    /// The commands people gave in the page, in order.
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Puts back a journal read from storage (with a restored session).
    pub fn set_journal(&mut self, journal: Vec<JournalEntry>) {
        self.journal = journal;
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    /// When the next input falls due: the engine's next deadline or the next
    /// script command, whichever is first.
    pub fn next_input(&mut self) -> Option<SimTime> {
        let command = self.script.get(self.script_done).map(|e| e.at);
        let timer = self.engine.poll_timeout();
        match (command, timer) {
            (Some(c), Some(t)) => Some(c.min(t)),
            (c, t) => c.or(t),
        }
    }

    /// Hands the engine every input due at or before `target`, in order,
    /// at most `budget` of them, and moves the clock along. Returns how
    /// far it got; the events are in [`Session::log`].
    pub fn advance_to(&mut self, target: SimTime, budget: usize) -> Result<Advanced, SessionError> {
        let target = target.max(self.clock.now);
        for _ in 0..budget {
            match self.next_input() {
                Some(at) if at <= target => {
                    self.step_one()?;
                    self.clock.now = self.clock.now.max(at);
                }
                _ => {
                    self.clock.now = target;
                    return Ok(Advanced::Reached);
                }
            }
        }
        match self.next_input() {
            Some(at) if at <= target => Ok(Advanced::Budget),
            _ => {
                self.clock.now = target;
                Ok(Advanced::Reached)
            }
        }
    }

    /// One input: the next script command if it is due no later than the
    /// engine's next deadline, otherwise that deadline.
    fn step_one(&mut self) -> Result<(), SessionError> {
        let command = self.script.get(self.script_done).map(|e| e.at);
        let timer = self.engine.poll_timeout();
        match (command, timer) {
            (Some(at), t) if t.is_none_or(|t| at <= t) => {
                let entry = self.script[self.script_done].clone();
                self.script_done += 1;
                self.engine.handle_command(entry.at, &entry.command)?;
            }
            (_, Some(t)) => {
                self.engine.handle_timeout(t)?;
                self.timers_fired_at = Some(t);
            }
            _ => {}
        }
        self.collect();
        Ok(())
    }

    /// A person's command, at the clock's time: first everything due before
    /// that instant, then the command (before the timers due at it). When
    /// the timers of that instant have already fired (a step to the next
    /// event stops right after them), the command goes 1 ms later: a script
    /// runs commands before an instant's timers, so only then does an
    /// exported scenario replay it in the same order.
    pub fn command(&mut self, command: &Command) -> Result<Outcome, SessionError> {
        if self.timers_fired_at == Some(self.clock.now) {
            self.clock.now = self.clock.now.plus(1);
        }
        let now = self.clock.now;
        loop {
            match self.next_input() {
                Some(at) if at < now => self.step_one()?,
                _ => break,
            }
        }
        let outcome = self.engine.handle_command(now, command)?;
        self.journal.push(JournalEntry {
            after: self.script_done,
            entry: ScriptEntry {
                at: now,
                command: command.clone(),
            },
        });
        self.collect();
        Ok(outcome)
    }

    fn collect(&mut self) {
        self.log.extend(self.engine.drain_events());
    }
}

#[cfg(test)]
mod tests;
