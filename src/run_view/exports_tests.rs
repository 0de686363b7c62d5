//! The time range of the executions table and the CSV exports, on a small
//! workflow run through the engine.

use flowlab_engine::ids::WfIx;
use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;

use super::executions::{query, ExecFilter};
use super::exports::{metrics_csv, metrics_file, runs_csv, METRICS_HEADER, RUNS_HEADER};
use super::metrics::{version_metrics, MetricsLog};
use crate::csv::parse;
use crate::session::Session;

const M: u64 = 60_000;

/// Three contacts enrolled at 0, 10m and 20m; each run sends for 1m, then
/// ends. Their names need quoting in CSV.
const SCENARIO: &str = r#"{
  "format": "flowlab-scenario/1",
  "seed": 1,
  "run_until": "30m",
  "contacts": [
    {"id": "c1", "name": "Lovelace, Ada", "email": "c1@example.com"},
    {"id": "c2", "name": "Bea \"B\" Smith", "email": "c2@example.com"},
    {"id": "c3", "email": "c3@example.com"}
  ],
  "workflows": [
    {"id": "w", "name": "Welcome, new", "trigger": {"type": "manual"}, "steps": [
      {"id": "send", "kind": "action", "name": "Send", "action": "email", "duration": "1m"},
      {"id": "done", "kind": "end"}
    ]}
  ],
  "script": [
    {"at": 0, "do": "publish", "workflow": "w"},
    {"at": 0, "do": "activate", "workflow": "w"},
    {"at": 0, "do": "enroll", "workflow": "w", "contacts": ["c1"]},
    {"at": "10m", "do": "enroll", "workflow": "w", "contacts": ["c2"]},
    {"at": "20m", "do": "enroll", "workflow": "w", "contacts": ["c3"]}
  ]
}"#;

fn session_at(t: u64) -> Session {
    let scenario = parse_scenario("exports.json", SCENARIO).expect("parses");
    let mut s = Session::new(sim::genesis(&scenario), scenario.script);
    s.advance_to(SimTime(t), usize::MAX).expect("runs");
    s
}

fn ids(filter: &ExecFilter, s: &Session) -> Vec<String> {
    query(s.state(), filter, 0, 50)
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn the_time_range_keeps_executions_enrolled_within_it_bounds_included() {
    let s = session_at(30 * M);
    let range = |from: Option<u64>, to: Option<u64>| ExecFilter {
        from: from.map(|m| SimTime(m * M)),
        to: to.map(|m| SimTime(m * M)),
        ..ExecFilter::default()
    };
    assert_eq!(ids(&range(None, None), &s), ["e3", "e2", "e1"]);
    assert_eq!(ids(&range(Some(5), Some(15)), &s), ["e2"]);
    assert_eq!(ids(&range(Some(10), Some(20)), &s), ["e3", "e2"]);
    assert_eq!(ids(&range(None, Some(9)), &s), ["e1"]);
    assert_eq!(ids(&range(Some(21), None), &s), Vec::<String>::new());
    let page = query(s.state(), &range(Some(10), None), 0, 50);
    assert_eq!(page.matching, 2);
    assert_eq!(
        page.counts.iter().sum::<u32>(),
        2,
        "the counts per state see the range too"
    );
}

#[test]
fn the_runs_csv_holds_the_filtered_rows_quoted() {
    let s = session_at(30 * M);
    let filter = ExecFilter {
        to: Some(SimTime(10 * M)),
        ..ExecFilter::default()
    };
    let rows = query(s.state(), &filter, 0, 50).rows;
    let text = runs_csv(&rows);
    assert!(text.contains("\"Lovelace, Ada\""), "{text}");
    assert!(text.contains("\"Bea \"\"B\"\" Smith\""), "{text}");
    let table = parse(&text);
    assert_eq!(table[0], RUNS_HEADER);
    assert_eq!(
        table[1],
        [
            "e2",
            "w",
            "Welcome, new",
            "1",
            "c2",
            "Bea \"B\" Smith",
            "COMPLETED",
            "done",
            "completed",
            "600000",
            "d0 00:10:00"
        ]
        .map(String::from)
    );
    assert_eq!(table[2][0], "e1");
    assert_eq!(table[2][5], "Lovelace, Ada");
    assert_eq!(table.len(), 3, "a header and the two rows the range keeps");
}

#[test]
fn the_runs_csv_of_nothing_is_its_header() {
    assert_eq!(parse(&runs_csv(&[])), vec![RUNS_HEADER.map(String::from)]);
}

#[test]
fn the_metrics_csv_has_the_version_figures_then_each_step() {
    let s = session_at(30 * M);
    let mut log = MetricsLog::default();
    log.catch_up(s.state(), s.log());
    let m = version_metrics(s.state(), &log, WfIx(0), 1).expect("version 1");
    assert_eq!(metrics_file(&m), "flowlab-metrics-w-v1.csv");
    let table = parse(&metrics_csv(&m));
    assert_eq!(table[0], METRICS_HEADER);
    let value = |step: &str, metric: &str| -> String {
        let found: Vec<&Vec<String>> = table[1..]
            .iter()
            .filter(|r| r[2] == step && r[3] == metric)
            .collect();
        assert_eq!(found.len(), 1, "{step} {metric} once");
        assert_eq!((found[0][0].as_str(), found[0][1].as_str()), ("w", "1"));
        found[0][4].clone()
    };
    assert_eq!(value("", "executions"), "3");
    assert_eq!(value("", "completed"), "3");
    assert_eq!(value("", "in_flight"), "0");
    assert_eq!(value("", "completion_rate"), "1");
    assert_eq!(value("", "time_to_complete_median_ms"), M.to_string());
    assert_eq!(value("send", "name"), "Send");
    assert_eq!(value("send", "attempts"), "3");
    assert_eq!(value("send", "failed_attempts"), "0");
    assert_eq!(value("send", "failure_rate"), "0");
    assert_eq!(value("send", "fail_action_retry"), "0");
    assert_eq!(
        value("done", "failure_rate"),
        "",
        "an end step has no attempts"
    );
    assert!(table.iter().all(|r| r.len() == METRICS_HEADER.len()));
    assert_eq!(
        s.state().execution(flowlab_engine::ids::ExecIx(0)).state,
        ExecState::Completed
    );
}
