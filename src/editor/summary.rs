//! What a node says about its step at a glance: its title, and a compact
//! line of its settings ("email · 3 attempts · on fail: branch → Notify").

use flowlab_engine::model::{
    ActionStep, DurationSpec, Fault, OnFail, Step, StepBody, StepKind, WorkflowDraft,
};
use flowlab_engine::time::format_duration;

use crate::i18n::{plural, tr};
pub use crate::step_kind_text::kind_label;
use crate::t;

/// The step's name, or its id when it has none.
pub fn title(step: &Step) -> String {
    step.name.clone().unwrap_or_else(|| step.id.clone())
}

/// One line a palette entry says about what the kind does.
pub fn kind_hint(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => tr("Email, SMS, webhook or update"),
        StepKind::Wait => tr("Pause for a while"),
        StepKind::Condition => tr("If / else on the contact"),
        StepKind::Filter => tr("Only let some contacts on"),
        StepKind::Approval => tr("Wait for an operator"),
        StepKind::Enroll => tr("Start another workflow"),
        StepKind::End => tr("Finish the execution"),
    }
}

pub fn summary(step: &Step, draft: &WorkflowDraft) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &step.body {
        StepBody::Action(a) => action(a, draft, &mut parts),
        StepBody::Wait(w) => parts.push(match w.duration {
            Some(d) => t!("wait {duration}", duration = duration(d)),
            None => tr("no duration yet").into(),
        }),
        StepBody::Condition(c) => parts.push(match &c.filter {
            Some(f) => t!("if {filter}", filter = f.describe()),
            None => tr("no condition yet").into(),
        }),
        StepBody::Filter(f) => {
            parts.push(match &f.filter {
                Some(filter) => t!("only if {filter}", filter = filter.describe()),
                None => tr("no condition yet").into(),
            });
            if let Some(on_fail) = &f.on_fail {
                parts.push(fail(on_fail, draft));
            }
        }
        StepBody::Approval(a) => {
            parts.push(match &a.group {
                Some(g) => g.clone(),
                None => tr("no group yet").into(),
            });
            parts.push(t!("{scope} scope", scope = a.scope.as_str()));
            if let Some(t) = a.timeout {
                parts.push(t!("times out {duration}", duration = format_duration(t)));
            }
            if let Some(on_fail) = &a.on_fail {
                parts.push(fail(on_fail, draft));
            }
        }
        StepBody::Enroll(e) => parts.push(match &e.workflow {
            Some(w) => t!("enroll in {workflow}", workflow = w),
            None => tr("no workflow yet").into(),
        }),
        StepBody::End => parts.push(tr("ends the execution").into()),
    }
    parts.join(" · ")
}

fn action(a: &ActionStep, draft: &WorkflowDraft, parts: &mut Vec<String>) {
    parts.push(match a.action {
        Some(kind) => kind.as_str().to_owned(),
        None => tr("no action yet").into(),
    });
    if let Some(d) = a.duration {
        parts.push(duration(d));
    }
    if let Some(r) = a.retry {
        parts.push(plural(
            "{n} attempt|{n} attempts",
            r.max_attempts.max(0) as u64,
        ));
    }
    match a.fault {
        Some(Fault::FailFirst(n)) => parts.push(t!("fails first {n}", n = n)),
        Some(Fault::Probability(p)) => {
            parts.push(t!("fails {share}", share = crate::i18n::format::percent(p)))
        }
        Some(Fault::Always(true)) => parts.push(tr("always fails").into()),
        Some(Fault::Always(false)) | None => {}
    }
    if let Some(on_fail) = &a.on_fail {
        parts.push(fail(on_fail, draft));
    }
    if a.compensation.is_some() {
        parts.push(tr("undoable").into());
    }
}

fn duration(d: DurationSpec) -> String {
    d.describe()
}

fn fail(on_fail: &OnFail, draft: &WorkflowDraft) -> String {
    match on_fail {
        OnFail::Branch { goto: Some(id) } => {
            let target = draft.step(id).map_or_else(|| id.clone(), title);
            t!("on fail: branch → {target}", target = target)
        }
        OnFail::Retry {
            max_retry_days,
            retry_interval_days,
        } => t!(
            "on fail: retry every {every} for {days}",
            every = crate::i18n::duration(*retry_interval_days * 86_400_000),
            days = crate::i18n::duration(*max_retry_days * 86_400_000)
        ),
        OnFail::EnrollWorkflow { workflow: Some(w) } => {
            t!("on fail: enroll in {workflow}", workflow = w)
        }
        other => t!("on fail: {action}", action = other.action_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_workflow_file;

    fn draft(steps: &str) -> WorkflowDraft {
        let text = format!(
            r#"{{"id": "w", "name": "W", "trigger": {{"type": "manual"}}, "steps": {steps}}}"#
        );
        parse_workflow_file("w.json", &text).unwrap()
    }

    #[test]
    fn an_action_says_its_channel_retries_and_fail_branch_by_target_name() {
        let d = draft(
            r#"[{"id": "send", "kind": "action", "action": "email",
                 "retry": {"max_attempts": 3, "backoff": "1m"},
                 "on_fail": {"action": "branch", "goto": "notify"}},
                {"id": "notify", "kind": "action", "name": "Notify", "action": "sms"}]"#,
        );
        assert_eq!(
            summary(&d.steps[0], &d),
            "email · 3 attempts · on fail: branch → Notify"
        );
        assert_eq!(title(&d.steps[0]), "send");
        assert_eq!(title(&d.steps[1]), "Notify");
    }

    #[test]
    fn every_kind_has_a_line_even_when_incomplete() {
        let d = draft(
            r#"[{"id": "a", "kind": "action"}, {"id": "w", "kind": "wait", "duration": {"min": "1s", "max": "30s"}},
                {"id": "c", "kind": "condition", "filter": {"attribute": "score", "op": ">=", "value": 50}},
                {"id": "f", "kind": "filter"}, {"id": "p", "kind": "approval", "group": "ops", "timeout": "1d"},
                {"id": "e", "kind": "enroll", "workflow": "other"}, {"id": "x", "kind": "end"},
                {"id": "r", "kind": "action", "action": "webhook", "duration": "5s", "fault": {"probability": 0.2},
                 "on_fail": {"action": "retry", "max_retry_days": 30, "retry_interval_days": 1},
                 "compensation": {"action": "webhook"}}]"#,
        );
        let lines: Vec<String> = d.steps.iter().map(|s| summary(s, &d)).collect();
        assert_eq!(
            lines,
            [
                "no action yet",
                "wait 1s–30s",
                "if score >= 50",
                "no condition yet",
                "ops · execution scope · times out 1d",
                "enroll in other",
                "ends the execution",
                "webhook · 5s · fails 20% · on fail: retry every 1d for 30d · undoable",
            ]
        );
    }
}
