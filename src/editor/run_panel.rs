//! The side panel in run mode: the selected step's executions by status
//! and its outgoing edges, or, with no step selected, the version's totals,
//! a key to the canvas, and the slot where the version's metrics go.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::machines::step::StepStatus;
use leptos::prelude::*;

use super::context::use_ed_view;
use super::run_context::use_run;
use super::run_model::NodeRunState;
use crate::components::icons::KindIcon;

#[component]
pub fn RunPanel() -> impl IntoView {
    let view = use_ed_view();
    let run = use_run();
    let selected = Memo::new(move |_| {
        let id = view.selection.with(|s| s.single().map(str::to_owned))?;
        run.steps
            .with(|r| r.as_ref().and_then(|r| r.step(&id).cloned()))
    });
    view! {
        <div class="run-panel" data-testid="run-panel">
            {move || match selected.get() {
                Some(step) => view! { <StepCounts step /> }.into_any(),
                None => view! { <VersionOverview /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn StepCounts(step: crate::run_view::steps::StepView) -> impl IntoView {
    let state = NodeRunState::of(Some(&step));
    let now = match state {
        NodeRunState::Current => plural(
            "{n} execution here now|{n} executions here now",
            step.current,
        ),
        NodeRunState::Executed => tr("Executed; no execution here now").to_string(),
        NodeRunState::Idle => tr("No execution has reached this step yet").to_string(),
    };
    let kind = step.kind;
    let rows: Vec<_> = StepStatus::ALL
        .into_iter()
        .filter(|s| step.count(*s) > 0)
        .map(|s| (s, step.count(s)))
        .collect();
    view! {
        <section class=format!("run-step kind--{}", kind.as_str()) data-testid="run-step" data-step=step.id.clone()
            data-run-state=state.as_str()>
            <header class="run-step-head">
                <span class="node-icon"><KindIcon kind /></span>
                <div>
                    <h2 class="run-step-name" data-testid="run-step-name">{step.name.clone()}</h2>
                    <div class="run-step-id mono" translate="no">{format!("{} · {}", step.id, kind.as_str())}</div>
                </div>
            </header>
            <p class=format!("run-step-now run-step-now--{}", state.as_str()) data-testid="run-step-now">{now}</p>
            <h3 class="panel-title">{tr("Executions by status")}</h3>
            {if rows.is_empty() {
                view! { <p class="panel-note" data-testid="run-step-counts-empty">{tr("None yet.")}</p> }.into_any()
            } else {
                view! {
                    <dl class="run-counts" data-testid="run-step-counts">
                        {rows.into_iter().map(|(s, n)| view! {
                            <div class=format!("run-count run-badge--{}", s.as_str()) data-testid="run-step-count" data-status=s.as_str() data-count=n>
                                <dt>{s.as_str().replace('_', " ")}</dt>
                                <dd>{n}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
            <h3 class="panel-title">{tr("Leaving by")}</h3>
            {if step.edges.is_empty() {
                view! { <p class="panel-note">{tr("An end: executions stop here.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="run-edges">
                        {step.edges.iter().map(|e| view! {
                            <li class="run-edge" class:run-edge--unused={e.count == 0} data-testid="run-step-edge"
                                data-port=e.port.as_str() data-to=e.to.clone() data-count=e.count>
                                <span class="muted" translate="no">{format!("{} → {}", e.port.as_str(), e.to)}</span>
                                <strong>{e.label()}</strong>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn VersionOverview() -> impl IntoView {
    let run = use_run();
    let shown = move || run.choice.with(|c| c.shown);
    let totals = move || {
        let v = shown()?;
        run.versions
            .with(|vs| vs.iter().find(|r| r.number == v).cloned())
    };
    view! {
        <section class="run-overview" data-testid="run-overview">
            {move || totals().map(|t| view! {
                <h2 class="run-step-name">{t!("Version {n}", n = t.number)}</h2>
                <p class="run-overview-totals">
                    <span>{plural("{n} execution|{n} executions", t.executions)}</span>
                    <span>{plural("{n} in flight|{n} in flight", t.in_flight)}</span>
                </p>
            })}
            <p class="panel-note">{tr("Click a step to see its executions by status.")}</p>
            <ul class="run-key" aria-label=tr("Key")>
                <li><span class="run-key-mark run-key-mark--current"></span>{tr("Executions are at this step now")}</li>
                <li><span class="run-key-mark run-key-mark--executed"></span>{tr("Executed: some execution has been here")}</li>
                <li data-testid="run-key-edge"><span class="run-key-chip">"N - Ok"</span>{tr("on an edge: how many times executions took it")}</li>
            </ul>
            // The metrics need more room than this panel: they have the
            // Runs screen's width, filtered to this workflow.
            <a class="link run-metrics-link" data-testid="version-metrics-link"
                href=format!("/runs?workflow={}", run.workflow.get_value())>
                {tr("Metrics: completion rate, failures by step, time to complete →")}
            </a>
        </section>
    }
}
