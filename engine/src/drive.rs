//! Driving an engine with a script: the order every driver (the command-line
//! runner, the app's session, the tests) hands it inputs in. A script
//! command runs before the timers due at its instant; otherwise inputs go in
//! the order they fall due, one at a time.

use crate::command::Command;
use crate::runtime::{Engine, EngineError, Outcome};
use crate::scenario::ScriptEntry;
use crate::time::SimTime;

/// What [`ScriptedEngine::step_one`] handed the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// The next script command, due at this instant.
    Command(SimTime),
    /// The timers due at this instant.
    Timers(SimTime),
}

impl Input {
    pub fn at(self) -> SimTime {
        match self {
            Input::Command(at) | Input::Timers(at) => at,
        }
    }
}

/// How far a [`ScriptedEngine::advance_to`] call got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advanced {
    /// Every input due at or before the target was handled.
    Reached,
    /// The input budget ran out first; inputs due by the target remain.
    Budget,
}

/// An engine and the script it plays. `S` is the script, owned (a
/// `Vec<ScriptEntry>`) or borrowed (`&[ScriptEntry]`), sorted by instant.
pub struct ScriptedEngine<S> {
    engine: Engine,
    script: S,
    /// Script entries already handed to the engine.
    done: usize,
    /// The last input handed to the engine (since `new` or `resume`).
    last_input: Option<Input>,
    /// The instant of the last timers handed to the engine.
    timers_fired_at: Option<SimTime>,
}

impl<S: AsRef<[ScriptEntry]>> ScriptedEngine<S> {
    /// An engine that has played none of `script`.
    pub fn new(engine: Engine, script: S) -> ScriptedEngine<S> {
        ScriptedEngine::resume(engine, script, 0)
    }

    /// Goes on with an engine that has played the first `done` entries of
    /// `script` (one rebuilt from a log, say).
    pub fn resume(engine: Engine, script: S, done: usize) -> ScriptedEngine<S> {
        ScriptedEngine {
            engine,
            script,
            done,
            last_input: None,
            timers_fired_at: None,
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn engine_mut(&mut self) -> &mut Engine {
        &mut self.engine
    }

    pub fn into_engine(self) -> Engine {
        self.engine
    }

    pub fn script(&self) -> &[ScriptEntry] {
        self.script.as_ref()
    }

    /// How many script entries the engine has been handed.
    pub fn script_done(&self) -> usize {
        self.done
    }

    /// The last input [`ScriptedEngine::step_one`] handed the engine.
    pub fn last_input(&self) -> Option<Input> {
        self.last_input
    }

    /// The instant of the last timers handed to the engine, if any.
    pub fn timers_fired_at(&self) -> Option<SimTime> {
        self.timers_fired_at
    }

    /// Tells a resumed driver when timers last fired (a log does not say).
    pub fn set_timers_fired_at(&mut self, at: Option<SimTime>) {
        self.timers_fired_at = at;
    }

    fn next_command(&self) -> Option<SimTime> {
        self.script().get(self.done).map(|e| e.at)
    }

    /// When the next input falls due: the next script command or the
    /// engine's next deadline, whichever is first.
    pub fn next_input(&mut self) -> Option<SimTime> {
        let command = self.next_command();
        match (command, self.engine.poll_timeout()) {
            (Some(c), Some(t)) => Some(c.min(t)),
            (c, t) => c.or(t),
        }
    }

    /// Hands the engine one input: the next script command if it is due no
    /// later than the engine's next deadline, otherwise the timers due at
    /// that deadline. `None` when neither is left.
    pub fn step_one(&mut self) -> Result<Option<Input>, EngineError> {
        let command = self.next_command();
        let input = match (command, self.engine.poll_timeout()) {
            (Some(at), timer) if timer.is_none_or(|t| at <= t) => {
                let entry = &self.script.as_ref()[self.done];
                self.done += 1;
                self.engine.handle_command(entry.at, &entry.command)?;
                Input::Command(at)
            }
            (_, Some(t)) => {
                self.engine.handle_timeout(t)?;
                if self.engine.state().audience_under_way.is_none() {
                    self.timers_fired_at = Some(t);
                }
                Input::Timers(t)
            }
            _ => return Ok(None),
        };
        self.last_input = Some(input);
        Ok(Some(input))
    }

    /// Hands the engine every input due at or before `target`, in order,
    /// at most `budget` of them.
    pub fn advance_to(&mut self, target: SimTime, budget: usize) -> Result<Advanced, EngineError> {
        for _ in 0..budget {
            match self.next_input() {
                Some(at) if at <= target => {
                    self.step_one()?;
                }
                _ => return Ok(Advanced::Reached),
            }
        }
        match self.next_input() {
            Some(at) if at <= target => Ok(Advanced::Budget),
            _ => Ok(Advanced::Reached),
        }
    }

    /// A command from outside the script (a person's) at `now`: first
    /// every input due before `now`, then the command, before the timers
    /// due at `now` and before script commands of the same instant.
    pub fn command(&mut self, now: SimTime, command: &Command) -> Result<Outcome, EngineError> {
        while self.next_input().is_some_and(|at| at < now) {
            self.step_one()?;
        }
        self.engine.handle_command(now, command)
    }
}

#[cfg(test)]
mod tests;
