use flowlab_engine::edit::{EntryLabel, Port};
use flowlab_engine::model::{Next, Settings, StepBody, StepKind, Trigger, WorkflowDraft};
use flowlab_engine::scenario::parse_workflow_file;
use flowlab_engine::validate::{validate, ValidationContext};

use super::Doc;
use crate::editor::geometry::Point;
use crate::editor::graph::{edges, port_key};

fn sample() -> WorkflowDraft {
    let text = r#"{"id": "w", "name": "W", "trigger": {"type": "manual"}, "steps": [
        {"id": "send", "kind": "action", "action": "email", "pos": {"x": 0, "y": 0},
         "on_fail": {"action": "branch", "goto": "notify"}},
        {"id": "ask", "kind": "approval", "group": "ops", "timeout": "1h", "timeout_to": "notify"},
        {"id": "check", "kind": "condition", "filter": {"tag": "vip"}, "yes": "notify", "no": "done"},
        {"id": "notify", "kind": "action", "action": "sms"},
        {"id": "done", "kind": "end"}
    ]}"#;
    parse_workflow_file("w.json", text).unwrap()
}

fn links(d: &WorkflowDraft) -> Vec<String> {
    edges(d)
        .into_iter()
        .map(|e| format!("{}.{}→{}", e.from, port_key(e.port), e.to))
        .collect()
}

/// Runs `gesture`, then checks that undo gives back the exact draft before
/// and redo the exact draft after.
fn undo_redo_exact(doc: &mut Doc, gesture: impl FnOnce(&mut Doc)) {
    let before = doc.draft().clone();
    gesture(doc);
    let after = doc.draft().clone();
    assert_ne!(before, after, "the gesture changed nothing");
    assert!(doc.undo().unwrap().is_some());
    assert_eq!(doc.draft(), &before);
    assert!(doc.redo().unwrap().is_some());
    assert_eq!(doc.draft(), &after);
}

#[test]
fn every_gesture_undoes_to_the_exact_draft_before_and_redoes() {
    let mut doc = Doc::new(sample());
    undo_redo_exact(&mut doc, |d| {
        d.add_step(StepKind::Wait, Point::new(33.0, 70.0), None)
            .unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.connect("wait_1", Port::Next, "done").unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.move_to(&[("send".into(), Point::new(64.0, 32.0))])
            .unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.auto_layout().unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        let e = edges(d.draft())
            .into_iter()
            .find(|e| e.from == "check")
            .unwrap();
        d.disconnect(&e).unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.delete(&["notify".into(), "ask".into()]).unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        let mut s = d.draft().step("send").unwrap().clone();
        s.id = "welcome".into();
        s.name = Some("Welcome".into());
        d.set_step("send", s).unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.make_start("done").unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.set_settings(Settings {
            auto_ack: true,
            ..Settings::default()
        })
        .unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.set_trigger(Trigger::TagAdded {
            tag: "lead".into(),
            poll: 600_000,
        })
        .unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.set_name("Renamed").unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.copy(&["check".into(), "done".into()]);
        d.paste().unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.duplicate(&["welcome".into()]).unwrap();
    });
    undo_redo_exact(&mut doc, |d| {
        d.replace_content("Restore version 1", &sample()).unwrap();
    });
    // And all the way back to the start.
    while doc.undo().unwrap().is_some() {}
    assert_eq!(doc.draft(), &sample());
}

#[test]
fn a_gesture_that_changes_nothing_records_nothing() {
    let mut doc = Doc::new(sample());
    assert!(!doc
        .move_to(&[("send".into(), Point::new(0.0, 0.0))])
        .unwrap());
    assert!(!doc.connect("check", Port::Yes, "notify").unwrap());
    assert!(!doc.set_name("W").unwrap());
    let same = doc.draft().step("ask").unwrap().clone();
    assert!(!doc.set_step("ask", same).unwrap());
    assert_eq!(doc.undo_label(), None);
}

#[test]
fn adding_a_step_leaves_every_existing_link_as_it_was() {
    let mut open_end = sample();
    open_end.steps.pop();
    let mut doc = Doc::new(open_end);
    let before = links(doc.draft());
    let id = doc
        .add_step(StepKind::Action, Point::new(100.0, 300.0), None)
        .unwrap();
    assert_eq!(id, "action_1");
    assert_eq!(links(doc.draft()), before, "nothing leads to the new step");
    let step = doc.draft().step(&id).unwrap();
    assert_eq!(step.pos.map(|p| (p.x, p.y)), Some((96.0, 304.0)), "snapped");
    assert!(matches!(&step.body, StepBody::Action(a) if a.action.is_some()));
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Add action".into()))
    );
    assert_eq!(
        doc.add_step(
            StepKind::Wait,
            Point::default(),
            Some(("action_1", Port::Next))
        )
        .unwrap(),
        "wait_1"
    );
    assert!(links(doc.draft()).contains(&"action_1.next→wait_1".to_string()));
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Add wait".into()))
    );
    doc.undo().unwrap();
    assert!(
        doc.draft().step("wait_1").is_none(),
        "one undo entry for add and link"
    );
}

#[test]
fn deleting_steps_takes_the_edges_into_them_along() {
    let mut doc = Doc::new(sample());
    doc.delete(&["notify".into()]).unwrap();
    assert_eq!(
        links(doc.draft()),
        [
            "send.next→ask",
            "ask.approved→check",
            "ask.rejected→check",
            "check.no→done"
        ]
    );
    let report = validate(doc.draft(), &ValidationContext::default());
    assert!(
        report
            .errors
            .iter()
            .all(|e| !e.message.contains("does not exist")),
        "{:?}",
        report.errors
    );
}

#[test]
fn removing_an_approval_edge_that_falls_back_to_next_keeps_the_other_port() {
    let mut doc = Doc::new(sample());
    let approved = edges(doc.draft())
        .into_iter()
        .find(|e| e.from == "ask" && e.port == Port::Approved)
        .unwrap();
    assert!(approved.implicit);
    doc.disconnect(&approved).unwrap();
    let ask: Vec<String> = links(doc.draft())
        .into_iter()
        .filter(|l| l.starts_with("ask."))
        .collect();
    assert_eq!(ask, ["ask.rejected→check", "ask.timeout→notify"]);
    assert_eq!(doc.draft().step("ask").unwrap().next, Next::Stop);
}

#[test]
fn pasting_keeps_links_inside_the_copy_and_drops_the_rest() {
    let mut doc = Doc::new(sample());
    assert_eq!(doc.copy(&["check".into(), "done".into()]), 2);
    let ids = doc.paste().unwrap();
    assert_eq!(ids, ["check_copy", "done_copy"]);
    let pasted: Vec<String> = links(doc.draft())
        .into_iter()
        .filter(|l| l.starts_with("check_copy") || l.starts_with("done_copy"))
        .collect();
    assert_eq!(pasted, ["check_copy.no→done_copy"]);
    assert_eq!(doc.paste().unwrap(), ["check_copy2", "done_copy2"]);
    let dup = doc.duplicate(&["send".into()]).unwrap();
    assert_eq!(dup, ["send_copy"]);
    let p = doc.draft().step("send_copy").unwrap().pos.unwrap();
    assert!(p.x > 0.0 && p.y > 0.0, "offset from the original");
    assert_eq!(
        doc.paste().unwrap(),
        ["check_copy3", "done_copy3"],
        "the clipboard survives a duplicate"
    );
}

#[test]
fn steps_travel_to_another_workflow_as_a_workflow_file_on_the_system_clipboard() {
    let mut from = Doc::new(sample());
    from.copy(&["check".into(), "notify".into(), "done".into()]);
    let text = from.clipboard_as_workflow();
    let file = parse_workflow_file("clip.json", &text).expect("a workflow file");
    assert_eq!(file.steps.len(), 3);

    let other = r#"{"id":"other","name":"Other","trigger":{"type":"manual"},"steps":[{"id":"hello","kind":"action","action":"email"}]}"#;
    let mut to = Doc::new(parse_workflow_file("other.json", other).unwrap());
    assert_eq!(to.take_clipboard_text(&text), Ok(3));
    let ids = to.paste().unwrap();
    assert_eq!(ids, ["check", "notify", "done"], "free ids are kept");
    let pasted = links(to.draft());
    for l in ["check.yes→notify", "check.no→done"] {
        assert!(pasted.contains(&l.to_string()), "{l} in {pasted:?}");
    }
    assert_eq!(to.take_clipboard_text(&text), Ok(3));
    assert_eq!(
        to.paste().unwrap(),
        ["check_copy", "notify_copy", "done_copy"]
    );
    assert_eq!(
        to.undo_label(),
        Some(&EntryLabel::Gesture("Paste 3 steps".into()))
    );
    assert_eq!(
        to.draft().step("hello").unwrap().next,
        Next::Stop,
        "the step that was last does not run on into the pasted ones"
    );
}

#[test]
fn text_that_is_not_steps_is_refused_by_what_is_wrong_and_changes_nothing() {
    let mut doc = Doc::new(sample());
    doc.copy(&["send".into()]);
    let before = doc.draft().clone();
    assert_eq!(
        doc.take_clipboard_text("hello"),
        Err(super::ClipboardError::NotJson)
    );
    let e = doc.take_clipboard_text(r#"{"id":"w","steps":[{"id":"a","kind":"teleport"}]}"#);
    assert!(
        matches!(&e, Err(super::ClipboardError::NotAWorkflow(m)) if m.contains("teleport")),
        "{e:?}"
    );
    assert_eq!(
        doc.take_clipboard_text(r#"{"id":"w","name":"W","trigger":{"type":"manual"},"steps":[]}"#),
        Err(super::ClipboardError::NoSteps)
    );
    assert_eq!(doc.draft(), &before);
    assert_eq!(
        doc.paste().unwrap(),
        ["send_copy"],
        "the last copy is still there"
    );
}

#[test]
fn the_engine_told_what_the_doc_did_holds_the_same_draft_and_history() {
    use flowlab_engine::runtime::state::Genesis;
    use flowlab_engine::runtime::Engine;

    let mut engine = Engine::new(Genesis {
        seed: 1,
        contacts: Vec::new(),
        operators: Vec::new(),
        workflows: vec![sample()],
    });
    let mut doc = Doc::new(sample());
    let mut tell = |doc: &mut Doc| {
        let sent = doc.take_outbox();
        assert!(!sent.is_empty(), "something to tell");
        for s in sent {
            let outcome = engine
                .handle_command(engine.now(), &s.command("w".into()))
                .unwrap();
            assert_eq!(outcome, flowlab_engine::runtime::Outcome::Accepted);
        }
        let w = &engine.state().workflows[0];
        assert!(doc.agrees_with(&w.draft, &w.history));
        (w.draft.clone(), w.history.clone())
    };
    doc.set_name("X").unwrap();
    tell(&mut doc);
    doc.add_step(StepKind::End, Point::default(), None).unwrap();
    doc.make_start("check").unwrap();
    tell(&mut doc);
    doc.undo().unwrap();
    doc.undo().unwrap();
    doc.redo().unwrap();
    let (draft, history) = tell(&mut doc);
    assert!(doc.take_outbox().is_empty(), "told once");

    // A doc opened later (a reload) takes the engine's history: undo
    // goes on where it was.
    let mut reopened = Doc::opened(draft, history);
    assert_eq!(reopened.undo_label(), doc.undo_label());
    assert_eq!(reopened.redo_label(), doc.redo_label());
    assert_eq!(reopened.undo().unwrap(), doc.undo().unwrap());
    assert!(reopened == doc);
    doc.adopt(&sample(), &Default::default());
    assert_eq!(doc.draft(), &sample());
    assert_eq!(doc.undo_label(), None);
    assert!(
        doc.take_outbox().is_empty(),
        "adopting forgets what was not told"
    );
}

#[test]
fn making_a_step_the_start_keeps_what_every_link_means() {
    let mut doc = Doc::new(sample());
    let before = links(doc.draft());
    doc.make_start("check").unwrap();
    assert_eq!(doc.draft().steps[0].id, "check");
    let mut after = links(doc.draft());
    let mut before = before;
    after.sort();
    before.sort();
    assert_eq!(after, before);
}

#[test]
fn a_new_name_alone_is_one_rename_entry_and_other_changes_are_edits() {
    let mut doc = Doc::new(sample());
    let mut s = doc.draft().step("done").unwrap().clone();
    s.name = Some("Finish".into());
    assert!(doc.set_step("done", s).unwrap());
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Rename step".into()))
    );
    let mut wait = doc.draft().step("ask").unwrap().clone();
    wait.name = Some("Ask ops".into());
    wait.next = Next::Stop;
    assert!(doc.set_step("ask", wait).unwrap());
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Edit step".into()))
    );
    doc.undo().unwrap();
    doc.undo().unwrap();
    assert_eq!(doc.draft().step("done").unwrap().name, None);
}

#[test]
fn aligning_steps_is_one_undo_entry_named_by_the_arrangement() {
    use crate::editor::arrange::Arrangement;
    let mut doc = Doc::new(sample());
    let places = vec![
        ("send".to_string(), Point::new(0.0, 0.0)),
        ("ask".to_string(), Point::new(320.0, 48.0)),
        ("check".to_string(), Point::new(640.0, 96.0)),
    ];
    undo_redo_exact(&mut doc, |d| {
        assert_eq!(d.arrange(&places, Arrangement::Top), Ok(true));
    });
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Align top".into()))
    );
    for id in ["send", "ask", "check"] {
        assert_eq!(doc.draft().step(id).unwrap().pos.unwrap().y, 0.0, "{id}");
    }
    assert_eq!(
        doc.arrange(&places[..2], Arrangement::Horizontally),
        Ok(false),
        "two steps have nothing to distribute"
    );
}

#[test]
fn a_link_dropped_on_empty_canvas_adds_the_step_there_linked_as_one_undo() {
    let mut doc = Doc::new(sample());
    let before = doc.draft().clone();
    let id = doc
        .add_linked_step("check", Port::No, StepKind::Wait, Point::new(410.0, 205.0))
        .unwrap();
    assert_eq!(id, "wait_1");
    assert!(links(doc.draft()).contains(&"check.no→wait_1".to_string()));
    assert!(!links(doc.draft()).contains(&"check.no→done".to_string()));
    let step = doc.draft().step(&id).unwrap();
    assert_eq!(
        step.pos.map(|p| (p.x, p.y)),
        Some((416.0, 176.0)),
        "its left side at the drop point, snapped"
    );
    assert!(matches!(&step.body, StepBody::Wait(w) if w.duration.is_some()));
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Add wait".into()))
    );
    doc.undo().unwrap();
    assert_eq!(doc.draft(), &before, "one undo takes step and link away");
    assert_eq!(doc.undo_label(), None);

    undo_redo_exact(&mut doc, |d| {
        d.add_linked_step(
            "send",
            Port::OnFailGoto,
            StepKind::Approval,
            Point::new(0.0, 200.0),
        )
        .unwrap();
    });
    let before = doc.draft().clone();
    assert!(doc
        .add_linked_step("nobody", Port::Next, StepKind::Action, Point::default())
        .is_err());
    assert_eq!(doc.draft(), &before, "a refused drop changes nothing");
    assert_eq!(
        doc.undo_label(),
        Some(&EntryLabel::Gesture("Add approval".into()))
    );
}

#[test]
fn whole_draft_entries_are_named_in_the_language_and_gestures_as_given() {
    use super::history_label;
    use crate::i18n::{Lang, Scoped};
    let _fr = Scoped::new(Lang::Fr);
    assert_eq!(history_label(&EntryLabel::Edit), "Modifier");
    assert_eq!(history_label(&EntryLabel::Restore), "Restaurer");
    for given in ["Edit", "Restore", "Ajouter une attente"] {
        assert_eq!(history_label(&EntryLabel::Gesture(given.into())), given);
    }
}
