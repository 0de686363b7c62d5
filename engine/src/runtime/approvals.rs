//! Approval steps: notifications, decisions, timeouts; `scope: execution`
//! (each execution its own decision) and `scope: workflow` (one decision per
//! version and step, shared by every execution that arrives there).

use crate::command::{Command, DecideTarget, Decision};
use crate::event::WakeKind;
use crate::event::{ApprovalOutcome, Channel, DecisionTarget, Event};
use crate::ids::{ExecIx, OperatorIx, StepIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::machines::step::{StepInput, StepStatus};
use crate::model::{ApprovalScope, Port};
use crate::runtime::compiled::Body;
use crate::runtime::engine::{Engine, Outcome, Result};
use crate::runtime::state::Version;
use crate::runtime::steps::Flow;

impl Engine {
    /// The step is `awaiting_decision`: notify, arm the timeout, or follow a
    /// shared decision already taken.
    pub(crate) fn open_approval(
        &mut self,
        version: &Version,
        x: ExecIx,
        s: StepIx,
    ) -> Result<Flow> {
        let Body::Approval {
            group,
            scope,
            timeout,
            ..
        } = &version.compiled.step(s).body
        else {
            unreachable!("an approval step")
        };
        let timeout_due = timeout.map(|t| self.now.plus(t));
        match scope {
            ApprovalScope::Execution => {
                self.notify(group, x, s);
                if let Some(due) = timeout_due {
                    self.emit(Event::WakeSet {
                        exec: x,
                        due,
                        kind: WakeKind::ApprovalTimeout,
                    });
                }
                Ok(Flow::Wait)
            }
            ApprovalScope::Workflow => {
                let e = self.state.execution(x);
                let key = (e.wf, e.version, s);
                match self.state.shared_by_key.get(&key).copied() {
                    None => {
                        self.emit(Event::SharedApprovalOpened {
                            wf: key.0,
                            version: key.1,
                            step: s,
                            timeout_due,
                        });
                        let shared = self.state.shared.len() as u32 - 1;
                        self.notify(group, x, s);
                        self.emit(Event::SharedApprovalJoined { shared, exec: x });
                        Ok(Flow::Wait)
                    }
                    Some(shared) => {
                        let sa = &self.state.shared[shared as usize];
                        match (sa.released, sa.outcome) {
                            (true, Some(outcome)) => self.resolve_approval(version, x, s, outcome),
                            _ => {
                                self.emit(Event::SharedApprovalJoined { shared, exec: x });
                                Ok(Flow::Wait)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Every operator of the group, once per channel they have.
    fn notify(&mut self, group: &str, x: ExecIx, s: StepIx) {
        let mut sends = Vec::new();
        for (i, op) in self.state.operators.iter().enumerate() {
            if op.in_group(group) {
                if op.email.is_some() {
                    sends.push((OperatorIx(i as u32), Channel::Email));
                }
                if op.mobile.is_some() {
                    sends.push((OperatorIx(i as u32), Channel::Sms));
                }
            }
        }
        for (operator, channel) in sends {
            self.emit(Event::Notification {
                operator,
                channel,
                exec: x,
                step: s,
            });
        }
    }

    /// Leaves the approval by the port of its outcome; a timeout with no
    /// `timeout_to` fails the step.
    pub(crate) fn resolve_approval(
        &mut self,
        version: &Version,
        x: ExecIx,
        s: StepIx,
        outcome: ApprovalOutcome,
    ) -> Result<Flow> {
        let Body::Approval {
            approved,
            rejected,
            timeout_to,
            ..
        } = &version.compiled.step(s).body
        else {
            unreachable!("an approval step")
        };
        let (port, to) = match outcome {
            ApprovalOutcome::Approved => (Port::Approved, *approved),
            ApprovalOutcome::Rejected => (Port::Rejected, *rejected),
            ApprovalOutcome::TimedOut => match timeout_to {
                Some(to) => (Port::Timeout, Some(*to)),
                None => return self.fail_step(version, x, s, 0),
            },
        };
        self.step_to(x, s, StepInput::Done, 0)?;
        Ok(Flow::Goto { from: s, port, to })
    }

    /// `decide`: the first decision of a group member wins.
    pub(crate) fn decide(
        &mut self,
        command: &Command,
        target: &DecideTarget,
        operator: &str,
        decision: Decision,
    ) -> Result<Outcome> {
        let Some(op) = self.state.operators.iter().position(|o| o.id == operator) else {
            return Ok(self.reject(command, format!("no operator `{operator}`")));
        };
        let op = OperatorIx(op as u32);
        let shared = match target {
            DecideTarget::Execution(name) => {
                let Some(x) = self.find_execution(name) else {
                    return Ok(self.reject(command, format!("no execution `{name}`")));
                };
                let Some(s) = self.awaiting_step(x) else {
                    let state = self.state.execution(x).state;
                    return Ok(self.reject(
                        command,
                        format!("{name} is {state}, not waiting for a decision"),
                    ));
                };
                let version = self.version(x);
                let Body::Approval { group, scope, .. } = &version.compiled.step(s).body else {
                    unreachable!()
                };
                if !self.state.operators[op.ix()].in_group(group) {
                    return Ok(self.reject(
                        command,
                        format!("operator `{operator}` is not in group `{group}`"),
                    ));
                }
                if *scope == ApprovalScope::Execution {
                    if self.state.execution(x).decided {
                        return Ok(self.reject(
                            command,
                            format!("the approval of {name} is already decided"),
                        ));
                    }
                    self.emit(Event::Decision {
                        target: DecisionTarget::Execution(x),
                        step: s,
                        operator: op,
                        decision,
                    });
                    let outcome = ApprovalOutcome::from_decision(decision);
                    if self.state.workflow(self.state.execution(x).wf).status
                        == WorkflowStatus::Paused
                    {
                        self.emit(Event::WakeSet {
                            exec: x,
                            due: self.now,
                            kind: WakeKind::DecisionDelivery(outcome),
                        });
                    } else {
                        if self.state.execution(x).wake.is_some() {
                            // The decision ends the wait: its timeout goes with it.
                            self.emit(Event::WakeFired { exec: x });
                        }
                        let flow = self.resolve_approval(&version, x, s, outcome)?;
                        self.follow(&version, x, flow)?;
                        self.advance(x)?;
                    }
                    return Ok(Outcome::Accepted);
                }
                let e = self.state.execution(x);
                self.state.shared_by_key.get(&(e.wf, e.version, s)).copied()
            }
            DecideTarget::Shared {
                workflow,
                step,
                version,
            } => {
                let Some(&wf) = self.state.workflow_ix.get(workflow) else {
                    return Ok(self.reject(command, format!("no workflow `{workflow}`")));
                };
                let w = self.state.workflow(wf);
                let number = version.unwrap_or(w.versions.len() as u32);
                let Some(v) = w.versions.get((number as usize).wrapping_sub(1)) else {
                    return Ok(
                        self.reject(command, format!("`{workflow}` has no version {number}"))
                    );
                };
                let Some(s) = v.compiled.step_ix(step) else {
                    return Ok(self.reject(
                        command,
                        format!("version {number} of `{workflow}` has no step `{step}`"),
                    ));
                };
                match &v.compiled.step(s).body {
                    Body::Approval {
                        scope: ApprovalScope::Workflow,
                        group,
                        ..
                    } => {
                        if !self.state.operators[op.ix()].in_group(group) {
                            let group = group.clone();
                            return Ok(self.reject(
                                command,
                                format!("operator `{operator}` is not in group `{group}`"),
                            ));
                        }
                    }
                    _ => {
                        return Ok(self.reject(
                            command,
                            format!("step `{step}` is not an approval with scope workflow"),
                        ))
                    }
                }
                match self.state.shared_by_key.get(&(wf, number, s)) {
                    Some(&shared) => Some(shared),
                    None => {
                        return Ok(self.reject(
                            command,
                            format!(
                                "no execution has reached `{step}` of `{workflow}` v{number} yet"
                            ),
                        ))
                    }
                }
            }
        };
        let Some(shared) = shared else {
            return Ok(self.reject(command, "no shared approval is open there"));
        };
        let sa = &self.state.shared[shared as usize];
        if sa.outcome.is_some() {
            return Ok(self.reject(command, "this approval is already decided"));
        }
        let (wf, step) = (sa.wf, sa.step);
        self.emit(Event::Decision {
            target: DecisionTarget::Shared(shared),
            step,
            operator: op,
            decision,
        });
        let outcome = ApprovalOutcome::from_decision(decision);
        if self.state.workflow(wf).status == WorkflowStatus::Paused {
            self.emit(Event::SharedDeliverySet { shared, outcome });
            Ok(Outcome::Accepted)
        } else {
            self.release_shared(shared, outcome)?;
            Ok(Outcome::Accepted)
        }
    }

    fn awaiting_step(&self, x: ExecIx) -> Option<StepIx> {
        let e = self.state.execution(x);
        if e.state != ExecState::Running {
            return None;
        }
        let s = e.cursor?;
        (e.steps[s.ix()].status() == Some(StepStatus::AwaitingDecision)).then_some(s)
    }

    pub(crate) fn on_shared_timeout(&mut self, shared: u32) -> Result<()> {
        if self.state.shared[shared as usize].outcome.is_some() {
            return Ok(());
        }
        self.release_shared(shared, ApprovalOutcome::TimedOut)
    }

    /// The outcome is final: every execution waiting there moves on, in the
    /// order they arrived.
    pub(crate) fn release_shared(&mut self, shared: u32, outcome: ApprovalOutcome) -> Result<()> {
        let sa = &self.state.shared[shared as usize];
        let (step, waiting) = (sa.step, sa.waiting.clone());
        self.emit(Event::SharedApprovalReleased { shared, outcome });
        for x in waiting {
            if self.awaiting_step(x) != Some(step) {
                continue;
            }
            let version = self.version(x);
            let flow = self.resolve_approval(&version, x, step, outcome)?;
            self.follow(&version, x, flow)?;
            self.advance(x)?;
            self.settle()?;
        }
        Ok(())
    }
}
