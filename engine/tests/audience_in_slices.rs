//! A large audience enrolled over several inputs of its instant
//! (`Engine::set_audience_per_input`) gives the same events, in the same
//! order, as one enrolled at once: on every scenario we have, after a
//! restore from a snapshot or a log taken half-way, and with a command
//! arriving half-way.

mod common;

use flowlab_engine::codec::{decode_snapshot, encode_snapshot};
use flowlab_engine::command::Command;
use flowlab_engine::event::{Event, Stamped};
use flowlab_engine::runtime::Engine;
use flowlab_engine::scenario::Scenario;
use flowlab_engine::sim::{genesis, Driver};
use flowlab_engine::time::SimTime;

/// The run's events and how many inputs it took.
fn run(scenario: &Scenario, per_input: Option<usize>) -> (Vec<Stamped>, usize) {
    let mut driver = Driver::new(scenario);
    driver.engine().set_audience_per_input(per_input);
    let (mut log, mut inputs) = (Vec::new(), 0);
    while driver.step().unwrap() {
        inputs += 1;
        log.extend(driver.engine().drain_events());
    }
    (log, inputs)
}

#[test]
fn every_scenario_gives_the_same_events_enrolled_in_slices() {
    let mut sliced = 0;
    for (file, scenario) in common::all_scenarios() {
        let (whole, inputs) = run(&scenario, None);
        for per_input in [1, 2] {
            let (log, sliced_inputs) = run(&scenario, Some(per_input));
            let first_difference = whole.iter().zip(&log).position(|(a, b)| a != b);
            assert!(
                log == whole,
                "{}, {per_input} per input: {} events against {}, first difference at {first_difference:?}",
                file.display(),
                log.len(),
                whole.len()
            );
            if sliced_inputs > inputs {
                sliced += 1;
            }
        }
    }
    assert!(
        sliced >= 4,
        "only {sliced} runs enrolled an audience in slices"
    );
}

fn audience_scenario() -> Scenario {
    common::scenario_named("campaign.json")
}

/// Drives `scenario` one contact per input until an audience is half
/// enrolled; returns the driver's engine, the script entries done and the
/// events so far.
fn half_way(scenario: &Scenario) -> (Engine, usize, Vec<Stamped>) {
    let mut driver = Driver::new(scenario);
    driver.engine().set_audience_per_input(Some(1));
    let mut log = Vec::new();
    let mut enrolled_in_it = 0;
    loop {
        assert!(driver.step().unwrap(), "the run ended before an audience");
        log.extend(driver.engine().drain_events());
        if driver.engine().state().audience_under_way.is_some() {
            enrolled_in_it += 1;
            if enrolled_in_it == 3 {
                let done = driver.commands_done();
                return (driver.into_engine(), done, log);
            }
        }
    }
}

fn rest_of_run(scenario: &Scenario, engine: Engine, done: usize) -> Vec<Stamped> {
    let mut driver = Driver::resume(scenario, engine, done);
    driver.engine().set_audience_per_input(Some(1));
    let mut log = Vec::new();
    while driver.step().unwrap() {
        log.extend(driver.engine().drain_events());
    }
    log
}

#[test]
fn a_run_restored_half_way_through_an_audience_goes_on_with_the_same_events() {
    let scenario = audience_scenario();
    let (whole, _) = run(&scenario, None);
    let (engine, done, before) = half_way(&scenario);
    let state = engine.state().clone();
    assert!(state.audience_under_way.is_some());

    let snapshot = decode_snapshot(&encode_snapshot(&state)).unwrap();
    assert!(
        snapshot == state,
        "the snapshot keeps the audience under way"
    );
    let from_snapshot = Engine::restore(snapshot, std::iter::empty::<&Stamped>());
    let replayed = Engine::replay(genesis(&scenario), &before);
    assert!(
        replayed.state() == &state,
        "the log folds to the audience under way"
    );

    for (how, engine) in [("snapshot", from_snapshot), ("log", replayed)] {
        let mut log = before.clone();
        log.extend(rest_of_run(&scenario, engine, done));
        assert!(log == whole, "restored from the {how}: the events differ");
    }
}

#[test]
fn a_command_half_way_through_an_audience_comes_after_all_of_it() {
    let scenario = audience_scenario();
    let (mut engine, _, _) = half_way(&scenario);
    let activated = engine.now();
    let later = SimTime(activated.0 + 60_000);
    engine
        .handle_command(
            later,
            &Command::Stop {
                execution: "no-such-execution".into(),
            },
        )
        .unwrap();
    let events: Vec<Stamped> = engine.drain_events().collect();
    let audience_done = events
        .iter()
        .position(|e| matches!(e.event, Event::AudienceEnrolled { .. }))
        .expect("the rest of the audience is enrolled first");
    assert!(events[..=audience_done].iter().all(|e| e.t == activated));
    assert!(
        matches!(events.last().unwrap().event, Event::CommandRejected(_)),
        "the command comes last"
    );
    assert!(engine.state().audience_under_way.is_none());
}
