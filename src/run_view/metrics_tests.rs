//! Metrics of small workflows run through the engine, checked against
//! numbers worked out by hand from the scenario.

use flowlab_engine::ids::WfIx;
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;

use super::metrics::{
    default_version, edge_label, human_duration, time_to_complete, version_metrics, Bin,
    MetricsLog, Outcomes, MAX_BINS, MIN_BINS,
};
use crate::session::Session;

const M: u64 = 60_000;

/// `send` fails its first attempt and succeeds on the retry 1m later (3m in
/// all); pro contacts then end, the others go through `risky`, which always
/// fails once and continues (1m more). c3 has no email: FAILED_SAFE at
/// discovery. c5 is stopped mid-attempt; c6 is still in its first attempt.
const SCENARIO: &str = r#"{
  "format": "flowlab-scenario/1",
  "seed": 1,
  "run_until": "40m",
  "contacts": [
    {"id": "c1", "email": "c1@example.com", "attributes": {"plan": "pro"}},
    {"id": "c2", "email": "c2@example.com", "attributes": {"plan": "free"}},
    {"id": "c3", "email": null, "attributes": {"plan": "free"}},
    {"id": "c4", "email": "c4@example.com", "attributes": {"plan": "pro"}},
    {"id": "c5", "email": "c5@example.com", "attributes": {"plan": "pro"}},
    {"id": "c6", "email": "c6@example.com", "attributes": {"plan": "pro"}}
  ],
  "workflows": [
    {"id": "w", "name": "W", "trigger": {"type": "manual"}, "steps": [
      {"id": "send", "kind": "action", "name": "Send", "action": "email", "duration": "1m",
       "retry": {"max_attempts": 2, "backoff": "1m"}, "fault": {"fail_first": 1}},
      {"id": "check", "kind": "condition", "filter": {"attribute": "plan", "op": "=", "value": "pro"},
       "yes": "done", "no": "risky"},
      {"id": "risky", "kind": "action", "action": "webhook", "duration": "1m",
       "retry": {"max_attempts": 1}, "fault": {"always": true}, "on_fail": {"action": "continue"}, "next": "done"},
      {"id": "done", "kind": "end"}
    ]}
  ],
  "script": [
    {"at": 0, "do": "publish", "workflow": "w"},
    {"at": 0, "do": "activate", "workflow": "w"},
    {"at": 0, "do": "enroll", "workflow": "w", "contacts": ["c1", "c2", "c3"]},
    {"at": "10m", "do": "enroll", "workflow": "w", "contacts": ["c4"]},
    {"at": "20m", "do": "enroll", "workflow": "w", "contacts": ["c5"]},
    {"at": 1230000, "do": "stop", "execution": "e5"},
    {"at": "30m", "do": "enroll", "workflow": "w", "contacts": ["c6"]}
  ]
}"#;

fn session() -> Session {
    let scenario = parse_scenario("metrics.json", SCENARIO).expect("parses");
    Session::new(sim::genesis(&scenario), scenario.script)
}

fn metrics_at(s: &mut Session, log: &mut MetricsLog, t: u64) -> super::metrics::VersionMetrics {
    s.advance_to(SimTime(t), usize::MAX).expect("runs");
    log.catch_up(s.state(), s.log());
    version_metrics(s.state(), log, WfIx(0), 1).expect("version 1 exists")
}

#[test]
fn outcomes_steps_and_time_to_complete_match_the_hand_count() {
    let mut s = session();
    let mut log = MetricsLog::default();
    let m = metrics_at(&mut s, &mut log, 30 * M + 30_000);
    assert_eq!(
        m.outcomes,
        Outcomes {
            completed: 3,
            failed_safe: 1,
            failed_unsafe: 0,
            stopped: 1,
            in_flight: 1,
        }
    );
    assert_eq!(m.outcomes.finished(), 5);
    assert_eq!(m.outcomes.completion_rate(), Some(0.6));

    let step = |id: &str| m.steps.iter().find(|x| x.id == id).expect("step listed");
    let send = step("send");
    assert_eq!(send.name, "Send");
    assert_eq!(
        (
            send.entered,
            send.attempts,
            send.failed_attempts,
            send.ended_failed
        ),
        (5, 6, 3, 0),
        "c1, c2, c4: a failed and a good attempt; c5 and c6 mid-attempt"
    );
    assert_eq!(send.failure_rate(), Some(0.5));
    assert!(
        send.fail_actions_taken().is_empty(),
        "built-in retries only"
    );
    let risky = step("risky");
    assert_eq!(
        (
            risky.entered,
            risky.attempts,
            risky.failed_attempts,
            risky.ended_failed
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(risky.fail_actions_taken(), [("continue", 1)]);
    assert_eq!(step("done").entered, 3);
    assert_eq!(
        step("check").failure_rate(),
        None,
        "conditions have no attempts"
    );

    let ttc = &m.time_to_complete;
    assert_eq!(ttc.count, 3);
    assert_eq!((ttc.min, ttc.max), (Some(3 * M), Some(4 * M)));
    assert_eq!(ttc.median, Some(3 * M), "c1 and c4 took 3m");
    assert_eq!(ttc.p90, Some(4 * M), "c2 took 4m");
    assert_eq!(
        ttc.bins.first().map(|b| (b.from, b.count)),
        Some((3 * M, 2))
    );
    assert_eq!(
        ttc.bins.last().map(|b| (b.to, b.count)),
        Some((4 * M + 10_000, 1))
    );
    assert_eq!(ttc.bins.len(), 7, "10s bins from 3m to 4m");
}

#[test]
fn attempts_agree_with_the_engine_per_step_totals() {
    let mut s = session();
    let mut log = MetricsLog::default();
    let m = metrics_at(&mut s, &mut log, 40 * M);
    for (i, step) in m.steps.iter().enumerate() {
        let engine_total: u64 = s
            .state()
            .executions
            .iter()
            .map(|e| u64::from(e.steps[i].attempts_total()))
            .sum();
        assert_eq!(step.attempts, engine_total, "{}", step.id);
    }
    assert_eq!(m.outcomes.in_flight, 0, "c6 finished by 40m");
    assert_eq!(m.time_to_complete.count, 4);
}

#[test]
fn reading_the_log_in_slices_gives_what_one_read_gives() {
    let mut s = session();
    let mut sliced = MetricsLog::default();
    for t in [0, 3 * M, 11 * M, 21 * M, 35 * M] {
        metrics_at(&mut s, &mut sliced, t);
    }
    let live = metrics_at(&mut s, &mut sliced, 40 * M);
    let mut whole = MetricsLog::default();
    whole.catch_up(s.state(), s.log());
    assert_eq!(version_metrics(s.state(), &whole, WfIx(0), 1), Some(live));

    let mut other = session();
    other.advance_to(SimTime(5 * M), usize::MAX).unwrap();
    sliced.catch_up(other.state(), other.log());
    let restarted = version_metrics(other.state(), &sliced, WfIx(0), 1).unwrap();
    assert_eq!(
        restarted.time_to_complete.count, 2,
        "a replaced log is read from scratch (c1 at 3m, c2 at 4m)"
    );
}

#[test]
fn versions_are_kept_apart_and_a_missing_one_is_none() {
    let mut s = session();
    let log = MetricsLog::default();
    assert_eq!(default_version(s.state(), WfIx(0)), None, "not published");
    assert_eq!(version_metrics(s.state(), &log, WfIx(0), 1), None);
    s.advance_to(SimTime(1), usize::MAX).unwrap();
    assert_eq!(default_version(s.state(), WfIx(0)), Some(1));
    assert_eq!(version_metrics(s.state(), &log, WfIx(0), 2), None);
    assert_eq!(version_metrics(s.state(), &log, WfIx(0), 0), None);
}

#[test]
fn bins_cover_every_duration_with_readable_widths() {
    let cases: [&[u64]; 5] = [
        &[0],
        &[5 * M, 3 * 24 * 60 * M],
        &[42_000, 42_000, 42_000],
        &[1, 2, 3, 999],
        &[M, 7 * M, 7 * M, 90 * M, 26 * 60 * M, 9 * 24 * 60 * M],
    ];
    for sorted in cases {
        let t = time_to_complete(sorted);
        assert!(
            (MIN_BINS as usize..=MAX_BINS as usize).contains(&t.bins.len()),
            "{sorted:?}: {} bins",
            t.bins.len()
        );
        assert_eq!(
            t.bins.iter().map(|b| b.count).sum::<u64>(),
            sorted.len() as u64
        );
        assert!(t.bins[0].from <= sorted[0]);
        assert!(t.bins.last().unwrap().to > *sorted.last().unwrap());
        assert!(t.bins.windows(2).all(|w| w[0].to == w[1].from));
    }
    let spread = time_to_complete(&[5 * M, 3 * 24 * 60 * M]);
    assert_eq!(spread.bins.len(), 10, "8h bins from 0 to 3d");
    assert_eq!(spread.bins[1].label(), "8h – 16h");
    let same = time_to_complete(&[42_000, 42_000, 42_000]);
    assert_eq!(
        same.bins
            .iter()
            .map(|b| (b.from, b.count))
            .collect::<Vec<_>>(),
        [
            (40_000, 0),
            (41_000, 0),
            (42_000, 3),
            (43_000, 0),
            (44_000, 0)
        ],
        "one full bin of 1s in the middle of empty ones"
    );
    assert_eq!(
        time_to_complete(&[0])
            .bins
            .iter()
            .map(|b| b.count)
            .collect::<Vec<_>>(),
        [1, 0, 0, 0, 0],
        "nothing before zero"
    );
    assert_eq!(time_to_complete(&[]).bins, []);
    assert_eq!(time_to_complete(&[1, 2, 3, 4]).median, Some(2));
    assert_eq!(time_to_complete(&(1..=10).collect::<Vec<_>>()).p90, Some(9));
}

#[test]
fn durations_read_in_their_two_largest_units() {
    assert_eq!(human_duration(0), "0s");
    assert_eq!(human_duration(250), "250ms");
    assert_eq!(human_duration(90_000), "1m 30s");
    assert_eq!(human_duration(45 * M), "45m");
    assert_eq!(human_duration(26 * 60 * M + 5 * M), "1d 2h");
    assert_eq!(human_duration(24 * 60 * M + 5 * M), "1d 5m");
    assert_eq!(human_duration(2 * 60 * M + 15_000), "2h 15s");
}

#[test]
fn bin_edges_read_down_to_the_bin_width() {
    assert_eq!(edge_label(2 * 60 * M + 5_000, 5_000), "2h 5s");
    assert_eq!(edge_label(2 * 60 * M, 5_000), "2h");
    assert_eq!(edge_label(3 * 24 * 60 * M + 1_000, 1_000), "3d 1s");
    assert_eq!(edge_label(16 * 60 * M, 8 * 60 * M), "16h");
    assert_eq!(edge_label(0, 60 * M), "0");
    let campaign = time_to_complete(&[7_201_000, 7_215_000, 7_230_000]);
    assert_eq!(
        campaign.bins.iter().map(Bin::label).collect::<Vec<_>>()[..2],
        ["2h – 2h 5s", "2h 5s – 2h 10s"],
        "a spread of seconds two hours in gets 5s bins"
    );
    assert_eq!(campaign.bins.len(), 7);
}
