use flowlab_engine::machines::step::StepStatus;
use leptos::prelude::*;

use crate::editor::run_model::{editor_href, CanvasMode};
use crate::host::use_runtime;
use crate::i18n::{num, tr};
use crate::run_view::steps::version_steps;
use crate::t;

/// One version of a workflow in run mode: each step with its executions by
/// status, circled once executed, blinking while executions are at it, and
/// its outgoing edges as `N - Ok`.
#[component]
pub fn StepsPanel(workflow: String, #[prop(into)] version: Signal<Option<u32>>) -> impl IntoView {
    let rt = use_runtime();
    let id = workflow.clone();
    let data = Memo::new(move |_| {
        let wanted = version.get();
        rt.with_workflows_runs(|s| {
            let state = s.state();
            let wf = *state.workflow_ix.get(&workflow)?;
            let v = wanted.or_else(|| state.workflow(wf).current().map(|v| v.number))?;
            Some((v, version_steps(state, wf, v)))
        })
        .flatten()
    });
    view! {
        <section class="steps-panel" data-testid="steps-panel">
            {move || match data.get() {
                None => view! { <p class="muted" data-testid="steps-panel-empty">{tr("This workflow has no published version yet.")}</p> }.into_any(),
                Some((v, steps)) => view! {
                    <div class="steps-panel-head">
                        <h2 class="section-title">{t!("Version {v} in run mode", v = v)}</h2>
                        <a class="button button--small" data-testid="watch-on-canvas"
                            href=editor_href(&id, CanvasMode::Run, Some(v))>{tr("Watch on the canvas")}</a>
                    </div>
                    <ol class="steps-run">
                        {steps.into_iter().map(|s| {
                            let counts = StepStatus::ALL
                                .into_iter()
                                .filter(|st| s.count(*st) > 0)
                                .map(|st| view! {
                                    <span class=format!("step-count step-count--{}", st.as_str()) data-testid="step-count" data-status=st.as_str()>
                                        {num(s.count(st))}" "<span translate="no">{st.as_str()}</span>
                                    </span>
                                })
                                .collect_view();
                            view! {
                                <li
                                    class=format!("step-run kind--{}", s.kind.as_str())
                                    class:step-run--executed=s.executed
                                    class:step-run--current={s.current > 0}
                                    data-testid="step-run"
                                    data-step=s.id.clone()
                                    data-executed=s.executed.to_string()
                                    data-current=s.current.to_string()
                                >
                                    <span class="step-run-mark" aria-hidden="true"></span>
                                    <div class="step-run-main">
                                        <div class="step-run-name">{s.name.clone()}<span class="muted mono" translate="no">{format!(" {} · {}", s.id, s.kind.as_str())}</span></div>
                                        <div class="step-run-counts">{counts}</div>
                                    </div>
                                    <div class="step-run-edges">
                                        {s.edges.iter().map(|e| view! {
                                            <span class="edge-label" data-testid="edge-label" data-port=e.port.as_str() data-to=e.to.clone()>
                                                <span class="muted" translate="no">{format!("{} → {}", e.port.as_str(), e.to)}</span>
                                                <strong>{e.label()}</strong>
                                            </span>
                                        }).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
