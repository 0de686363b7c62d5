//! The engine as a driver (the page, a test) uses it directly.

mod common;

use flowlab_engine::command::Command;
use flowlab_engine::event::Event;
use flowlab_engine::runtime::{Engine, Outcome};
use flowlab_engine::sim::genesis;
use flowlab_engine::time::SimTime;

fn engine() -> Engine {
    Engine::new(genesis(&common::scenario_named("retry-resolved.json")))
}

#[test]
fn a_refused_command_returns_its_reason_and_reports_it_as_an_event() {
    let mut engine = engine();
    let cases = [
        (
            Command::Publish {
                workflow: "nope".into(),
                note: None,
            },
            "no workflow `nope`",
        ),
        (
            Command::Tag {
                contact: "ghost".into(),
                tag: "x".into(),
            },
            "no contact `ghost`",
        ),
        (
            Command::Ack {
                execution: "e9".into(),
            },
            "no execution `e9`",
        ),
        (
            Command::Activate {
                workflow: "welcome".into(),
            },
            "needs a published version",
        ),
        (
            Command::Enroll {
                workflow: "welcome".into(),
                contacts: vec!["c1".into(), "zz".into()],
            },
            "no contact `zz`",
        ),
    ];
    for (command, expected) in cases {
        let outcome = engine.handle_command(SimTime(0), &command).unwrap();
        let Outcome::Rejected(reason) = outcome else {
            panic!("{command:?} was accepted")
        };
        assert!(
            reason.contains(expected),
            "{reason:?} should say {expected:?}"
        );
        let events: Vec<_> = engine.drain_events().collect();
        assert!(
            matches!(&events[..], [e] if matches!(&e.event, Event::CommandRejected(r) if r.reason == reason)),
            "{events:?}"
        );
    }
    assert!(
        engine.state().executions.is_empty(),
        "a refused enroll creates nothing"
    );
}

#[test]
fn an_accepted_command_says_so_and_the_engine_asks_to_be_woken() {
    let mut engine = engine();
    for command in [
        Command::Publish {
            workflow: "welcome".into(),
            note: None,
        },
        Command::Activate {
            workflow: "welcome".into(),
        },
        Command::Enroll {
            workflow: "welcome".into(),
            contacts: vec!["c1".into()],
        },
    ] {
        assert_eq!(
            engine.handle_command(SimTime(60_000), &command).unwrap(),
            Outcome::Accepted
        );
    }
    assert_eq!(
        engine.poll_timeout(),
        Some(SimTime(120_000)),
        "the first retry is due after 1m"
    );
}
