//! The three lifecycles with live counts on every state, for a projector.
//! Clicking a state shows a live example of it (`state_gallery.rs`).

use flowlab_engine::machines::execution::ExecState;
use leptos::prelude::*;

use super::state_gallery::{Gallery, StateExample};
use crate::components::lifecycle_diagram::{Highlight, LifecycleDiagram};
use crate::gallery::Machine;
use crate::host::use_runtime;
use crate::i18n::tr;
use crate::run_view::lifecycle;

#[component]
pub fn LifecycleScreen() -> impl IntoView {
    let rt = use_runtime();
    let gallery = Gallery::new();
    let workflow = RwSignal::new(String::new());
    let workflows = Memo::new(move |_| {
        rt.with_workflows(|s| {
            s.state()
                .workflows
                .iter()
                .map(|w| (w.draft.id.clone(), w.draft.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let wf = move || {
        let id = workflow.get();
        rt.with_workflows(|s| s.state().workflow_ix.get(&id).copied())
            .flatten()
    };
    let executions = Memo::new(move |_| {
        let wf = wf();
        let counts = rt
            .with_executions(|s| lifecycle::execution_counts(s.state(), wf))
            .unwrap_or([0; ExecState::COUNT]);
        Highlight {
            counts: ExecState::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), counts[s.index()]))
                .collect(),
            lit: gallery.lit(Machine::Execution),
            ..Highlight::default()
        }
    });
    let definitions = Memo::new(move |_| Highlight {
        counts: rt
            .with_workflows(|s| lifecycle::definition_counts(s.state()))
            .unwrap_or_default()
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect(),
        lit: gallery.lit(Machine::Definition),
        ..Highlight::default()
    });
    let steps = Memo::new(move |_| {
        let wf = wf();
        Highlight {
            counts: rt
                .with_executions(|s| lifecycle::step_counts(s.state(), wf))
                .unwrap_or_default()
                .into_iter()
                .map(|(k, n)| (k.to_string(), n))
                .collect(),
            lit: gallery.lit(Machine::Step),
            ..Highlight::default()
        }
    });
    view! {
        <div class="page page--wide" data-testid="screen-lifecycle">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("Lifecycle")}</h1>
                    <p class="page-subtitle">{tr("The state machines the engine follows, with how many are in each state right now. Click a state to see a live example of it.")}</p>
                </div>
                <label class="field">
                    <span>{tr("Executions and steps of")}</span>
                    <select data-testid="lifecycle-workflow" on:change=move |ev| workflow.set(event_target_value(&ev))>
                        <option value="">{tr("All workflows")}</option>
                        {move || workflows.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <StateExample gallery />
            <section class="card lc-card" data-testid="lifecycle-execution">
                <h2 class="section-title">{tr("Execution")}<span class="muted">{tr(" · every enrollment walks this machine; green is fine, amber needs a look, red needs a person")}</span></h2>
                <LifecycleDiagram diagram=lifecycle::execution() highlight=executions title=tr("Execution lifecycle") on_pick=gallery.pick(Machine::Execution) />
            </section>
            <div class="lc-pair">
                <section class="card lc-card" data-testid="lifecycle-definition">
                    <h2 class="section-title">{tr("Definition")}<span class="muted">{tr(" · workflows by status")}</span></h2>
                    <LifecycleDiagram diagram=lifecycle::definition() highlight=definitions title=tr("Definition lifecycle") on_pick=gallery.pick(Machine::Definition) />
                </section>
                <section class="card lc-card" data-testid="lifecycle-step">
                    <h2 class="section-title">{tr("Step")}<span class="muted">{tr(" · steps of executions by status")}</span></h2>
                    <LifecycleDiagram diagram=lifecycle::step() highlight=steps title=tr("Step lifecycle") on_pick=gallery.pick(Machine::Step) />
                </section>
            </div>
        </div>
    }
}
