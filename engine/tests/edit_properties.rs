//! Random gestures of random editor commands on the workflows of the real
//! sample and shared scenario files: undo and redo always land on exactly
//! the draft the history says, and a refused command changes nothing. The
//! engine's `gesture`, `undo` and `redo` commands do what an `EditHistory`
//! of its own does, and its log and snapshots give the same history back.

mod common;

use std::sync::OnceLock;

use flowlab_engine::canonical::{canonical_json, parts_from_model};
use flowlab_engine::codec::{decode_segment, decode_snapshot, encode_segment, encode_snapshot};
use flowlab_engine::command::Command;
use flowlab_engine::edit::{EditCommand, EditHistory, Port};
use flowlab_engine::model::{Pos, WorkflowDraft};
use flowlab_engine::runtime::state::Genesis;
use flowlab_engine::runtime::{Engine, Outcome};
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::time::SimTime;
use proptest::prelude::*;

fn real_drafts() -> &'static [WorkflowDraft] {
    static DRAFTS: OnceLock<Vec<WorkflowDraft>> = OnceLock::new();
    DRAFTS.get_or_init(|| {
        let mut files = common::json_files("../samples");
        files.extend(common::json_files("../../shared/scenarios"));
        let drafts: Vec<WorkflowDraft> = files
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).unwrap();
                parse_scenario(&file.display().to_string(), &text)
                    .unwrap()
                    .workflows
            })
            .collect();
        assert!(drafts.len() >= 8, "the samples and the shared scenarios");
        drafts
    })
}

/// A command drawn as numbers, made concrete against the draft of the
/// moment so that most apply and some are refused.
#[derive(Clone, Debug)]
struct Raw {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    flag: bool,
}

#[derive(Clone, Debug)]
enum Op {
    Gesture(Vec<Raw>),
    Undo,
    Redo,
}

/// A step id of the draft, or now and then one it does not have.
fn id(draft: &WorkflowDraft, k: usize) -> String {
    let n = draft.steps.len();
    match k % (n + 1) {
        i if i < n => draft.steps[i].id.clone(),
        _ => "ghost".to_string(),
    }
}

fn command(raw: &Raw, draft: &WorkflowDraft) -> EditCommand {
    let pool = real_drafts();
    let other = &pool[raw.b % pool.len()];
    let template = || {
        let steps = &other.steps;
        let mut step = steps[raw.c % steps.len()].clone();
        step.id = if raw.flag {
            id(draft, raw.a)
        } else {
            format!("n{}", raw.c % 5)
        };
        step
    };
    let len = draft.steps.len();
    match raw.kind % 10 {
        0 => EditCommand::AddStep {
            index: raw.a % (len + 2),
            step: template(),
        },
        1 => EditCommand::RemoveStep {
            id: id(draft, raw.a),
        },
        2 => EditCommand::MoveStep {
            id: id(draft, raw.a),
            to_index: raw.b % (len + 1),
        },
        3 => EditCommand::SetStep {
            id: id(draft, raw.a),
            step: template(),
        },
        4 => EditCommand::RenameStep {
            from: id(draft, raw.a),
            to: if raw.flag {
                id(draft, raw.b)
            } else {
                format!("n{}", raw.c % 5)
            },
        },
        5 => EditCommand::SetPositions {
            moves: vec![
                (
                    id(draft, raw.a),
                    Some(Pos {
                        x: raw.b as f64,
                        y: raw.c as f64,
                    }),
                ),
                (id(draft, raw.b), None),
            ],
        },
        6 => EditCommand::Connect {
            from: id(draft, raw.a),
            port: match raw.b % 3 {
                0 => Port::Next,
                _ => Port::ALL[raw.b % Port::ALL.len()],
            },
            to: (!raw.flag).then(|| id(draft, raw.c)),
        },
        7 => EditCommand::SetSettings(other.settings.clone()),
        8 => EditCommand::SetTrigger(other.trigger.clone()),
        _ => EditCommand::SetName(format!("name {}", raw.c)),
    }
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        any::<u8>(),
        0..64usize,
        0..64usize,
        0..64usize,
        any::<bool>(),
    )
        .prop_map(|(kind, a, b, c, flag)| Raw {
            kind,
            a,
            b,
            c,
            flag,
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => prop::collection::vec(raw(), 0..4).prop_map(Op::Gesture),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn undo_and_redo_follow_the_history_exactly(
        which in 0..64usize,
        as_the_editor_writes in any::<bool>(),
        ops in prop::collection::vec(op(), 1..30),
    ) {
        let drafts = real_drafts();
        let mut original = drafts[which % drafts.len()].clone();
        if as_the_editor_writes {
            original.written = parts_from_model(&original.steps, &original.settings, &original.trigger);
        }
        let mut draft = original.clone();
        let mut edits = EditHistory::default();
        let mut history = vec![original.clone()];
        let mut at = 0;
        for op in &ops {
            match op {
                Op::Gesture(raws) => {
                    let before = draft.clone();
                    let mut commands = Vec::new();
                    let mut trial = draft.clone();
                    for raw in raws {
                        let c = command(raw, &trial);
                        // Drawn against the draft the earlier ones leave.
                        let _ = c.apply(&mut trial);
                        commands.push(c);
                    }
                    let refused = edits.gesture(&mut draft, "gesture", &commands).is_err();
                    if refused {
                        prop_assert_eq!(&draft, &before, "a refused gesture is rolled back");
                    } else if !raws.is_empty() {
                        history.truncate(at + 1);
                        history.push(draft.clone());
                        at += 1;
                    }
                }
                Op::Undo => {
                    let label = edits.undo(&mut draft).unwrap();
                    prop_assert_eq!(label.is_some(), at > 0);
                    at = at.saturating_sub(1);
                    prop_assert_eq!(&draft, &history[at]);
                }
                Op::Redo => {
                    let label = edits.redo(&mut draft).unwrap();
                    prop_assert_eq!(label.is_some(), at + 1 < history.len());
                    at = (at + 1).min(history.len() - 1);
                    prop_assert_eq!(&draft, &history[at]);
                }
            }
            prop_assert_eq!(edits.can_undo(), at > 0);
            prop_assert_eq!(edits.can_redo(), at + 1 < history.len());
        }
        while edits.undo(&mut draft).unwrap().is_some() {}
        prop_assert_eq!(&draft, &original);
        prop_assert_eq!(canonical_json(&draft.written), canonical_json(&original.written));
        while edits.redo(&mut draft).unwrap().is_some() {}
        prop_assert_eq!(&draft, history.last().unwrap());
    }

    #[test]
    fn the_engine_keeps_the_history_an_edit_history_keeps(
        which in 0..64usize,
        as_the_editor_writes in any::<bool>(),
        ops in prop::collection::vec(op(), 1..24),
    ) {
        let drafts = real_drafts();
        let mut original = drafts[which % drafts.len()].clone();
        if as_the_editor_writes {
            original.written = parts_from_model(&original.steps, &original.settings, &original.trigger);
        }
        let workflow = original.id.clone();
        let genesis = Genesis { seed: 0, contacts: Vec::new(), operators: Vec::new(), workflows: vec![original.clone()] };
        let mut engine = Engine::new(genesis.clone());
        let mut log = Vec::new();
        let (mut draft, mut edits) = (original, EditHistory::default());
        for (i, op) in ops.iter().enumerate() {
            let (command, editor_did) = match op {
                Op::Gesture(raws) => {
                    let label = format!("gesture {i}");
                    let mut commands = Vec::new();
                    let mut trial = draft.clone();
                    for raw in raws {
                        let c = command(raw, &trial);
                        // Drawn against the draft the earlier ones leave.
                        let _ = c.apply(&mut trial);
                        commands.push(c);
                    }
                    let ok = edits.gesture(&mut draft, &label, &commands).is_ok();
                    let command = Command::Gesture { workflow: workflow.clone(), label, commands };
                    (command, ok && !raws.is_empty())
                }
                Op::Undo => (Command::Undo { workflow: workflow.clone() }, edits.undo(&mut draft).unwrap().is_some()),
                Op::Redo => (Command::Redo { workflow: workflow.clone() }, edits.redo(&mut draft).unwrap().is_some()),
            };
            let outcome = engine.handle_command(SimTime(i as u64 * 1000), &command).unwrap();
            log.extend(engine.drain_events());
            prop_assert_eq!(outcome == Outcome::Accepted, editor_did, "{:?}", command);
            let w = &engine.state().workflows[0];
            prop_assert_eq!(&w.draft, &draft);
            prop_assert!(w.history.undo_labels().eq(edits.undo_labels()));
            prop_assert!(w.history.redo_labels().eq(edits.redo_labels()));
        }
        let replayed = Engine::replay(genesis, &log);
        prop_assert!(replayed.state() == engine.state(), "the log replays to the same state");
        let snapshot = decode_snapshot(&encode_snapshot(engine.state())).unwrap();
        prop_assert!(&snapshot == engine.state(), "a snapshot keeps the history");
        let decoded = decode_segment(&encode_segment(SimTime(0), &log)).unwrap();
        prop_assert_eq!(decoded, log);
    }
}
