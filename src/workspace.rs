//! Plain view models of workflows that the screens render. The tests read
//! the built-in samples through them as a whole (`builtin::Workspace`); the
//! app itself never parses the samples at start.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::model::{
    ActionStep, ApprovalStep, Fault, OnFail, StepBody, StepKind, Trigger, WorkflowDraft,
};
use flowlab_engine::time::format_duration;

#[cfg(test)]
mod builtin;

#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowSummary {
    pub id: String,
    pub name: String,
    pub trigger_type: &'static str,
    pub trigger: String,
    /// Definition status (lifecycle.md §1). A loaded workspace has activated
    /// nothing yet, so every workflow starts as a `draft`.
    pub status: &'static str,
    pub source: &'static str,
    pub steps: Vec<StepSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepSummary {
    pub id: String,
    pub name: Option<String>,
    pub kind: StepKind,
    /// Short facts a person reads in the step list: "email", "2s", "3 attempts, 1m backoff".
    pub facts: Vec<String>,
    /// Where the step leads, as "port → step" lines.
    pub exits: Vec<String>,
}

impl WorkflowSummary {
    pub fn from_draft(draft: &WorkflowDraft, source: &'static str) -> WorkflowSummary {
        let steps = draft
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let next = draft.next_of(index).map(|i| draft.steps[i].id.clone());
                StepSummary {
                    id: step.id.clone(),
                    name: step.name.clone(),
                    kind: step.kind(),
                    facts: step_facts(&step.body),
                    exits: step_exits(&step.body, next),
                }
            })
            .collect();
        WorkflowSummary {
            id: draft.id.clone(),
            name: draft.name.clone(),
            trigger_type: draft.trigger.type_name(),
            trigger: trigger_text(&draft.trigger),
            status: "draft",
            source,
            steps,
        }
    }

    pub fn kinds(&self) -> impl Iterator<Item = StepKind> + '_ {
        self.steps.iter().map(|s| s.kind)
    }
}

/// "manual", "tag lead added (polled every 10m)", "audience: email exists",
/// in the page's language (the filter stays as written).
pub fn trigger_text(trigger: &Trigger) -> String {
    match trigger {
        Trigger::Manual => tr("manual").to_owned(),
        Trigger::TagAdded { tag, poll } => t!(
            "tag {tag} added (polled every {poll})",
            tag = tag,
            poll = crate::i18n::duration(*poll)
        ),
        Trigger::Audience { filter } => {
            t!(
                "audience: {filter}",
                filter = crate::filter_text::filter_text(filter)
            )
        }
    }
}

fn step_facts(body: &StepBody) -> Vec<String> {
    let mut facts = Vec::new();
    match body {
        StepBody::Action(a) => action_facts(a, &mut facts),
        StepBody::Wait(w) => match w.duration {
            Some(d) => facts.push(format!("waits {}", d.describe())),
            None => facts.push("no duration yet".into()),
        },
        StepBody::Condition(c) => match &c.filter {
            Some(f) => facts.push(format!("if {}", f.describe())),
            None => facts.push("no condition yet".into()),
        },
        StepBody::Filter(f) => {
            match &f.filter {
                Some(filter) => facts.push(format!("only if {}", filter.describe())),
                None => facts.push("no condition yet".into()),
            }
            let otherwise = f
                .on_fail
                .as_ref()
                .map_or(OnFail::EndWorkflow.action_name(), OnFail::action_name);
            facts.push(format!("otherwise {otherwise}"));
        }
        StepBody::Approval(a) => approval_facts(a, &mut facts),
        StepBody::Enroll(e) => match &e.workflow {
            Some(w) => facts.push(format!("enrolls into {w}")),
            None => facts.push("no target workflow yet".into()),
        },
        StepBody::End => facts.push("ends the execution".into()),
    }
    facts
}

fn action_facts(a: &ActionStep, facts: &mut Vec<String>) {
    facts.push(match a.action {
        Some(kind) => kind.as_str().to_owned(),
        None => "no action yet".into(),
    });
    if let Some(set) = &a.set {
        let keys: Vec<&str> = set.keys().map(String::as_str).collect();
        facts.push(format!("sets {}", keys.join(", ")));
    }
    if let Some(d) = a.duration {
        facts.push(format!("takes {}", d.describe()));
    }
    if let Some(r) = a.retry {
        facts.push(format!(
            "{} attempts, {} backoff",
            r.max_attempts,
            format_duration(r.backoff)
        ));
    }
    match a.fault {
        Some(Fault::FailFirst(n)) => facts.push(format!("fault: first {n} attempts fail")),
        Some(Fault::Probability(p)) => {
            facts.push(format!("fault: fails {:.0}% of attempts", p * 100.0))
        }
        Some(Fault::Always(true)) => facts.push("fault: always fails".into()),
        Some(Fault::Always(false)) | None => {}
    }
    if let Some(on_fail) = &a.on_fail {
        facts.push(format!("on fail {}", on_fail.action_name()));
    }
    if let Some(c) = &a.compensation {
        facts.push(match c.action {
            Some(kind) => format!("undo: {}", kind.as_str()),
            None => "undo: no action yet".into(),
        });
    }
}

fn approval_facts(a: &ApprovalStep, facts: &mut Vec<String>) {
    facts.push(match &a.group {
        Some(g) => format!("group {g}"),
        None => "no group yet".into(),
    });
    facts.push(format!("{} scope", a.scope.as_str()));
    if let Some(t) = a.timeout {
        facts.push(format!("times out after {}", format_duration(t)));
    }
}

fn step_exits(body: &StepBody, next: Option<String>) -> Vec<String> {
    let port = |name: &str, to: &Option<String>| to.as_ref().map(|s| format!("{name} → {s}"));
    let exits: Vec<Option<String>> = match body {
        StepBody::Condition(c) => vec![port("yes", &c.yes), port("no", &c.no)],
        StepBody::Approval(a) => vec![
            port("approved", &a.approved.clone().or_else(|| next.clone())),
            port("rejected", &a.rejected.clone().or_else(|| next.clone())),
            port("timeout", &a.timeout_to),
        ],
        StepBody::End => vec![],
        _ => vec![port("next", &next)],
    };
    exits.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::builtin::{Workspace, WorkspaceError};
    use super::*;
    use crate::file_format::samples::{SampleFile, SAMPLE_FILES};

    fn builtin() -> Workspace {
        Workspace::builtin().unwrap_or_else(|e| panic!("the built-in workspace must load: {e}"))
    }

    fn kinds(w: &WorkflowSummary) -> Vec<&'static str> {
        w.kinds().map(StepKind::as_str).collect()
    }

    #[test]
    fn builtin_workspace_lists_every_sample_workflow_as_a_draft() {
        let ws = builtin();
        let ids: Vec<&str> = ws.workflows.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["welcome", "spring_campaign", "provision_workspace"]);
        assert!(ws.workflows.iter().all(|w| w.status == "draft"));
        let files: Vec<&str> = ws.scenarios.iter().map(|s| s.file).collect();
        assert_eq!(
            files,
            ["welcome.json", "campaign.json", "provisioning.json"]
        );
    }

    #[test]
    fn every_sample_is_a_complete_scenario() {
        for s in builtin().scenarios {
            assert!(s.note.is_some(), "{} has no x.note", s.file);
            assert!(s.contacts > 0, "{} has no contacts", s.file);
            assert!(s.commands >= 2, "{} does not publish and activate", s.file);
            assert!(s.expectations >= 3, "{} checks too little", s.file);
        }
    }

    #[test]
    fn welcome_has_a_wait_and_a_flaky_email_with_retries() {
        let ws = builtin();
        let w = ws.workflow("welcome").unwrap();
        assert_eq!(w.trigger_type, "tag_added");
        assert_eq!(kinds(w), ["action", "wait", "action", "end"]);
        let email = &w.steps[0].facts;
        assert!(email.contains(&"email".to_string()), "{email:?}");
        assert!(
            email.contains(&"3 attempts, 1m backoff".to_string()),
            "{email:?}"
        );
        assert!(
            email.contains(&"fault: first 2 attempts fail".to_string()),
            "{email:?}"
        );
        assert_eq!(w.steps[1].facts, ["waits 1d"]);
        assert_eq!(w.steps[1].exits, ["next → send_tips"]);
    }

    #[test]
    fn campaign_is_an_audience_delivery_behind_a_workflow_scope_validation() {
        let ws = builtin();
        let w = ws.workflow("spring_campaign").unwrap();
        assert_eq!(w.trigger_type, "audience");
        assert_eq!(w.trigger, "audience: plan = \"pro\"");
        assert_eq!(w.steps[0].kind, StepKind::Approval);
        assert!(w.steps[0].facts.contains(&"workflow scope".to_string()));
        assert_eq!(w.steps[0].exits, ["approved → consent", "rejected → done"]);
        assert_eq!(
            w.steps[1].facts,
            ["only if consent = true", "otherwise end_workflow"]
        );
        assert!(w.steps[3].exits.is_empty(), "an end step leads nowhere");
    }

    #[test]
    fn provisioning_compensates_and_then_fails_the_workflow() {
        let ws = builtin();
        let w = ws.workflow("provision_workspace").unwrap();
        assert_eq!(w.trigger, "manual");
        let undo: Vec<&str> = w
            .steps
            .iter()
            .filter(|s| s.facts.iter().any(|f| f.starts_with("undo:")))
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(undo, ["create_account", "grant_access"]);
        let billing = ws.workflow("provision_workspace").unwrap().steps[2]
            .facts
            .clone();
        assert!(
            billing.contains(&"on fail fail_workflow".to_string()),
            "{billing:?}"
        );
        assert!(
            billing.contains(&"fault: always fails".to_string()),
            "{billing:?}"
        );
    }

    #[test]
    fn a_broken_file_is_reported_with_its_name_and_path() {
        let broken = SampleFile {
            name: "broken.json",
            text: r#"{"format": "flowlab-scenario/1", "run_until": "1d",
                      "workflows": [{"id": "w", "name": "W", "trigger": {"type": "manual"},
                                     "steps": [{"id": "s1", "kind": "wait", "duraton": "1h"}]}]}"#,
        };
        let err = Workspace::from_files(&[broken]).unwrap_err().to_string();
        assert!(err.starts_with("broken.json: "), "{err}");
        assert!(err.contains("duraton"), "{err}");
    }

    #[test]
    fn a_workflow_id_defined_twice_is_refused() {
        let err = Workspace::from_files(&[SAMPLE_FILES[0], SAMPLE_FILES[0]]).unwrap_err();
        assert_eq!(
            err,
            WorkspaceError::DuplicateWorkflow {
                id: "welcome".into(),
                first: "welcome.json",
                second: "welcome.json"
            }
        );
    }
}
