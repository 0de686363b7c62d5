use super::*;
use crate::run_view::lifecycle;
use flowlab_engine::trace;

/// The last trace line, up to the cursor, that moved `subject`: its `to`
/// (a workflow that never moved is the draft it was loaded as; an
/// `enrolled` line makes an execution NEW).
fn last_move_in_trace(session: &Session, subject: Subject) -> Option<String> {
    let state = session.state();
    let (kind, key, name, step) = match subject {
        Subject::Workflow(id) => ("workflow_status", "workflow", id, None),
        Subject::Execution(x) => ("execution_state", "execution", x, None),
        Subject::Step { execution, step } => ("step_status", "execution", execution, Some(step)),
    };
    session
        .log()
        .to_vec()
        .iter()
        .rev()
        .filter_map(|s| trace::line(state, s))
        .map(|l| serde_json::from_str::<serde_json::Value>(&l).expect("a trace line is JSON"))
        .filter(|v| (v["type"] == kind || v["type"] == "enrolled") && v[key] == name)
        .filter(|v| step.is_none_or(|s| v["step"] == s))
        .find(|v| v["type"] == kind || kind == "execution_state")
        .map(|v| v["to"].as_str().unwrap_or("NEW").to_owned())
        .or_else(|| matches!(subject, Subject::Workflow(_)).then(|| "draft".to_owned()))
}

#[test]
fn every_state_box_has_exactly_one_example() {
    let diagrams = [
        lifecycle::definition(),
        lifecycle::execution(),
        lifecycle::step(),
    ];
    let mut boxes = 0;
    for d in &diagrams {
        for n in &d.nodes {
            boxes += 1;
            let found: Vec<_> = EXAMPLES
                .iter()
                .filter(|e| e.machine().name() == d.name && e.state == n.key)
                .collect();
            assert_eq!(found.len(), 1, "{} {}: {found:?}", d.name, n.key);
        }
    }
    assert_eq!(EXAMPLES.len(), boxes, "no example outside the diagrams");
}

#[test]
fn every_example_is_in_its_state_at_the_cursor() {
    for ex in &EXAMPLES {
        let what = format!("{} {} ({})", ex.machine().name(), ex.state, ex.preset);
        let (session, p, found) = open(ex).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(p.file, ex.preset);
        assert_eq!(session.position(), found.position, "{what}");
        assert_eq!(session.shown_clock().now, found.at, "{what}");
        assert!(session.shown_clock().paused, "{what}: the clock is paused");
        assert_eq!(
            ex.subject.status_in(session.state()),
            Some(ex.state),
            "{what}: the engine state at the cursor"
        );
        assert_eq!(
            last_move_in_trace(&session, ex.subject).as_deref(),
            Some(ex.state),
            "{what}: the trace up to the cursor"
        );
        assert_eq!(
            session.discarded_by_branch(),
            0,
            "{what}: play goes on from the cursor without discarding anything"
        );
    }
}

#[test]
fn every_narration_is_one_short_line() {
    for ex in &EXAMPLES {
        assert!(!ex.say.contains('\n'), "{}", ex.say);
        assert!(
            ex.say.len() <= 160,
            "{} {}: {} chars",
            ex.state,
            ex.preset,
            ex.say.len()
        );
        assert!(ex.say.ends_with('.'), "{}", ex.say);
    }
}

#[test]
fn a_state_the_preset_never_reaches_is_an_error_naming_it() {
    let wrong = Example {
        state: "CANCELLED_ACK",
        preset: "cancel-and-archive.json",
        subject: Subject::Execution("e1"),
        moment: Moment::First,
        say: "",
    };
    let e = locate(&wrong).unwrap_err().to_string();
    assert!(
        e.contains("cancel-and-archive.json") && e.contains("execution e1 is never CANCELLED_ACK"),
        "{e}"
    );
    let missing = Example {
        preset: "nope.json",
        ..wrong
    };
    assert!(locate(&missing)
        .unwrap_err()
        .to_string()
        .contains("nope.json"));
}

#[test]
fn an_entry_counts_only_moves_into_the_state() {
    // e2 of lock-contention enters SCHEDULED at 2m, then again when the
    // lock is refused, and waits there until 10m.
    let ex = example("execution", "SCHEDULED").expect("an example");
    let first = locate(&Example {
        moment: Moment::First,
        ..*ex
    })
    .unwrap();
    let second = locate(ex).unwrap();
    assert_eq!(first.at, second.at);
    assert_eq!(
        second.position,
        first.position + 2,
        "SCHEDULED, LOCKING, SCHEDULED"
    );
}
