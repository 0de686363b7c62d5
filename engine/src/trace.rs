//! The trace of scenario-format.md: one compact JSON line per traced event,
//! fields in the order of the spec's table after `t` and `type`, optional
//! fields left out when they have no value; and the closing `summary`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::event::{DecisionTarget, Event, Reason, Stamped};
use crate::ids::{ExecIx, StepIx, WfIx};
use crate::machines::execution::ExecState;
use crate::machines::step::StepStatus;
use crate::runtime::state::State;
use crate::time::SimTime;

/// Builds one line, field by field.
struct Line(String);

impl Line {
    fn new(t: SimTime, kind: &str) -> Line {
        let mut s = String::with_capacity(128);
        let _ = write!(s, "{{\"t\":{},\"type\":\"{kind}\"", t.0);
        Line(s)
    }

    fn str(mut self, key: &str, value: &str) -> Line {
        let _ = write!(self.0, ",\"{key}\":");
        push_json_str(&mut self.0, value);
        self
    }

    fn raw(mut self, key: &str, value: impl std::fmt::Display) -> Line {
        let _ = write!(self.0, ",\"{key}\":{value}");
        self
    }

    fn opt_str(self, key: &str, value: Option<&str>) -> Line {
        match value {
            Some(v) => self.str(key, v),
            None => self.raw(key, "null"),
        }
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&Value::String(s.to_string()).to_string());
    }
}

pub struct Names<'a> {
    pub state: &'a State,
}

impl<'a> Names<'a> {
    pub fn workflow(&self, wf: WfIx) -> &'a str {
        &self.state.workflow(wf).draft.id
    }

    pub fn step(&self, x: ExecIx, s: StepIx) -> &'a str {
        &self.state.version_of(x).compiled.step(s).id
    }

    pub fn contact(&self, c: crate::ids::ContactIx) -> &'a str {
        &self.state.contacts[c.ix()].id
    }

    /// A reason in words, naming steps and executions by their ids.
    pub fn reason(&self, x: ExecIx, reason: &Reason) -> String {
        match reason {
            Reason::EntryFilter => "entry filter not matched".into(),
            Reason::AlreadyEnrolled => "already enrolled (re-enrollment is off)".into(),
            Reason::MissingEmail => "contact has no email".into(),
            Reason::MissingPhone => "contact has no phone".into(),
            Reason::WorkflowPaused => "workflow is paused".into(),
            Reason::OutsideStartWindow => "outside the start window".into(),
            Reason::MaxConcurrent(n) => {
                format!("{n} execution(s) already running (max_concurrent)")
            }
            Reason::LockHeld(holder) => format!("contact is locked by {}", holder.name()),
            Reason::StepFailed { step, action } => {
                format!("step {} failed ({})", self.step(x, *step), action.as_str())
            }
            Reason::ExecutionTimeout => "execution timeout".into(),
            Reason::NoCompensation(step) => {
                format!("step {} has no compensation", self.step(x, *step))
            }
            Reason::CompensationsExhausted(n) => format!("{n} compensation(s) exhausted"),
            Reason::StoppedByOperator => "stopped by operator".into(),
            Reason::WorkflowCancelled => "workflow cancelled".into(),
            Reason::AutoAck => "auto_ack".into(),
            Reason::StepLoop(step) => format!("step loop at {}", self.step(x, *step)),
            Reason::WorkLimit { step, limit } => {
                format!("work_limit: step {} {}", self.step(x, *step), limit.text())
            }
        }
    }
}

/// The trace line of an event, or `None` for an internal event.
pub fn line(state: &State, stamped: &Stamped) -> Option<String> {
    let n = Names { state };
    let t = stamped.t;
    let exec_name = |x: ExecIx| x.name();
    Some(match &stamped.event {
        Event::WorkflowStatus { wf, from, to } => Line::new(t, "workflow_status")
            .str("workflow", n.workflow(*wf))
            .str("from", from.as_str())
            .str("to", to.as_str())
            .end(),
        Event::WorkflowPhase { wf, phase } => Line::new(t, "workflow_phase")
            .str("workflow", n.workflow(*wf))
            .str("phase", phase.as_str())
            .end(),
        Event::VersionPublished(p) => Line::new(t, "version_published")
            .str("workflow", n.workflow(p.wf))
            .raw("version", p.version)
            .str("hash", &p.hash)
            .raw("warnings", Value::from(p.warnings.clone()))
            .end(),
        Event::DraftChanged {
            wf,
            unpublished_changes,
        } => Line::new(t, "draft_changed")
            .str("workflow", n.workflow(*wf))
            .raw("unpublished_changes", unpublished_changes)
            .end(),
        Event::Enrolled {
            exec,
            wf,
            version,
            contact,
            source,
            ..
        } => Line::new(t, "enrolled")
            .str("execution", &exec_name(*exec))
            .str("workflow", n.workflow(*wf))
            .raw("version", version)
            .str("contact", n.contact(*contact))
            .str("source", source.as_str())
            .end(),
        Event::EnrollmentSkipped {
            workflow,
            contact,
            reason,
        } => Line::new(t, "enrollment_skipped")
            .str("workflow", workflow)
            .str("contact", n.contact(*contact))
            .str("reason", &reason.text())
            .end(),
        Event::ExecutionState {
            exec,
            from,
            to,
            reason,
        } => {
            let line = Line::new(t, "execution_state")
                .str("execution", &exec_name(*exec))
                .opt_str("from", from.map(ExecState::as_str))
                .str("to", to.as_str());
            match reason {
                Some(r) => line.str("reason", &n.reason(*exec, r)).end(),
                None => line.end(),
            }
        }
        Event::StepStatus {
            exec,
            step,
            from,
            to,
            attempt,
        } => Line::new(t, "step_status")
            .str("execution", &exec_name(*exec))
            .str("step", n.step(*exec, *step))
            .opt_str("from", from.map(StepStatus::as_str))
            .str("to", to.as_str())
            .raw("attempt", attempt)
            .end(),
        Event::StepAttempt {
            exec,
            step,
            attempt,
            ok,
        } => {
            let line = Line::new(t, "step_attempt")
                .str("execution", &exec_name(*exec))
                .str("step", n.step(*exec, *step))
                .raw("attempt", attempt)
                .str("outcome", if *ok { "ok" } else { "error" });
            if *ok {
                line.end()
            } else {
                line.str("error", "injected fault").end()
            }
        }
        Event::RetryScheduled {
            exec,
            step,
            attempt,
            due,
        } => Line::new(t, "retry_scheduled")
            .str("execution", &exec_name(*exec))
            .str("step", n.step(*exec, *step))
            .raw("attempt", attempt)
            .raw("due", due.0)
            .end(),
        Event::FailAction {
            exec,
            step,
            action,
            target,
        } => {
            let line = Line::new(t, "fail_action")
                .str("execution", &exec_name(*exec))
                .str("step", n.step(*exec, *step))
                .str("action", action.as_str());
            match target {
                Some(target) => line.str("target", target).end(),
                None => line.end(),
            }
        }
        Event::History {
            exec,
            step,
            retry_count,
        } => Line::new(t, "history")
            .str("execution", &exec_name(*exec))
            .str("step", n.step(*exec, *step))
            .str("entry", "retry")
            .raw("retry_count", retry_count)
            .end(),
        Event::Transition {
            exec,
            from_step,
            port,
            to_step,
        } => Line::new(t, "transition")
            .str("execution", &exec_name(*exec))
            .raw("version", state.execution(*exec).version)
            .str("from_step", n.step(*exec, *from_step))
            .str("port", port.as_str())
            .str("to_step", n.step(*exec, *to_step))
            .end(),
        Event::Notification {
            operator,
            channel,
            exec,
            step,
        } => Line::new(t, "notification")
            .str("operator", &state.operators[operator.ix()].id)
            .str("channel", channel.as_str())
            .str("execution", &exec_name(*exec))
            .str("step", n.step(*exec, *step))
            .end(),
        Event::Decision {
            target,
            step,
            operator,
            decision,
        } => {
            let line = Line::new(t, "decision");
            let line = match target {
                DecisionTarget::Execution(x) => line
                    .str("execution", &exec_name(*x))
                    .str("step", n.step(*x, *step)),
                DecisionTarget::Shared(i) => {
                    let sa = &state.shared[*i as usize];
                    let version = &state.workflow(sa.wf).versions[sa.version as usize - 1];
                    line.str("workflow", n.workflow(sa.wf))
                        .raw("version", sa.version)
                        .str("step", &version.compiled.step(*step).id)
                }
            };
            line.str("operator", &state.operators[operator.ix()].id)
                .str("decision", decision.as_str())
                .end()
        }
        Event::Compensation {
            exec,
            step,
            attempt,
            ok,
        } => Line::new(t, "compensation")
            .str("execution", &exec_name(*exec))
            .str("step", n.step(*exec, *step))
            .raw("attempt", attempt)
            .str("outcome", if *ok { "ok" } else { "error" })
            .end(),
        Event::CommandRejected(r) => {
            let mut line = Line::new(t, "command_rejected")
                .str("do", r.verb)
                .str("reason", &r.reason);
            for (key, value) in &r.ids {
                line = line.raw(key, value);
            }
            line.end()
        }
        _ => return None,
    })
}

/// The closing line: executions per state, edge counts in order of first
/// traversal, and per step the executions by their last status there. Nested
/// objects keep the spec's field order too.
pub fn summary(state: &State, t: SimTime) -> String {
    let mut per_state = [0u64; ExecState::COUNT];
    for e in &state.executions {
        per_state[e.state.index()] += 1;
    }
    let mut out = Line::new(t, "summary").0;
    out.push_str(",\"executions\":{");
    let mut first = true;
    for s in ExecState::ALL.iter().filter(|s| per_state[s.index()] > 0) {
        push_sep(&mut out, &mut first);
        let _ = write!(out, "\"{}\":{}", s.as_str(), per_state[s.index()]);
    }
    out.push_str("},\"edges\":[");
    let mut first = true;
    for key in &state.edge_order {
        let (wf, version, from, port, to) = *key;
        let v = &state.workflow(wf).versions[version as usize - 1].compiled;
        push_sep(&mut out, &mut first);
        out.push_str("{\"workflow\":");
        push_json_str(&mut out, &state.workflow(wf).draft.id);
        let _ = write!(out, ",\"version\":{version},\"from_step\":");
        push_json_str(&mut out, &v.step(from).id);
        let _ = write!(out, ",\"port\":\"{}\",\"to_step\":", port.as_str());
        push_json_str(&mut out, &v.step(to).id);
        let _ = write!(
            out,
            ",\"count\":{}}}",
            state.workflow(wf).edge_count(version, from, port)
        );
    }
    out.push_str("],\"steps\":[");
    // counts[(workflow, version)][step * statuses + status]
    let statuses = StepStatus::ALL.len();
    let mut per_version: BTreeMap<(u32, u32), Vec<u64>> = BTreeMap::new();
    for e in &state.executions {
        let counts = per_version
            .entry((e.wf.0, e.version))
            .or_insert_with(|| vec![0; e.steps.len() * statuses]);
        for (i, run) in e.steps.iter().enumerate() {
            if let Some(status) = run.status() {
                counts[i * statuses + status as usize] += 1;
            }
        }
    }
    let mut first = true;
    for ((wf, version), counts) in per_version {
        let w = state.workflow(WfIx(wf));
        let compiled = &w.versions[version as usize - 1].compiled;
        for (i, row) in counts.chunks(statuses).enumerate() {
            if row.iter().all(|c| *c == 0) {
                continue;
            }
            push_sep(&mut out, &mut first);
            out.push_str("{\"workflow\":");
            push_json_str(&mut out, &w.draft.id);
            let _ = write!(out, ",\"version\":{version},\"step\":");
            push_json_str(&mut out, &compiled.step(StepIx(i as u16)).id);
            out.push_str(",\"counts\":{");
            let mut first_count = true;
            for (status, count) in StepStatus::ALL.iter().zip(row).filter(|(_, c)| **c > 0) {
                push_sep(&mut out, &mut first_count);
                let _ = write!(out, "\"{}\":{count}", status.as_str());
            }
            out.push_str("}}");
        }
    }
    out.push_str("]}");
    out
}

fn push_sep(out: &mut String, first: &mut bool) {
    if !*first {
        out.push(',');
    }
    *first = false;
}
