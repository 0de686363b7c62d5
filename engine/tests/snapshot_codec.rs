//! The snapshot codec on a state with a bit of everything
//! (`fixtures/snapshot-rich.json`): it round-trips at every input of the
//! run, and its bytes are those of the encoder that wrote the snapshots
//! already in users' IndexedDB (`fixtures/snapshot-rich.fls`, written by the
//! encoder that built `serde_json::Value` trees), which still decode.

mod common;

use flowlab_engine::codec::{decode_snapshot, encode_snapshot, SnapshotEncoder};
use flowlab_engine::edit::EntryLabel;
use flowlab_engine::model::ContactName;
use flowlab_engine::runtime::state::State;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim::Driver;

const OLD_ENCODER_BYTES: &[u8] = include_bytes!("fixtures/snapshot-rich.fls");

fn rich() -> Scenario {
    let text = include_str!("fixtures/snapshot-rich.json");
    parse_scenario("snapshot-rich.json", text).unwrap_or_else(|e| panic!("{e}"))
}

fn final_state(scenario: &Scenario) -> State {
    common::run_with_log(scenario).0.state().clone()
}

/// The final state as the fixture's encoder knew it: before drafts had an
/// undo history (its `edit`s now leave entries, which snapshots carry in a
/// trailing section of their own).
fn final_state_without_history(scenario: &Scenario) -> State {
    let mut state = final_state(scenario);
    for w in &mut state.workflows {
        w.history = Default::default();
    }
    state
}

#[test]
fn the_rich_state_has_what_it_is_meant_to_cover() {
    let state = final_state(&rich());
    let names: Vec<&ContactName> = state.contacts.iter().map(|c| &c.name).collect();
    assert!(names.contains(&&ContactName::Null) && names.contains(&&ContactName::Missing));
    assert_eq!(state.operators.len(), 2);
    assert_eq!(state.workflows.len(), 4);
    assert!(state.workflows.iter().any(|w| w.versions.len() >= 2));
    assert!(state.workflows.iter().any(|w| w.unpublished_changes));
    assert!(!state.shared.is_empty(), "no workflow-scope approval");
    assert!(
        state.executions.iter().any(|e| {
            let r = e.rollback.get();
            !r.exhausted.is_empty() || !r.plan.is_empty()
        }),
        "no rollback record"
    );
    assert!(state.workflows.iter().any(|w| w.next_poll.is_some()));
    assert!(
        state
            .workflows
            .iter()
            .any(|w| w.undo_label() == Some(&EntryLabel::Edit)),
        "no draft with an undo history"
    );
}

#[test]
fn a_snapshot_at_every_input_decodes_to_an_equal_state() {
    let scenario = rich();
    let mut driver = Driver::new(&scenario);
    let (mut inputs, mut saw_waiters) = (0, false);
    loop {
        let state = driver.engine().state();
        saw_waiters |= state.locks.values().any(|l| !l.waiters.is_empty());
        let decoded = decode_snapshot(&encode_snapshot(state))
            .unwrap_or_else(|e| panic!("after {inputs} inputs: {e}"));
        assert!(
            decoded == *state,
            "after {inputs} inputs: the state differs"
        );
        if !driver.step().unwrap() {
            break;
        }
        inputs += 1;
    }
    assert!(inputs > 20, "{inputs}");
    assert!(saw_waiters, "no lock ever had a waiter");
}

#[test]
fn the_encoding_is_byte_identical_to_the_stored_format() {
    let state = final_state_without_history(&rich());
    let bytes = encode_snapshot(&state);
    assert!(
        bytes == OLD_ENCODER_BYTES,
        "the snapshot bytes differ from the fixture ({} bytes against {}; first difference at byte {:?})",
        bytes.len(),
        OLD_ENCODER_BYTES.len(),
        bytes.iter().zip(OLD_ENCODER_BYTES).position(|(a, b)| a != b)
    );
}

#[test]
fn a_snapshot_written_by_the_old_encoder_still_restores() {
    let state = final_state_without_history(&rich());
    let decoded = decode_snapshot(OLD_ENCODER_BYTES).unwrap_or_else(|e| panic!("{e}"));
    assert!(decoded == state);
}

#[test]
fn a_snapshot_written_in_slices_has_the_same_bytes() {
    let state = final_state_without_history(&rich());
    assert!(state.contacts.len() > 3 && state.executions.len() > 3);
    for budget in [1, 2, 5, state.contacts.len() + 1] {
        let mut encoder = SnapshotEncoder::new();
        let mut steps = 1;
        let bytes = loop {
            match encoder.step(&state, budget) {
                Some(parts) => break parts.join(),
                None => steps += 1,
            }
        };
        assert!(
            bytes == OLD_ENCODER_BYTES,
            "budget {budget}: the bytes differ from the fixture"
        );
        let items = state.contacts.len() + state.executions.len();
        assert!(
            steps >= items / budget,
            "budget {budget}: {steps} steps for {items} contacts and executions"
        );
    }
}

#[test]
fn a_large_snapshot_comes_in_bounded_parts_that_join_to_its_bytes() {
    let text = include_str!("../../../shared/bench/seq10-retry-10k.json")
        .replace("\"count\": 10000", "\"count\": 6000");
    let scenario = parse_scenario("seq10.json", &text).unwrap();
    let mut driver = Driver::new(&scenario);
    for _ in 0..20_000 {
        if !driver.step().unwrap() {
            break;
        }
    }
    let state = driver.engine().state().clone();
    let whole = encode_snapshot(&state);
    assert!(
        whole.len() > 1 << 20,
        "{} bytes: too small to cut",
        whole.len()
    );
    let mut encoder = SnapshotEncoder::new();
    let parts = loop {
        if let Some(parts) = encoder.step(&state, 500) {
            break parts;
        }
    };
    let sizes: Vec<usize> = parts.parts().map(<[u8]>::len).collect();
    assert!(sizes.len() >= 4, "{sizes:?}");
    assert!(
        sizes.iter().all(|&n| n <= 300 << 10),
        "a part over 300 KiB: {sizes:?}"
    );
    assert_eq!(parts.len(), whole.len());
    assert!(parts.join() == whole);
    assert!(decode_snapshot(&whole).unwrap() == state);
}
