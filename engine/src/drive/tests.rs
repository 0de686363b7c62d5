use super::*;
use crate::scenario::{parse_scenario, Scenario};
use crate::sim::genesis;

/// One execution waiting a minute, and a `pause` in the script at the
/// minute its timer falls due.
fn paused_at_its_deadline() -> Scenario {
    let text = r#"{
      "format": "flowlab-scenario/1", "run_until": "1h",
      "contacts": [{"id": "c1"}],
      "workflows": [{"id": "w", "trigger": {"type": "manual"}, "steps": [
        {"id": "s1", "kind": "wait", "duration": "1m"}
      ]}],
      "script": [
        {"at": 0, "do": "publish", "workflow": "w"},
        {"at": 0, "do": "activate", "workflow": "w"},
        {"at": 0, "do": "enroll", "workflow": "w", "contacts": ["c1"]},
        {"at": "1m", "do": "pause", "workflow": "w"}
      ]
    }"#;
    parse_scenario("drive.json", text).expect("valid scenario")
}

fn driver(scenario: &Scenario) -> ScriptedEngine<&[ScriptEntry]> {
    ScriptedEngine::new(Engine::new(genesis(scenario)), &scenario.script[..])
}

#[test]
fn a_script_command_runs_before_the_timers_due_at_its_instant() {
    let scenario = paused_at_its_deadline();
    let mut d = driver(&scenario);
    let mut inputs = Vec::new();
    while let Some(input) = d.step_one().expect("steps") {
        inputs.push(input);
    }
    let minute = SimTime(60_000);
    assert_eq!(
        inputs,
        [
            Input::Command(SimTime::ZERO),
            Input::Command(SimTime::ZERO),
            Input::Command(SimTime::ZERO),
            Input::Command(minute),
            Input::Timers(minute),
        ]
    );
    assert_eq!(d.timers_fired_at(), Some(minute));
    assert_eq!(d.script_done(), 4);
}

#[test]
fn advance_to_stops_at_the_budget_and_then_at_the_target() {
    let scenario = paused_at_its_deadline();
    let mut d = driver(&scenario);
    assert_eq!(d.advance_to(SimTime(59_999), 2).unwrap(), Advanced::Budget);
    assert_eq!(d.script_done(), 2);
    assert_eq!(
        d.advance_to(SimTime(59_999), 10).unwrap(),
        Advanced::Reached
    );
    assert_eq!(d.script_done(), 3);
    assert_eq!(d.next_input(), Some(SimTime(60_000)));
    assert_eq!(d.timers_fired_at(), None);
}

#[test]
fn an_outside_command_runs_after_earlier_inputs_and_before_the_script_at_its_instant() {
    let scenario = paused_at_its_deadline();
    let mut d = driver(&scenario);
    let resume = Command::Resume {
        workflow: "w".into(),
    };
    let outcome = d.command(SimTime(60_000), &resume).expect("runs");
    // Not paused yet: the script's pause at this instant comes after it.
    assert!(matches!(outcome, Outcome::Rejected(_)), "{outcome:?}");
    assert_eq!(d.script_done(), 3);
    assert_eq!(d.timers_fired_at(), None);
}
