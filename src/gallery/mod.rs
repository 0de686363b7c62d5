//! The state gallery: for every state of the three lifecycles, a built-in
//! preset and the event after which one named workflow, execution or step
//! of it really is in that state, with one line to say about it. Opening
//! an example plays the preset up to that event's instant and puts the
//! cursor right after the event, so pressing play goes on from there.
//!
//! The event is found by folding the preset's log and asking the state
//! after each event, never by reading the trace: what the page shows is
//! the engine's state at the cursor.

mod examples;

use flowlab_engine::ids::ExecIx;
use flowlab_engine::runtime::state::State;
use flowlab_engine::scenario::FileError;
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;

use crate::file_format::presets::{preset, Preset};
use crate::session::{Session, SessionError};

pub use examples::EXAMPLES;

/// One of the three lifecycles, named as its diagram is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Machine {
    Definition,
    Execution,
    Step,
}

impl Machine {
    pub fn name(self) -> &'static str {
        match self {
            Machine::Definition => "definition",
            Machine::Execution => "execution",
            Machine::Step => "step",
        }
    }
}

/// What an example shows in a state, by the names of its scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Workflow(&'static str),
    Execution(&'static str),
    Step {
        execution: &'static str,
        step: &'static str,
    },
}

impl Subject {
    pub fn machine(self) -> Machine {
        match self {
            Subject::Workflow(_) => Machine::Definition,
            Subject::Execution(_) => Machine::Execution,
            Subject::Step { .. } => Machine::Step,
        }
    }

    /// The status, state or step status it has in `state`; `None` when it
    /// does not exist there (yet).
    pub fn status_in(self, state: &State) -> Option<&'static str> {
        let execution = |name: &str| {
            ExecIx::parse(name)
                .filter(|x| x.ix() < state.executions.len())
                .map(|x| (x, state.execution(x)))
        };
        match self {
            Subject::Workflow(id) => state
                .workflow_ix
                .get(id)
                .map(|wf| state.workflow(*wf).status.as_str()),
            Subject::Execution(name) => execution(name).map(|(_, e)| e.state.as_str()),
            Subject::Step { execution: x, step } => {
                let (ix, e) = execution(x)?;
                let s = state.version_of(ix).compiled.step_ix(step)?;
                e.steps.get(s.ix())?.status().map(|s| s.as_str())
            }
        }
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Workflow(id) => write!(f, "workflow {id}"),
            Subject::Execution(x) => write!(f, "execution {x}"),
            Subject::Step { execution, step } => write!(f, "step {step} of {execution}"),
        }
    }
}

/// Which event of the run to stop after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// The first event after which the subject is in the state.
    First,
    /// The event by which it enters the state for the n-th time (1 is the
    /// first entry; a state it has at genesis was not entered).
    Entry(u32),
}

/// A live example of one state.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub state: &'static str,
    /// The file under `samples/presets/`.
    pub preset: &'static str,
    pub subject: Subject,
    pub moment: Moment,
    /// Why it is in this state, and what comes next, in the current language.
    pub say: fn() -> String,
}

/// Examples are the same when they show the same thing; the narration
/// follows from that (and function pointers do not compare reliably).
impl PartialEq for Example {
    fn eq(&self, other: &Example) -> bool {
        (self.state, self.preset, self.subject, self.moment)
            == (other.state, other.preset, other.subject, other.moment)
    }
}

impl Eq for Example {}

impl Example {
    /// The narration, for a trainer to read aloud.
    pub fn say(&self) -> String {
        (self.say)()
    }

    pub fn machine(&self) -> Machine {
        self.subject.machine()
    }
}

/// The example of `state` in `machine`'s diagram.
pub fn example(machine: &str, state: &str) -> Option<&'static Example> {
    EXAMPLES
        .iter()
        .find(|e| e.machine().name() == machine && e.state == state)
}

#[derive(Debug, thiserror::Error)]
pub enum GalleryError {
    #[error("the example names a preset that is not built in: {0}")]
    NoPreset(&'static str),
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{file} did not run: {source}")]
    Run {
        file: &'static str,
        source: SessionError,
    },
    #[error("in {file}, {subject} is never {state} (the example looks for entry {moment:?})")]
    NeverThere {
        file: &'static str,
        subject: Subject,
        state: &'static str,
        moment: Moment,
    },
}

/// Where an example's event is: the cursor goes after the first `position`
/// events, all of them at or before instant `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub position: usize,
    pub at: SimTime,
}

fn preset_of(example: &Example) -> Result<&'static Preset, GalleryError> {
    preset(example.preset).ok_or(GalleryError::NoPreset(example.preset))
}

fn fresh(p: &Preset) -> Result<Session, GalleryError> {
    let scenario = p.parse()?;
    Ok(Session::new(sim::genesis(&scenario), scenario.script))
}

fn run_err(p: &'static Preset) -> impl Fn(SessionError) -> GalleryError {
    move |source| GalleryError::Run {
        file: p.file,
        source,
    }
}

/// Plays the example's preset to its end and finds the event, folding the
/// log one event at a time.
pub fn locate(example: &Example) -> Result<Found, GalleryError> {
    let p = preset_of(example)?;
    let scenario = p.parse()?;
    let mut session = Session::new(sim::genesis(&scenario), scenario.script);
    session
        .advance_to(scenario.run_until, usize::MAX)
        .map_err(run_err(p))?;
    let log = session.whole_log();
    let mut state = State::new(session.genesis().clone());
    let mut was = example.subject.status_in(&state) == Some(example.state);
    let mut entries = 0;
    for (i, s) in log.iter().enumerate() {
        state.apply(s.t, &s.event);
        let is = example.subject.status_in(&state) == Some(example.state);
        let hit = match example.moment {
            Moment::First => is,
            Moment::Entry(n) => {
                if is && !was {
                    entries += 1;
                }
                is && !was && entries == n
            }
        };
        if hit {
            return Ok(Found {
                position: i + 1,
                at: s.t,
            });
        }
        was = is;
    }
    Err(GalleryError::NeverThere {
        file: p.file,
        subject: example.subject,
        state: example.state,
        moment: example.moment,
    })
}

/// The example's workspace: its preset played up to the instant of the
/// event, the cursor right after the event, the clock paused. Returns the
/// preset too (its text is the workspace's source).
pub fn open(example: &Example) -> Result<(Session, &'static Preset, Found), GalleryError> {
    let found = locate(example)?;
    let p = preset_of(example)?;
    let mut session = fresh(p)?;
    session
        .advance_to(found.at, usize::MAX)
        .map_err(run_err(p))?;
    session.go_to(found.position);
    Ok((session, p, found))
}

#[cfg(test)]
mod tests;
