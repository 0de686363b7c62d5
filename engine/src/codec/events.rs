//! One event on the wire: its time as a delta from the previous event, a tag
//! byte, then its fields as varints. Most events take 4–8 bytes.

use serde_json::Value;

use super::wire::{Reader, Writer};
use super::CodecError;
use crate::command::{Decision, DraftEdit};
use crate::event::*;
use crate::ids::{ContactIx, ExecIx, OperatorIx, StepIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::machines::step::StepStatus;
use crate::model::{FailActionKind, Port};
use crate::time::SimTime;

const VERBS: [&str; 25] = [
    "publish",
    "activate",
    "pause",
    "resume",
    "cancel",
    "archive",
    "edit",
    "restore",
    "clone",
    "enroll",
    "tag",
    "untag",
    "set",
    "decide",
    "stop",
    "rollback",
    "ack",
    "create",
    "add_contact",
    "update_contact",
    "add_operator",
    "update_operator",
    "gesture",
    "undo",
    "redo",
];
const ID_KEYS: [&str; 9] = [
    "workflow",
    "version",
    "new_id",
    "contacts",
    "contact",
    "tag",
    "execution",
    "step",
    "operator",
];
pub(super) const PORTS: [Port; 7] = [
    Port::Next,
    Port::Yes,
    Port::No,
    Port::Approved,
    Port::Rejected,
    Port::Timeout,
    Port::OnFail,
];
pub(super) const PHASES: [Phase; 3] = [Phase::Editing, Phase::Started, Phase::Finished];
pub(super) const SOURCES: [Source; 5] = [
    Source::Manual,
    Source::Trigger,
    Source::Audience,
    Source::EnrollStep,
    Source::FailAction,
];
const FAIL_ACTIONS: [FailActionKind; 7] = [
    FailActionKind::Continue,
    FailActionKind::EndWorkflow,
    FailActionKind::SkipRemaining,
    FailActionKind::Branch,
    FailActionKind::Retry,
    FailActionKind::EnrollWorkflow,
    FailActionKind::FailWorkflow,
];
pub(super) const OUTCOMES: [ApprovalOutcome; 3] = [
    ApprovalOutcome::Approved,
    ApprovalOutcome::Rejected,
    ApprovalOutcome::TimedOut,
];

pub(super) fn index_of<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).expect("listed") as u8
}

pub(super) fn pick<T: Copy>(
    r: &mut Reader,
    all: &[T],
    what: &'static str,
) -> Result<T, CodecError> {
    let at = r.position();
    let i = r.u8()? as usize;
    all.get(i)
        .copied()
        .ok_or(CodecError::Malformed { at, what })
}

fn static_str(
    r: &mut Reader,
    all: &[&'static str],
    what: &'static str,
) -> Result<&'static str, CodecError> {
    let at = r.position();
    let s = r.str()?;
    all.iter()
        .find(|v| **v == s)
        .copied()
        .ok_or(CodecError::Malformed { at, what })
}

pub fn encode(w: &mut Writer, prev: SimTime, s: &Stamped) {
    w.var(s.t.0 - prev.0);
    let t = s.t;
    let due = |w: &mut Writer, due: SimTime| w.var(due.0.saturating_sub(t.0));
    match &s.event {
        Event::WorkflowStatus { wf, from, to } => {
            w.u8(0);
            w.var(wf.0 as u64);
            w.u8(index_of(&WorkflowStatus::ALL, from));
            w.u8(index_of(&WorkflowStatus::ALL, to));
        }
        Event::WorkflowPhase { wf, phase } => {
            w.u8(1);
            w.var(wf.0 as u64);
            w.u8(index_of(&PHASES, phase));
        }
        Event::VersionPublished(p) => {
            w.u8(2);
            w.var(p.wf.0 as u64);
            w.var(p.version as u64);
            w.str(&p.hash);
            w.var(p.warnings.len() as u64);
            for warning in &p.warnings {
                w.str(warning);
            }
            w.opt_str(p.note.as_deref());
        }
        Event::DraftChanged {
            wf,
            unpublished_changes,
        } => {
            w.u8(3);
            w.var(wf.0 as u64);
            w.u8(*unpublished_changes as u8);
        }
        Event::Enrolled {
            exec,
            wf,
            version,
            contact,
            source,
            root,
            chain,
        } => {
            w.u8(4);
            w.var(exec.0 as u64);
            w.var(wf.0 as u64);
            w.var(*version as u64);
            w.var(contact.0 as u64);
            w.u8(index_of(&SOURCES, source));
            w.var(root.map_or(0, |r| r.0 as u64 + 1));
            w.u8(*chain);
        }
        Event::EnrollmentSkipped {
            workflow,
            contact,
            reason,
        } => {
            w.u8(5);
            w.str(workflow);
            w.var(contact.0 as u64);
            match reason {
                SkipReason::AlreadyEnrolled => w.u8(0),
                SkipReason::NoSuchWorkflow => w.u8(1),
                SkipReason::NotActive(status) => {
                    w.u8(2);
                    w.u8(index_of(&WorkflowStatus::ALL, status));
                }
                SkipReason::EnrollLoop => w.u8(3),
                SkipReason::ExecutionLimit => w.u8(4),
            }
        }
        Event::ExecutionState {
            exec,
            from,
            to,
            reason,
        } => {
            w.u8(6);
            w.var(exec.0 as u64);
            w.u8(from.map_or(0, |f| f.index() as u8 + 1));
            w.u8(to.index() as u8);
            encode_reason(w, reason.as_ref());
        }
        Event::StepStatus {
            exec,
            step,
            from,
            to,
            attempt,
        } => {
            w.u8(7);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.u8(from.map_or(0, |f| f as u8 + 1));
            w.u8(*to as u8);
            w.var(*attempt as u64);
        }
        Event::StepAttempt {
            exec,
            step,
            attempt,
            ok,
        } => {
            w.u8(8);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.var(*attempt as u64);
            w.u8(*ok as u8);
        }
        Event::RetryScheduled {
            exec,
            step,
            attempt,
            due: d,
        } => {
            w.u8(9);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.var(*attempt as u64);
            due(w, *d);
        }
        Event::FailAction {
            exec,
            step,
            action,
            target,
        } => {
            w.u8(10);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.u8(index_of(&FAIL_ACTIONS, action));
            w.opt_str(target.as_deref());
        }
        Event::History {
            exec,
            step,
            retry_count,
        } => {
            w.u8(11);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.var(*retry_count as u64);
        }
        Event::Transition {
            exec,
            from_step,
            port,
            to_step,
        } => {
            w.u8(12);
            w.var(exec.0 as u64);
            w.var(from_step.0 as u64);
            w.u8(index_of(&PORTS, port));
            w.var(to_step.0 as u64);
        }
        Event::Notification {
            operator,
            channel,
            exec,
            step,
        } => {
            w.u8(13);
            w.var(operator.0 as u64);
            w.u8(*channel as u8);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
        }
        Event::Decision {
            target,
            step,
            operator,
            decision,
        } => {
            w.u8(14);
            match target {
                DecisionTarget::Execution(x) => {
                    w.u8(0);
                    w.var(x.0 as u64);
                }
                DecisionTarget::Shared(i) => {
                    w.u8(1);
                    w.var(*i as u64);
                }
            }
            w.var(step.0 as u64);
            w.var(operator.0 as u64);
            w.u8(*decision as u8);
        }
        Event::Compensation {
            exec,
            step,
            attempt,
            ok,
        } => {
            w.u8(15);
            w.var(exec.0 as u64);
            w.var(step.0 as u64);
            w.var(*attempt as u64);
            w.u8(*ok as u8);
        }
        Event::CommandRejected(r) => {
            w.u8(16);
            w.str(r.verb);
            w.str(&r.reason);
            w.var(r.ids.len() as u64);
            for (key, value) in &r.ids {
                w.str(key);
                w.json(value);
            }
        }
        Event::DraftEdited { wf, edit } => {
            w.u8(17);
            w.var(wf.0 as u64);
            let steps = edit
                .steps
                .as_ref()
                .map(|s| Value::Array(s.iter().map(crate::model::Step::to_json).collect()));
            w.json(&steps.unwrap_or(Value::Null));
            w.json(
                &edit
                    .settings
                    .as_ref()
                    .map_or(Value::Null, crate::model::Settings::to_json),
            );
            w.json(
                &edit
                    .trigger
                    .as_ref()
                    .map_or(Value::Null, crate::model::Trigger::to_json),
            );
            w.json(&edit.written.steps);
            w.json(&edit.written.settings);
            w.json(&edit.written.trigger);
            w.json(
                &edit
                    .name
                    .as_ref()
                    .map_or(Value::Null, |n| Value::from(n.as_str())),
            );
        }
        Event::DraftRestored { wf, version } => {
            w.u8(18);
            w.var(wf.0 as u64);
            w.var(*version as u64);
        }
        Event::WorkflowCloned { source, new_id } => {
            w.u8(19);
            w.var(source.0 as u64);
            w.str(new_id);
        }
        Event::WakeSet { exec, due: d, kind } => {
            w.u8(20);
            w.var(exec.0 as u64);
            due(w, *d);
            encode_wake_kind(w, *kind);
        }
        Event::WakeFired { exec } => {
            w.u8(21);
            w.var(exec.0 as u64);
        }
        Event::TimeoutSet { exec, due: d } => {
            w.u8(22);
            w.var(exec.0 as u64);
            due(w, *d);
        }
        Event::TimeoutFired { exec } => {
            w.u8(23);
            w.var(exec.0 as u64);
        }
        Event::PollScheduled { wf, due: d } => {
            w.u8(24);
            w.var(wf.0 as u64);
            due(w, *d);
        }
        Event::PollRan { wf, drained } => {
            w.u8(25);
            w.var(wf.0 as u64);
            w.u8(*drained as u8);
        }
        Event::TagQueued { wf, contact } => {
            w.u8(26);
            w.var(wf.0 as u64);
            w.var(contact.0 as u64);
        }
        Event::WindowWakeSet { wf, due: d } => {
            w.u8(27);
            w.var(wf.0 as u64);
            due(w, *d);
        }
        Event::WindowWakeFired { wf } => {
            w.u8(28);
            w.var(wf.0 as u64);
        }
        Event::ContactTagged { contact, tag } => {
            w.u8(29);
            w.var(contact.0 as u64);
            w.str(tag);
        }
        Event::ContactUntagged { contact, tag } => {
            w.u8(30);
            w.var(contact.0 as u64);
            w.str(tag);
        }
        Event::ContactAttributesSet {
            contact,
            attributes,
        } => {
            w.u8(31);
            w.var(contact.0 as u64);
            w.json(&Value::Object((**attributes).clone()));
        }
        Event::AudienceEnrolled { wf } => {
            w.u8(32);
            w.var(wf.0 as u64);
        }
        Event::SharedApprovalOpened {
            wf,
            version,
            step,
            timeout_due,
        } => {
            w.u8(33);
            w.var(wf.0 as u64);
            w.var(*version as u64);
            w.var(step.0 as u64);
            match timeout_due {
                None => w.u8(0),
                Some(d) => {
                    w.u8(1);
                    due(w, *d);
                }
            }
        }
        Event::SharedApprovalJoined { shared, exec } => {
            w.u8(34);
            w.var(*shared as u64);
            w.var(exec.0 as u64);
        }
        Event::SharedDeliverySet { shared, outcome } => {
            w.u8(35);
            w.var(*shared as u64);
            w.u8(index_of(&OUTCOMES, outcome));
        }
        Event::SharedApprovalReleased { shared, outcome } => {
            w.u8(36);
            w.var(*shared as u64);
            w.u8(index_of(&OUTCOMES, outcome));
        }
        Event::RollbackProgress { exec, exhausted } => {
            w.u8(37);
            w.var(exec.0 as u64);
            w.u8(*exhausted as u8);
        }
        Event::OperatorRollbackStarted { exec } => {
            w.u8(38);
            w.var(exec.0 as u64);
        }
        Event::WorkflowCreated { id, name } => {
            w.u8(39);
            w.str(id);
            w.str(name);
        }
        Event::GestureApplied { wf, gesture } => {
            w.u8(44);
            w.var(wf.0 as u64);
            w.str(&gesture.label);
            w.var(gesture.commands.len() as u64);
            for c in &gesture.commands {
                w.json(&c.to_json());
            }
        }
        Event::EditUndone { wf } => {
            w.u8(45);
            w.var(wf.0 as u64);
        }
        Event::EditRedone { wf } => {
            w.u8(46);
            w.var(wf.0 as u64);
        }
        Event::ContactAdded(contact) => {
            w.u8(40);
            w.json(&contact.to_json());
        }
        Event::ContactUpdated { contact, with } => {
            w.u8(41);
            w.var(contact.0 as u64);
            w.json(&with.to_json());
        }
        Event::OperatorAdded(operator) => {
            w.u8(42);
            w.json(&operator.to_json());
        }
        Event::OperatorUpdated { operator, with } => {
            w.u8(43);
            w.var(operator.0 as u64);
            w.json(&with.to_json());
        }
    }
}

pub(super) fn encode_wake_kind(w: &mut Writer, kind: WakeKind) {
    match kind {
        WakeKind::AttemptEnd => w.u8(0),
        WakeKind::RetryDue => w.u8(1),
        WakeKind::WaitEnd => w.u8(2),
        WakeKind::ApprovalTimeout => w.u8(3),
        WakeKind::DecisionDelivery(o) => {
            w.u8(4);
            w.u8(index_of(&OUTCOMES, &o));
        }
        WakeKind::CompensationEnd => w.u8(5),
        WakeKind::CompensationRetry => w.u8(6),
    }
}

pub(super) fn decode_wake_kind(r: &mut Reader) -> Result<WakeKind, CodecError> {
    let at = r.position();
    Ok(match r.u8()? {
        0 => WakeKind::AttemptEnd,
        1 => WakeKind::RetryDue,
        2 => WakeKind::WaitEnd,
        3 => WakeKind::ApprovalTimeout,
        4 => WakeKind::DecisionDelivery(pick(r, &OUTCOMES, "outcome")?),
        5 => WakeKind::CompensationEnd,
        6 => WakeKind::CompensationRetry,
        _ => {
            return Err(CodecError::Malformed {
                at,
                what: "wake kind",
            })
        }
    })
}

fn encode_reason(w: &mut Writer, reason: Option<&Reason>) {
    let Some(reason) = reason else {
        w.u8(0);
        return;
    };
    match reason {
        Reason::EntryFilter => w.u8(1),
        Reason::AlreadyEnrolled => w.u8(2),
        Reason::MissingEmail => w.u8(3),
        Reason::MissingPhone => w.u8(4),
        Reason::WorkflowPaused => w.u8(5),
        Reason::OutsideStartWindow => w.u8(6),
        Reason::MaxConcurrent(n) => {
            w.u8(7);
            w.var(*n as u64);
        }
        Reason::LockHeld(x) => {
            w.u8(8);
            w.var(x.0 as u64);
        }
        Reason::StepFailed { step, action } => {
            w.u8(9);
            w.var(step.0 as u64);
            w.u8(index_of(&FAIL_ACTIONS, action));
        }
        Reason::ExecutionTimeout => w.u8(10),
        Reason::NoCompensation(step) => {
            w.u8(11);
            w.var(step.0 as u64);
        }
        Reason::CompensationsExhausted(n) => {
            w.u8(12);
            w.var(*n as u64);
        }
        Reason::StoppedByOperator => w.u8(13),
        Reason::WorkflowCancelled => w.u8(14),
        Reason::AutoAck => w.u8(15),
        Reason::StepLoop(step) => {
            w.u8(16);
            w.var(step.0 as u64);
        }
        Reason::WorkLimit { step, limit } => {
            w.u8(17);
            w.var(step.0 as u64);
            w.u8(index_of(&WorkLimit::ALL, limit));
        }
    }
}

fn decode_reason(r: &mut Reader) -> Result<Option<Reason>, CodecError> {
    let at = r.position();
    Ok(Some(match r.u8()? {
        0 => return Ok(None),
        1 => Reason::EntryFilter,
        2 => Reason::AlreadyEnrolled,
        3 => Reason::MissingEmail,
        4 => Reason::MissingPhone,
        5 => Reason::WorkflowPaused,
        6 => Reason::OutsideStartWindow,
        7 => Reason::MaxConcurrent(r.var32()?),
        8 => Reason::LockHeld(ExecIx(r.var32()?)),
        9 => Reason::StepFailed {
            step: StepIx(r.var16()?),
            action: pick(r, &FAIL_ACTIONS, "fail action")?,
        },
        10 => Reason::ExecutionTimeout,
        11 => Reason::NoCompensation(StepIx(r.var16()?)),
        12 => Reason::CompensationsExhausted(r.var32()?),
        13 => Reason::StoppedByOperator,
        14 => Reason::WorkflowCancelled,
        15 => Reason::AutoAck,
        16 => Reason::StepLoop(StepIx(r.var16()?)),
        17 => Reason::WorkLimit {
            step: StepIx(r.var16()?),
            limit: pick(r, &WorkLimit::ALL, "work limit")?,
        },
        _ => return Err(CodecError::Malformed { at, what: "reason" }),
    }))
}

fn bool(r: &mut Reader) -> Result<bool, CodecError> {
    let at = r.position();
    match r.u8()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(CodecError::Malformed {
            at,
            what: "boolean",
        }),
    }
}

fn exec_state(r: &mut Reader) -> Result<ExecState, CodecError> {
    pick(r, &ExecState::ALL, "execution state")
}

fn step_status(r: &mut Reader) -> Result<StepStatus, CodecError> {
    pick(r, &StepStatus::ALL, "step status")
}

fn decode_part<T>(
    value: &Value,
    decode: impl Fn(&Value, &str) -> crate::scenario::Decoded<T>,
    at: usize,
) -> Result<Option<T>, CodecError> {
    if value.is_null() {
        return Ok(None);
    }
    decode(value, "")
        .map(Some)
        .map_err(|_| CodecError::Malformed {
            at,
            what: "draft part",
        })
}

pub fn decode(r: &mut Reader, prev: SimTime) -> Result<Stamped, CodecError> {
    let t = SimTime(prev.0.checked_add(r.var()?).ok_or(CodecError::Malformed {
        at: r.position(),
        what: "time",
    })?);
    let due = |r: &mut Reader| -> Result<SimTime, CodecError> { Ok(t.plus(r.var()?)) };
    let at = r.position();
    let wf = |r: &mut Reader| -> Result<WfIx, CodecError> { Ok(WfIx(r.var32()?)) };
    let exec = |r: &mut Reader| -> Result<ExecIx, CodecError> { Ok(ExecIx(r.var32()?)) };
    let step = |r: &mut Reader| -> Result<StepIx, CodecError> { Ok(StepIx(r.var16()?)) };
    let event = match r.u8()? {
        0 => Event::WorkflowStatus {
            wf: wf(r)?,
            from: pick(r, &WorkflowStatus::ALL, "status")?,
            to: pick(r, &WorkflowStatus::ALL, "status")?,
        },
        1 => Event::WorkflowPhase {
            wf: wf(r)?,
            phase: pick(r, &PHASES, "phase")?,
        },
        2 => {
            let (wf, version, hash) = (wf(r)?, r.var32()?, r.str()?.to_string());
            let n = r.var()? as usize;
            let mut warnings = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                warnings.push(r.str()?.to_string());
            }
            let note = r.opt_str()?.map(str::to_string);
            Event::VersionPublished(Box::new(Published {
                wf,
                version,
                hash,
                warnings,
                note,
            }))
        }
        3 => Event::DraftChanged {
            wf: wf(r)?,
            unpublished_changes: bool(r)?,
        },
        4 => Event::Enrolled {
            exec: exec(r)?,
            wf: wf(r)?,
            version: r.var32()?,
            contact: ContactIx(r.var32()?),
            source: pick(r, &SOURCES, "source")?,
            root: match r.var32()? {
                0 => None,
                n => Some(ExecIx(n - 1)),
            },
            chain: r.u8()?,
        },
        5 => {
            let workflow = r.str()?.into();
            let contact = ContactIx(r.var32()?);
            let at = r.position();
            let reason = match r.u8()? {
                0 => SkipReason::AlreadyEnrolled,
                1 => SkipReason::NoSuchWorkflow,
                2 => SkipReason::NotActive(pick(r, &WorkflowStatus::ALL, "status")?),
                3 => SkipReason::EnrollLoop,
                4 => SkipReason::ExecutionLimit,
                _ => {
                    return Err(CodecError::Malformed {
                        at,
                        what: "skip reason",
                    })
                }
            };
            Event::EnrollmentSkipped {
                workflow,
                contact,
                reason,
            }
        }
        6 => {
            let exec = exec(r)?;
            let at = r.position();
            let from = match r.u8()? {
                0 => None,
                i => Some(
                    *ExecState::ALL
                        .get(i as usize - 1)
                        .ok_or(CodecError::Malformed { at, what: "state" })?,
                ),
            };
            Event::ExecutionState {
                exec,
                from,
                to: exec_state(r)?,
                reason: decode_reason(r)?,
            }
        }
        7 => {
            let (exec, step) = (exec(r)?, step(r)?);
            let at = r.position();
            let from = match r.u8()? {
                0 => None,
                i => Some(
                    *StepStatus::ALL
                        .get(i as usize - 1)
                        .ok_or(CodecError::Malformed { at, what: "status" })?,
                ),
            };
            Event::StepStatus {
                exec,
                step,
                from,
                to: step_status(r)?,
                attempt: r.var32()?,
            }
        }
        8 => Event::StepAttempt {
            exec: exec(r)?,
            step: step(r)?,
            attempt: r.var32()?,
            ok: bool(r)?,
        },
        9 => Event::RetryScheduled {
            exec: exec(r)?,
            step: step(r)?,
            attempt: r.var32()?,
            due: due(r)?,
        },
        10 => Event::FailAction {
            exec: exec(r)?,
            step: step(r)?,
            action: pick(r, &FAIL_ACTIONS, "fail action")?,
            target: r.opt_str()?.map(Box::from),
        },
        11 => Event::History {
            exec: exec(r)?,
            step: step(r)?,
            retry_count: r.var32()?,
        },
        12 => Event::Transition {
            exec: exec(r)?,
            from_step: step(r)?,
            port: pick(r, &PORTS, "port")?,
            to_step: step(r)?,
        },
        13 => Event::Notification {
            operator: OperatorIx(r.var32()?),
            channel: pick(r, &[Channel::Email, Channel::Sms], "channel")?,
            exec: exec(r)?,
            step: step(r)?,
        },
        14 => {
            let at = r.position();
            let target = match r.u8()? {
                0 => DecisionTarget::Execution(exec(r)?),
                1 => DecisionTarget::Shared(r.var32()?),
                _ => {
                    return Err(CodecError::Malformed {
                        at,
                        what: "decision target",
                    })
                }
            };
            Event::Decision {
                target,
                step: step(r)?,
                operator: OperatorIx(r.var32()?),
                decision: pick(r, &[Decision::Approve, Decision::Reject], "decision")?,
            }
        }
        15 => Event::Compensation {
            exec: exec(r)?,
            step: step(r)?,
            attempt: r.var32()?,
            ok: bool(r)?,
        },
        16 => {
            let verb = static_str(r, &VERBS, "command")?;
            let reason = r.str()?.to_string();
            let n = r.var()? as usize;
            let mut ids = Vec::with_capacity(n.min(16));
            for _ in 0..n {
                ids.push((static_str(r, &ID_KEYS, "id field")?, r.json()?));
            }
            Event::CommandRejected(Box::new(Rejection { verb, reason, ids }))
        }
        17 => {
            let wf = wf(r)?;
            let at = r.position();
            let (steps, settings, trigger) = (r.json()?, r.json()?, r.json()?);
            let written = crate::model::WrittenParts {
                steps: r.json()?,
                settings: r.json()?,
                trigger: r.json()?,
            };
            let name = match r.json()? {
                Value::Null => None,
                Value::String(s) => Some(s),
                _ => {
                    return Err(CodecError::Malformed {
                        at,
                        what: "workflow name",
                    })
                }
            };
            let edit = DraftEdit {
                steps: decode_part(&steps, crate::scenario::decode_steps, at)?,
                settings: decode_part(&settings, crate::scenario::decode_settings, at)?,
                trigger: decode_part(&trigger, crate::scenario::decode_trigger, at)?,
                name,
                written,
            };
            Event::DraftEdited {
                wf,
                edit: Box::new(edit),
            }
        }
        18 => Event::DraftRestored {
            wf: wf(r)?,
            version: r.var32()?,
        },
        19 => Event::WorkflowCloned {
            source: wf(r)?,
            new_id: r.str()?.into(),
        },
        20 => {
            let (exec, due) = (exec(r)?, due(r)?);
            Event::WakeSet {
                exec,
                due,
                kind: decode_wake_kind(r)?,
            }
        }
        21 => Event::WakeFired { exec: exec(r)? },
        22 => Event::TimeoutSet {
            exec: exec(r)?,
            due: due(r)?,
        },
        23 => Event::TimeoutFired { exec: exec(r)? },
        24 => Event::PollScheduled {
            wf: wf(r)?,
            due: due(r)?,
        },
        25 => Event::PollRan {
            wf: wf(r)?,
            drained: bool(r)?,
        },
        26 => Event::TagQueued {
            wf: wf(r)?,
            contact: ContactIx(r.var32()?),
        },
        27 => Event::WindowWakeSet {
            wf: wf(r)?,
            due: due(r)?,
        },
        28 => Event::WindowWakeFired { wf: wf(r)? },
        29 => Event::ContactTagged {
            contact: ContactIx(r.var32()?),
            tag: r.str()?.into(),
        },
        30 => Event::ContactUntagged {
            contact: ContactIx(r.var32()?),
            tag: r.str()?.into(),
        },
        31 => {
            let contact = ContactIx(r.var32()?);
            let at = r.position();
            match r.json()? {
                Value::Object(m) => Event::ContactAttributesSet {
                    contact,
                    attributes: Box::new(m),
                },
                _ => {
                    return Err(CodecError::Malformed {
                        at,
                        what: "attributes",
                    })
                }
            }
        }
        32 => Event::AudienceEnrolled { wf: wf(r)? },
        33 => {
            let (wf, version, step) = (wf(r)?, r.var32()?, step(r)?);
            let timeout_due = if bool(r)? { Some(due(r)?) } else { None };
            Event::SharedApprovalOpened {
                wf,
                version,
                step,
                timeout_due,
            }
        }
        34 => Event::SharedApprovalJoined {
            shared: r.var32()?,
            exec: exec(r)?,
        },
        35 => Event::SharedDeliverySet {
            shared: r.var32()?,
            outcome: pick(r, &OUTCOMES, "outcome")?,
        },
        36 => Event::SharedApprovalReleased {
            shared: r.var32()?,
            outcome: pick(r, &OUTCOMES, "outcome")?,
        },
        37 => Event::RollbackProgress {
            exec: exec(r)?,
            exhausted: bool(r)?,
        },
        38 => Event::OperatorRollbackStarted { exec: exec(r)? },
        39 => Event::WorkflowCreated {
            id: r.str()?.into(),
            name: r.str()?.into(),
        },
        40 => Event::ContactAdded(Box::new(contact_json(r)?)),
        41 => Event::ContactUpdated {
            contact: ContactIx(r.var32()?),
            with: Box::new(contact_json(r)?),
        },
        42 => Event::OperatorAdded(Box::new(operator_json(r)?)),
        43 => Event::OperatorUpdated {
            operator: OperatorIx(r.var32()?),
            with: Box::new(operator_json(r)?),
        },
        44 => {
            let wf = wf(r)?;
            let label = r.str()?.to_string();
            let n = r.var()? as usize;
            let mut commands = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                commands.push(edit_command(r)?);
            }
            Event::GestureApplied {
                wf,
                gesture: Box::new(Gesture { label, commands }),
            }
        }
        45 => Event::EditUndone { wf: wf(r)? },
        46 => Event::EditRedone { wf: wf(r)? },
        _ => {
            return Err(CodecError::Malformed {
                at,
                what: "event tag",
            })
        }
    };
    Ok(Stamped { t, event })
}

fn contact_json(r: &mut Reader) -> Result<crate::model::Contact, CodecError> {
    let at = r.position();
    let v = r.json()?;
    crate::scenario::decode_contact(&v, "contact").map_err(|_| CodecError::Malformed {
        at,
        what: "contact",
    })
}

fn operator_json(r: &mut Reader) -> Result<crate::model::Operator, CodecError> {
    let at = r.position();
    let v = r.json()?;
    crate::scenario::decode_operator(&v, "operator").map_err(|_| CodecError::Malformed {
        at,
        what: "operator",
    })
}

pub(super) fn edit_command(r: &mut Reader) -> Result<crate::edit::EditCommand, CodecError> {
    let at = r.position();
    let v = r.json()?;
    crate::scenario::decode_edit_command(&v, "").map_err(|_| CodecError::Malformed {
        at,
        what: "edit command",
    })
}
