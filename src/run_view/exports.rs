//! The Runs screen's CSV downloads: the executions table as filtered, and
//! one version's metrics. Times and durations in ms, rates from 0 to 1, so
//! a spreadsheet can compute with them.

use crate::csv::Csv;
use crate::i18n::tr;
use crate::t;

use super::executions::ExecRow;
use super::metrics::{VersionMetrics, FAIL_ACTIONS};

/// The download's name, in the page's language; the columns stay English
/// (they are the file's schema).
pub fn runs_file() -> &'static str {
    tr("flowlab-runs.csv")
}

pub const RUNS_HEADER: [&str; 11] = [
    "execution",
    "workflow",
    "workflow_name",
    "version",
    "contact",
    "contact_name",
    "state",
    "step",
    "step_status",
    "enrolled_ms",
    "enrolled",
];

/// One record per row, in the table's order (newest first).
pub fn runs_csv(rows: &[ExecRow]) -> String {
    let mut csv = Csv::new(&RUNS_HEADER);
    for r in rows {
        let (step, status) = match &r.step {
            Some((step, status)) => (step.clone(), status.map_or("", |s| s.as_str())),
            None => (String::new(), ""),
        };
        csv.row(&[
            r.id.clone(),
            r.workflow.clone(),
            r.workflow_name.clone(),
            r.version.to_string(),
            r.contact.clone(),
            r.contact_name.clone(),
            r.state.as_str().to_string(),
            step,
            status.to_string(),
            r.created_at.0.to_string(),
            r.created_at.to_string(),
        ]);
    }
    csv.finish()
}

pub fn metrics_file(m: &VersionMetrics) -> String {
    t!(
        "flowlab-metrics-{workflow}-v{version}.csv",
        workflow = m.workflow,
        version = m.version
    )
}

pub const METRICS_HEADER: [&str; 5] = ["workflow", "version", "step", "metric", "value"];

/// One record per figure: the version's first (`step` empty), then each
/// step's in the metrics' order. A figure that has no value yet (a rate
/// before anything finished) has an empty `value`.
pub fn metrics_csv(m: &VersionMetrics) -> String {
    let mut csv = Csv::new(&METRICS_HEADER);
    let version = m.version.to_string();
    let mut put = |step: &str, metric: &str, value: String| {
        csv.row(&[
            m.workflow.as_str(),
            version.as_str(),
            step,
            metric,
            value.as_str(),
        ]);
    };
    let o = &m.outcomes;
    let ttc = &m.time_to_complete;
    let opt = |v: Option<u64>| v.map_or(String::new(), |v| v.to_string());
    put("", "executions", o.total().to_string());
    put("", "completed", o.completed.to_string());
    put("", "failed_safe", o.failed_safe.to_string());
    put("", "failed_unsafe", o.failed_unsafe.to_string());
    put("", "stopped", o.stopped.to_string());
    put("", "in_flight", o.in_flight.to_string());
    put(
        "",
        "completion_rate",
        o.completion_rate().map_or(String::new(), |r| r.to_string()),
    );
    put("", "completed_measured", ttc.count.to_string());
    put("", "time_to_complete_median_ms", opt(ttc.median));
    put("", "time_to_complete_p90_ms", opt(ttc.p90));
    put("", "time_to_complete_min_ms", opt(ttc.min));
    put("", "time_to_complete_max_ms", opt(ttc.max));
    for s in &m.steps {
        put(&s.id, "name", s.name.clone());
        put(&s.id, "kind", s.kind.as_str().to_string());
        put(&s.id, "reached", s.entered.to_string());
        put(&s.id, "attempts", s.attempts.to_string());
        put(&s.id, "failed_attempts", s.failed_attempts.to_string());
        put(&s.id, "ended_failed", s.ended_failed.to_string());
        put(
            &s.id,
            "failure_rate",
            s.failure_rate().map_or(String::new(), |r| r.to_string()),
        );
        for (kind, n) in FAIL_ACTIONS.iter().zip(s.fail_actions) {
            put(
                &s.id,
                &format!("fail_action_{}", kind.as_str()),
                n.to_string(),
            );
        }
    }
    csv.finish()
}
