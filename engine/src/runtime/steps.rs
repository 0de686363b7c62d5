//! Running steps inside RUNNING (lifecycle.md §3): attempts, built-in
//! retries with linear backoff, fail actions, and what each kind does.

use std::collections::HashSet;

use crate::event::{ApprovalOutcome, Event, Reason, Source, WakeKind, WorkLimit};
use crate::ids::{ExecIx, StepIx};
use crate::limits::{
    MAX_ATTEMPTS_AT_ONE_INSTANT, MAX_ATTEMPTS_PER_STEP, MAX_ENTRIES_PER_EXECUTION,
    MAX_ENTRIES_PER_INSTANT,
};
use crate::machines::execution::{ExecInput, ExecState};
use crate::machines::step::{transition, StepInput, StepStatus};
use crate::machines::Transition;
use crate::model::{ActionKind, DurationSpec, Fault, Port, StepKind};
use crate::rng::{between, draw, unit, Purpose};
use crate::runtime::compiled::{Body, FailAction};
use crate::runtime::engine::{Engine, Result};
use crate::runtime::state::Version;
use crate::time::DAY;

/// Where an execution goes after a step did what it could.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Flow {
    /// It waits for a timer or a decision.
    Wait,
    /// It leaves `from` by `port`; `to: None` means there is no next step.
    Goto {
        from: StepIx,
        port: Port,
        to: Option<StepIx>,
    },
    /// It ends `COMPLETED`.
    Complete(Option<Reason>),
    /// It ends in `ERROR`.
    Fail(Reason),
}

impl Engine {
    /// Follows a flow from step to step until the execution waits or ends.
    pub(crate) fn follow(&mut self, version: &Version, x: ExecIx, mut flow: Flow) -> Result<()> {
        let mut entries = 0;
        loop {
            flow = match flow {
                Flow::Wait => return Ok(()),
                Flow::Goto {
                    from,
                    port,
                    to: Some(to),
                } => {
                    entries += 1;
                    if entries > MAX_ENTRIES_PER_INSTANT {
                        Flow::Fail(Reason::StepLoop(to))
                    } else if self.state.execution(x).entries >= MAX_ENTRIES_PER_EXECUTION {
                        Flow::Fail(Reason::WorkLimit {
                            step: to,
                            limit: WorkLimit::EntriesPerExecution,
                        })
                    } else {
                        self.emit(Event::Transition {
                            exec: x,
                            from_step: from,
                            port,
                            to_step: to,
                        });
                        self.enter_step(version, x, to)?
                    }
                }
                Flow::Goto { to: None, .. } => {
                    self.move_exec(x, ExecInput::Success, None)?;
                    return Ok(());
                }
                Flow::Complete(reason) => {
                    self.move_exec(x, ExecInput::Success, reason)?;
                    return Ok(());
                }
                Flow::Fail(reason) => {
                    self.move_exec(x, ExecInput::Error, Some(reason))?;
                    return Ok(());
                }
            }
        }
    }

    #[inline(always)]
    pub(crate) fn step_to(
        &mut self,
        x: ExecIx,
        s: StepIx,
        input: StepInput,
        attempt: u32,
    ) -> Result<()> {
        let from = self.state.execution(x).steps[s.ix()].status();
        if let Transition::To(to) = transition(from, input)? {
            self.emit(Event::StepStatus {
                exec: x,
                step: s,
                from,
                to,
                attempt,
            });
        }
        Ok(())
    }

    pub(crate) fn enter_step(&mut self, version: &Version, x: ExecIx, s: StepIx) -> Result<Flow> {
        let step = version.compiled.step(s);
        self.step_to(x, s, StepInput::Enter(step.kind), 0)?;
        Ok(match &step.body {
            Body::Action { .. } => self.start_attempt(version, x, s)?,
            Body::Wait { duration } => {
                let entries = self.state.execution(x).entries;
                let ms = self.duration_of(*duration, Purpose::WaitDuration, x, s, entries);
                self.emit(Event::WakeSet {
                    exec: x,
                    due: self.now.plus(ms),
                    kind: WakeKind::WaitEnd,
                });
                Flow::Wait
            }
            Body::Condition { filter, yes, no } => {
                let contact = &self.state.contacts[self.state.execution(x).contact.ix()];
                let holds = filter.as_ref().is_some_and(|f| f.matches(contact));
                self.step_to(x, s, StepInput::Done, 0)?;
                if holds {
                    Flow::Goto {
                        from: s,
                        port: Port::Yes,
                        to: *yes,
                    }
                } else {
                    Flow::Goto {
                        from: s,
                        port: Port::No,
                        to: *no,
                    }
                }
            }
            Body::Filter { .. } => self.evaluate_filter(version, x, s)?,
            Body::Approval { .. } => self.open_approval(version, x, s)?,
            Body::Enroll { workflow } => {
                let workflow = workflow.clone();
                self.start_from(x, &workflow, Source::EnrollStep);
                self.step_to(x, s, StepInput::Done, 0)?;
                Flow::Goto {
                    from: s,
                    port: Port::Next,
                    to: step.next,
                }
            }
            Body::End => {
                self.step_to(x, s, StepInput::Done, 0)?;
                Flow::Complete(None)
            }
        })
    }

    /// A filter step lets the execution through, or runs its fail action.
    fn evaluate_filter(&mut self, version: &Version, x: ExecIx, s: StepIx) -> Result<Flow> {
        let step = version.compiled.step(s);
        let Body::Filter { filter, .. } = &step.body else {
            unreachable!("a filter step")
        };
        let contact = &self.state.contacts[self.state.execution(x).contact.ix()];
        if filter.as_ref().is_none_or(|f| f.matches(contact)) {
            self.step_to(x, s, StepInput::Done, 0)?;
            Ok(Flow::Goto {
                from: s,
                port: Port::Next,
                to: step.next,
            })
        } else {
            self.fail_step(version, x, s, 0)
        }
    }

    /// Begins the current attempt of an action step.
    fn start_attempt(&mut self, version: &Version, x: ExecIx, s: StepIx) -> Result<Flow> {
        let Body::Action { duration, .. } = &version.compiled.step(s).body else {
            unreachable!("an action step")
        };
        let n = self.state.execution(x).steps[s.ix()].attempts_total();
        let ms = self.duration_of(*duration, Purpose::AttemptDuration, x, s, n);
        if ms > 0 {
            self.emit(Event::WakeSet {
                exec: x,
                due: self.now.plus(ms),
                kind: WakeKind::AttemptEnd,
            });
            return Ok(Flow::Wait);
        }
        self.finish_attempt(version, x, s)
    }

    fn finish_attempt(&mut self, version: &Version, x: ExecIx, s: StepIx) -> Result<Flow> {
        let step = version.compiled.step(s);
        let Body::Action {
            action,
            set,
            retry,
            fault,
            ..
        } = &step.body
        else {
            unreachable!("an action step")
        };
        let e = self.state.execution(x);
        let (attempt, total, failed_before) = (
            e.attempt,
            e.steps[s.ix()].attempts_total(),
            e.failing_since().is_some(),
        );
        let ok = !self.faulted(*fault, Purpose::AttemptFault, x, s, total);
        self.emit(Event::StepAttempt {
            exec: x,
            step: s,
            attempt,
            ok,
        });
        if ok {
            let input = if failed_before {
                StepInput::SucceededAfterFailure
            } else {
                StepInput::Succeeded
            };
            self.step_to(x, s, input, attempt)?;
            self.apply_update(x, *action, set.as_ref());
            return Ok(Flow::Goto {
                from: s,
                port: Port::Next,
                to: step.next,
            });
        }
        let k = attempt + 1;
        if k < retry.max_attempts {
            if let Some(limit) = self.attempt_limit(x, s, k) {
                self.step_to(x, s, StepInput::Failed, k)?;
                return Ok(Flow::Fail(Reason::WorkLimit { step: s, limit }));
            }
            self.step_to(x, s, StepInput::RetryScheduled, k)?;
            let due = self.now.plus((k as u64).saturating_mul(retry.backoff));
            self.emit(Event::RetryScheduled {
                exec: x,
                step: s,
                attempt: k,
                due,
            });
            return Ok(Flow::Wait);
        }
        self.fail_step(version, x, s, k)
    }

    /// The limit another attempt of step `s`, the `k`-th of its cycle,
    /// would go beyond.
    fn attempt_limit(&self, x: ExecIx, s: StepIx, k: u32) -> Option<WorkLimit> {
        let e = self.state.execution(x);
        if e.steps[s.ix()].attempts_total() >= MAX_ATTEMPTS_PER_STEP {
            return Some(WorkLimit::AttemptsPerStep);
        }
        let all_now = e.failing_since().is_none_or(|t| t == self.now);
        (k >= MAX_ATTEMPTS_AT_ONE_INSTANT && all_now).then_some(WorkLimit::AttemptsAtOneInstant)
    }

    pub(crate) fn apply_update(
        &mut self,
        x: ExecIx,
        action: ActionKind,
        set: Option<&serde_json::Map<String, serde_json::Value>>,
    ) {
        if let (ActionKind::Update, Some(set)) = (action, set) {
            let contact = self.state.execution(x).contact;
            self.emit(Event::ContactAttributesSet {
                contact,
                attributes: Box::new(set.clone()),
            });
        }
    }

    /// Runs the step's fail action once its retries are exhausted.
    pub(crate) fn fail_step(
        &mut self,
        version: &Version,
        x: ExecIx,
        s: StepIx,
        attempt: u32,
    ) -> Result<Flow> {
        let step = version.compiled.step(s);
        let on_fail = match &step.body {
            Body::Action { on_fail, .. }
            | Body::Filter { on_fail, .. }
            | Body::Approval { on_fail, .. } => on_fail.clone(),
            _ => FailAction::Continue,
        };
        let next = Flow::Goto {
            from: s,
            port: Port::Next,
            to: step.next,
        };
        let reason = Reason::StepFailed {
            step: s,
            action: on_fail.kind(),
        };
        if let FailAction::Retry {
            max_retry_days,
            retry_interval_days,
        } = on_fail
        {
            let e = self.state.execution(x);
            let (since, retry_count) = (e.failing_since().unwrap_or(self.now), e.retry_count);
            let failing_for = self.now.0 - since.0;
            self.emit(Event::FailAction {
                exec: x,
                step: s,
                action: on_fail.kind(),
                target: None,
            });
            if failing_for > max_retry_days.saturating_mul(DAY) {
                self.step_to(x, s, StepInput::Failed, attempt)?;
                return Ok(next);
            }
            self.step_to(x, s, StepInput::RetryScheduled, 0)?;
            let due = self.now.plus(retry_interval_days.saturating_mul(DAY));
            self.emit(Event::RetryScheduled {
                exec: x,
                step: s,
                attempt: 0,
                due,
            });
            self.emit(Event::History {
                exec: x,
                step: s,
                retry_count: retry_count as u32 + 1,
            });
            return Ok(Flow::Wait);
        }
        self.step_to(x, s, StepInput::Failed, attempt)?;
        let target = match &on_fail {
            FailAction::Branch { goto_id, .. } => goto_id.as_deref().map(Box::from),
            FailAction::EnrollWorkflow { workflow } => workflow.as_deref().map(Box::from),
            _ => None,
        };
        self.emit(Event::FailAction {
            exec: x,
            step: s,
            action: on_fail.kind(),
            target,
        });
        Ok(match on_fail {
            FailAction::Continue | FailAction::Retry { .. } => next,
            FailAction::EndWorkflow | FailAction::SkipRemaining => {
                self.skip_following(version, x, s)?;
                Flow::Complete(Some(reason))
            }
            FailAction::Branch {
                goto: Some(goto), ..
            } => Flow::Goto {
                from: s,
                port: Port::OnFail,
                to: Some(goto),
            },
            FailAction::Branch { goto: None, .. } => next,
            FailAction::EnrollWorkflow { workflow } => {
                self.start_from(x, workflow.as_deref().unwrap_or(""), Source::FailAction);
                Flow::Complete(Some(reason))
            }
            FailAction::FailWorkflow => Flow::Fail(reason),
        })
    }

    /// Reports `skipped` for the steps after `s` along `next` links, stopping
    /// before an `end` step or a step already seen.
    fn skip_following(&mut self, version: &Version, x: ExecIx, s: StepIx) -> Result<()> {
        let mut seen = HashSet::from([s]);
        let mut cursor = version.compiled.step(s).next;
        while let Some(t) = cursor {
            let step = version.compiled.step(t);
            if step.kind == StepKind::End || !seen.insert(t) {
                break;
            }
            self.step_to(x, t, StepInput::Skip, 0)?;
            cursor = step.next;
        }
        Ok(())
    }

    /// An execution's wake-up fell due.
    pub(crate) fn on_wake(&mut self, x: ExecIx) -> Result<()> {
        let Some((slot, kind)) = self.state.execution(x).wake else {
            return Ok(());
        };
        let state = self.state.execution(x).state;
        if matches!(
            kind,
            WakeKind::CompensationEnd | WakeKind::CompensationRetry
        ) {
            // A rollback waits while its slot is set: clear it first.
            self.emit(Event::WakeFired { exec: x });
            if kind == WakeKind::CompensationEnd {
                let s = self.state.execution(x).rollback.get().plan[0];
                if !self.compensation_attempt(x, s)? {
                    return Ok(());
                }
            }
            if state == ExecState::FailedUnsafe {
                self.run_rollback(x)?;
            }
            return self.advance(x);
        }
        if state != ExecState::Running || self.state.execution(x).cursor.is_none() {
            self.emit(Event::WakeFired { exec: x });
            return Ok(());
        }
        let s = self.state.execution(x).cursor.expect("checked");
        let version = self.version(x);
        let step = version.compiled.step(s);
        let flow = match kind {
            WakeKind::AttemptEnd => self.finish_attempt(&version, x, s)?,
            WakeKind::RetryDue => {
                let attempt = self.state.execution(x).attempt;
                self.step_to(x, s, StepInput::RetryDue(step.kind), attempt)?;
                match step.kind {
                    StepKind::Approval => self.open_approval(&version, x, s)?,
                    StepKind::Filter => self.evaluate_filter(&version, x, s)?,
                    _ => self.start_attempt(&version, x, s)?,
                }
            }
            WakeKind::WaitEnd => {
                self.step_to(x, s, StepInput::Done, 0)?;
                Flow::Goto {
                    from: s,
                    port: Port::Next,
                    to: step.next,
                }
            }
            WakeKind::ApprovalTimeout => {
                self.resolve_approval(&version, x, s, ApprovalOutcome::TimedOut)?
            }
            WakeKind::DecisionDelivery(outcome) => {
                self.resolve_approval(&version, x, s, outcome)?
            }
            WakeKind::CompensationEnd | WakeKind::CompensationRetry => {
                unreachable!("handled above")
            }
        };
        self.follow(&version, x, flow)?;
        // Handling a wake usually sets the next one, which replaces the slot;
        // only a slot still in place needs clearing (one event fewer a wake).
        if self.state.execution(x).wake.map(|(s, _)| s) == Some(slot) {
            self.emit(Event::WakeFired { exec: x });
        }
        self.advance(x)
    }

    pub(crate) fn on_execution_timeout(&mut self, x: ExecIx) -> Result<()> {
        self.emit(Event::TimeoutFired { exec: x });
        if self.state.execution(x).state != ExecState::Running {
            return Ok(());
        }
        self.cancel_current_step(x)?;
        self.move_exec(x, ExecInput::Error, Some(Reason::ExecutionTimeout))?;
        self.advance(x)
    }

    /// A step in progress when its execution leaves RUNNING is `cancelled`.
    pub(crate) fn cancel_current_step(&mut self, x: ExecIx) -> Result<()> {
        let e = self.state.execution(x);
        if e.state != ExecState::Running {
            return Ok(());
        }
        if let Some(s) = e.cursor {
            if e.steps[s.ix()]
                .status()
                .is_some_and(StepStatus::in_progress)
            {
                let attempt = e.attempt;
                self.step_to(x, s, StepInput::Cancel, attempt)?;
            }
        }
        Ok(())
    }

    pub(crate) fn duration_of(
        &self,
        spec: DurationSpec,
        purpose: Purpose,
        x: ExecIx,
        s: StepIx,
        n: u32,
    ) -> u64 {
        match spec {
            DurationSpec::Fixed(ms) => ms,
            DurationSpec::Random { min, max } => between(
                draw(self.state.seed, purpose, x.0 as u64, s.0 as u64, n as u64),
                min,
                max,
            ),
        }
    }

    /// Whether the attempt numbered `n` (over all cycles) fails.
    pub(crate) fn faulted(
        &self,
        fault: Option<Fault>,
        purpose: Purpose,
        x: ExecIx,
        s: StepIx,
        n: u32,
    ) -> bool {
        match fault {
            None => false,
            Some(Fault::FailFirst(k)) => (n as u64) < k,
            Some(Fault::Always(always)) => always,
            Some(Fault::Probability(p)) => {
                unit(draw(
                    self.state.seed,
                    purpose,
                    x.0 as u64,
                    s.0 as u64,
                    n as u64,
                )) < p
            }
        }
    }
}
