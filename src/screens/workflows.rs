use flowlab_engine::model::StepKind;
use leptos::prelude::*;

use crate::app::use_workspace;
use crate::components::step_strip::{KindTag, StepStrip};
use crate::screens::WorkspaceErrorBanner;
use crate::workspace::WorkflowSummary;

/// The default screen: every workflow of the workspace.
#[component]
pub fn WorkflowsScreen() -> impl IntoView {
    let workspace = use_workspace();
    let (subtitle, body) = match workspace.as_ref() {
        Ok(ws) => (
            format!(
                "Sample workspace · {} workflows · built into the app",
                ws.workflows.len()
            ),
            view! { <WorkflowTable workflows=ws.workflows.clone() /> }.into_any(),
        ),
        Err(e) => (
            "Sample workspace".to_owned(),
            view! { <WorkspaceErrorBanner error=e.to_string() /> }.into_any(),
        ),
    };
    view! {
        <div class="page" data-testid="screen-workflows">
            <div class="page-header">
                <div>
                    <h1 class="page-title">"Workflows"</h1>
                    <p class="page-subtitle" data-testid="workspace-summary">{subtitle}</p>
                </div>
                <div class="kind-legend" data-testid="kind-legend" aria-label="Step kinds">
                    {StepKind::ALL.into_iter().map(|kind| view! { <KindTag kind /> }).collect_view()}
                </div>
            </div>
            {body}
            <p class="workspace-note">
                "Every workflow starts as a draft: publishing makes a numbered version, activating lets contacts in. "
                "Open one to see its steps."
            </p>
        </div>
    }
}

#[component]
fn WorkflowTable(workflows: Vec<WorkflowSummary>) -> impl IntoView {
    view! {
        <div class="workflow-table" data-testid="workflow-list" role="table" aria-label="Workflows">
            <div class="workflow-table-head" role="row">
                <span role="columnheader">"Name"</span>
                <span class="col-trigger" role="columnheader">"Trigger"</span>
                <span role="columnheader">"Steps"</span>
                <span class="workflow-status" role="columnheader">"Status"</span>
            </div>
            {workflows.into_iter().map(|wf| view! { <WorkflowRow wf /> }).collect_view()}
        </div>
    }
}

#[component]
fn WorkflowRow(wf: WorkflowSummary) -> impl IntoView {
    let kinds: Vec<_> = wf.kinds().collect();
    let steps = match kinds.len() {
        1 => "1 step".to_owned(),
        n => format!("{n} steps"),
    };
    view! {
        <a
            class="workflow-row"
            role="row"
            href=format!("/editor/{}", wf.id)
            data-testid="workflow-row"
            data-workflow-id=wf.id.clone()
        >
            <div role="cell">
                <div class="workflow-name" data-testid="workflow-name">{wf.name.clone()}</div>
                <div class="workflow-id" data-testid="workflow-id">{wf.id.clone()}</div>
                <div class="workflow-trigger-inline" aria-hidden="true">{wf.trigger.clone()}</div>
            </div>
            <div class="workflow-trigger" role="cell" data-testid="workflow-trigger" title=wf.trigger.clone()>
                {wf.trigger.clone()}
            </div>
            <div class="workflow-steps" role="cell">
                <span class="workflow-step-count" data-testid="workflow-step-count">{steps}</span>
                <StepStrip kinds />
            </div>
            <div class="workflow-status" role="cell">
                <span class=format!("badge badge--{}", wf.status) data-testid="workflow-status">{wf.status}</span>
            </div>
        </a>
    }
}
