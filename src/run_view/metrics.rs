//! Workflow metrics for one published version: executions by outcome, the
//! completion rate, per step attempts, failures and fail actions, and the
//! time from enrollment to COMPLETED as a histogram with median and p90.
//!
//! Outcomes and step entries come from the engine's state; what the state
//! does not keep (failed attempts, fail actions, when an execution
//! completed) comes from the log through [`MetricsLog`], which reads each
//! event once, so a live page pays only for the events added since.

use crate::session::LogView;
use std::collections::HashMap;

use flowlab_engine::event::{Event, Stamped};
use flowlab_engine::ids::{StepIx, WfIx};
use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::{FailActionKind, StepKind};
use flowlab_engine::runtime::state::State;

/// The seven fail actions in the order the table lists them.
pub const FAIL_ACTIONS: [FailActionKind; 7] = [
    FailActionKind::Retry,
    FailActionKind::Continue,
    FailActionKind::Branch,
    FailActionKind::EndWorkflow,
    FailActionKind::SkipRemaining,
    FailActionKind::EnrollWorkflow,
    FailActionKind::FailWorkflow,
];

fn fail_action_slot(kind: FailActionKind) -> usize {
    FAIL_ACTIONS
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is listed")
}

#[derive(Clone, Debug, Default, PartialEq)]
struct StepFacts {
    attempts: u64,
    failed_attempts: u64,
    ended_failed: u64,
    fail_actions: [u64; FAIL_ACTIONS.len()],
}

#[derive(Clone, Debug, Default, PartialEq)]
struct VersionFacts {
    steps: Vec<StepFacts>,
    /// Enrollment to COMPLETED of each completed execution, in ms, sorted.
    completion_ms: Vec<u64>,
}

impl VersionFacts {
    fn step(&mut self, step: StepIx) -> &mut StepFacts {
        if self.steps.len() <= step.ix() {
            self.steps.resize_with(step.ix() + 1, StepFacts::default);
        }
        &mut self.steps[step.ix()]
    }
}

/// What the metrics need from the log, per version, built incrementally.
#[derive(Default)]
pub struct MetricsLog {
    scanned: usize,
    /// The last event read, to notice a log that was replaced (a new
    /// workspace) rather than extended.
    last: Option<Stamped>,
    versions: HashMap<(WfIx, u32), VersionFacts>,
}

impl MetricsLog {
    /// Reads the events added since the last call (everything again when the
    /// log is not the one read so far). `state` is the fold of `log`.
    pub fn catch_up(&mut self, state: &State, log: LogView<'_>) {
        let continues = self.scanned <= log.len()
            && (self.scanned == 0 || self.last.as_ref() == Some(&*log.get(self.scanned - 1)));
        if !continues {
            *self = MetricsLog::default();
        }
        for stamped in log.iter_from(self.scanned) {
            let (exec, step) = match &stamped.event {
                Event::StepAttempt { exec, step, .. }
                | Event::FailAction { exec, step, .. }
                | Event::StepStatus { exec, step, .. } => (*exec, Some(*step)),
                Event::ExecutionState {
                    exec,
                    to: ExecState::Completed,
                    ..
                } => (*exec, None),
                _ => continue,
            };
            let e = state.execution(exec);
            let facts = self.versions.entry((e.wf, e.version)).or_default();
            match (&stamped.event, step) {
                (Event::StepAttempt { ok, .. }, Some(step)) => {
                    let f = facts.step(step);
                    f.attempts += 1;
                    f.failed_attempts += u64::from(!ok);
                }
                (Event::FailAction { action, .. }, Some(step)) => {
                    facts.step(step).fail_actions[fail_action_slot(*action)] += 1;
                }
                (
                    Event::StepStatus {
                        to: StepStatus::Failed,
                        ..
                    },
                    Some(step),
                ) => facts.step(step).ended_failed += 1,
                (Event::ExecutionState { .. }, None) => {
                    let ms = stamped.t.0.saturating_sub(e.created_at.0);
                    let at = facts.completion_ms.partition_point(|d| *d <= ms);
                    facts.completion_ms.insert(at, ms);
                }
                _ => {}
            }
        }
        self.scanned = log.len();
        self.last = log.last().map(|e| e.clone());
    }
}

/// Executions of a version by where they ended (acknowledged or not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    pub completed: u64,
    pub failed_safe: u64,
    pub failed_unsafe: u64,
    /// Stopped by an operator or by the workflow's cancel: CANCELLED.
    pub stopped: u64,
    /// Not in a terminal state yet (ERROR and ROLLBACK included).
    pub in_flight: u64,
}

impl Outcomes {
    pub fn total(&self) -> u64 {
        self.finished() + self.in_flight
    }

    /// Executions in a terminal state: the completion rate's denominator.
    pub fn finished(&self) -> u64 {
        self.completed + self.failed_safe + self.failed_unsafe + self.stopped
    }

    /// Completed over finished; `None` while none has finished.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.finished() > 0).then(|| self.completed as f64 / self.finished() as f64)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepMetrics {
    pub id: String,
    pub name: String,
    pub kind: StepKind,
    /// Executions of the version that reached this step.
    pub entered: u64,
    /// Attempts over every execution, cycle and visit.
    pub attempts: u64,
    pub failed_attempts: u64,
    /// Times the step ended `failed` (its fail action then ran).
    pub ended_failed: u64,
    /// Fail actions taken, by kind, in [`FAIL_ACTIONS`] order.
    pub fail_actions: [u64; FAIL_ACTIONS.len()],
}

impl StepMetrics {
    /// Failed attempts over attempts; `None` for a step never attempted.
    pub fn failure_rate(&self) -> Option<f64> {
        (self.attempts > 0).then(|| self.failed_attempts as f64 / self.attempts as f64)
    }

    /// The fail actions taken, as `(name, count)`, most used first.
    pub fn fail_actions_taken(&self) -> Vec<(&'static str, u64)> {
        let mut out: Vec<(&'static str, u64)> = FAIL_ACTIONS
            .iter()
            .zip(self.fail_actions)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| (k.as_str(), n))
            .collect();
        out.sort_by_key(|a| std::cmp::Reverse(a.1));
        out
    }
}

/// One bar of the time-to-complete histogram: durations in `[from, to)` ms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bin {
    pub from: u64,
    pub to: u64,
    pub count: u64,
}

impl Bin {
    pub fn label(&self) -> String {
        let width = self.to - self.from;
        format!(
            "{} – {}",
            edge_label(self.from, width),
            edge_label(self.to, width)
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeToComplete {
    /// How many completed executions the figures are over.
    pub count: u64,
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// Nearest rank: the smallest duration at least half are within.
    pub median: Option<u64>,
    /// Nearest rank: the smallest duration at least 90% are within.
    pub p90: Option<u64>,
    /// Equal-width bins covering `min..=max`; empty when nothing completed.
    pub bins: Vec<Bin>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VersionMetrics {
    pub workflow: String,
    pub version: u32,
    pub outcomes: Outcomes,
    pub steps: Vec<StepMetrics>,
    pub time_to_complete: TimeToComplete,
}

/// The metrics of `version` (1-based) of `wf`; `None` when that version
/// does not exist. `log` must have caught up with the log `state` folds.
pub fn version_metrics(
    state: &State,
    log: &MetricsLog,
    wf: WfIx,
    version: u32,
) -> Option<VersionMetrics> {
    let w = state.workflow(wf);
    let v = w.versions.get(version.checked_sub(1)? as usize)?;
    let empty = VersionFacts::default();
    let facts = log.versions.get(&(wf, version)).unwrap_or(&empty);
    let mut outcomes = Outcomes::default();
    let mut entered = vec![0u64; v.compiled.steps.len()];
    for x in &w.executions {
        let e = state.execution(*x);
        if e.version != version {
            continue;
        }
        match e.state {
            ExecState::Completed | ExecState::CompletedAck => outcomes.completed += 1,
            ExecState::FailedSafe | ExecState::FailedSafeAck => outcomes.failed_safe += 1,
            ExecState::FailedUnsafe | ExecState::FailedUnsafeAck => outcomes.failed_unsafe += 1,
            ExecState::Cancelled | ExecState::CancelledAck => outcomes.stopped += 1,
            _ => outcomes.in_flight += 1,
        }
        for (n, run) in entered.iter_mut().zip(e.steps.iter()) {
            *n += u64::from(run.status().is_some());
        }
    }
    let steps = v
        .compiled
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let f = facts.steps.get(i).cloned().unwrap_or_default();
            StepMetrics {
                id: s.id.clone(),
                name: v
                    .draft
                    .step(&s.id)
                    .and_then(|d| d.name.clone())
                    .unwrap_or_else(|| s.id.clone()),
                kind: s.kind,
                entered: entered[i],
                attempts: f.attempts,
                failed_attempts: f.failed_attempts,
                ended_failed: f.ended_failed,
                fail_actions: f.fail_actions,
            }
        })
        .collect();
    Some(VersionMetrics {
        workflow: w.draft.id.clone(),
        version,
        outcomes,
        steps,
        time_to_complete: time_to_complete(&facts.completion_ms),
    })
}

/// The version a metrics view opens on: the newest with executions, else the
/// newest published; `None` before the first publish.
pub fn default_version(state: &State, wf: WfIx) -> Option<u32> {
    let w = state.workflow(wf);
    w.executions
        .iter()
        .map(|x| state.execution(*x).version)
        .max()
        .or_else(|| w.current().map(|v| v.number))
}

/// Nearest-rank percentile of sorted durations.
fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.max(1) - 1).copied()
}

/// Figures and histogram over `sorted` durations (ms, ascending).
pub fn time_to_complete(sorted: &[u64]) -> TimeToComplete {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return TimeToComplete::default();
    };
    let width = bin_width(min, max);
    let mut from = min / width * width;
    let mut n = (max - from) / width + 1;
    // A narrow spread is shown with empty bins around it, so that one bar
    // does not fill the whole chart.
    let mut before = true;
    while n < MIN_BINS {
        if before && from >= width {
            from -= width;
        }
        n += 1;
        before = !before;
    }
    let mut bins: Vec<Bin> = (0..n)
        .map(|i| Bin {
            from: from + i * width,
            to: from + (i + 1) * width,
            count: 0,
        })
        .collect();
    for d in sorted {
        bins[((d - from) / width) as usize].count += 1;
    }
    TimeToComplete {
        count: sorted.len() as u64,
        min: Some(min),
        max: Some(max),
        median: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        bins,
    }
}

const SECOND: u64 = 1_000;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// Bin widths a person reads at a glance, from a second to a month.
const WIDTHS: [u64; 30] = [
    SECOND,
    2 * SECOND,
    5 * SECOND,
    10 * SECOND,
    15 * SECOND,
    20 * SECOND,
    30 * SECOND,
    MINUTE,
    2 * MINUTE,
    3 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    20 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    4 * HOUR,
    6 * HOUR,
    8 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    3 * DAY,
    4 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
    90 * DAY,
];

/// Most bins a histogram gets.
pub const MAX_BINS: u64 = 12;
/// Fewest bins a histogram gets.
pub const MIN_BINS: u64 = 5;

/// The narrowest readable width that covers `min..=max` in at most
/// [`MAX_BINS`] bins; when every duration is the same, one bar about a
/// fiftieth of it wide.
fn bin_width(min: u64, max: u64) -> u64 {
    let fits = |w: u64| {
        if min == max {
            w * 50 >= max
        } else {
            (max - min / w * w) / w < MAX_BINS
        }
    };
    WIDTHS
        .iter()
        .copied()
        .find(|w| fits(*w))
        .unwrap_or(max / (MAX_BINS - 1) + 1)
}

const UNITS: [(u64, &str, &str); 4] = [
    (DAY, "d", "j"),
    (HOUR, "h", "h"),
    (MINUTE, "m", "min"),
    (SECOND, "s", "s"),
];

/// `n` and its unit as the page's language writes them: `3d`, `3 j`.
fn unit_text(n: u64, en: &str, fr: &str) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::En => format!("{n}{en}"),
        crate::i18n::Lang::Fr => format!("{}\u{a0}{fr}", crate::i18n::num(n)),
    }
}

/// A bin edge down to the largest unit that divides the bins' `width`, so
/// that neighbouring edges always read differently: `2h 5s`, `3d`, `16h`.
pub fn edge_label(ms: u64, width: u64) -> String {
    let Some(&(smallest, _, _)) = UNITS
        .iter()
        .find(|(size, _, _)| width.is_multiple_of(*size))
    else {
        return human_duration(ms);
    };
    let mut parts = Vec::new();
    let mut rest = ms;
    for (size, en, fr) in UNITS.iter().filter(|(size, _, _)| *size >= smallest) {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(unit_text(n, en, fr));
        }
    }
    if parts.is_empty() {
        "0".into()
    } else {
        parts.join(" ")
    }
}

/// A duration in its two largest non-zero units: `3d 4h`, `45m`, `2h 15s`,
/// `0s`.
pub fn human_duration(ms: u64) -> String {
    crate::i18n::duration(ms)
}
