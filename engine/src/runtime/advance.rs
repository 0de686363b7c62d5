//! Moving an execution along the execution machine as far as it can go
//! without waiting: Validate, Conditions, Discover, Lock, Run, and the
//! rollback decision. Also what a move releases for others (a concurrency
//! slot, a contact lock) and the workflow phase it can change.

use std::sync::Arc;

use crate::event::{Event, Phase, Reason};
use crate::ids::{ContactIx, ExecIx, StepIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::{transition, ExecInput, ExecState};
use crate::machines::Transition;
use crate::model::Trigger;
use crate::runtime::engine::{Engine, Result, Work};
use crate::runtime::state::Version;
use crate::time::DAY;

impl Engine {
    pub(crate) fn version(&self, x: ExecIx) -> Arc<Version> {
        Arc::clone(self.state.version_of(x))
    }

    /// Moves `x` by `input`; what the move frees for others is queued.
    pub(crate) fn move_exec(
        &mut self,
        x: ExecIx,
        input: ExecInput,
        reason: Option<Reason>,
    ) -> Result<ExecState> {
        let from = self.state.execution(x).state;
        let to = match transition(from, input)? {
            Transition::To(to) => to,
            Transition::Ignored => return Ok(from),
        };
        self.emit(Event::ExecutionState {
            exec: x,
            from: Some(from),
            to,
            reason,
        });
        let (wf, contact) = (self.state.execution(x).wf, self.state.execution(x).contact);
        if from.holds_slot() && !to.holds_slot() && !self.state.workflow(wf).blocked.is_empty() {
            self.queue(Work::RecheckBlocked(wf));
        }
        if from.holds_lock() && !to.holds_lock() {
            if let Some(lock) = self.state.locks.get(&contact) {
                if lock.holder.is_none() {
                    if let Some(next) = self.first_movable_waiter(contact) {
                        self.queue(Work::Advance(next));
                    }
                }
            }
        }
        if to.is_terminal() && !from.is_terminal() {
            self.refresh_phase(wf);
        }
        Ok(to)
    }

    /// Advances `x` until it has to wait for something.
    pub(crate) fn advance(&mut self, x: ExecIx) -> Result<()> {
        loop {
            let state = self.state.execution(x).state;
            match state {
                ExecState::New => {
                    match self.entry_refusal(x) {
                        None => self.move_exec(x, ExecInput::Validated, None)?,
                        Some(reason) => self.move_exec(x, ExecInput::Invalid, Some(reason))?,
                    };
                }
                ExecState::Valid => match self.unmet_condition(x) {
                    None => {
                        self.move_exec(x, ExecInput::ConditionsMet, None)?;
                    }
                    Some(reason) => {
                        let window = reason == Reason::OutsideStartWindow;
                        self.move_exec(x, ExecInput::ConditionsUnmet, Some(reason))?;
                        if window {
                            self.arm_window(self.state.execution(x).wf);
                        }
                        return Ok(());
                    }
                },
                ExecState::BlockedWaiting | ExecState::Running => return Ok(()),
                ExecState::Ready => {
                    self.move_exec(x, ExecInput::Discover, None)?;
                }
                ExecState::ResourceDiscovery => {
                    match self.missing_resource(x) {
                        None => self.move_exec(x, ExecInput::ResourcesFound, None)?,
                        Some(reason) => {
                            self.move_exec(x, ExecInput::ResourcesMissing, Some(reason))?
                        }
                    };
                }
                ExecState::ResourcesDiscovered => {
                    self.move_exec(x, ExecInput::Lock, None)?;
                }
                ExecState::Scheduled => {
                    let wf = self.state.execution(x).wf;
                    if self.state.workflow(wf).status == WorkflowStatus::Paused {
                        return Ok(());
                    }
                    self.move_exec(x, ExecInput::Lock, None)?;
                }
                ExecState::Locking => match self.lock_blocker(x) {
                    None => {
                        self.move_exec(x, ExecInput::Run, None)?;
                    }
                    Some(holder) => {
                        self.move_exec(x, ExecInput::Unlock, Some(Reason::LockHeld(holder)))?;
                        return Ok(());
                    }
                },
                ExecState::Locked => {
                    self.move_exec(x, ExecInput::Run, None)?;
                    if let Some(limit) = self.version(x).compiled.settings.execution_timeout {
                        self.emit(Event::TimeoutSet {
                            exec: x,
                            due: self.now.plus(limit),
                        });
                    }
                    let version = self.version(x);
                    let flow = self.enter_step(&version, x, StepIx(0))?;
                    self.follow(&version, x, flow)?;
                }
                ExecState::Error => {
                    match self.step_without_compensation(x) {
                        None => self.move_exec(x, ExecInput::CanRollback, None)?,
                        Some(step) => self.move_exec(
                            x,
                            ExecInput::CannotRollback,
                            Some(Reason::NoCompensation(step)),
                        )?,
                    };
                }
                ExecState::Rollback => {
                    if self.state.execution(x).wake.is_some() {
                        return Ok(());
                    }
                    self.run_rollback(x)?;
                    if self.state.execution(x).state == ExecState::Rollback {
                        return Ok(());
                    }
                }
                ExecState::Completed | ExecState::FailedSafe | ExecState::Cancelled => {
                    if self.version(x).compiled.settings.auto_ack {
                        self.move_exec(x, ExecInput::Ack, Some(Reason::AutoAck))?;
                    }
                    return Ok(());
                }
                ExecState::FailedUnsafe
                | ExecState::CompletedAck
                | ExecState::FailedSafeAck
                | ExecState::FailedUnsafeAck
                | ExecState::CancelledAck => return Ok(()),
            }
        }
    }

    /// Validate: the entry filter, and re-enrollment.
    fn entry_refusal(&self, x: ExecIx) -> Option<Reason> {
        let e = self.state.execution(x);
        let settings = &self.state.version_of(x).compiled.settings;
        let contact = &self.state.contacts[e.contact.ix()];
        if let Some(filter) = &settings.entry_filter {
            if !filter.matches(contact) {
                return Some(Reason::EntryFilter);
            }
        }
        if !settings.allow_reenrollment && self.earlier_executions(x) > 0 {
            return Some(Reason::AlreadyEnrolled);
        }
        None
    }

    /// How many executions of `x`'s workflow for `x`'s contact were created
    /// before `x`. Executions created after it (siblings started at the same
    /// instant, still queued) are not counted; they sit at the end of the
    /// workflow's list, so only those are walked.
    fn earlier_executions(&self, x: ExecIx) -> u32 {
        let e = self.state.execution(x);
        let all = self
            .state
            .enrollments
            .get(&(e.contact, e.wf))
            .copied()
            .unwrap_or(0);
        if all <= 1 {
            return 0;
        }
        let later = self
            .state
            .workflow(e.wf)
            .executions
            .iter()
            .rev()
            .take_while(|&&y| y > x)
            .filter(|&&y| self.state.execution(y).contact == e.contact)
            .count() as u32;
        all - 1 - later
    }

    /// Conditions: active, inside the start window, under `max_concurrent`.
    pub(crate) fn unmet_condition(&self, x: ExecIx) -> Option<Reason> {
        let wf = self.state.execution(x).wf;
        let w = self.state.workflow(wf);
        if w.status != WorkflowStatus::Active {
            return Some(Reason::WorkflowPaused);
        }
        let settings = &self.state.version_of(x).compiled.settings;
        if let Some(window) = settings.start_window {
            if !window.contains(self.now.time_of_day()) {
                return Some(Reason::OutsideStartWindow);
            }
        }
        if let Some(max) = settings.max_concurrent {
            if w.holding_slots() >= max.max(0) as u64 {
                return Some(Reason::MaxConcurrent(max.max(0) as u32));
            }
        }
        None
    }

    fn missing_resource(&self, x: ExecIx) -> Option<Reason> {
        let e = self.state.execution(x);
        let compiled = &self.state.version_of(x).compiled;
        let contact = &self.state.contacts[e.contact.ix()];
        let missing = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
        if compiled.needs_email && missing(&contact.email) {
            return Some(Reason::MissingEmail);
        }
        if compiled.needs_phone && missing(&contact.phone) {
            return Some(Reason::MissingPhone);
        }
        None
    }

    /// Who keeps `x` from the contact's lock: the holder, or an earlier waiter.
    fn lock_blocker(&self, x: ExecIx) -> Option<ExecIx> {
        if !self
            .state
            .version_of(x)
            .compiled
            .settings
            .exclusive_per_contact
        {
            return None;
        }
        let lock = self.state.locks.get(&self.state.execution(x).contact)?;
        match lock.holder {
            Some(holder) if holder != x => Some(holder),
            Some(_) => None,
            None => self
                .first_movable_waiter(self.state.execution(x).contact)
                .filter(|w| *w != x),
        }
    }

    /// The longest-waiting execution for `contact`'s lock whose workflow is
    /// not paused: a frozen waiter keeps its place but holds no one up.
    fn first_movable_waiter(&self, contact: ContactIx) -> Option<ExecIx> {
        let lock = self.state.locks.get(&contact)?;
        lock.waiters.iter().copied().find(|w| {
            let wf = self.state.execution(*w).wf;
            self.state.workflow(wf).status != WorkflowStatus::Paused
        })
    }

    /// canRollback fails on the first completed action with no compensation.
    fn step_without_compensation(&self, x: ExecIx) -> Option<StepIx> {
        let compiled = &self.state.version_of(x).compiled;
        self.state
            .execution(x)
            .done_actions
            .iter()
            .copied()
            .find(|s| !compiled.has_compensation(*s))
    }

    /// Releases blocked executions, in the order they were blocked, while
    /// the conditions hold.
    pub(crate) fn recheck_blocked(&mut self, wf: WfIx) -> Result<()> {
        while let Some(&x) = self.state.workflow(wf).blocked.front() {
            match self.unmet_condition(x) {
                None => {
                    self.move_exec(x, ExecInput::ConditionsMet, None)?;
                    self.advance(x)?;
                }
                Some(reason) => {
                    if reason == Reason::OutsideStartWindow {
                        self.arm_window(wf);
                    }
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Wakes the workflow's blocked executions when its start window opens.
    fn arm_window(&mut self, wf: WfIx) {
        if self.state.workflow(wf).window_wake.is_some() {
            return;
        }
        let Some(version) = self.state.workflow(wf).current() else {
            return;
        };
        let Some(window) = version.compiled.settings.start_window else {
            return;
        };
        let tod = self.now.time_of_day();
        let wait = if window.from > tod {
            window.from - tod
        } else {
            DAY - tod + window.from
        };
        self.emit(Event::WindowWakeSet {
            wf,
            due: self.now.plus(wait),
        });
    }

    /// Derives the phase and reports it when it changed.
    pub(crate) fn refresh_phase(&mut self, wf: WfIx) {
        let w = self.state.workflow(wf);
        let audience = w
            .current()
            .is_some_and(|v| matches!(v.compiled.trigger, Trigger::Audience { .. }));
        let phase = match w.status {
            WorkflowStatus::Draft => Phase::Editing,
            WorkflowStatus::Cancelled | WorkflowStatus::Archived => Phase::Finished,
            WorkflowStatus::Active | WorkflowStatus::Paused => {
                if audience && w.audience_enrolled && w.non_terminal() == 0 {
                    Phase::Finished
                } else {
                    Phase::Started
                }
            }
        };
        if phase != w.phase {
            self.emit(Event::WorkflowPhase { wf, phase });
        }
    }
}
