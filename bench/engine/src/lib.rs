//! What the native benchmark and the wasm module share: the counts of a
//! finished run, and the recording pass that counts events. No clock here:
//! the native binary times with `Instant`, the wasm one is timed from JS.

use flowlab_engine::event::Event;
use flowlab_engine::ids::StepIx;
use flowlab_engine::runtime::state::State;
use flowlab_engine::runtime::EngineError;
use flowlab_engine::scenario::Scenario;
use flowlab_engine::sim;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// Counts read off the final state of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub executions: u64,
    /// Sum over executions and steps of `StepRun::attempts_total`.
    pub step_attempts: u64,
    /// Sum over executions and steps of `RollbackRecord::compensation_attempts`.
    pub compensation_attempts: u64,
}

impl StateCounts {
    pub fn of(state: &State) -> StateCounts {
        let mut c = StateCounts {
            executions: state.executions.len() as u64,
            ..StateCounts::default()
        };
        for e in &state.executions {
            let rollback = e.rollback.get();
            for (s, run) in e.steps.iter().enumerate() {
                c.step_attempts += run.attempts_total() as u64;
                c.compensation_attempts += rollback.compensation_attempts(StepIx(s as u16)) as u64;
            }
        }
        c
    }

    /// Step attempts plus compensation attempts.
    pub fn attempts(&self) -> u64 {
        self.step_attempts + self.compensation_attempts
    }
}

/// Counts of the events a recording run emits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Every event folded into the state (traced and internal).
    pub events: u64,
    pub step_attempt: u64,
    pub compensation: u64,
    pub enrolled: u64,
}

/// A second pass with recording on (`sim::run`), counting events by kind.
pub fn count_events(scenario: &Scenario) -> Result<(EventCounts, StateCounts), EngineError> {
    let mut c = EventCounts::default();
    let engine = sim::run(scenario, |_, stamped| {
        c.events += 1;
        match stamped.event {
            Event::StepAttempt { .. } => c.step_attempt += 1,
            Event::Compensation { .. } => c.compensation += 1,
            Event::Enrolled { .. } => c.enrolled += 1,
            _ => {}
        }
    })?;
    Ok((c, StateCounts::of(engine.state())))
}
