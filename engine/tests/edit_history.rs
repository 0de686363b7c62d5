//! A draft's undo and redo in the engine: gestures logged as their forward
//! commands, `undo` and `redo`, whole-draft `edit`s and `restore`s as
//! entries, and the history rebuilt by replaying the log or read back from a
//! snapshot.

use flowlab_engine::canonical::parts_from_model;
use flowlab_engine::codec::{
    decode_segment, decode_snapshot, encode_segment, encode_snapshot, SnapshotEncoder,
};
use flowlab_engine::command::{Command, DraftEdit};
use flowlab_engine::edit::{EditCommand, EntryLabel, Port, HISTORY_LIMIT, WHOLE_DRAFT_LIMIT};
use flowlab_engine::event::{Event, Stamped};
use flowlab_engine::ids::WfIx;
use flowlab_engine::model::{Pos, Step, StepKind, WorkflowDraft};
use flowlab_engine::runtime::state::{AudienceUnderWay, Genesis, State, WorkflowState};
use flowlab_engine::runtime::{Engine, Outcome};
use flowlab_engine::scenario::{decode_edit_command, parse_script_entry, parse_workflow_file};
use flowlab_engine::time::SimTime;
use serde_json::json;

const WF: &str = "wf";

/// `n` waits then an end, written the way the editor writes a draft.
fn draft(n: usize) -> WorkflowDraft {
    let mut steps: Vec<_> = (1..=n)
        .map(|i| {
            json!({"id": format!("s{i}"), "kind": "wait", "duration": "1h",
                        "pos": {"x": 0, "y": i * 100}})
        })
        .collect();
    steps.push(json!({"id": "done", "kind": "end"}));
    let text = json!({"id": WF, "name": "Flow", "trigger": {"type": "manual"},
                      "settings": {}, "steps": steps})
    .to_string();
    let mut draft = parse_workflow_file("wf.json", &text).unwrap();
    draft.written = parts_from_model(&draft.steps, &draft.settings, &draft.trigger);
    draft
}

fn genesis(n: usize) -> Genesis {
    Genesis {
        seed: 1,
        contacts: Vec::new(),
        operators: Vec::new(),
        workflows: vec![draft(n)],
    }
}

/// An engine and every event it emitted, in order.
struct Run {
    engine: Engine,
    log: Vec<Stamped>,
    genesis: Genesis,
    t: u64,
}

impl Run {
    fn new(steps: usize) -> Run {
        let genesis = genesis(steps);
        Run {
            engine: Engine::new(genesis.clone()),
            log: Vec::new(),
            genesis,
            t: 0,
        }
    }

    fn send(&mut self, command: Command) -> Outcome {
        self.t += 1000;
        let outcome = self
            .engine
            .handle_command(SimTime(self.t), &command)
            .unwrap();
        self.log.extend(self.engine.drain_events());
        outcome
    }

    fn ok(&mut self, command: Command) {
        let outcome = self.send(command.clone());
        assert_eq!(outcome, Outcome::Accepted, "{command:?}");
    }

    fn refused(&mut self, command: Command) -> String {
        match self.send(command.clone()) {
            Outcome::Rejected(reason) => reason,
            Outcome::Accepted => panic!("{command:?} was accepted"),
        }
    }

    fn gesture(&mut self, label: &str, commands: Vec<EditCommand>) {
        self.ok(gesture(label, commands));
    }

    fn wf(&self) -> &WorkflowState {
        &self.engine.state().workflows[0]
    }

    fn draft(&self) -> &WorkflowDraft {
        &self.wf().draft
    }
}

fn gesture(label: &str, commands: Vec<EditCommand>) -> Command {
    Command::Gesture {
        workflow: WF.into(),
        label: label.into(),
        commands,
    }
}

fn g(text: &str) -> EntryLabel {
    EntryLabel::Gesture(text.into())
}

fn undo() -> Command {
    Command::Undo {
        workflow: WF.into(),
    }
}

fn redo() -> Command {
    Command::Redo {
        workflow: WF.into(),
    }
}

fn move_to(id: &str, x: f64) -> EditCommand {
    EditCommand::SetPositions {
        moves: vec![(id.into(), Some(Pos { x, y: 0.0 }))],
    }
}

/// Equal drafts and equal histories.
fn same_world(a: &State, b: &State) -> bool {
    a.workflows.len() == b.workflows.len()
        && a.workflows
            .iter()
            .zip(&b.workflows)
            .all(|(x, y)| x.draft == y.draft && x.history == y.history)
}

#[test]
fn a_gesture_undoes_and_redoes_as_one_entry() {
    let mut run = Run::new(4);
    let original = run.draft().clone();
    run.gesture("Move", vec![move_to("s1", 10.0), move_to("s2", 20.0)]);
    assert_eq!(
        run.draft().step("s2").unwrap().pos,
        Some(Pos { x: 20.0, y: 0.0 })
    );
    run.gesture(
        "Rename step",
        vec![EditCommand::RenameStep {
            from: "s3".into(),
            to: "three".into(),
        }],
    );
    let after_both = run.draft().clone();
    assert!(run.draft().step("three").is_some());
    assert_eq!(run.wf().undo_label(), Some(&g("Rename step")));
    assert_eq!(run.wf().redo_label(), None);

    run.ok(undo());
    assert!(run.draft().step("s3").is_some() && run.draft().step("three").is_none());
    assert_eq!(run.wf().undo_label(), Some(&g("Move")));
    assert_eq!(run.wf().redo_label(), Some(&g("Rename step")));

    run.ok(undo());
    assert_eq!(*run.draft(), original, "both gestures undone");
    assert_eq!(run.wf().redo_label(), Some(&g("Move")));
    let reason = run.refused(undo());
    assert_eq!(reason, "nothing to undo in `wf`");
    assert_eq!(*run.draft(), original);

    run.ok(redo());
    run.ok(redo());
    assert_eq!(*run.draft(), after_both);
    assert_eq!(run.refused(redo()), "nothing to redo in `wf`");
    let labels: Vec<&EntryLabel> = run.wf().history.undo_labels().collect();
    assert_eq!(labels, [&g("Rename step"), &g("Move")]);
}

#[test]
fn a_new_gesture_drops_what_could_be_redone() {
    let mut run = Run::new(3);
    run.gesture("Move", vec![move_to("s1", 1.0)]);
    run.gesture("Move", vec![move_to("s1", 2.0)]);
    run.ok(undo());
    assert!(run.wf().history.can_redo());
    run.gesture("Move", vec![move_to("s2", 3.0)]);
    assert!(!run.wf().history.can_redo());
    assert_eq!(run.refused(redo()), "nothing to redo in `wf`");
    assert_eq!(run.wf().history.undo_entries().len(), 2);
}

#[test]
fn a_refused_gesture_changes_nothing_and_says_which_edit() {
    let mut run = Run::new(3);
    run.gesture("Move", vec![move_to("s1", 1.0)]);
    let before = run.engine.state().clone();
    let reason = run.refused(gesture(
        "Delete",
        vec![
            EditCommand::RemoveStep { id: "s2".into() },
            EditCommand::RemoveStep { id: "ghost".into() },
        ],
    ));
    assert_eq!(
        reason,
        "edit 2 of 2 (`remove_step`) does not apply: no step `ghost`"
    );
    assert!(same_world(&before, run.engine.state()));
    assert!(
        !run.log.iter().any(|s| matches!(
            &s.event,
            Event::GestureApplied { gesture, .. } if gesture.label == "Delete"
        )),
        "a refused gesture is not logged"
    );
    assert_eq!(
        run.refused(gesture("Nothing", Vec::new())),
        "the gesture has no commands"
    );
    let missing = run.refused(Command::Undo {
        workflow: "nope".into(),
    });
    assert_eq!(missing, "no workflow `nope`");
    assert!(same_world(&before, run.engine.state()));
}

#[test]
fn the_history_keeps_the_last_gestures_only() {
    let mut run = Run::new(2);
    let extra = 5;
    for i in 0..HISTORY_LIMIT + extra {
        run.gesture("Move", vec![move_to("s1", i as f64)]);
    }
    assert_eq!(run.wf().history.undo_entries().len(), HISTORY_LIMIT);
    for _ in 0..HISTORY_LIMIT {
        run.ok(undo());
    }
    assert_eq!(run.refused(undo()), "nothing to undo in `wf`");
    // The oldest `extra` gestures went: undoing stops after the one before.
    let pos = run.draft().step("s1").unwrap().pos.unwrap();
    assert_eq!(pos.x, (extra - 1) as f64);
}

#[test]
fn a_whole_draft_edit_and_a_restore_are_entries_publishing_keeps_the_history() {
    let mut run = Run::new(3);
    run.ok(Command::Publish {
        workflow: WF.into(),
        note: None,
    });
    let v1 = run.draft().clone();
    run.gesture(
        "Delete step",
        vec![EditCommand::RemoveStep { id: "s2".into() }],
    );
    run.ok(Command::Publish {
        workflow: WF.into(),
        note: None,
    });
    assert_eq!(
        run.wf().undo_label(),
        Some(&g("Delete step")),
        "publish keeps it"
    );

    let mut steps = run.draft().steps.clone();
    steps.truncate(1);
    steps.push(Step::new("fin", StepKind::End));
    let written = parts_from_model(&steps, &run.draft().settings, &run.draft().trigger);
    let before_edit = run.draft().clone();
    run.ok(Command::Edit {
        workflow: WF.into(),
        edit: Box::new(DraftEdit {
            steps: Some(steps),
            settings: None,
            trigger: None,
            name: None,
            written,
        }),
    });
    assert_eq!(run.draft().steps.len(), 2);
    assert_eq!(run.wf().undo_label(), Some(&EntryLabel::Edit));

    run.ok(Command::Restore {
        workflow: WF.into(),
        version: 1,
    });
    assert_eq!(run.draft().steps, v1.steps);
    assert_eq!(run.wf().undo_label(), Some(&EntryLabel::Restore));
    assert!(!run.wf().unpublished_changes || run.wf().draft_differs());

    run.ok(undo());
    assert_eq!(run.draft().steps.len(), 2, "the restore undone");
    run.ok(undo());
    assert_eq!(*run.draft(), before_edit, "the edit undone");
    assert!(!run.wf().unpublished_changes, "back to what v2 holds");
    run.ok(undo());
    assert_eq!(run.draft().steps, v1.steps, "the gesture undone");
    assert!(run.wf().unpublished_changes, "differs from v2 again");
    run.ok(redo());
    run.ok(redo());
    run.ok(redo());
    assert_eq!(run.draft().steps, v1.steps, "the restore redone");
}

#[test]
fn whole_drafts_in_the_history_are_bounded() {
    let mut run = Run::new(3);
    for i in 0..WHOLE_DRAFT_LIMIT + 4 {
        run.gesture("Move", vec![move_to("s1", i as f64)]);
        let edit = DraftEdit {
            steps: None,
            settings: None,
            trigger: None,
            name: Some(format!("Flow {i}")),
            written: run.draft().written.clone(),
        };
        run.ok(Command::Edit {
            workflow: WF.into(),
            edit: Box::new(edit),
        });
    }
    let h = &run.wf().history;
    let whole = h
        .undo_entries()
        .iter()
        .filter(|t| {
            t.commands()
                .iter()
                .any(|c| matches!(c, EditCommand::Restore(_)))
        })
        .count();
    assert_eq!(whole, WHOLE_DRAFT_LIMIT);
    assert_eq!(h.undo_entries().len(), 2 * WHOLE_DRAFT_LIMIT);
}

/// A bit of everything: gestures, undo, redo, an edit, a restore.
fn busy_run() -> Run {
    let mut run = Run::new(5);
    run.ok(Command::Publish {
        workflow: WF.into(),
        note: None,
    });
    run.gesture("Move", vec![move_to("s1", 5.0)]);
    run.gesture(
        "Connect",
        vec![EditCommand::Connect {
            from: "s1".into(),
            port: Port::Next,
            to: Some("s4".into()),
        }],
    );
    run.gesture(
        "Rename step",
        vec![EditCommand::RenameStep {
            from: "s4".into(),
            to: "four".into(),
        }],
    );
    run.ok(undo());
    run.ok(Command::Restore {
        workflow: WF.into(),
        version: 1,
    });
    run.ok(undo());
    run.gesture(
        "Add step",
        vec![EditCommand::AddStep {
            index: 1,
            step: Step::new("new", StepKind::Wait),
        }],
    );
    run.ok(undo());
    run.refused(gesture(
        "Delete step",
        vec![EditCommand::RemoveStep { id: "ghost".into() }],
    ));
    run
}

#[test]
fn replaying_the_log_gives_the_same_draft_and_history() {
    let run = busy_run();
    assert!(run.wf().history.can_undo() && run.wf().history.can_redo());
    let replayed = Engine::replay(run.genesis.clone(), &run.log);
    assert!(same_world(replayed.state(), run.engine.state()));
    assert!(*replayed.state() == *run.engine.state());
}

#[test]
fn the_log_with_the_new_events_round_trips_through_the_codec() {
    let run = busy_run();
    let bytes = encode_segment(SimTime(0), &run.log);
    let decoded = decode_segment(&bytes).unwrap();
    assert_eq!(decoded, run.log);
    let kinds = |f: fn(&Event) -> bool| run.log.iter().filter(|s| f(&s.event)).count();
    assert!(kinds(|e| matches!(e, Event::GestureApplied { .. })) >= 4);
    assert!(kinds(|e| matches!(e, Event::EditUndone { .. })) >= 3);
}

#[test]
fn a_snapshot_keeps_the_history() {
    let run = busy_run();
    let state = run.engine.state();
    let bytes = encode_snapshot(state);
    let decoded = decode_snapshot(&bytes).unwrap();
    assert!(decoded == *state);
    assert!(!decoded.workflows[0].history.is_empty());
    let mut encoder = SnapshotEncoder::new();
    let sliced = loop {
        if let Some(parts) = encoder.step(state, 1) {
            break parts.join();
        }
    };
    assert_eq!(sliced, bytes);

    // A state without history has no history section.
    let plain = Engine::new(run.genesis.clone());
    let plain_bytes = encode_snapshot(plain.state());
    assert!(plain_bytes.len() < bytes.len());
    assert!(decode_snapshot(&plain_bytes).unwrap() == *plain.state());
}

#[test]
fn a_snapshot_keeps_the_history_with_an_audience_under_way() {
    let run = busy_run();
    let mut state = run.engine.state().clone();
    state.audience_under_way = Some(AudienceUnderWay {
        wf: WfIx(0),
        next: 7,
    });
    let decoded = decode_snapshot(&encode_snapshot(&state)).unwrap();
    assert!(decoded == state);
    for w in &mut state.workflows {
        w.history = Default::default();
    }
    let decoded = decode_snapshot(&encode_snapshot(&state)).unwrap();
    assert!(decoded == state);
}

fn encoded_len(event: Event) -> usize {
    encode_segment(
        SimTime(0),
        &[Stamped {
            t: SimTime(0),
            event,
        }],
    )
    .len()
}

#[test]
fn moving_one_node_logs_far_less_than_the_whole_draft() {
    let mut run = Run::new(300);
    run.gesture("Move", vec![move_to("s150", 42.0)]);
    let gesture = run
        .log
        .iter()
        .find(|s| matches!(s.event, Event::GestureApplied { .. }))
        .unwrap()
        .event
        .clone();
    let d = run.draft();
    let whole = Event::DraftEdited {
        wf: WfIx(0),
        edit: Box::new(DraftEdit {
            steps: Some(d.steps.clone()),
            settings: Some(d.settings.clone()),
            trigger: Some(d.trigger.clone()),
            name: Some(d.name.clone()),
            written: d.written.clone(),
        }),
    };
    let (small, big) = (encoded_len(gesture), encoded_len(whole));
    assert!(
        small * 100 <= big,
        "a move logs {small} bytes, the whole draft {big}"
    );
}

#[test]
fn every_edit_command_reads_back_from_its_json() {
    let mut draft = draft(2);
    draft.name = "Other".into();
    // As a person wrote it: "60m", which the model writes "1h".
    let hand_written = parse_workflow_file(
        "hand.json",
        &json!({"id": "h", "name": "H", "trigger": {"type": "manual"}, "settings": {},
                "steps": [{"id": "w", "kind": "wait", "duration": "60m"}]})
        .to_string(),
    )
    .unwrap();
    assert_ne!(
        hand_written.written,
        parts_from_model(
            &hand_written.steps,
            &hand_written.settings,
            &hand_written.trigger
        )
    );
    assert!(EditCommand::Restore(Box::new(hand_written.clone())).to_json()["written"].is_object());
    assert!(EditCommand::Restore(Box::new(draft.clone()))
        .to_json()
        .get("written")
        .is_none());
    let mut step = Step::new("x", StepKind::Wait);
    step.pos = Some(Pos { x: 1.5, y: -2.25 });
    let commands = vec![
        EditCommand::AddStep {
            index: 1,
            step: step.clone(),
        },
        EditCommand::RemoveStep { id: "s1".into() },
        EditCommand::MoveStep {
            id: "s1".into(),
            to_index: 2,
        },
        EditCommand::SetStep {
            id: "s1".into(),
            step,
        },
        EditCommand::RenameStep {
            from: "s1".into(),
            to: "one".into(),
        },
        EditCommand::SetPositions {
            moves: vec![
                ("s1".into(), Some(Pos { x: 3.0, y: 4.0 })),
                ("s2".into(), None),
            ],
        },
        EditCommand::Connect {
            from: "s1".into(),
            port: Port::Next,
            to: Some("done".into()),
        },
        EditCommand::Connect {
            from: "s1".into(),
            port: Port::Next,
            to: None,
        },
        EditCommand::SetSettings(draft.settings.clone()),
        EditCommand::SetTrigger(draft.trigger.clone()),
        EditCommand::SetName("New name".into()),
        EditCommand::Restore(Box::new(draft.clone())),
        EditCommand::Restore(Box::new(hand_written)),
    ];
    for c in commands {
        let back = decode_edit_command(&c.to_json(), "").unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
        assert_eq!(back, c);
    }
    let bad = decode_edit_command(&json!({"op": "explode"}), "commands[0]").unwrap_err();
    assert_eq!(bad.path, "commands[0].op");
}

#[test]
fn a_script_writes_gestures_undo_and_redo() {
    let entry = json!({"at": "1m", "do": "gesture", "workflow": "wf", "label": "Move",
        "commands": [{"op": "set_positions", "moves": [{"id": "s1", "pos": {"x": 3, "y": 4}}]}]});
    let parsed = parse_script_entry("journal", &entry).unwrap();
    assert_eq!(
        parsed.command,
        gesture(
            "Move",
            vec![EditCommand::SetPositions {
                moves: vec![("s1".into(), Some(Pos { x: 3.0, y: 4.0 }))],
            }]
        )
    );
    let parsed =
        parse_script_entry("journal", &json!({"at": 0, "do": "undo", "workflow": "wf"})).unwrap();
    assert_eq!(parsed.command, undo());
    let parsed =
        parse_script_entry("journal", &json!({"at": 0, "do": "redo", "workflow": "wf"})).unwrap();
    assert_eq!(parsed.command, redo());
    let empty = json!({"at": 0, "do": "gesture", "workflow": "wf", "label": "x", "commands": []});
    assert!(parse_script_entry("journal", &empty).is_err());
}

/// Gestures (one labelled "Edit" by whoever wrote it), whole-draft edits
/// and a restore, the newest edit undone: both lists hold whole-draft
/// entries.
fn labelled_run() -> Run {
    let mut run = Run::new(3);
    run.ok(Command::Publish {
        workflow: WF.into(),
        note: None,
    });
    run.gesture("Move", vec![move_to("s1", 5.0)]);
    run.gesture("Edit", vec![move_to("s2", 6.0)]);
    for name in ["Renamed", "Again"] {
        let edit = DraftEdit {
            steps: None,
            settings: None,
            trigger: None,
            name: Some(name.into()),
            written: run.draft().written.clone(),
        };
        run.ok(Command::Edit {
            workflow: WF.into(),
            edit: Box::new(edit),
        });
        if name == "Renamed" {
            run.ok(Command::Restore {
                workflow: WF.into(),
                version: 1,
            });
        }
    }
    run.ok(undo());
    run
}

/// `labelled_run`'s snapshot as the build before entries had kinds wrote
/// it (labels as text only, "Edit" and "Restore" for the engine's own).
const TEXT_LABEL_SNAPSHOT: &[u8] = include_bytes!("fixtures/snapshot-history.fls");

#[test]
fn whole_draft_entries_have_their_kinds_and_gestures_their_labels_as_given() {
    let run = labelled_run();
    let h = &run.wf().history;
    let undo: Vec<&EntryLabel> = h.undo_labels().collect();
    assert_eq!(
        undo,
        [
            &EntryLabel::Restore,
            &EntryLabel::Edit,
            &g("Edit"),
            &g("Move")
        ],
        "a gesture labelled \"Edit\" stays a gesture"
    );
    assert_eq!(h.redo_label(), Some(&EntryLabel::Edit));
    let replayed = Engine::replay(run.genesis.clone(), &run.log);
    assert!(*replayed.state() == *run.engine.state());
}

#[test]
fn a_snapshot_from_the_build_before_entry_kinds_loads_to_the_same_state() {
    let run = labelled_run();
    let decoded = decode_snapshot(TEXT_LABEL_SNAPSHOT).unwrap();
    assert_eq!(
        decoded.workflows[0].history,
        run.wf().history,
        "the kinds read back"
    );
    assert!(decoded == *run.engine.state());
    assert!(
        encode_snapshot(run.engine.state()) == TEXT_LABEL_SNAPSHOT,
        "the snapshot format is unchanged"
    );
}

#[test]
fn a_gesture_labelled_as_a_whole_draft_entry_round_trips_through_a_snapshot() {
    // Undone only by a whole draft, such a gesture reads as the kind its
    // label names, in the fold as from a snapshot.
    let mut run = Run::new(3);
    let v = run.draft().clone();
    run.gesture("Restore", vec![EditCommand::Restore(Box::new(v))]);
    run.gesture(
        "Edit",
        vec![EditCommand::RenameStep {
            from: "s1".into(),
            to: "one".into(),
        }],
    );
    run.ok(undo());
    let state = run.engine.state();
    assert!(decode_snapshot(&encode_snapshot(state)).unwrap() == *state);
    assert!(*Engine::replay(run.genesis.clone(), &run.log).state() == *state);
}
