//! Events are the source of truth: folding the log rebuilds the live state
//! after every input, and a run rebuilt from its log mid-way goes on exactly
//! as one that was never interrupted.

mod common;

use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::state::State;
use flowlab_engine::runtime::Engine;
use flowlab_engine::sim::{genesis, Driver};
use flowlab_engine::trace;

fn lines_of(engine: &Engine, events: &[Stamped]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| trace::line(engine.state(), e))
        .collect()
}

#[test]
fn folding_the_log_rebuilds_the_live_state_after_every_input() {
    for (file, scenario) in common::all_scenarios() {
        let mut driver = Driver::new(&scenario);
        let mut replica = State::new(genesis(&scenario));
        let mut log: Vec<Stamped> = Vec::new();
        let mut inputs = 0;
        while driver.step().unwrap() {
            inputs += 1;
            for stamped in driver.engine().drain_events() {
                replica.apply(stamped.t, &stamped.event);
                log.push(stamped);
            }
            assert!(
                replica == *driver.engine().state(),
                "{}: state differs from its fold after input {inputs}",
                file.display()
            );
        }
        let live = driver.into_engine();
        let replayed = Engine::replay(genesis(&scenario), &log);
        assert!(
            replayed.state() == live.state(),
            "{}: replay differs",
            file.display()
        );
    }
}

#[test]
fn a_run_rebuilt_from_its_log_goes_on_identically() {
    for (file, scenario) in common::all_scenarios() {
        let (engine, log) = common::run_with_log(&scenario);
        let expected = lines_of(&engine, &log);
        let inputs = common::count_inputs(&scenario);
        for cut in [1, inputs / 3, inputs / 2, inputs.saturating_sub(1)] {
            let mut first = Driver::new(&scenario);
            let mut prefix = Vec::new();
            for _ in 0..cut {
                if !first.step().unwrap() {
                    break;
                }
                prefix.extend(first.engine().drain_events());
            }
            let done = first.commands_done();
            let rebuilt = Engine::replay(genesis(&scenario), &prefix);
            let mut rest = Driver::resume(&scenario, rebuilt, done);
            let mut log2 = prefix.clone();
            while rest.step().unwrap() {
                log2.extend(rest.engine().drain_events());
            }
            let engine2 = rest.into_engine();
            assert_eq!(
                lines_of(&engine2, &log2),
                expected,
                "{}: resumed after {cut} inputs",
                file.display()
            );
            assert!(
                engine2.state() == engine.state(),
                "{}: final state after resume at {cut}",
                file.display()
            );
        }
    }
}

#[test]
fn the_same_file_gives_a_byte_identical_trace() {
    for (file, scenario) in common::all_scenarios() {
        let a = flowlab_engine::sim::trace_lines(&scenario).unwrap().1;
        let b = flowlab_engine::sim::trace_lines(&scenario).unwrap().1;
        assert_eq!(a, b, "{}", file.display());
    }
}

#[test]
fn time_going_backwards_is_an_error_and_an_early_wake_is_harmless() {
    let scenario = common::scenario_named("retry-resolved.json");
    let mut driver = Driver::new(&scenario);
    while driver.step().unwrap() {
        if driver.engine().now().0 >= 120_000 {
            break;
        }
    }
    let engine = driver.engine();
    let before = engine.state().clone();
    let now = engine.now();
    engine.handle_timeout(now).unwrap();
    assert!(
        *engine.state() == before,
        "a wake-up with nothing due changes nothing"
    );
    let err = engine
        .handle_timeout(flowlab_engine::time::SimTime(now.0 - 1))
        .unwrap_err();
    assert!(err.to_string().contains("backwards"), "{err}");
}
