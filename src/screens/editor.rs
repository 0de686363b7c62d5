use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::use_workspace;
use crate::components::step_strip::KindTag;
use crate::screens::WorkspaceErrorBanner;
use crate::workspace::{StepSummary, WorkflowSummary};

/// `/editor/:id`: for now a read-only list of the workflow's steps.
#[component]
pub fn EditorScreen() -> impl IntoView {
    let workspace = use_workspace();
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        match workspace.as_ref() {
            Err(e) => {
                view! { <div class="page"><WorkspaceErrorBanner error=e.to_string() /></div> }
                    .into_any()
            }
            Ok(ws) => match ws.workflow(&id) {
                Some(wf) => view! { <WorkflowDetail wf=wf.clone() /> }.into_any(),
                None => view! { <UnknownWorkflow id /> }.into_any(),
            },
        }
    }
}

#[component]
fn WorkflowDetail(wf: WorkflowSummary) -> impl IntoView {
    let step_count = wf.steps.len();
    view! {
        <div class="page" data-testid="screen-editor" data-workflow-id=wf.id.clone()>
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <a href="/" data-testid="breadcrumb-workflows">"Workflows"</a>
                <span aria-hidden="true">"/"</span>
                <span>{wf.name.clone()}</span>
            </nav>
            <div class="page-header">
                <div>
                    <h1 class="page-title" data-testid="editor-title">{wf.name.clone()}</h1>
                    <div class="editor-meta">
                        <span class=format!("badge badge--{}", wf.status) data-testid="editor-status">{wf.status}</span>
                        <code data-testid="editor-workflow-id">{wf.id.clone()}</code>
                        <span class="editor-meta-sep">"·"</span>
                        <span data-testid="editor-trigger">{wf.trigger.clone()}</span>
                    </div>
                </div>
            </div>
            <div class="editor-layout">
                <ol class="step-list" data-testid="step-list" aria-label="Steps">
                    {wf.steps.into_iter().enumerate().map(|(i, step)| view! { <StepItem index=i + 1 step /> }).collect_view()}
                </ol>
                <aside>
                    <div class="side-card">
                        <h2>"Read-only for now"</h2>
                        <p>
                            "The canvas editor comes next: placing and connecting steps, editing them in an inspector, "
                            "and publishing numbered versions. Here you can read the draft as the engine parsed it."
                        </p>
                    </div>
                    <div class="side-card">
                        <h2>"Draft"</h2>
                        <dl>
                            <dt>"Status"</dt>
                            <dd>{wf.status}</dd>
                            <dt>"Trigger"</dt>
                            <dd>{wf.trigger_type}</dd>
                            <dt>"Steps"</dt>
                            <dd>{step_count}</dd>
                            <dt>"Source"</dt>
                            <dd><code>{format!("samples/{}", wf.source)}</code></dd>
                        </dl>
                    </div>
                </aside>
            </div>
        </div>
    }
}

#[component]
fn StepItem(index: usize, step: StepSummary) -> impl IntoView {
    let title = step.name.clone().unwrap_or_else(|| step.id.clone());
    let exits = (!step.exits.is_empty()).then(|| {
        view! {
            <div class="step-exits" data-testid="step-exits">
                {step.exits.iter().map(|exit| view! { <span class="step-exit">{exit.clone()}</span> }).collect_view()}
            </div>
        }
    });
    view! {
        <li class="step-item" data-testid="step-item" data-step-id=step.id.clone() data-kind=step.kind.as_str()>
            <span class="step-index">{index}</span>
            <div>
                <div class="step-title">{title}<span class="step-id">{step.id.clone()}</span></div>
                <div class="step-detail">{step.facts.join(" · ")}</div>
                {exits}
            </div>
            <KindTag kind=step.kind />
        </li>
    }
}

#[component]
fn UnknownWorkflow(id: String) -> impl IntoView {
    view! {
        <div class="page" data-testid="screen-editor-missing">
            <section class="empty-state">
                <h2 class="empty-state-title">"No such workflow"</h2>
                <p class="empty-state-body">
                    "This workspace has no workflow with the id " <code>{id}</code> "."
                </p>
                <a class="link" href="/">"Back to the workflows"</a>
            </section>
        </div>
    }
}
