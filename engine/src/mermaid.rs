//! A workflow as a Mermaid `flowchart LR`, for docs and READMEs: one node
//! per step (its name, else its id; the shape says the kind) and one edge
//! per link, labelled with the port it leaves by. Links the engine follows
//! without their being written (an omitted `next`, an approval's
//! `approved`/`rejected` falling back to `next`) are drawn too; a `branch`
//! fail action is a dotted `on fail` edge. Links to missing steps are left
//! out, as the canvas leaves them out.

use std::fmt::Write as _;

use crate::model::{OnFail, Step, StepBody, WorkflowDraft};

pub fn flowchart(draft: &WorkflowDraft) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "%% {} ({})",
        one_line(&draft.name),
        one_line(&draft.id)
    );
    out.push_str("flowchart LR\n");
    for (i, step) in draft.steps.iter().enumerate() {
        let (open, close) = shape(step);
        let _ = writeln!(out, "    s{i}{open}\"{}\"{close}", label(step));
    }
    for (i, step) in draft.steps.iter().enumerate() {
        for (port, to) in links(draft, i, step) {
            let Some(to) = draft.step_index(to) else {
                continue;
            };
            let _ = match port {
                None => writeln!(out, "    s{i} --> s{to}"),
                Some("on fail") => writeln!(out, "    s{i} -.->|on fail| s{to}"),
                Some(port) => writeln!(out, "    s{i} -->|{port}| s{to}"),
            };
        }
    }
    out
}

/// The brackets of the node's shape: a rectangle for an action, rounded for
/// a wait, a rhombus for a condition or filter, a parallelogram for an
/// approval, a subroutine for an enroll, a circle for an end.
fn shape(step: &Step) -> (&'static str, &'static str) {
    match step.body {
        StepBody::Action(_) => ("[", "]"),
        StepBody::Wait(_) => ("(", ")"),
        StepBody::Condition(_) | StepBody::Filter(_) => ("{", "}"),
        StepBody::Approval(_) => ("[/", "/]"),
        StepBody::Enroll(_) => ("[[", "]]"),
        StepBody::End => ("((", "))"),
    }
}

/// The step's name or id, written so Mermaid reads it as text inside a
/// quoted label: `#`, quotes and angle brackets as entity codes.
fn label(step: &Step) -> String {
    let title = step.name.as_deref().unwrap_or(&step.id);
    let mut out = String::with_capacity(title.len());
    for c in one_line(title).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            c => out.push(c),
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// Where each port of the step leads (`None` is the plain `next`).
fn links<'a>(
    draft: &'a WorkflowDraft,
    index: usize,
    step: &'a Step,
) -> Vec<(Option<&'static str>, &'a str)> {
    let next = draft.next_of(index).map(|i| draft.steps[i].id.as_str());
    let mut out = Vec::new();
    match &step.body {
        StepBody::Condition(c) => {
            out.extend(c.yes.as_deref().map(|to| (Some("yes"), to)));
            out.extend(c.no.as_deref().map(|to| (Some("no"), to)));
        }
        StepBody::Approval(a) => {
            out.extend(
                a.approved
                    .as_deref()
                    .or(next)
                    .map(|to| (Some("approved"), to)),
            );
            out.extend(
                a.rejected
                    .as_deref()
                    .or(next)
                    .map(|to| (Some("rejected"), to)),
            );
            out.extend(a.timeout_to.as_deref().map(|to| (Some("timeout"), to)));
        }
        StepBody::End => {}
        _ => out.extend(next.map(|to| (None, to))),
    }
    let on_fail = match &step.body {
        StepBody::Action(a) => a.on_fail.as_ref(),
        StepBody::Filter(f) => f.on_fail.as_ref(),
        StepBody::Approval(a) => a.on_fail.as_ref(),
        _ => None,
    };
    if let Some(OnFail::Branch { goto: Some(goto) }) = on_fail {
        out.push((Some("on fail"), goto.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_workflow_file;

    fn draft(steps: &str) -> WorkflowDraft {
        let text = format!(
            r#"{{"id": "w", "name": "Welcome", "trigger": {{"type": "manual"}}, "steps": {steps}}}"#
        );
        parse_workflow_file("w.json", &text).unwrap()
    }

    #[test]
    fn a_sample_workflow_as_a_flowchart() {
        let d = draft(
            r#"[{"id": "hello", "kind": "action", "action": "email", "name": "Say hello",
                 "on_fail": {"action": "branch", "goto": "bye"}},
                {"id": "pause", "kind": "wait", "duration": "1d"},
                {"id": "vip", "kind": "condition", "name": "VIP?", "filter": {"tag": "vip"}, "yes": "ok", "no": "bye"},
                {"id": "ok", "kind": "approval", "group": "sales", "name": "Sales agrees", "timeout": "2d", "timeout_to": "bye"},
                {"id": "more", "kind": "enroll", "workflow": "w2"},
                {"id": "bye", "kind": "end", "name": "Done"}]"#,
        );
        assert_eq!(
            flowchart(&d),
            "%% Welcome (w)
flowchart LR
    s0[\"Say hello\"]
    s1(\"pause\")
    s2{\"VIP?\"}
    s3[/\"Sales agrees\"/]
    s4[[\"more\"]]
    s5((\"Done\"))
    s0 --> s1
    s0 -.->|on fail| s5
    s1 --> s2
    s2 -->|yes| s3
    s2 -->|no| s5
    s3 -->|approved| s4
    s3 -->|rejected| s4
    s3 -->|timeout| s5
    s4 --> s5
"
        );
    }

    #[test]
    fn quotes_brackets_and_hashes_in_names_are_escaped_and_ids_never_written() {
        let d = draft(
            r#"[{"id": "a\"]; click x", "kind": "wait", "duration": "1h", "name": "Say \"hi\" [now] #1 <b>\nok"},
                {"id": "[end]", "kind": "end"}]"#,
        );
        let text = flowchart(&d);
        assert!(
            text.contains("s0(\"Say #quot;hi#quot; [now] #35;1 #lt;b#gt; ok\")"),
            "{text}"
        );
        assert!(text.contains("s1((\"[end]\"))"), "{text}");
        assert!(text.contains("s0 --> s1"), "{text}");
        assert!(!text.contains("click x"), "{text}");
        for line in text.lines().skip(2) {
            let quotes = line.matches('"').count();
            assert!(
                quotes == 0 || quotes == 2,
                "one quoted label per line: {line}"
            );
        }
    }

    #[test]
    fn next_null_stops_and_links_to_missing_steps_are_left_out() {
        let d = draft(
            r#"[{"id": "a", "kind": "wait", "duration": "1h", "next": null},
                {"id": "b", "kind": "wait", "duration": "1h", "next": "gone"}]"#,
        );
        let text = flowchart(&d);
        assert!(!text.contains("-->"), "{text}");
    }
}
