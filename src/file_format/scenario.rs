//! Scenario files (`flowlab-scenario/1`). Reading one gives a workspace at
//! instant 0. Exporting writes the workspace as a scenario that
//! `flowlab-sim` reproduces: the genesis (workflows as written, so hashes
//! survive; contacts, operators, the seed), and every command the engine was
//! handed (the script played so far and the commands people gave in the
//! page, merged in the order they ran, each with its time), run until the
//! clock's time.

use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::scenario::{parse_scenario, FileError, ScriptEntry, FORMAT};
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;
use serde_json::{json, Value};

use super::script::command_json;
use super::trace::trace_text;
use crate::session::Session;
use crate::t;

/// Scenario file `text` as a workspace at instant 0: its genesis and
/// script, the clock paused.
pub fn read_scenario(file: &str, text: &str) -> Result<Session, FileError> {
    let scenario = parse_scenario(file, text)?;
    Ok(Session::new(sim::genesis(&scenario), scenario.script))
}

/// A workflow of the genesis as the file wrote it (its written parts), so
/// that content hashes come out the same.
fn workflow_json(draft: &WorkflowDraft) -> Value {
    let mut v = draft.to_json();
    for (key, written) in [
        ("steps", &draft.written.steps),
        ("settings", &draft.written.settings),
        ("trigger", &draft.written.trigger),
    ] {
        if !written.is_null() {
            v[key] = written.clone();
        }
    }
    v
}

/// Every command handed to the engine so far, in the order it ran: the
/// played part of the script with the page's commands slotted in.
pub fn played_commands(session: &Session) -> Vec<ScriptEntry> {
    let script = &session.script()[..session.script_done()];
    let mut journal = session.journal().iter().peekable();
    let mut out = Vec::with_capacity(script.len() + session.journal().len());
    for (i, entry) in script.iter().enumerate() {
        while let Some(j) = journal.next_if(|j| j.after <= i) {
            out.push(j.entry.clone());
        }
        out.push(entry.clone());
    }
    out.extend(journal.map(|j| j.entry.clone()));
    out
}

/// The workspace so far as a scenario file, run until the clock's time.
pub fn export_scenario(session: &Session, note: &str) -> String {
    let g = session.genesis();
    let value = json!({
        "format": FORMAT,
        "x": {"note": note},
        "seed": g.seed,
        "run_until": session.clock().now.0,
        "contacts": g.contacts.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
        "operators": g.operators.iter().map(|o| o.to_json()).collect::<Vec<_>>(),
        "workflows": g.workflows.iter().map(workflow_json).collect::<Vec<_>>(),
        "script": played_commands(session).iter().map(command_json).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON serializes");
    text.push('\n');
    text
}

/// Whether `flowlab-sim run` of the exported text gives the session's trace
/// (without the summary line). `None` when it does; otherwise why not.
pub fn reproduces(session: &Session, text: &str) -> Option<String> {
    let scenario = match parse_scenario("export.json", text) {
        Ok(s) => s,
        Err(e) => return Some(e.to_string()),
    };
    let lines = match flowlab_engine::sim::trace_lines(&scenario) {
        Ok((_, lines)) => lines,
        Err(e) => return Some(e.to_string()),
    };
    let page = trace_text(session);
    let page: Vec<&str> = page.lines().collect();
    let sim = &lines[..lines.len().saturating_sub(1)];
    match page.iter().zip(sim).position(|(a, b)| a != b) {
        Some(i) => Some(t!(
            "line {n} differs: the page wrote {page} and the file gives {file}",
            n = i + 1,
            page = page[i],
            file = sim[i]
        )),
        None if page.len() != sim.len() => Some(t!(
            "the page wrote {page} lines and the file gives {file}",
            page = page.len(),
            file = sim.len()
        )),
        None => None,
    }
}

/// The download's name, after the simulated time it was taken at.
pub fn file_name(now: SimTime) -> String {
    format!("flowlab-scenario-{}ms.json", now.0)
}

#[cfg(test)]
mod tests {
    use super::super::presets::preset;
    use super::super::script::{journal_from_json, journal_to_json};
    use super::*;
    use flowlab_engine::command::{Command, DecideTarget, Decision};
    use flowlab_engine::edit::EntryLabel;
    use flowlab_engine::model::Operator;

    fn session_of(file: &str) -> Session {
        let scenario = preset(file).unwrap().parse().unwrap();
        Session::new(sim::genesis(&scenario), scenario.script)
    }

    fn at(session: &mut Session, ms: u64) {
        session.advance_to(SimTime(ms), usize::MAX).unwrap();
    }

    fn enroll(workflow: &str, contact: &str) -> Command {
        Command::Enroll {
            workflow: workflow.into(),
            contacts: vec![contact.into()],
        }
    }

    #[test]
    fn an_export_with_page_commands_reproduces_the_page_trace() {
        let mut s = session_of("pause-resume.json");
        // At instant 0, before the script's own commands at 0: refused (a draft).
        s.command(&enroll("onboarding", "c2")).unwrap();
        at(&mut s, 35 * 60_000);
        s.command(&Command::Tag {
            contact: "c1".into(),
            tag: "vip".into(),
        })
        .unwrap();
        s.command(&Command::Decide {
            target: DecideTarget::Execution("e1".into()),
            operator: "nobody".into(),
            decision: Decision::Approve,
        })
        .unwrap();
        at(&mut s, 150 * 60_000);
        s.command(&enroll("onboarding", "c1")).unwrap();
        s.command(&Command::Stop {
            execution: "e2".into(),
        })
        .unwrap();
        at(&mut s, 4 * 3_600_000);
        assert_eq!(s.journal().len(), 5);
        assert_eq!(s.journal()[0].after, 0);

        let text = export_scenario(&s, "exported");
        assert_eq!(reproduces(&s, &text), None, "{text}");
        let page = trace_text(&s);
        assert!(page.contains(r#""type":"command_rejected","do":"enroll""#));
        assert!(page.contains(r#""execution":"e3","from":"NEW","to":"FAILED_SAFE""#));
        assert!(page.contains(r#""execution":"e2","from":"RUNNING","to":"CANCELLED""#));

        let scenario = parse_scenario("export.json", &text).unwrap();
        assert_eq!(scenario.run_until, SimTime(4 * 3_600_000));
        assert_eq!(scenario.script.len(), 6 + 5);
        let saved = journal_to_json(s.journal());
        assert_eq!(journal_from_json(saved).unwrap(), s.journal());
    }

    #[test]
    fn an_export_of_a_preset_with_an_operator_rollback_reproduces_it() {
        let mut s = session_of("rollback-unsafe.json");
        at(&mut s, 30 * 60_000);
        s.command(&Command::Rollback {
            execution: "e1".into(),
        })
        .unwrap();
        s.command(&Command::Ack {
            execution: "e1".into(),
        })
        .unwrap();
        at(&mut s, 2 * 3_600_000);
        let text = export_scenario(&s, "exported");
        assert_eq!(reproduces(&s, &text), None);
        assert!(trace_text(&s).contains(r#""type":"command_rejected","do":"rollback""#));
    }

    #[test]
    fn a_command_right_after_a_step_to_the_next_event_exports_exactly() {
        let mut s = session_of("retry-resolves.json");
        for _ in 0..6 {
            let next = s.next_input().expect("something is due");
            at(&mut s, next.0);
        }
        let stepped_to = s.clock().now;
        s.command(&enroll("welcome", "c2")).unwrap();
        let acted_at = s.clock().now;
        at(&mut s, 3_600_000);
        let text = export_scenario(&s, "exported");
        assert_eq!(reproduces(&s, &text), None, "{text}");
        assert_eq!(acted_at, stepped_to.plus(1), "after that instant's timers");
    }

    fn operator(id: &str, groups: &[&str]) -> Operator {
        Operator {
            id: id.into(),
            name: format!("Operator {id}"),
            email: Some(format!("{id}@example.com")),
            mobile: None,
            groups: groups.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn an_export_with_operators_added_and_updated_reproduces_the_page_trace() {
        let mut s = session_of("pause-resume.json");
        at(&mut s, 10 * 60_000);
        let added = operator("op9", &["reviewers"]);
        s.command(&Command::AddOperator {
            operator: added.clone(),
        })
        .unwrap();
        s.command(&Command::AddOperator {
            operator: operator("op9", &[]),
        })
        .unwrap();
        s.command(&Command::UpdateOperator {
            operator: Operator {
                mobile: Some("+33600000009".into()),
                ..added
            },
        })
        .unwrap();
        at(&mut s, 60 * 60_000);
        let text = export_scenario(&s, "exported");
        assert_eq!(reproduces(&s, &text), None, "{text}");
        let page = trace_text(&s);
        assert!(page.contains(r#""do":"add_operator","reason":"an operator `op9` already exists""#));
        let scenario = parse_scenario("export.json", &text).unwrap();
        let verbs: Vec<&str> = scenario.script.iter().map(|e| e.command.verb()).collect();
        assert_eq!(
            verbs.iter().filter(|v| v.ends_with("_operator")).count(),
            3,
            "{verbs:?}"
        );
        let saved = journal_to_json(s.journal());
        assert_eq!(journal_from_json(saved).unwrap(), s.journal());
    }

    #[test]
    fn a_test_of_reproduction_can_fail() {
        let mut s = session_of("retry-resolves.json");
        at(&mut s, 5 * 60_000);
        let mut text = export_scenario(&s, "exported");
        text = text.replace("\"fail_first\": 2", "\"fail_first\": 1");
        assert!(reproduces(&s, &text).is_some());
    }

    #[test]
    fn an_export_with_gestures_undo_and_redo_gives_the_same_draft_and_history() {
        use flowlab_engine::edit::EditCommand;
        use flowlab_engine::model::Pos;
        let mut s = session_of("pause-resume.json");
        at(&mut s, 10 * 60_000);
        let gesture = |label: &str, commands: Vec<EditCommand>| Command::Gesture {
            workflow: "onboarding".into(),
            label: label.into(),
            commands,
        };
        let workflow = || "onboarding".to_string();
        for command in [
            gesture(
                "Move",
                vec![EditCommand::SetPositions {
                    moves: vec![("tips".into(), Some(Pos { x: 40.0, y: 80.0 }))],
                }],
            ),
            gesture(
                "Rename step",
                vec![EditCommand::RenameStep {
                    from: "tips".into(),
                    to: "advice".into(),
                }],
            ),
            Command::Undo {
                workflow: workflow(),
            },
            Command::Redo {
                workflow: workflow(),
            },
            Command::Undo {
                workflow: workflow(),
            },
            gesture(
                "Delete step",
                vec![EditCommand::RemoveStep { id: "ghost".into() }],
            ),
        ] {
            s.command(&command).unwrap();
        }
        at(&mut s, 60 * 60_000);
        let text = export_scenario(&s, "exported");
        assert_eq!(reproduces(&s, &text), None, "{text}");
        let page = trace_text(&s);
        assert!(
            page.contains(r#""do":"gesture""#),
            "the refused gesture is traced"
        );

        let scenario = parse_scenario("export.json", &text).unwrap();
        let mut driver = sim::Driver::new(&scenario);
        while driver.step().unwrap() {}
        let (page_wf, file_wf) = (
            &s.state().workflows[0],
            &driver.engine().state().workflows[0],
        );
        assert_eq!(file_wf.draft, page_wf.draft);
        assert_eq!(file_wf.history, page_wf.history);
        assert_eq!(
            page_wf.undo_label(),
            Some(&EntryLabel::Gesture("Move".into()))
        );
        assert_eq!(
            page_wf.redo_label(),
            Some(&EntryLabel::Gesture("Rename step".into()))
        );
        let saved = journal_to_json(s.journal());
        assert_eq!(journal_from_json(saved).unwrap(), s.journal());
    }
}
