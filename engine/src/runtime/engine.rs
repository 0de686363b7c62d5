//! The engine: a sans-IO state machine in the manner of quinn-proto and
//! str0m. A driver feeds it commands (`handle_command`) and the passage of
//! time (`handle_timeout`), always with `now`; drains what happened
//! (`poll_event` / `drain_events`); and asks when it next needs waking
//! (`poll_timeout`). The engine never reads a clock and never does IO.
//!
//! Every change of state goes through `emit`, which folds the event into
//! `State` and queues it for the driver: the event log is the source of
//! truth, and `Engine::replay` rebuilds the same state from it.

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;

use crate::command::Command;
use crate::event::{Event, Stamped};
use crate::ids::{ExecIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::InvalidTransition;
use crate::runtime::state::{Genesis, Slot, State};
use crate::runtime::timers::{TimerKey, TimerQueue};
use crate::time::SimTime;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    #[error("time went backwards: {now} is before {last}, the last instant the engine saw")]
    TimeWentBackwards { now: SimTime, last: SimTime },
    #[error(transparent)]
    InvalidTransition(#[from] InvalidTransition),
}

/// What became of a command. A refusal is not an error: it is reported as a
/// `command_rejected` event and the engine goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Rejected(String),
}

/// Work that must happen at this instant, after the execution that caused it
/// has stopped advancing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Work {
    Advance(ExecIx),
    RecheckBlocked(WfIx),
}

pub struct Engine {
    pub(crate) state: State,
    pub(crate) now: SimTime,
    pub(crate) timers: TimerQueue,
    /// Timers that fell due while their workflow was paused, in firing order.
    pub(crate) parked: HashMap<WfIx, Vec<(Slot, TimerKey)>>,
    pub(crate) work: VecDeque<Work>,
    out: VecDeque<Stamped>,
    /// Keep emitted events for the driver (off for summary-only runs).
    record: bool,
    /// At most this many contacts of an audience enrolled per input; the
    /// rest go on at the next inputs of the same instant (`None`: all).
    pub(crate) audience_per_input: Option<usize>,
}

pub(crate) type Result<T> = std::result::Result<T, EngineError>;

impl Engine {
    pub fn new(genesis: Genesis) -> Engine {
        Engine::from_state(State::new(genesis))
    }

    /// Rebuilds an engine by folding a log over its genesis.
    pub fn replay<'a>(genesis: Genesis, log: impl IntoIterator<Item = &'a Stamped>) -> Engine {
        Engine::restore(State::new(genesis), log)
    }

    /// Rebuilds an engine from a snapshot and the events logged after it.
    pub fn restore<'a>(snapshot: State, tail: impl IntoIterator<Item = &'a Stamped>) -> Engine {
        let mut state = snapshot;
        for s in tail {
            state.apply(s.t, &s.event);
        }
        Engine::from_state(state)
    }

    fn from_state(state: State) -> Engine {
        let mut timers = TimerQueue::rebuild(&state);
        let mut parked: HashMap<WfIx, Vec<(Slot, TimerKey)>> = HashMap::default();
        while let Some((slot, key)) = timers.pop_due(&state, state.now) {
            match Self::paused_workflow_of(&state, key) {
                Some(wf) => parked.entry(wf).or_default().push((slot, key)),
                None => {
                    timers.push(slot, key);
                    break;
                }
            }
        }
        Engine {
            now: state.now,
            state,
            timers,
            parked,
            work: VecDeque::new(),
            out: VecDeque::new(),
            record: true,
            audience_per_input: None,
        }
    }

    /// Enrolls a large audience over several inputs of its instant, at most
    /// `per_input` contacts each, so that a page can give the browser a turn
    /// between them. The events and their order are the same either way:
    /// nothing else happens until the audience is enrolled.
    pub fn set_audience_per_input(&mut self, per_input: Option<usize>) {
        self.audience_per_input = per_input.map(|n| n.max(1));
    }

    /// Stop keeping events for `poll_event` (state still folds every one).
    pub fn set_recording(&mut self, record: bool) {
        self.record = record;
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    /// When the engine next needs `handle_timeout`: now while an audience
    /// is still being enrolled, else the first timer; `None` when nothing is
    /// scheduled. Waking it earlier, or with nothing due, is harmless.
    pub fn poll_timeout(&mut self) -> Option<SimTime> {
        if self.state.audience_under_way.is_some() {
            return Some(self.now);
        }
        self.timers.peek(&self.state).map(|(slot, _)| slot.due)
    }

    pub fn poll_event(&mut self) -> Option<Stamped> {
        self.out.pop_front()
    }

    pub fn drain_events(&mut self) -> impl Iterator<Item = Stamped> + '_ {
        self.out.drain(..)
    }

    /// Gives back the room a burst left in the output queue once it has
    /// been drained (one instant can enroll a whole audience), so that it
    /// does not stay taken for the rest of the run.
    pub fn shed_spare_capacity(&mut self) {
        const KEEP: usize = 1 << 12;
        if self.out.is_empty() && self.out.capacity() > 4 * KEEP {
            self.out.shrink_to(KEEP);
        }
        if self.work.is_empty() && self.work.capacity() > 4 * KEEP {
            self.work.shrink_to(KEEP);
        }
    }

    /// Goes on enrolling an audience under way; once none is, fires every
    /// timer due at or before `now`.
    pub fn handle_timeout(&mut self, now: SimTime) -> Result<()> {
        self.enroll_audience(self.audience_per_input)?;
        if self.state.audience_under_way.is_some() {
            return Ok(());
        }
        self.advance_clock(now)?;
        self.fire_due(now)
    }

    /// Runs a command at `now`, after the rest of an audience under way
    /// and any timer due strictly before `now` (commands at an instant run
    /// before the timers due at it).
    pub fn handle_command(&mut self, now: SimTime, command: &Command) -> Result<Outcome> {
        self.enroll_audience(None)?;
        self.advance_clock(now)?;
        if now.0 > 0 {
            self.fire_due(SimTime(now.0 - 1))?;
        }
        let outcome = self.dispatch(command)?;
        self.settle()?;
        Ok(outcome)
    }

    fn advance_clock(&mut self, now: SimTime) -> Result<()> {
        if now < self.now {
            return Err(EngineError::TimeWentBackwards {
                now,
                last: self.now,
            });
        }
        self.now = now;
        Ok(())
    }

    /// Inlined where each event is built, so the fold below (`State::apply`)
    /// and the timer it may set reduce to that one event's code.
    #[inline(always)]
    pub(crate) fn emit(&mut self, event: Event) {
        self.state.apply(self.now, &event);
        self.timers.state_changed();
        self.observe_timer(&event);
        if self.record {
            self.record(event);
        } else if event.owns_nothing() {
            // Most events are plain data: skip the out-of-line drop glue.
            std::mem::forget(event);
        }
    }

    #[inline(never)]
    fn record(&mut self, event: Event) {
        self.out.push_back(Stamped { t: self.now, event });
    }

    /// Mirrors a slot the event just set into the timer queue.
    #[inline(always)]
    fn observe_timer(&mut self, event: &Event) {
        let key = match event {
            Event::WakeSet { exec, .. } | Event::RetryScheduled { exec, .. } => {
                TimerKey::Exec(*exec)
            }
            Event::TimeoutSet { exec, .. } => TimerKey::Timeout(*exec),
            Event::PollScheduled { wf, .. } => TimerKey::Poll(*wf),
            Event::WindowWakeSet { wf, .. } => TimerKey::Window(*wf),
            Event::SharedApprovalOpened { .. } => {
                TimerKey::SharedTimeout(self.state.shared.len() as u32 - 1)
            }
            Event::SharedDeliverySet { shared, .. } => TimerKey::SharedDelivery(*shared),
            _ => return,
        };
        if let Some(slot) = TimerQueue::current(&self.state, key) {
            self.timers.push(slot, key);
        }
    }

    fn fire_due(&mut self, limit: SimTime) -> Result<()> {
        while let Some((slot, key)) = self.timers.pop_due(&self.state, limit) {
            if let Some(wf) = Self::paused_workflow_of(&self.state, key) {
                self.parked.entry(wf).or_default().push((slot, key));
                continue;
            }
            self.fire(key)?;
            self.settle()?;
        }
        Ok(())
    }

    /// The workflow whose pause holds this timer back, if it is paused.
    /// Trigger polls keep their own schedule and are never held.
    fn paused_workflow_of(state: &State, key: TimerKey) -> Option<WfIx> {
        let wf = match key {
            TimerKey::Exec(x) | TimerKey::Timeout(x) => state.execution(x).wf,
            TimerKey::SharedTimeout(s) | TimerKey::SharedDelivery(s) => state.shared[s as usize].wf,
            TimerKey::Poll(_) | TimerKey::Window(_) => return None,
        };
        (state.workflow(wf).status == WorkflowStatus::Paused).then_some(wf)
    }

    fn fire(&mut self, key: TimerKey) -> Result<()> {
        match key {
            TimerKey::Exec(x) => self.on_wake(x),
            TimerKey::Timeout(x) => self.on_execution_timeout(x),
            TimerKey::Poll(wf) => self.on_poll(wf),
            TimerKey::Window(wf) => {
                self.emit(Event::WindowWakeFired { wf });
                self.queue(Work::RecheckBlocked(wf));
                Ok(())
            }
            TimerKey::SharedTimeout(s) => self.on_shared_timeout(s),
            TimerKey::SharedDelivery(s) => {
                let outcome = self.state.shared[s as usize].outcome;
                match outcome {
                    Some(outcome) => self.release_shared(s, outcome),
                    None => Ok(()),
                }
            }
        }
    }

    /// Fires, in their order, the timers a pause held back.
    pub(crate) fn fire_parked(&mut self, wf: WfIx) -> Result<()> {
        for (slot, key) in self.parked.remove(&wf).unwrap_or_default() {
            if TimerQueue::current(&self.state, key) == Some(slot) {
                self.fire(key)?;
                self.settle()?;
            }
        }
        Ok(())
    }

    pub(crate) fn queue(&mut self, work: Work) {
        if !self.work.contains(&work) {
            self.work.push_back(work);
        }
    }

    /// Runs queued work until none is left at this instant.
    pub(crate) fn settle(&mut self) -> Result<()> {
        while let Some(work) = self.work.pop_front() {
            match work {
                Work::Advance(x) => self.advance(x)?,
                Work::RecheckBlocked(wf) => self.recheck_blocked(wf)?,
            }
        }
        Ok(())
    }

    pub(crate) fn reject(&mut self, command: &Command, reason: impl Into<String>) -> Outcome {
        let reason = reason.into();
        self.emit(Event::CommandRejected(Box::new(crate::event::Rejection {
            verb: command.verb(),
            reason: reason.clone(),
            ids: command.ids(),
        })));
        Outcome::Rejected(reason)
    }
}
