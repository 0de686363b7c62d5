use serde_json::json;

use super::{
    map_links, references_to, EditCommand, EditError, EditHistory, EntryLabel, Port, HISTORY_LIMIT,
    WHOLE_DRAFT_LIMIT,
};
use crate::canonical::{canonical_json, content_hash, parts_from_model};
use crate::model::{Next, OnFail, Pos, Settings, Step, StepBody, StepKind, Trigger, WorkflowDraft};
use crate::scenario::parse_workflow_file;
use crate::validate::{validate, ValidationContext};

/// Every kind of step and every kind of link; `written` as a person wrote it
/// ("60s", not the editor's "1m").
fn hand_written() -> WorkflowDraft {
    let text = json!({
        "id": "onboard", "name": "Onboarding",
        "trigger": {"type": "tag_added", "tag": "lead", "poll": "600s"},
        "settings": {"auto_ack": true},
        "steps": [
            {"id": "hello", "kind": "action", "action": "email", "duration": "60s",
             "on_fail": {"action": "branch", "goto": "rescue"}, "pos": {"x": 0, "y": 0}},
            {"id": "pause", "kind": "wait", "duration": "1d"},
            {"id": "check", "kind": "condition", "filter": {"tag": "vip"}, "yes": "ask", "no": "rescue"},
            {"id": "ask", "kind": "approval", "group": "ops", "timeout": "1h",
             "approved": "done", "rejected": "rescue", "timeout_to": "rescue", "next": "done"},
            {"id": "only", "kind": "filter", "filter": {"tag": "lead"}},
            {"id": "rescue", "kind": "enroll", "workflow": "onboard", "next": null},
            {"id": "done", "kind": "end"}
        ]
    })
    .to_string();
    parse_workflow_file("test.json", &text).unwrap()
}

/// The same draft as the editor writes it.
fn edited() -> WorkflowDraft {
    let mut draft = hand_written();
    draft.written = parts_from_model(&draft.steps, &draft.settings, &draft.trigger);
    draft
}

/// Applies `command`, checks its inverse gives back `draft` exactly and the
/// inverse's inverse gives back the edited draft; returns both.
fn round_trip(draft: &WorkflowDraft, command: &EditCommand) -> (WorkflowDraft, EditCommand) {
    let mut after = draft.clone();
    let inverse = command.apply(&mut after).unwrap();
    let mut back = after.clone();
    let redo = inverse.apply(&mut back).unwrap();
    assert_eq!(&back, draft, "{command:?} then {inverse:?}");
    assert_eq!(
        canonical_json(&back.written),
        canonical_json(&draft.written)
    );
    let mut again = back.clone();
    redo.apply(&mut again).unwrap();
    assert_eq!(again, after, "redo of {command:?}");
    (after, inverse)
}

fn every_kind_of_command() -> Vec<EditCommand> {
    let mut new_wait = Step::new("later", StepKind::Wait);
    new_wait.pos = Some(Pos { x: 5.0, y: 6.0 });
    let mut renamed_ask = edited().step("ask").unwrap().clone();
    renamed_ask.id = "review".into();
    renamed_ask.name = Some("Review".into());
    vec![
        EditCommand::AddStep {
            index: 7,
            step: new_wait.clone(),
        },
        EditCommand::AddStep {
            index: 0,
            step: new_wait,
        },
        EditCommand::RemoveStep {
            id: "rescue".into(),
        },
        EditCommand::MoveStep {
            id: "hello".into(),
            to_index: 6,
        },
        EditCommand::MoveStep {
            id: "done".into(),
            to_index: 0,
        },
        EditCommand::SetStep {
            id: "pause".into(),
            step: Step::new("pause", StepKind::End),
        },
        EditCommand::SetStep {
            id: "ask".into(),
            step: renamed_ask,
        },
        EditCommand::RenameStep {
            from: "rescue".into(),
            to: "save".into(),
        },
        EditCommand::RenameStep {
            from: "done".into(),
            to: "done".into(),
        },
        EditCommand::SetPositions {
            moves: vec![
                ("hello".into(), Some(Pos { x: 10.0, y: 20.0 })),
                ("pause".into(), Some(Pos { x: 1.0, y: 2.0 })),
                ("hello".into(), None),
            ],
        },
        EditCommand::Connect {
            from: "pause".into(),
            port: Port::Next,
            to: Some("done".into()),
        },
        EditCommand::Connect {
            from: "pause".into(),
            port: Port::Next,
            to: None,
        },
        EditCommand::Connect {
            from: "check".into(),
            port: Port::Yes,
            to: None,
        },
        EditCommand::Connect {
            from: "check".into(),
            port: Port::No,
            to: Some("done".into()),
        },
        EditCommand::Connect {
            from: "ask".into(),
            port: Port::Approved,
            to: Some("hello".into()),
        },
        EditCommand::Connect {
            from: "ask".into(),
            port: Port::Rejected,
            to: None,
        },
        EditCommand::Connect {
            from: "ask".into(),
            port: Port::Timeout,
            to: Some("ask".into()),
        },
        EditCommand::Connect {
            from: "hello".into(),
            port: Port::OnFailGoto,
            to: None,
        },
        EditCommand::Connect {
            from: "only".into(),
            port: Port::OnFailGoto,
            to: Some("done".into()),
        },
        EditCommand::SetSettings(Settings {
            max_concurrent: Some(3),
            ..Settings::default()
        }),
        EditCommand::SetTrigger(Trigger::Manual),
        EditCommand::SetName("Welcome aboard".into()),
    ]
}

#[test]
fn every_command_is_undone_exactly_by_a_small_inverse_on_an_edited_draft() {
    let draft = edited();
    for command in every_kind_of_command() {
        let (after, inverse) = round_trip(&draft, &command);
        let no_op = command
            == EditCommand::RenameStep {
                from: "done".into(),
                to: "done".into(),
            };
        assert_eq!(after == draft, no_op, "{command:?}");
        assert!(
            !matches!(inverse, EditCommand::Restore(_)),
            "{command:?} needed a snapshot"
        );
    }
}

#[test]
fn every_command_is_undone_exactly_on_a_hand_written_draft() {
    let draft = hand_written();
    assert_ne!(
        draft.written,
        edited().written,
        "the file is not written the editor's way"
    );
    for command in every_kind_of_command() {
        let (_, inverse) = round_trip(&draft, &command);
        let outside_the_hash = matches!(
            command,
            EditCommand::SetPositions { .. } | EditCommand::SetName(_)
        );
        assert_eq!(
            !matches!(inverse, EditCommand::Restore(_)),
            outside_the_hash,
            "{command:?}"
        );
    }
}

#[test]
fn inverses_are_the_commands_you_would_expect() {
    let mut draft = edited();
    let rename = EditCommand::RenameStep {
        from: "ask".into(),
        to: "review".into(),
    };
    assert_eq!(
        rename.apply(&mut draft).unwrap(),
        EditCommand::RenameStep {
            from: "review".into(),
            to: "ask".into()
        }
    );
    let add = EditCommand::AddStep {
        index: 1,
        step: Step::new("s9", StepKind::End),
    };
    assert_eq!(
        add.apply(&mut draft).unwrap(),
        EditCommand::RemoveStep { id: "s9".into() }
    );
    let old = draft.steps[1].clone();
    let remove = EditCommand::RemoveStep { id: "s9".into() };
    assert_eq!(
        remove.apply(&mut draft).unwrap(),
        EditCommand::AddStep {
            index: 1,
            step: old
        }
    );
    let move_ = EditCommand::MoveStep {
        id: "hello".into(),
        to_index: 3,
    };
    assert_eq!(
        move_.apply(&mut draft).unwrap(),
        EditCommand::MoveStep {
            id: "hello".into(),
            to_index: 0
        }
    );
    let name = EditCommand::SetName("New".into());
    assert_eq!(
        name.apply(&mut draft).unwrap(),
        EditCommand::SetName("Onboarding".into())
    );
}

#[test]
fn refusals_name_what_is_wrong_and_change_nothing() {
    let draft = edited();
    let cases = [
        (EditCommand::RemoveStep { id: "s9".into() }, "no step `s9`"),
        (
            EditCommand::AddStep {
                index: 0,
                step: Step::new("pause", StepKind::End),
            },
            "a step `pause` already exists",
        ),
        (
            EditCommand::AddStep {
                index: 8,
                step: Step::new("s9", StepKind::End),
            },
            "index 8 is past the end (7 steps)",
        ),
        (
            EditCommand::MoveStep {
                id: "hello".into(),
                to_index: 7,
            },
            "index 7 is past the end (7 steps)",
        ),
        (
            EditCommand::Connect {
                from: "check".into(),
                port: Port::Approved,
                to: None,
            },
            "a condition has no `approved` port",
        ),
        (
            EditCommand::Connect {
                from: "pause".into(),
                port: Port::OnFailGoto,
                to: Some("done".into()),
            },
            "a wait has no `on_fail.goto` port",
        ),
        (
            EditCommand::Connect {
                from: "ask".into(),
                port: Port::Yes,
                to: Some("done".into()),
            },
            "an approval has no `yes` port",
        ),
        (
            EditCommand::Connect {
                from: "pause".into(),
                port: Port::Next,
                to: Some("s9".into()),
            },
            "no step `s9`",
        ),
        (
            EditCommand::RenameStep {
                from: "ask".into(),
                to: "done".into(),
            },
            "a step `done` already exists",
        ),
        (
            EditCommand::SetStep {
                id: "ask".into(),
                step: Step::new("hello", StepKind::End),
            },
            "a step `hello` already exists",
        ),
        (
            EditCommand::SetPositions {
                moves: vec![("hello".into(), None), ("s9".into(), None)],
            },
            "no step `s9`",
        ),
    ];
    for (command, message) in cases {
        let mut after = draft.clone();
        let error = command.apply(&mut after).unwrap_err();
        assert_eq!(error.to_string(), message);
        assert_eq!(after, draft, "{command:?} changed the draft");
    }
    let mut one = edited();
    one.steps.truncate(1);
    let error = EditCommand::MoveStep {
        id: "hello".into(),
        to_index: 1,
    }
    .apply(&mut one);
    assert_eq!(
        error.unwrap_err().to_string(),
        "index 1 is past the end (1 step)"
    );
}

#[test]
fn renaming_rewrites_every_link_to_the_step() {
    let mut draft = edited();
    let ids: Vec<String> = draft.steps.iter().map(|s| s.id.clone()).collect();
    let mut links: Vec<(String, Port)> = ids.into_iter().map(|id| (id, Port::Next)).collect();
    links.extend([("check".into(), Port::Yes), ("ask".into(), Port::Approved)]);
    for (from, port) in links {
        let to = Some("rescue".to_string());
        EditCommand::Connect { from, port, to }
            .apply(&mut draft)
            .unwrap();
    }
    let before = references_to(&draft, "rescue");
    let ports: Vec<Port> = before.iter().map(|(_, p)| *p).collect();
    for port in Port::ALL {
        assert!(
            ports.contains(&port),
            "no {port:?} link to rescue in the test draft"
        );
    }
    let (after, _) = round_trip(
        &draft,
        &EditCommand::RenameStep {
            from: "rescue".into(),
            to: "save".into(),
        },
    );
    assert!(references_to(&after, "rescue").is_empty());
    let renamed: Vec<_> = before
        .into_iter()
        .map(|(from, port)| {
            (
                if from == "rescue" {
                    "save".to_string()
                } else {
                    from
                },
                port,
            )
        })
        .collect();
    assert_eq!(references_to(&after, "save"), renamed);
}

#[test]
fn renaming_onto_an_id_that_links_already_name_is_undone_by_a_snapshot() {
    let mut draft = edited();
    EditCommand::RemoveStep { id: "done".into() }
        .apply(&mut draft)
        .unwrap();
    assert!(!references_to(&draft, "done").is_empty());
    let (after, inverse) = round_trip(
        &draft,
        &EditCommand::RenameStep {
            from: "pause".into(),
            to: "done".into(),
        },
    );
    assert!(matches!(inverse, EditCommand::Restore(_)));
    assert!(references_to(&after, "pause").is_empty());
}

#[test]
fn removing_a_step_leaves_links_to_it_for_validation_to_report() {
    let draft = edited();
    let (after, _) = round_trip(
        &draft,
        &EditCommand::RemoveStep {
            id: "rescue".into(),
        },
    );
    let report = validate(&after, &ValidationContext::default());
    let dangling: Vec<_> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .filter(|i| i.message.contains("\"rescue\", which does not exist"))
        .map(|i| (i.step.clone().unwrap(), i.field.clone().unwrap()))
        .collect();
    for link in [
        "hello on_fail.goto",
        "check no",
        "ask rejected",
        "ask timeout_to",
    ] {
        let (step, field) = link.split_once(' ').unwrap();
        assert!(
            dangling.contains(&(step.into(), field.into())),
            "{link}: {dangling:?}"
        );
    }
    assert!(!report.is_publishable());
}

#[test]
fn repeated_ids_are_undone_exactly() {
    let mut draft = edited();
    draft.steps[5].id = "pause".into();
    draft.written = parts_from_model(&draft.steps, &draft.settings, &draft.trigger);
    for command in [
        EditCommand::RemoveStep { id: "pause".into() },
        EditCommand::MoveStep {
            id: "pause".into(),
            to_index: 6,
        },
        EditCommand::RenameStep {
            from: "pause".into(),
            to: "rest".into(),
        },
        EditCommand::SetStep {
            id: "pause".into(),
            step: Step::new("rest", StepKind::End),
        },
        EditCommand::Connect {
            from: "pause".into(),
            port: Port::Next,
            to: None,
        },
    ] {
        round_trip(&draft, &command);
    }
}

#[test]
fn connect_semantics() {
    let draft = edited();
    let (after, _) = round_trip(
        &draft,
        &EditCommand::Connect {
            from: "pause".into(),
            port: Port::Next,
            to: None,
        },
    );
    assert_eq!(after.step("pause").unwrap().next, Next::Stop);
    let (after, _) = round_trip(
        &draft,
        &EditCommand::Connect {
            from: "only".into(),
            port: Port::OnFailGoto,
            to: Some("done".into()),
        },
    );
    assert_eq!(
        after.step("only").unwrap().on_fail(),
        OnFail::Branch {
            goto: Some("done".into())
        }
    );
    let (after, _) = round_trip(
        &draft,
        &EditCommand::Connect {
            from: "hello".into(),
            port: Port::OnFailGoto,
            to: None,
        },
    );
    assert_eq!(
        after.step("hello").unwrap().on_fail(),
        OnFail::Branch { goto: None }
    );
    let (after, _) = round_trip(
        &draft,
        &EditCommand::Connect {
            from: "check".into(),
            port: Port::Yes,
            to: None,
        },
    );
    let StepBody::Condition(c) = &after.step("check").unwrap().body else {
        panic!()
    };
    assert_eq!((c.yes.as_deref(), c.no.as_deref()), (None, Some("rescue")));
}

#[test]
fn the_content_hash_follows_edits_but_not_moves() {
    let draft = hand_written();
    let hash = content_hash(&draft.written);
    let (moved, _) = round_trip(
        &draft,
        &EditCommand::SetPositions {
            moves: vec![("pause".into(), Some(Pos { x: 1.0, y: 1.0 }))],
        },
    );
    assert_eq!(content_hash(&moved.written), hash);
    let (edited, _) = round_trip(&draft, &EditCommand::SetTrigger(Trigger::Manual));
    assert_ne!(content_hash(&edited.written), hash);
    assert_eq!(
        edited.written,
        parts_from_model(&edited.steps, &edited.settings, &edited.trigger)
    );
}

fn g(text: &str) -> EntryLabel {
    EntryLabel::Gesture(text.into())
}

fn texts<'a>(labels: impl Iterator<Item = &'a EntryLabel>) -> Vec<&'a str> {
    labels.map(EntryLabel::stored).collect()
}

fn name(draft: &mut WorkflowDraft, history: &mut EditHistory, label: &str, to: &str) {
    history
        .gesture(draft, label, &[EditCommand::SetName(to.into())])
        .unwrap();
}

#[test]
fn a_gesture_is_one_undo_step_of_its_inverses_and_redo_replays_it() {
    let original = hand_written();
    let mut draft = original.clone();
    let mut history = EditHistory::default();
    let paste = [
        EditCommand::AddStep {
            index: 7,
            step: Step::new("a", StepKind::Wait),
        },
        EditCommand::Connect {
            from: "done".into(),
            port: Port::Next,
            to: Some("a".into()),
        },
        EditCommand::SetPositions {
            moves: vec![("a".into(), Some(Pos { x: 3.0, y: 4.0 }))],
        },
    ];
    let mut trial = original.clone();
    let inverses: Vec<EditCommand> = paste.iter().map(|c| c.apply(&mut trial).unwrap()).collect();
    history.gesture(&mut draft, "Paste", &paste).unwrap();
    assert_eq!(draft, trial);
    assert_eq!(history.undo_entries().len(), 1, "three commands, one entry");
    assert_eq!(history.undo_entries()[0].commands(), inverses);
    let pasted = draft.clone();
    name(&mut draft, &mut history, "Rename", "x");
    assert_eq!(texts(history.undo_labels()), ["Rename", "Paste"]);
    assert_eq!(history.undo(&mut draft).unwrap(), Some(g("Rename")));
    assert_eq!(draft, pasted);
    assert_eq!(history.undo(&mut draft).unwrap(), Some(g("Paste")));
    assert_eq!(draft, original);
    assert_eq!(history.undo(&mut draft).unwrap(), None);
    assert!(!history.can_undo() && history.can_redo());
    assert_eq!(texts(history.redo_labels()), ["Paste", "Rename"]);
    assert_eq!(history.redo(&mut draft).unwrap(), Some(g("Paste")));
    assert_eq!(draft, pasted);
    name(&mut draft, &mut history, "Rename", "y");
    assert!(!history.can_redo(), "a new gesture clears redo");
    assert_eq!(history.redo(&mut draft).unwrap(), None);
    assert_eq!(draft.name, "y");
}

#[test]
fn a_refused_command_rolls_back_its_whole_gesture() {
    let original = edited();
    let mut draft = original.clone();
    let mut history = EditHistory::default();
    let error = history.gesture(
        &mut draft,
        "Paste",
        &[
            EditCommand::RemoveStep { id: "ask".into() },
            EditCommand::RenameStep {
                from: "done".into(),
                to: "ask".into(),
            },
            EditCommand::RemoveStep { id: "done".into() },
        ],
    );
    assert_eq!(error, Err((2, EditError::NoStep("done".into()))));
    assert_eq!(draft, original);
    assert!(history.is_empty());
}

#[test]
fn an_empty_gesture_records_nothing_and_keeps_redo() {
    let original = edited();
    let mut draft = original.clone();
    let mut history = EditHistory::default();
    name(&mut draft, &mut history, "Name", "a");
    history.undo(&mut draft).unwrap();
    history.gesture(&mut draft, "Drag", &[]).unwrap();
    assert_eq!(draft, original);
    assert!(!history.can_undo());
    assert_eq!(history.redo_label(), Some(&g("Name")), "redo is kept");
}

#[test]
fn the_history_keeps_only_the_newest_gestures() {
    let mut draft = edited();
    let mut history = EditHistory::default();
    for n in 0..HISTORY_LIMIT + 3 {
        name(&mut draft, &mut history, &format!("n{n}"), &n.to_string());
    }
    assert_eq!(history.undo_entries().len(), HISTORY_LIMIT);
    let newest = format!("n{}", HISTORY_LIMIT + 2);
    assert_eq!(history.undo_label(), Some(&g(&newest)));
    assert_eq!(history.undo_labels().last(), Some(&g("n3")));
    while history.undo(&mut draft).unwrap().is_some() {}
    assert_eq!(draft.name, "2", "the three oldest gestures went");
}

#[test]
fn the_history_keeps_only_the_newest_whole_drafts() {
    let mut draft = edited();
    let mut history = EditHistory::default();
    for n in 0..WHOLE_DRAFT_LIMIT + 2 {
        name(&mut draft, &mut history, "Name", &format!("g{n}"));
        history.record_replaced(EntryLabel::Edit, draft.clone());
    }
    let whole = |h: &EditHistory| {
        h.undo_entries()
            .iter()
            .filter(|t| matches!(t.commands(), [EditCommand::Restore(_)]))
            .count()
    };
    assert_eq!(whole(&history), WHOLE_DRAFT_LIMIT);
    assert_eq!(history.undo_entries().len(), 2 * WHOLE_DRAFT_LIMIT);
    assert_eq!(history.undo_label(), Some(&EntryLabel::Edit));
    while history.undo(&mut draft).unwrap().is_some() {}
    assert_eq!(draft.name, "g1", "the two oldest gestures and drafts went");
}

#[test]
fn map_links_rewrites_or_removes_every_kind_of_link() {
    let mut draft = hand_written();
    for step in &mut draft.steps {
        map_links(step, |to| (to != "rescue").then(|| format!("{to}_2")));
    }
    let step = |id: &str| draft.steps.iter().find(|s| s.id == id).unwrap().clone();
    match step("hello").body {
        StepBody::Action(a) => assert_eq!(a.on_fail, Some(OnFail::Branch { goto: None })),
        other => panic!("{other:?}"),
    }
    match step("check").body {
        StepBody::Condition(c) => {
            assert_eq!(c.yes.as_deref(), Some("ask_2"));
            assert_eq!(c.no, None);
        }
        other => panic!("{other:?}"),
    }
    let ask = step("ask");
    assert_eq!(ask.next, Next::To("done_2".into()));
    match ask.body {
        StepBody::Approval(a) => {
            assert_eq!(a.approved.as_deref(), Some("done_2"));
            assert_eq!((a.rejected, a.timeout_to), (None, None));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        step("rescue").next,
        Next::Stop,
        "an explicit stop stays one"
    );
}
