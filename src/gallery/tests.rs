use super::*;
use crate::i18n::{current, set_current, Lang};

/// Speaks `lang` until dropped, then what was spoken before.
struct Scoped(Lang);

impl Scoped {
    fn new(lang: Lang) -> Scoped {
        let before = current();
        set_current(lang);
        Scoped(before)
    }
}

impl Drop for Scoped {
    fn drop(&mut self) {
        set_current(self.0);
    }
}
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
fn every_narration_is_one_short_line_in_each_language() {
    // French runs about a fifth longer than English.
    for (lang, most) in [(Lang::En, 160), (Lang::Fr, 200)] {
        let _lang = Scoped::new(lang);
        for ex in &EXAMPLES {
            let say = ex.say();
            assert!(!say.contains('\n'), "{say}");
            assert!(
                say.chars().count() <= most,
                "{} {} ({lang:?}): {} chars",
                ex.state,
                ex.preset,
                say.chars().count()
            );
            assert!(say.ends_with('.'), "{say}");
            assert!(!say.contains('{'), "every hole is filled: {say}");
        }
    }
}

#[test]
fn narrations_speak_french_with_french_durations() {
    let _lang = Scoped::new(Lang::Fr);
    let say = |machine, state| example(machine, state).expect("an example").say();
    assert_eq!(
        say("definition", "paused"),
        "Mis en pause à 30\u{a0}min\u{a0}: l’attente d’Ada arrive à échéance à 1\u{a0}h mais reste en suspens, et une nouvelle inscription attendrait\u{202f}; il reprend à 2\u{a0}h."
    );
    assert!(say("execution", "FAILED_SAFE_ACK").contains("à 1\u{a0}h 10\u{a0}min"));
    for ex in &EXAMPLES {
        let fr = ex.say();
        let en = {
            let _en = Scoped::new(Lang::En);
            ex.say()
        };
        assert_ne!(
            fr,
            en,
            "{} {} has its French",
            ex.machine().name(),
            ex.state
        );
    }
}

#[test]
fn a_state_the_preset_never_reaches_is_an_error_naming_it() {
    let wrong = Example {
        state: "CANCELLED_ACK",
        preset: "cancel-and-archive.json",
        subject: Subject::Execution("e1"),
        moment: Moment::First,
        say: String::new,
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
