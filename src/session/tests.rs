use std::path::PathBuf;

use flowlab_engine::codec::{decode_snapshot, encode_snapshot};
use flowlab_engine::command::Command;
use flowlab_engine::event::Stamped;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;

use super::*;

fn scenarios() -> Vec<(String, Scenario)> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["samples", "engine/tests/scenarios"] {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).expect("scenario directory") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).expect("readable scenario");
            let scenario = parse_scenario(&name, &text).expect("valid scenario");
            (name, scenario)
        })
        .collect()
}

fn uninterrupted(scenario: &Scenario) -> Vec<Stamped> {
    let mut log = Vec::new();
    sim::run(scenario, |_, e| log.push(e.clone())).expect("scenario runs");
    log
}

fn session_of(scenario: &Scenario) -> Session {
    Session::new(sim::genesis(scenario), scenario.script.clone())
}

/// The scenario with the longest log.
fn longest_scenario() -> Scenario {
    scenarios()
        .into_iter()
        .map(|(_, s)| s)
        .max_by_key(|s| uninterrupted(s).len())
        .expect("a scenario")
}

/// A session that has played `scenario` to its end.
fn played(scenario: &Scenario) -> Session {
    let mut session = session_of(scenario);
    session
        .advance_to(scenario.run_until, usize::MAX)
        .expect("advances");
    session
}

/// A cheap deterministic sequence for chunk sizes.
fn lcg(x: &mut u64) -> u64 {
    *x = x
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *x >> 33
}

#[test]
fn a_session_in_slices_logs_what_the_command_line_runner_logs() {
    let all = scenarios();
    assert!(all.len() > 50, "found only {} scenarios", all.len());
    for (name, scenario) in &all {
        let mut session = session_of(scenario);
        let until = scenario.run_until;
        let mut seed = until.0 ^ 0x9e37;
        while session.clock().now < until {
            let step = 1 + lcg(&mut seed) % (until.0 / 7 + 1);
            let target = SimTime((session.clock().now.0 + step).min(until.0));
            let budget = 1 + (lcg(&mut seed) % 5) as usize;
            while session.advance_to(target, budget).expect("advances") == Advanced::Budget {}
            assert_eq!(session.clock().now, target, "{name}");
        }
        assert_eq!(
            session.log().to_vec(),
            uninterrupted(scenario).as_slice(),
            "{name}"
        );
    }
}

#[test]
fn a_restored_session_goes_on_exactly_as_an_uninterrupted_one() {
    for (name, scenario) in scenarios() {
        let expected = uninterrupted(&scenario);
        let until = scenario.run_until;
        for cut in [until.0 / 5, until.0 / 2, until.0 * 4 / 5] {
            let mut first = session_of(&scenario);
            first
                .advance_to(SimTime(cut), usize::MAX)
                .expect("advances");
            let log = first.log().to_vec();
            let mid = log.len() / 2;
            let snapshot = {
                let state = Engine::replay(sim::genesis(&scenario), &log[..mid])
                    .state()
                    .clone();
                decode_snapshot(&encode_snapshot(&state)).expect("snapshot decodes")
            };
            for snap in [None, Some((snapshot.clone(), mid))] {
                let mut resumed = Session::restore(
                    sim::genesis(&scenario),
                    snap,
                    EventLog::from_events(log.clone()),
                    scenario.script.clone(),
                    first.script_done(),
                    first.clock(),
                )
                .expect("restores");
                assert!(
                    resumed.clock().paused,
                    "{name}: the clock comes back paused"
                );
                assert_eq!(resumed.clock().now, SimTime(cut), "{name}");
                assert_eq!(resumed.state(), first.state(), "{name} at {cut}");
                resumed.advance_to(until, usize::MAX).expect("advances");
                assert_eq!(
                    resumed.log().to_vec(),
                    expected.as_slice(),
                    "{name} cut at {cut}"
                );
            }
        }
    }
}

#[test]
fn a_command_runs_after_everything_due_before_it() {
    let (_, scenario) = scenarios()
        .into_iter()
        .find(|(n, _)| n.ends_with("samples/provisioning.json"))
        .expect("the provisioning sample");
    let mut session = Session::new(sim::genesis(&scenario), Vec::new());
    let publish = Command::Publish {
        workflow: "provision_workspace".into(),
        note: None,
    };
    assert_eq!(session.command(&publish).unwrap(), Outcome::Accepted);
    let activate = Command::Activate {
        workflow: "provision_workspace".into(),
    };
    assert_eq!(session.command(&activate).unwrap(), Outcome::Accepted);
    session.clock_mut().now = SimTime(60_000);
    let enroll = Command::Enroll {
        workflow: "provision_workspace".into(),
        contacts: vec!["c1".into()],
    };
    assert_eq!(session.command(&enroll).unwrap(), Outcome::Accepted);
    assert!(session.log().iter().all(|e| e.t <= SimTime(60_000)));
    let before = session.log().len();
    // The execution's first timers lie ahead; advancing reaches them.
    session.advance_to(SimTime(3_600_000), usize::MAX).unwrap();
    assert!(session.log().len() > before);
    let stop_unknown = Command::Stop {
        execution: "e9".into(),
    };
    assert!(matches!(
        session.command(&stop_unknown).unwrap(),
        Outcome::Rejected(_)
    ));
}

#[test]
fn a_script_cursor_past_the_script_is_refused() {
    let (_, scenario) = scenarios().into_iter().next().expect("a scenario");
    let err = Session::restore(
        sim::genesis(&scenario),
        None,
        EventLog::default(),
        scenario.script.clone(),
        scenario.script.len() + 1,
        Clock::default(),
    )
    .err()
    .expect("refused");
    assert!(matches!(err, SessionError::ScriptCursor { .. }));
}

/// Positions to look at in a log of `len` events: the ends, and a spread
/// that goes forward and back.
fn positions(len: usize) -> Vec<usize> {
    let mut out = vec![
        0,
        len / 2,
        len / 2 + 1,
        1,
        len.saturating_sub(1),
        len / 3,
        len / 3,
        len,
    ];
    out.extend((0..len).step_by(len / 7 + 1));
    out.extend((0..len).rev().step_by(len / 5 + 1));
    out
}

#[test]
fn the_world_at_any_event_is_the_log_folded_up_to_it() {
    for (name, scenario) in scenarios() {
        let mut session = session_of(&scenario);
        session
            .advance_to(scenario.run_until, usize::MAX)
            .expect("advances");
        let log = session.whole_log().to_vec();
        let live = session.live_state().clone();
        for pos in positions(log.len()) {
            session.go_to(pos);
            let expected = Engine::replay(sim::genesis(&scenario), &log[..pos]);
            assert_eq!(session.state(), expected.state(), "{name} at event {pos}");
            assert_eq!(session.log().to_vec(), &log[..pos], "{name}");
            assert_eq!(session.in_past(), pos < log.len(), "{name}");
            assert_eq!(session.live_state(), &live, "{name}: the live engine stays");
            let shown = session.shown_clock();
            let t = pos.checked_sub(1).map_or(SimTime::ZERO, |i| log[i].t);
            if pos < log.len() {
                assert_eq!((shown.now, shown.paused), (t, true), "{name} at {pos}");
            } else {
                assert_eq!(shown, session.clock(), "{name}");
            }
        }
    }
}

#[test]
fn checkpoints_stay_few_and_give_the_same_world() {
    use super::travel::Checkpoints;
    let scenario = longest_scenario();
    let log = uninterrupted(&scenario);
    assert!(
        log.len() > 200,
        "the longest scenario has {} events",
        log.len()
    );
    let genesis = sim::genesis(&scenario);
    let mut checkpoints = Checkpoints::every_so_often(7);
    let events = EventLog::from_events(log.clone());
    checkpoints.fill(&genesis, &events);
    assert!(
        checkpoints.count() <= 12,
        "{} checkpoints",
        checkpoints.count()
    );
    assert!(
        checkpoints.every() > 7,
        "the interval doubled as the log grew"
    );
    for pos in positions(log.len()) {
        let expected = Engine::replay(genesis.clone(), &log[..pos]);
        assert_eq!(
            &checkpoints.state_at(&genesis, &events, pos),
            expected.state(),
            "at event {pos}"
        );
    }
}

#[test]
fn checkpoints_taken_in_slices_are_the_ones_taken_at_once() {
    use super::travel::Checkpoints;
    let scenario = longest_scenario();
    let log = uninterrupted(&scenario);
    let genesis = sim::genesis(&scenario);
    // The log as it grows, in three steps, filled at each one.
    let steps = [log.len() / 3, log.len() * 2 / 3, log.len()];
    let mut whole = Checkpoints::every_so_often(5);
    let mut sliced = Checkpoints::every_so_often(5);
    for end in steps {
        let events = EventLog::from_events(log[..end].to_vec());
        whole.fill(&genesis, &events);
        let mut slices = 0;
        let mut left = sliced.to_fold(events.len());
        while !sliced.fill_some(&genesis, &events, end / 40 + 1) {
            slices += 1;
            // These states are small: each checkpoint is encoded in one
            // slice, so every slice folds events.
            let now = sliced.to_fold(events.len());
            assert!(
                now < left,
                "a slice folds something: {now} left after {left}"
            );
            left = now;
        }
        assert!(slices > 1, "filled to {end} in {slices} slices");
        assert_eq!(
            sliced.to_fold(events.len()),
            0,
            "nothing left to fold at {end}"
        );
        assert_eq!(
            (sliced.count(), sliced.every(), sliced.bytes()),
            (whole.count(), whole.every(), whole.bytes())
        );
        for pos in positions(end) {
            assert_eq!(
                sliced.state_at(&genesis, &events, pos),
                whole.state_at(&genesis, &events, pos),
                "at event {pos} of {end}"
            );
        }
    }
}

#[test]
fn a_move_in_slices_lands_on_the_world_a_move_at_once_shows() {
    let scenario = longest_scenario();
    let mut sliced = played(&scenario);
    let mut at_once = played(&scenario);
    let len = sliced.whole_log().len();
    let slice = len / 30 + 1;
    // Forward and back, near and far, and a destination changed halfway.
    let trips = [
        (len / 2, None),
        (len / 2 + 3, None),
        (len / 5, Some(len * 4 / 5)),
        (len - 1, Some(len / 3)),
        (0, None),
    ];
    for (to, changed_to) in trips {
        let mut calls = 0;
        let mut target = to;
        while !sliced.go_toward(target, slice) {
            calls += 1;
            assert!(calls < 1_000, "the move to {target} ends");
            assert!(
                sliced.move_work(target) > 0,
                "work left while moving to {target}"
            );
            if calls == 1 {
                if let Some(other) = changed_to {
                    target = other;
                }
            }
        }
        at_once.go_to(target);
        assert_eq!(sliced.position(), target);
        assert_eq!(sliced.move_work(target), 0, "nothing left at {target}");
        assert_eq!(sliced.state(), at_once.state(), "the world at {target}");
        assert_eq!(
            sliced.shown_clock(),
            at_once.shown_clock(),
            "the clock at {target}"
        );
    }
}

#[test]
fn a_move_in_slices_shows_the_world_before_until_it_lands() {
    let mut session = played(&longest_scenario());
    let len = session.whole_log().len();
    session.go_to(len / 2);
    let shown = session.state().clone();
    assert!(
        !session.go_toward(len / 10, 1),
        "one event does not get there"
    );
    assert_eq!(session.position(), len / 2);
    assert_eq!(session.state(), &shown, "the world shown is the one before");
    session.stop_moving();
    assert!(session.go_toward(len / 2 + 1, usize::MAX));
    assert_eq!(session.position(), len / 2 + 1);
}

#[test]
fn checkpoints_keep_within_their_bytes_and_give_the_same_world() {
    use super::travel::Checkpoints;
    let scenario = longest_scenario();
    let log = uninterrupted(&scenario);
    let genesis = sim::genesis(&scenario);
    let events = EventLog::from_events(log.clone());
    let mut roomy = Checkpoints::every_so_often(3);
    roomy.fill(&genesis, &events);
    let mut tight = Checkpoints::every_so_often(3).within(roomy.bytes() / 3);
    tight.fill(&genesis, &events);
    assert!(
        tight.bytes() <= roomy.bytes() / 3,
        "{} bytes of checkpoints",
        tight.bytes()
    );
    assert!(
        tight.count() < roomy.count(),
        "fewer checkpoints when tight"
    );
    for pos in positions(log.len()) {
        let expected = Engine::replay(genesis.clone(), &log[..pos]);
        assert_eq!(
            &tight.state_at(&genesis, &events, pos),
            expected.state(),
            "at event {pos}"
        );
    }
}

#[test]
fn a_branch_from_the_past_goes_on_as_the_run_did_without_what_came_later() {
    for (name, scenario) in scenarios() {
        let expected = uninterrupted(&scenario);
        if expected.len() < 4 {
            continue;
        }
        let until = scenario.run_until;
        for pos in [0, 1, expected.len() / 3, expected.len() / 2] {
            let mut session = session_of(&scenario);
            session.advance_to(until, usize::MAX).expect("advances");
            // A person's command after the cursor's instant is discarded
            // with the events that followed it.
            session
                .command(&Command::Stop {
                    execution: "e1".into(),
                })
                .expect("a refusal at most");
            session.go_to(pos);
            let discarded = session.discarded_by_branch();
            let Some(mut branch) = session.branch() else {
                assert_eq!(discarded, 0, "{name} at {pos}");
                continue;
            };
            assert_eq!(
                branch.whole_log().len() + discarded,
                session.whole_log().len(),
                "{name} at {pos}"
            );
            assert!(branch.journal().is_empty(), "{name}: the stop came later");
            assert!(!branch.in_past());
            assert!(branch.clock().paused);
            branch.advance_to(until, usize::MAX).expect("advances");
            assert_eq!(
                branch.whole_log().to_vec(),
                expected.as_slice(),
                "{name} from {pos}"
            );
        }
    }
}

#[test]
fn a_branch_keeps_the_cursor_instant_whole_and_the_commands_before_it() {
    let (_, scenario) = scenarios()
        .into_iter()
        .find(|(n, _)| n.ends_with("samples/provisioning.json"))
        .expect("the provisioning sample");
    let mut session = Session::new(sim::genesis(&scenario), Vec::new());
    for command in [
        Command::Publish {
            workflow: "provision_workspace".into(),
            note: None,
        },
        Command::Activate {
            workflow: "provision_workspace".into(),
        },
        Command::Enroll {
            workflow: "provision_workspace".into(),
            contacts: vec!["c1".into()],
        },
    ] {
        assert_eq!(session.command(&command).unwrap(), Outcome::Accepted);
    }
    session.advance_to(SimTime(86_400_000), usize::MAX).unwrap();
    let all = session.whole_log().to_vec();
    let at_zero = all.partition_point(|e| e.t == SimTime::ZERO);
    assert!(at_zero > 3 && at_zero < all.len(), "events at 0 and after");
    // The cursor after the first event of instant 0: a branch keeps all of
    // that instant and the three commands given at it.
    session.go_to(1);
    let branch = session.branch().expect("later events are discarded");
    assert_eq!(branch.whole_log().to_vec(), &all[..at_zero]);
    assert_eq!(branch.journal().len(), 3);
    let expected = Engine::replay(sim::genesis(&scenario), &all[..at_zero]);
    assert_eq!(branch.live_state(), expected.state());
}
