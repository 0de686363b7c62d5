//! The editor's retry schedule preview (`retry_preview::preview`) and the
//! runtime must agree to the millisecond: a one-step workflow whose action
//! always fails is run, and its attempt and fail-action instants compared.

use flowlab_engine::model::{DurationSpec, OnFail, StepBody};
use flowlab_engine::retry_preview::{preview, PlannedKind};
use flowlab_engine::scenario::{decode_step, parse_scenario};
use flowlab_engine::sim;
use flowlab_engine::time::DAY;
use serde_json::{json, Map, Value};

const RUN_UNTIL: u64 = 10 * DAY;

/// (attempt, t of its end) for every attempt; t of every fail action; t of
/// every cycle scheduled; t of the step turning `failed`.
#[derive(Debug, PartialEq)]
struct Schedule {
    attempts: Vec<(u64, u64)>,
    fail_actions: Vec<u64>,
    cycles: Vec<u64>,
    failed: Vec<u64>,
}

fn run(step: &Value) -> Schedule {
    let scenario = json!({
        "format": "flowlab-scenario/1",
        "seed": 1,
        "run_until": "10d",
        "contacts": [{"id": "c1", "name": "C1", "email": "c1@example.com", "phone": null, "tags": [], "attributes": {}}],
        "operators": [],
        "workflows": [{"id": "w", "name": "w", "trigger": {"type": "manual"}, "steps": [step]}],
        "script": [
            {"at": "0m", "do": "publish", "workflow": "w"},
            {"at": "0m", "do": "activate", "workflow": "w"},
            {"at": "0m", "do": "enroll", "workflow": "w", "contacts": ["c1"]}
        ]
    });
    let scenario = parse_scenario("agree.json", &scenario.to_string()).unwrap();
    let (_, lines) = sim::trace_lines(&scenario).unwrap();
    let mut s = Schedule {
        attempts: vec![],
        fail_actions: vec![],
        cycles: vec![],
        failed: vec![],
    };
    for line in &lines {
        let l: Map<String, Value> = serde_json::from_str(line).unwrap();
        let (Some(t), Some(kind)) = (l.get("t").and_then(Value::as_u64), l.get("type")) else {
            continue;
        };
        match kind.as_str().unwrap() {
            "step_attempt" => s.attempts.push((l["attempt"].as_u64().unwrap(), t)),
            "fail_action" => s.fail_actions.push(t),
            "retry_scheduled" if l["attempt"] == 0 => s.cycles.push(t),
            "step_status" if l["to"] == "failed" => s.failed.push(t),
            _ => {}
        }
    }
    s
}

fn planned(step: &Value) -> Schedule {
    let step = decode_step(step, "step").unwrap();
    let (policy, on_fail) = (step.retry_policy(), step.on_fail());
    let duration = match &step.body {
        StepBody::Action(a) => match a.duration {
            None => 0,
            Some(DurationSpec::Fixed(ms)) => ms,
            Some(random) => panic!("a fixed duration, not {random:?}"),
        },
        _ => panic!("an action step"),
    };
    let mut s = Schedule {
        attempts: vec![],
        fail_actions: vec![],
        cycles: vec![],
        failed: vec![],
    };
    let events = preview(&policy, duration, &on_fail, RUN_UNTIL);
    for (i, e) in events.iter().enumerate() {
        match e.kind {
            PlannedKind::Attempt { attempt, .. } => {
                s.attempts.push((u64::from(attempt), e.at_ms + duration))
            }
            PlannedKind::FailAction { .. } => {
                s.fail_actions.push(e.at_ms);
                let gives_up = events
                    .get(i + 1)
                    .is_some_and(|n| n.kind == PlannedKind::GivesUp);
                if !matches!(on_fail, OnFail::Retry { .. }) || gives_up {
                    s.failed.push(e.at_ms);
                }
            }
            PlannedKind::CycleScheduled { .. } => s.cycles.push(e.at_ms),
            PlannedKind::GivesUp => {}
        }
    }
    s
}

fn agree(step: Value) {
    let (ran, plan) = (run(&step), planned(&step));
    assert!(!plan.attempts.is_empty() && !plan.fail_actions.is_empty());
    assert_eq!(
        ran, plan,
        "runtime (left) and preview (right) differ for {step}"
    );
}

fn action(extra: Value) -> Value {
    let mut step =
        json!({"id": "a", "kind": "action", "action": "webhook", "fault": {"always": true}});
    step.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    step
}

#[test]
fn defaults() {
    agree(action(json!({})));
}

#[test]
fn one_attempt() {
    agree(action(json!({"retry": {"max_attempts": 1}})));
}

#[test]
fn backoff_five_minutes() {
    agree(action(
        json!({"retry": {"max_attempts": 4, "backoff": "5m"}}),
    ));
}

#[test]
fn attempts_last_thirty_seconds() {
    agree(action(
        json!({"duration": "30s", "on_fail": {"action": "end_workflow"}}),
    ));
}

#[test]
fn retry_two_days_daily() {
    agree(action(json!({
        "duration": "30s",
        "on_fail": {"action": "retry", "max_retry_days": 2, "retry_interval_days": 1}
    })));
}

#[test]
fn retry_zero_days() {
    agree(action(
        json!({"on_fail": {"action": "retry", "max_retry_days": 0}}),
    ));
    agree(action(json!({
        "retry": {"max_attempts": 1},
        "on_fail": {"action": "retry", "max_retry_days": 0}
    })));
}

#[test]
fn retry_measures_from_the_end_of_the_first_failed_attempt() {
    // Cycle 1 fails 44h after attempt 0 failed but 64h after it started:
    // only the former keeps it within 2 days, so a third cycle runs.
    let step = action(json!({
        "duration": "20h",
        "retry": {"max_attempts": 1},
        "on_fail": {"action": "retry", "max_retry_days": 2, "retry_interval_days": 1}
    }));
    assert_eq!(run(&step).attempts.len(), 3);
    agree(step);
}
