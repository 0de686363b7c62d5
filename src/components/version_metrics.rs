//! Metrics of one version of a workflow, live while the clock runs: the
//! headline figures, executions by outcome, a per-step table and the
//! time-to-complete histogram. Mounted by the Runs screen; the editor's run
//! mode can mount it as is (it reads the log on its own).

use leptos::prelude::*;

use crate::browser::download::download_text;
use crate::components::time_histogram::TimeHistogram;
use crate::host::use_runtime;
use crate::i18n::format::percent;
use crate::i18n::{num, plural, tr};
use crate::run_view::exports::{metrics_csv, metrics_file};
use crate::run_view::metrics::{
    default_version, human_duration, version_metrics, MetricsLog, Outcomes, StepMetrics,
    VersionMetrics as Metrics,
};
use crate::t;

/// `version`: `None` opens the newest version with executions.
#[component]
pub fn VersionMetrics(
    workflow: String,
    #[prop(into)] version: Signal<Option<u32>>,
) -> impl IntoView {
    let rt = use_runtime();
    let log = StoredValue::new_local(MetricsLog::default());
    let data = Memo::new(move |_| {
        let wanted = version.get();
        rt.with(|s| {
            let state = s.state();
            let wf = *state.workflow_ix.get(&workflow)?;
            let v = wanted.or_else(|| default_version(state, wf))?;
            log.update_value(|l| l.catch_up(state, s.log()));
            log.with_value(|l| version_metrics(state, l, wf, v))
        })
        .flatten()
    });
    view! {
        <section class="metrics" data-testid="version-metrics">
            {move || match data.get() {
                None => view! {
                    <p class="muted" data-testid="metrics-empty">{tr("No published version to measure yet.")}</p>
                }.into_any(),
                Some(m) => view! { <MetricsBody m /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MetricsBody(m: Metrics) -> impl IntoView {
    let o = m.outcomes;
    let ttc = m.time_to_complete.clone();
    let rate = o.completion_rate();
    // Written on click only: the figures change with every tick of the clock.
    let shown = StoredValue::new(m.clone());
    let export = move |_| {
        shown.with_value(|m| {
            if let Err(e) = download_text(&metrics_file(m), "text/csv", &metrics_csv(m)) {
                web_sys::console::error_1(&e.into());
            }
        })
    };
    view! {
        <div class="metrics-actions">
            <button type="button" class="button button--small" data-testid="metrics-export-csv"
                title=tr("Download this version's figures and per-step table as CSV")
                on:click=export>
                {tr("Export CSV")}
            </button>
        </div>
        <div class="metrics-figures" data-version=m.version.to_string()>
            <Figure testid="metric-executions" value=num(o.total()) label=tr("executions")
                note=t!("{finished} finished · {flight} in flight", finished = num(o.finished()), flight = num(o.in_flight)) data=o.total().to_string() />
            <Figure testid="metric-completion-rate" value=rate.map_or("—".into(), percent) label=tr("completion rate")
                note=t!("{completed} completed of {finished} finished (completed, failed or stopped); executions in flight are not counted", completed = num(o.completed), finished = num(o.finished()))
                data=rate.map_or(String::new(), |r| format!("{r}")) />
            <Figure testid="metric-median" value=ttc.median.map_or("—".into(), human_duration) label=tr("median time to complete")
                note=plural("enrollment to COMPLETED, over {n} completed execution|enrollment to COMPLETED, over {n} completed executions", ttc.count)
                data=ttc.median.map_or(String::new(), |v| v.to_string()) />
            <Figure testid="metric-p90" value=ttc.p90.map_or("—".into(), human_duration) label=tr("p90 time to complete")
                note=tr("90% of completed executions took at most this").to_string()
                data=ttc.p90.map_or(String::new(), |v| v.to_string()) />
        </div>
        <OutcomeBar o />
        <div class="metrics-grid">
            <div class="metrics-steps">
                <h3 class="metrics-heading">{tr("Steps")}</h3>
                <StepTable steps=m.steps.clone() />
            </div>
            <div class="metrics-chart">
                <h3 class="metrics-heading">{tr("Time to complete")}</h3>
                <TimeHistogram ttc />
            </div>
        </div>
    }
}

#[component]
fn Figure(
    testid: &'static str,
    value: String,
    label: &'static str,
    note: String,
    data: String,
) -> impl IntoView {
    view! {
        <div class="metric" data-testid=testid data-value=data>
            <div class="metric-value">{value}</div>
            <div class="metric-label">{label}</div>
            <div class="metric-note muted">{note}</div>
        </div>
    }
}

#[component]
fn OutcomeBar(o: Outcomes) -> impl IntoView {
    let total = o.total().max(1) as f64;
    let parts = [
        ("completed", tr("Completed"), o.completed),
        ("failed_safe", tr("Failed safe"), o.failed_safe),
        ("failed_unsafe", tr("Failed unsafe"), o.failed_unsafe),
        ("stopped", tr("Stopped"), o.stopped),
        ("in_flight", tr("In flight"), o.in_flight),
    ];
    view! {
        <div class="outcomes" data-testid="metric-outcomes">
            <div class="outcome-bar" aria-hidden="true">
                {parts.iter().filter(|p| p.2 > 0).map(|(key, label, n)| view! {
                    <span class=format!("outcome-seg outcome--{key}") style=format!("width: {:.2}%", *n as f64 / total * 100.0) title=t!("{label}: {n}", label = label, n = num(*n))></span>
                }).collect_view()}
            </div>
            <ul class="outcome-legend">
                {parts.iter().map(|(key, label, n)| view! {
                    <li class=format!("outcome outcome--{key}") data-testid="outcome" data-outcome=*key data-count=n.to_string()>
                        <span class="outcome-swatch" aria-hidden="true"></span>
                        {t!("{label} {n}", label = label, n = num(*n))}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn StepTable(steps: Vec<StepMetrics>) -> impl IntoView {
    view! {
        <div class="table metrics-table" role="table" aria-label=tr("Per-step metrics") data-testid="metrics-steps">
            <div class="table-head metrics-row" role="row">
                <span role="columnheader">{tr("Step")}</span>
                <span role="columnheader" class="num" title=tr("Executions of this version that reached the step")>{tr("Reached")}</span>
                <span role="columnheader" class="num" title=tr("Attempts over every execution, retry and visit")>{tr("Attempts")}</span>
                <span role="columnheader" class="num" title=tr("Attempts that failed")>{tr("Failed")}</span>
                <span role="columnheader" class="num" title=tr("Times the step ended failed and its fail action ran")>{tr("Ended failed")}</span>
                <span role="columnheader" title=tr("Failed attempts over attempts")>{tr("Failure rate")}</span>
                <span role="columnheader">{tr("Fail actions")}</span>
            </div>
            {steps.into_iter().map(|s| {
                let rate = s.failure_rate();
                let actions = s.fail_actions_taken();
                view! {
                    <div class="metrics-row" role="row" data-testid="metrics-step" data-step=s.id.clone()
                        data-attempts=s.attempts.to_string() data-failed-attempts=s.failed_attempts.to_string()
                        data-ended-failed=s.ended_failed.to_string() data-reached=s.entered.to_string()>
                        <span role="cell" class="metrics-step-name">
                            <span class=format!("kind-dot kind--{}", s.kind.as_str()) aria-hidden="true"></span>
                            <strong>{s.name.clone()}</strong>
                            <span class="muted mono">{format!(" {}", s.id)}</span>
                        </span>
                        <span role="cell" class="num">{num(s.entered)}</span>
                        <span role="cell" class="num">{if s.attempts > 0 { num(s.attempts) } else { "—".into() }}</span>
                        <span role="cell" class="num" class:metrics-bad={s.failed_attempts > 0}>{num(s.failed_attempts)}</span>
                        <span role="cell" class="num" class:metrics-bad={s.ended_failed > 0}>{num(s.ended_failed)}</span>
                        <span role="cell" class="failure-rate">
                            {match rate {
                                Some(r) => view! {
                                    <span class="rate-track" aria-hidden="true">
                                        <span class="rate-fill" data-testid="failure-bar" data-rate=format!("{r}") style=format!("width: {:.1}%", r * 100.0)></span>
                                    </span>
                                    <span class="rate-text">{percent(r)}</span>
                                }.into_any(),
                                None => view! { <span class="muted">{tr("no attempts")}</span> }.into_any(),
                            }}
                        </span>
                        <span role="cell" class="fail-actions">
                            {if actions.is_empty() {
                                view! { <span class="muted">"—"</span> }.into_any()
                            } else {
                                actions.into_iter().map(|(name, n)| view! {
                                    <span class="tag mono" data-testid="fail-action" data-action=name data-count=n.to_string() translate="no">{format!("{name} ×{}", num(n))}</span>
                                }).collect_view().into_any()
                            }}
                        </span>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
