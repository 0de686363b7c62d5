//! The canvas's picture of a draft: which ports each node shows and the
//! edges between nodes, including the links the engine follows without
//! their being written (`next` omitted = the following step; an approval's
//! `approved`/`rejected` omitted = its `next`). Plain Rust, tested natively.

use flowlab_engine::edit::Port;
use flowlab_engine::model::{Next, OnFail, Step, StepBody, WorkflowDraft};

use crate::i18n::tr;

/// The output ports drawn on a node's right side, top to bottom. The
/// `branch` fail port sits apart, at the bottom (see [`has_fail_port`]).
pub fn out_ports(step: &Step) -> &'static [Port] {
    match step.body {
        StepBody::Condition(_) => &[Port::Yes, Port::No],
        StepBody::Approval(_) => &[Port::Approved, Port::Rejected, Port::Timeout],
        StepBody::End => &[],
        _ => &[Port::Next],
    }
}

/// Steps whose fail action can branch: actions, filters and approvals.
pub fn has_fail_port(step: &Step) -> bool {
    matches!(
        step.body,
        StepBody::Action(_) | StepBody::Filter(_) | StepBody::Approval(_)
    )
}

/// The word written on an edge leaving `port`.
pub fn port_label(port: Port) -> Option<&'static str> {
    match port {
        Port::Next => None,
        Port::Yes => Some(tr("yes")),
        Port::No => Some(tr("no")),
        Port::Approved => Some(tr("approved")),
        Port::Rejected => Some(tr("rejected")),
        Port::Timeout => Some(tr("timeout")),
        Port::OnFailGoto => Some(tr("on fail")),
    }
}

/// A short stable name for a port, used in element keys and test ids.
pub fn port_key(port: Port) -> &'static str {
    match port {
        Port::Timeout => "timeout",
        Port::OnFailGoto => "fail",
        other => other.as_str(),
    }
}

pub fn port_from_key(key: &str) -> Option<Port> {
    Port::ALL.into_iter().find(|p| port_key(*p) == key)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: String,
    pub port: Port,
    pub to: String,
    /// Followed without being written: an omitted `next`, or an approval
    /// port falling back to `next`.
    pub implicit: bool,
}

impl Edge {
    /// Unique per drawn edge: a port leads to one step.
    pub fn key(&self) -> String {
        format!("{}:{}", self.from, port_key(self.port))
    }

    pub fn is_fail(&self) -> bool {
        self.port == Port::OnFailGoto
    }
}

/// Every edge whose target exists, in step order then port order. Links to
/// missing steps are validation errors and are not drawn.
pub fn edges(draft: &WorkflowDraft) -> Vec<Edge> {
    let mut out = Vec::new();
    let exists = |id: &str| draft.step(id).is_some();
    for (index, step) in draft.steps.iter().enumerate() {
        let next = draft.next_of(index).map(|i| draft.steps[i].id.as_str());
        let implicit_next = matches!(step.next, Next::Following);
        let mut push = |port: Port, to: Option<&str>, implicit: bool| {
            if let Some(to) = to.filter(|t| exists(t)) {
                out.push(Edge {
                    from: step.id.clone(),
                    port,
                    to: to.to_string(),
                    implicit,
                });
            }
        };
        match &step.body {
            StepBody::Condition(c) => {
                push(Port::Yes, c.yes.as_deref(), false);
                push(Port::No, c.no.as_deref(), false);
            }
            StepBody::Approval(a) => {
                for (port, written) in
                    [(Port::Approved, &a.approved), (Port::Rejected, &a.rejected)]
                {
                    match written {
                        Some(id) => push(port, Some(id.as_str()), false),
                        None => push(port, next, true),
                    }
                }
                push(Port::Timeout, a.timeout_to.as_deref(), false);
            }
            StepBody::End => {}
            _ => push(Port::Next, next, implicit_next),
        }
        if let Some(OnFail::Branch { goto: Some(goto) }) = fail_action(step) {
            push(Port::OnFailGoto, Some(goto.as_str()), false);
        }
    }
    out
}

fn fail_action(step: &Step) -> Option<&OnFail> {
    match &step.body {
        StepBody::Action(a) => a.on_fail.as_ref(),
        StepBody::Filter(f) => f.on_fail.as_ref(),
        StepBody::Approval(a) => a.on_fail.as_ref(),
        _ => None,
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

    fn listed(d: &WorkflowDraft) -> Vec<(String, &'static str, String, bool)> {
        edges(d)
            .into_iter()
            .map(|e| (e.from, port_key(e.port), e.to, e.implicit))
            .collect()
    }

    fn e(
        from: &str,
        port: &'static str,
        to: &str,
        implicit: bool,
    ) -> (String, &'static str, String, bool) {
        (from.into(), port, to.into(), implicit)
    }

    #[test]
    fn omitted_next_follows_the_list_and_null_stops() {
        let d = draft(
            r#"[{"id": "a", "kind": "wait", "duration": "1h"},
                {"id": "b", "kind": "wait", "duration": "1h", "next": null},
                {"id": "c", "kind": "wait", "duration": "1h", "next": "a"}]"#,
        );
        assert_eq!(
            listed(&d),
            [e("a", "next", "b", true), e("c", "next", "a", false)]
        );
    }

    #[test]
    fn conditions_and_approvals_draw_their_ports() {
        let d = draft(
            r#"[{"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "ap", "no": "end"},
                {"id": "ap", "kind": "approval", "group": "g", "rejected": "end", "timeout_to": "c"},
                {"id": "n", "kind": "wait", "duration": "1h"},
                {"id": "end", "kind": "end"}]"#,
        );
        assert_eq!(
            listed(&d),
            [
                e("c", "yes", "ap", false),
                e("c", "no", "end", false),
                e("ap", "approved", "n", true),
                e("ap", "rejected", "end", false),
                e("ap", "timeout", "c", false),
                e("n", "next", "end", true),
            ]
        );
    }

    #[test]
    fn a_branch_fail_action_is_an_edge_and_dangling_links_are_not() {
        let d = draft(
            r#"[{"id": "a", "kind": "action", "action": "email", "next": "gone",
                 "on_fail": {"action": "branch", "goto": "b"}},
                {"id": "b", "kind": "end"}]"#,
        );
        let all = edges(&d);
        assert_eq!(listed(&d), [e("a", "fail", "b", false)]);
        assert!(all[0].is_fail());
        assert_eq!(all[0].key(), "a:fail");
    }

    #[test]
    fn ports_per_kind() {
        let d = draft(
            r#"[{"id": "a", "kind": "action"}, {"id": "c", "kind": "condition"},
                {"id": "p", "kind": "approval"}, {"id": "e", "kind": "end"}, {"id": "w", "kind": "wait"}]"#,
        );
        let ports: Vec<Vec<&str>> = d
            .steps
            .iter()
            .map(|s| out_ports(s).iter().map(|p| port_key(*p)).collect())
            .collect();
        assert_eq!(
            ports,
            [
                vec!["next"],
                vec!["yes", "no"],
                vec!["approved", "rejected", "timeout"],
                vec![],
                vec!["next"]
            ]
        );
        let fail: Vec<bool> = d.steps.iter().map(has_fail_port).collect();
        assert_eq!(fail, [true, false, true, false, false]);
        for p in Port::ALL {
            assert_eq!(port_from_key(port_key(p)), Some(p));
        }
    }
}
