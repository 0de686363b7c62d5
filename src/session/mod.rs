//! A running workspace, without the browser: the engine, its whole event
//! log, the scenario script still to play, and the page clock's settings.
//! Everything the page does to the engine goes through [`Session`], so the
//! order of inputs is the command-line runner's: script commands at an
//! instant before the timers due at it, one instant at a time.
//!
//! Plain Rust, tested natively; `host/` wraps it in signals and timers.

pub mod clock;
pub mod event_log;
pub mod pause_marks;
pub mod touched;
pub mod travel;

use flowlab_engine::command::Command;
use flowlab_engine::drive::{Advanced, ScriptedEngine};
use flowlab_engine::event::{Event, Stamped};
use flowlab_engine::ids::WfIx;
use flowlab_engine::runtime::state::{Genesis, State};
use flowlab_engine::runtime::{Engine, EngineError, Outcome};
use flowlab_engine::scenario::ScriptEntry;
use flowlab_engine::time::SimTime;

pub use clock::{Clock, Speed};
pub use event_log::{EventLog, EventRef, LogView};
use touched::Touched;
use travel::{branch_end, Checkpoints, Moving, Past};

use crate::t;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("{}", t!("the script is {total} commands long; {done} cannot have been played", total = total, done = done))]
    ScriptCursor { done: usize, total: usize },
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
    /// The engine and the script, with how much of it has been played.
    driver: ScriptedEngine<Vec<ScriptEntry>>,
    /// Every event since genesis, in order.
    log: EventLog,
    clock: Clock,
    journal: Vec<JournalEntry>,
    checkpoints: Checkpoints,
    /// Set while the page shows the world at an earlier event.
    past: Option<Past>,
    /// A move of the cursor under way, a slice at a time.
    moving: Option<Moving>,
    /// Where versions were published in the log this session wrote or
    /// folded: `(event index, workflow, version)`.
    published: Vec<(usize, WfIx, u32)>,
    /// What the events and commands since the last [`Session::take_touched`] changed.
    touched: Touched,
}

/// Contacts of an audience enrolled per engine input: a large audience is
/// enrolled over many inputs, so that the page clock's slices stay short.
const AUDIENCE_PER_INPUT: usize = 128;

fn page_engine(mut engine: Engine) -> Engine {
    engine.set_audience_per_input(Some(AUDIENCE_PER_INPUT));
    engine
}

impl Session {
    /// A fresh workspace at instant 0 with a script still to play.
    pub fn new(genesis: Genesis, script: Vec<ScriptEntry>) -> Session {
        Session {
            driver: ScriptedEngine::new(page_engine(Engine::new(genesis.clone())), script),
            genesis,
            log: EventLog::default(),
            clock: Clock::default(),
            journal: Vec::new(),
            checkpoints: Checkpoints::default(),
            past: None,
            moving: None,
            published: Vec::new(),
            touched: Touched::ALL,
        }
    }

    /// A workspace as it was saved: the engine from `snapshot` (the state
    /// after `log[..after]`) or from genesis, the log folded on top. The
    /// clock comes back paused, and never behind the last event.
    pub fn restore(
        genesis: Genesis,
        snapshot: Option<(State, usize)>,
        log: EventLog,
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
        let (mut state, after) = snapshot.unwrap_or_else(|| (State::new(genesis.clone()), 0));
        let mut published = Vec::new();
        let after = after.min(log.len());
        for (i, e) in log.range(after..log.len()).enumerate() {
            note_published(&mut published, after + i, &e);
            state.apply(e.t, &e.event);
        }
        let engine = page_engine(Engine::restore(state, std::iter::empty::<&Stamped>()));
        let log_last = log.len().checked_sub(1).map(|i| log.time_of(i));
        let last = log_last.unwrap_or(SimTime::ZERO);
        let clock = Clock {
            now: clock.now.max(last),
            paused: true,
            ..clock
        };
        let mut driver = ScriptedEngine::resume(engine, script, script_done);
        // The log does not say whether its last instant's timers fired;
        // assuming they did costs a command at most 1 ms.
        driver.set_timers_fired_at(log_last);
        Ok(Session {
            genesis,
            driver,
            log,
            clock,
            journal: Vec::new(),
            checkpoints: Checkpoints::default(),
            past: None,
            moving: None,
            published,
            touched: Touched::ALL,
        })
    }

    pub fn genesis(&self) -> &Genesis {
        &self.genesis
    }

    /// The world at the cursor: the live state, or an earlier one while
    /// travelling. What screens show.
    pub fn state(&self) -> &State {
        match &self.past {
            Some(past) => &past.state,
            None => self.live_state(),
        }
    }

    /// The engine's state after every event, wherever the cursor is.
    pub fn live_state(&self) -> &State {
        self.driver.engine().state()
    }

    /// The events up to the cursor. What screens show.
    pub fn log(&self) -> LogView<'_> {
        LogView::new(&self.log, self.position())
    }

    /// Every event since genesis, wherever the cursor is: what is saved
    /// and exported.
    pub fn whole_log(&self) -> LogView<'_> {
        LogView::new(&self.log, self.log.len())
    }

    /// The log itself, for saving: its chunks are what the store writes.
    pub fn event_log_mut(&mut self) -> &mut EventLog {
        &mut self.log
    }

    pub fn event_log(&self) -> &EventLog {
        &self.log
    }

    /// How many events the world at the cursor has seen.
    pub fn position(&self) -> usize {
        self.past.as_ref().map_or(self.log.len(), |p| p.pos)
    }

    /// Whether the cursor is before the last event.
    pub fn in_past(&self) -> bool {
        self.past.is_some()
    }

    /// Puts the cursor after the first `pos` events (at the end when `pos`
    /// is past it: back to the present).
    pub fn go_to(&mut self, pos: usize) {
        self.moving = None;
        if pos >= self.log.len() {
            self.past = None;
            return;
        }
        self.checkpoints.fill(&self.genesis, &self.log);
        match &mut self.past {
            Some(past) => past.move_to(pos, &self.genesis, &self.log, &self.checkpoints),
            None => {
                self.past = Some(Past {
                    pos,
                    state: self.checkpoints.state_at(&self.genesis, &self.log, pos),
                })
            }
        }
    }

    /// Events that moving the cursor to `pos` folds, readying time travel
    /// included.
    pub fn move_work(&self, pos: usize) -> usize {
        if pos >= self.log.len() {
            return 0;
        }
        self.checkpoints.to_fold(self.log.len())
            + Moving::work(
                self.moving.as_ref(),
                self.past.as_ref(),
                &self.checkpoints,
                pos,
            )
    }

    /// [`Session::go_to`] a slice at a time: readies time travel, then
    /// moves toward `pos`, folding at most `events` events per call (and
    /// encoding a part of a checkpoint). The world shown changes only when
    /// the cursor arrives; says whether it has.
    pub fn go_toward(&mut self, pos: usize, events: usize) -> bool {
        if pos >= self.log.len() {
            self.go_to(pos);
            return true;
        }
        if !self.checkpoints.fill_some(&self.genesis, &self.log, events) {
            return false;
        }
        let arrived = Moving::go_on(
            &mut self.moving,
            pos,
            events,
            self.past.as_ref(),
            &self.genesis,
            &self.log,
            &self.checkpoints,
        );
        match arrived {
            Some(past) => {
                self.past = Some(past);
                true
            }
            None => false,
        }
    }

    /// Drops the move under way (someone did something else meanwhile).
    pub fn stop_moving(&mut self) {
        self.moving = None;
    }

    /// The clock as screens show it: at the cursor's instant, paused,
    /// while travelling.
    pub fn shown_clock(&self) -> Clock {
        match &self.past {
            Some(past) => Clock {
                now: past.time(&self.log),
                paused: true,
                stop_at: None,
                ..self.clock
            },
            None => self.clock,
        }
    }

    /// The workspace as it would go on from the cursor: the events after
    /// the cursor's instant and the commands people gave after it are
    /// gone. `None` when nothing would be discarded (the cursor is in the
    /// last instant, or at the present).
    pub fn branch(&self) -> Option<Session> {
        let pos = self.past.as_ref()?.pos;
        let end = branch_end(&self.log, pos);
        if end >= self.log.len() {
            return None;
        }
        let t = end.checked_sub(1).map(|i| self.log.time_of(i));
        let script = self.script().to_vec();
        let (script_done, journal): (usize, Vec<JournalEntry>) = match t {
            None => (0, Vec::new()),
            Some(t) => (
                script.partition_point(|e| e.at <= t),
                self.journal
                    .iter()
                    .filter(|j| j.entry.at <= t)
                    .cloned()
                    .collect(),
            ),
        };
        let clock = Clock {
            now: t.unwrap_or(SimTime::ZERO),
            paused: true,
            stop_at: None,
            ..self.clock
        };
        let log = self.log.prefix(end);
        let mut session = if end == 0 {
            let mut s = Session::new(self.genesis.clone(), script);
            s.clock = clock;
            s
        } else {
            let state = self.checkpoints.state_at(&self.genesis, &self.log, end);
            Session::restore(
                self.genesis.clone(),
                Some((state, end)),
                log,
                script,
                script_done,
                clock,
            )
            .expect("the script cursor is within the script")
        };
        session.journal = journal;
        Some(session)
    }

    /// How many events a branch from the cursor would discard.
    pub fn discarded_by_branch(&self) -> usize {
        self.past
            .as_ref()
            .map_or(0, |p| self.log.len() - branch_end(&self.log, p.pos))
    }

    pub fn script(&self) -> &[ScriptEntry] {
        self.driver.script()
    }

    pub fn script_done(&self) -> usize {
        self.driver.script_done()
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
        self.driver.next_input()
    }

    /// Hands the engine every input due at or before `target`, in order,
    /// at most `budget` of them, and moves the clock along: to the target
    /// when it is [`Advanced::Reached`], else to the last input handled.
    /// The events are in [`Session::log`].
    pub fn advance_to(&mut self, target: SimTime, budget: usize) -> Result<Advanced, SessionError> {
        let target = target.max(self.clock.now);
        let script_done = self.script_done();
        let advanced = self.driver.advance_to(target, budget);
        if self.script_done() != script_done {
            self.touched = self.touched.with(touched::Area::Log);
        }
        self.collect();
        if let Some(last) = self.driver.last_input() {
            self.clock.now = self.clock.now.max(last.at());
        }
        let advanced = advanced?;
        if advanced == Advanced::Reached {
            self.clock.now = target;
        }
        Ok(advanced)
    }

    /// A person's command, at the clock's time: first everything due before
    /// that instant, then the command (before the timers due at it). When
    /// the timers of that instant have already fired (a step to the next
    /// event stops right after them), the command goes 1 ms later: a script
    /// runs commands before an instant's timers, so only then does an
    /// exported scenario replay it in the same order.
    pub fn command(&mut self, command: &Command) -> Result<Outcome, SessionError> {
        if self.driver.timers_fired_at() == Some(self.clock.now) {
            self.clock.now = self.clock.now.plus(1);
        }
        let now = self.clock.now;
        let outcome = self.driver.command(now, command);
        self.touched = self.touched.with(touched::Area::Log);
        self.collect();
        let outcome = outcome?;
        self.journal.push(JournalEntry {
            after: self.driver.script_done(),
            entry: ScriptEntry {
                at: now,
                command: command.clone(),
            },
        });
        Ok(outcome)
    }

    /// The versions published by events `from..to`: `(workflow, version)`.
    pub fn published_between(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (WfIx, u32)> + '_ {
        let first = self.published.partition_point(|(i, _, _)| *i < from);
        let end = self.published.partition_point(|(i, _, _)| *i < to);
        self.published[first..end.max(first)]
            .iter()
            .map(|(_, wf, v)| (*wf, *v))
    }

    /// What changed since the last call: the areas the events handed over
    /// and the commands given since then touched.
    pub fn take_touched(&mut self) -> Touched {
        std::mem::take(&mut self.touched)
    }

    fn collect(&mut self) {
        let published = &mut self.published;
        let touched = &mut self.touched;
        let mut at = self.log.len();
        self.log
            .extend(self.driver.engine_mut().drain_events().inspect(|e| {
                note_published(published, at, e);
                *touched = touched.union(Touched::by(&e.event));
                at += 1;
            }));
        self.driver.engine_mut().shed_spare_capacity();
    }
}

fn note_published(published: &mut Vec<(usize, WfIx, u32)>, at: usize, e: &Stamped) {
    if let Event::VersionPublished(p) = &e.event {
        published.push((at, p.wf, p.version));
    }
}

#[cfg(test)]
mod tests;
