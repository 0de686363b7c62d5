//! No input makes the engine do unbounded work: generated files of the kinds
//! issue 12 found (retries that all fall at one instant, a loop through a
//! 1 ms approval timeout or wait, a far `run_until` with a poll) are either
//! refused by name (a file error or a publish error) or run to `run_until`
//! within a number of engine inputs and a number of events at one instant
//! that `flowlab_engine::limits` bounds.
//!
//! `PROPTEST_CASES=200 cargo test --release -p flowlab-engine --test bounded_runs`
//! runs more cases.

use std::collections::HashMap;

use flowlab_engine::limits::{
    MAX_ATTEMPTS, MAX_ATTEMPTS_AT_ONE_INSTANT, MAX_ENTRIES_PER_EXECUTION, MAX_RUN_UNTIL_MS,
    MAX_STARTS_BY_EXECUTIONS,
};
use flowlab_engine::model::Trigger;
use flowlab_engine::scenario::{parse_scenario, Location, Scenario};
use flowlab_engine::sim::Driver;
use flowlab_engine::time::{SimTime, DAY, HOUR};
use flowlab_engine::trace;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Events one instant may hold in these one-contact runs: a spin of
/// attempts writes four lines an attempt, the rest a handful.
const EVENTS_PER_INSTANT: usize = 8 * MAX_ATTEMPTS_AT_ONE_INSTANT as usize + 64;

fn scenario(run_until: Value, trigger: Value, steps: Value, script: Value) -> Value {
    json!({
        "format": "flowlab-scenario/1",
        "run_until": run_until,
        "contacts": [{"id": "c1", "tags": []}],
        "operators": [{"id": "o1", "groups": ["g"]}],
        "workflows": [{"id": "w", "trigger": trigger, "settings": {"allow_reenrollment": true}, "steps": steps}],
        "script": script,
    })
}

fn start() -> Vec<Value> {
    vec![
        json!({"at": 0, "do": "publish", "workflow": "w"}),
        json!({"at": 0, "do": "activate", "workflow": "w"}),
    ]
}

fn enrolled() -> Value {
    let mut script = start();
    script.push(json!({"at": 0, "do": "enroll", "workflow": "w", "contacts": ["c1"]}));
    Value::Array(script)
}

/// An action whose attempts can take no time, with `backoff` 0.
fn spinning_retries() -> impl Strategy<Value = (Value, u64)> {
    let duration = prop_oneof![
        Just(Value::Null),
        Just(json!("0s")),
        Just(json!({"min": "0s", "max": "10ms"})),
    ];
    let attempts = prop_oneof![
        1..=2 * MAX_ATTEMPTS_AT_ONE_INSTANT as i64,
        Just(MAX_ATTEMPTS),
        Just(MAX_ATTEMPTS + 1),
        Just(1_i64 << 31),
        Just(i64::MAX),
    ];
    let on_fail = prop_oneof![
        Just(json!({"action": "continue"})),
        Just(json!({"action": "fail_workflow"})),
        Just(json!({"action": "retry", "max_retry_days": 2, "retry_interval_days": 1})),
    ];
    let compensation = prop_oneof![
        Just(Value::Null),
        Just(json!({"action": "email", "fault": {"always": true}}))
    ];
    (duration, attempts, on_fail, compensation, 0..=3 * DAY).prop_map(
        |(duration, attempts, on_fail, compensation, run_until)| {
            let mut step = json!({
                "id": "a", "kind": "action", "action": "webhook",
                "fault": {"always": true},
                "retry": {"max_attempts": attempts, "backoff": "0s"},
                "on_fail": on_fail,
            });
            if !duration.is_null() {
                step["duration"] = duration;
            }
            if !compensation.is_null() {
                step["compensation"] = compensation;
            }
            let steps = json!([step, {"id": "b", "kind": "action", "action": "email", "fault": {"always": true}, "on_fail": {"action": "fail_workflow"}}]);
            let file = scenario(json!(run_until), json!({"type": "manual"}), steps, enrolled());
            // Fail-action cycles are a day apart: one spin per day at most.
            let bound = (run_until / DAY + 2) * 2 * MAX_ATTEMPTS_AT_ONE_INSTANT as u64 + 16;
            (file, bound)
        },
    )
}

/// A step that loops to itself through a short pause, for as long as
/// `run_until` (up to far beyond the limit) lets it.
fn pause_loops() -> impl Strategy<Value = (Value, u64)> {
    let step = prop_oneof![
        (1..=20_u64).prop_map(|ms| json!({"id": "s", "kind": "approval", "group": "g", "timeout": ms, "timeout_to": "s"})),
        (1..=20_u64).prop_map(|ms| json!({"id": "s", "kind": "wait", "duration": ms, "next": "s"})),
        (1..=20_u64).prop_map(|ms| json!({"id": "s", "kind": "wait", "duration": {"min": 1, "max": ms}, "next": "s"})),
    ];
    let run_until = prop_oneof![
        HOUR..=MAX_RUN_UNTIL_MS,
        Just(MAX_RUN_UNTIL_MS),
        Just(MAX_RUN_UNTIL_MS + 1),
        Just(1_u64 << 63),
    ];
    (step, run_until).prop_map(|(step, run_until)| {
        let file = scenario(
            json!(run_until),
            json!({"type": "manual"}),
            json!([step]),
            enrolled(),
        );
        (file, 2 * MAX_ENTRIES_PER_EXECUTION as u64 + 16)
    })
}

/// A `tag_added` trigger polling until a `run_until` that may lie far
/// beyond the limit; in range, kept short enough for a debug build.
fn far_polls() -> impl Strategy<Value = (Value, u64)> {
    let run_until = prop_oneof![
        HOUR..=30 * DAY,
        MAX_RUN_UNTIL_MS + 1..=u64::MAX >> 1,
        Just(1_u64 << 63),
    ];
    (5..=15_u64, run_until, 0..=30 * DAY).prop_map(|(poll, run_until, tag_at)| {
        let mut script = start();
        script.push(json!({"at": tag_at, "do": "tag", "contact": "c1", "tag": "x"}));
        let steps = json!([{"id": "w1", "kind": "wait", "duration": "1m"}]);
        let trigger = json!({"type": "tag_added", "tag": "x", "poll": format!("{poll}m")});
        let file = scenario(json!(run_until), trigger, steps, Value::Array(script));
        let polls = run_until / (Trigger::MIN_POLL) + 1;
        (file, polls + 16)
    })
}

/// Runs the file to its end, or fails once it passes `bound` inputs.
fn assert_bounded(file: &Value, bound: u64) -> Result<(), TestCaseError> {
    let text = file.to_string();
    let scenario: Scenario = match parse_scenario("bounded.json", &text) {
        Ok(s) => s,
        Err(e) => {
            prop_assert_eq!(
                &e.location,
                &Location::Path("run_until".into()),
                "refused for another reason: {}",
                e
            );
            prop_assert!(file["run_until"].as_u64().unwrap() > MAX_RUN_UNTIL_MS);
            return Ok(());
        }
    };
    prop_assert!(scenario.run_until.ms() <= MAX_RUN_UNTIL_MS);
    let mut driver = Driver::new(&scenario);
    let mut inputs = 0_u64;
    let mut per_instant: HashMap<SimTime, usize> = HashMap::new();
    while driver.step().expect("no engine error") {
        inputs += 1;
        prop_assert!(
            inputs <= bound,
            "still running after {} inputs at t={}",
            bound,
            driver.engine().now().ms()
        );
        for stamped in driver.engine().drain_events() {
            *per_instant.entry(stamped.t).or_default() += 1;
        }
    }
    let (t, most) = per_instant
        .into_iter()
        .max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t)))
        .unwrap_or_default();
    prop_assert!(most <= EVENTS_PER_INSTANT, "{most} events at t={}", t.ms());
    trace::summary(driver.engine().state(), scenario.run_until);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn retries_at_one_instant_end((file, bound) in spinning_retries()) {
        assert_bounded(&file, bound)?;
    }

    #[test]
    fn loops_through_a_short_pause_end((file, bound) in pause_loops()) {
        assert_bounded(&file, bound)?;
    }

    #[test]
    fn far_run_untils_are_refused_or_end((file, bound) in far_polls()) {
        assert_bounded(&file, bound)?;
    }
}

/// The issue's three files, as written there.
#[test]
fn the_three_files_of_the_issue_end() {
    let spin = scenario(
        json!("1h"),
        json!({"type": "manual"}),
        json!([{"id": "a", "kind": "action", "action": "webhook", "duration": "0s",
                "fault": {"always": true}, "retry": {"max_attempts": 1_i64 << 31, "backoff": "0s"}}]),
        enrolled(),
    );
    let approval = scenario(
        json!("30d"),
        json!({"type": "manual"}),
        json!([{"id": "ap", "kind": "approval", "group": "g", "timeout": 1, "timeout_to": "ap"}]),
        enrolled(),
    );
    let forever = scenario(
        json!(1_u64 << 63),
        json!({"type": "tag_added", "tag": "x", "poll": "15m"}),
        json!([{"id": "e", "kind": "end"}]),
        Value::Array(start()),
    );
    for (file, bound) in [
        (spin, 16),
        (approval, 2 * MAX_ENTRIES_PER_EXECUTION as u64 + 16),
        (forever, 0),
    ] {
        assert_bounded(&file, bound).unwrap();
    }
}

/// Two `enroll` steps after a 1 ms wait double the executions every
/// millisecond; starts by executions stop at their limit.
#[test]
fn a_fork_of_enrollments_through_a_wait_ends() {
    let file = json!({
        "format": "flowlab-scenario/1",
        "run_until": "1h",
        "contacts": [{"id": "c1"}],
        "workflows": [{"id": "w", "trigger": {"type": "manual"}, "settings": {"allow_reenrollment": true}, "steps": [
            {"id": "p", "kind": "wait", "duration": 1},
            {"id": "a", "kind": "enroll", "workflow": "w"},
            {"id": "b", "kind": "enroll", "workflow": "w"}
        ]}],
        "script": enrolled(),
    });
    let scenario = parse_scenario("fork.json", &file.to_string()).unwrap();
    let mut driver = Driver::new(&scenario);
    driver.engine().set_recording(false);
    let bound = 4 * MAX_STARTS_BY_EXECUTIONS as u64;
    let mut inputs = 0_u64;
    while driver.step().unwrap() {
        inputs += 1;
        assert!(inputs <= bound, "still running after {bound} inputs");
    }
    let state = driver.engine().state();
    assert_eq!(state.executions.len(), MAX_STARTS_BY_EXECUTIONS + 1);
    assert_eq!(
        state.started_by_executions as usize,
        MAX_STARTS_BY_EXECUTIONS
    );
}
