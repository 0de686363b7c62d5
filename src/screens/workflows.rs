use flowlab_engine::command::Command;
use flowlab_engine::model::StepKind;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::step_strip::{KindTag, StepStrip};
use crate::host::use_runtime;
use crate::i18n::{plural, tr};
use crate::t;
use crate::workspace::WorkflowSummary;

/// One row: the draft's summary, with the engine's live status.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    summary: WorkflowSummary,
    versions: usize,
    unpublished: bool,
}

/// An id no workflow has yet: `workflow_1`, `workflow_2`, …
pub fn fresh_workflow_id(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("workflow_{n}"))
        .find(|id| !taken.contains(id))
        .expect("some number is free")
}

/// The default screen: every workflow of the running workspace.
#[component]
pub fn WorkflowsScreen() -> impl IntoView {
    let rt = use_runtime();
    let navigate = use_navigate();
    let rows = Memo::new(move |_| {
        rt.with_workflows(|s| {
            s.state()
                .workflows
                .iter()
                .map(|w| {
                    let mut summary = WorkflowSummary::from_draft(&w.draft, "");
                    summary.status = w.status.as_str();
                    Row {
                        summary,
                        versions: w.versions.len(),
                        unpublished: w.unpublished_changes && !w.versions.is_empty(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let create = move |_| {
        let taken: Vec<String> = rows
            .get_untracked()
            .unwrap_or_default()
            .iter()
            .map(|r| r.summary.id.clone())
            .collect();
        let id = fresh_workflow_id(&taken);
        let command = Command::Create {
            workflow: id.clone(),
            name: tr("Untitled workflow").into(),
        };
        if let Ok(Outcome::Accepted) = rt.command(command) {
            navigate(&format!("/editor/{id}"), Default::default());
        }
    };
    let subtitle = move || match rows.get() {
        Some(r) => t!(
            "Your workspace · {workflows} · kept in this browser",
            workflows = plural("{n} workflow|{n} workflows", r.len() as u64)
        ),
        None if matches!(rt.mode(), crate::host::Mode::Failed(_)) => {
            tr("The workspace could not be opened: the message above says why").into()
        }
        None => tr("Opening the workspace…").into(),
    };
    view! {
        <div class="page" data-testid="screen-workflows">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("Workflows")}</h1>
                    <p class="page-subtitle" data-testid="workspace-summary">{subtitle}</p>
                </div>
                <div class="page-actions">
                    <div class="kind-legend" data-testid="kind-legend" aria-label=tr("Step kinds")>
                        {StepKind::ALL.into_iter().map(|kind| view! { <KindTag kind /> }).collect_view()}
                    </div>
                    <button type="button" class="button button--primary" data-testid="new-workflow"
                        disabled=move || rows.with(Option::is_none) on:click=create>
                        {tr("New workflow")}
                    </button>
                </div>
            </div>
            {move || rows.get().map(|rows| view! { <WorkflowTable rows /> })}
            <p class="workspace-note">
                {tr("Every workflow starts as a draft: publishing makes a numbered version, activating lets contacts in. Open one to edit it on the canvas.")}
            </p>
        </div>
    }
}

#[component]
fn WorkflowTable(rows: Vec<Row>) -> impl IntoView {
    view! {
        <div class="workflow-table" data-testid="workflow-list" role="table" aria-label=tr("Workflows")>
            <div class="workflow-table-head" role="row">
                <span role="columnheader">{tr("Name")}</span>
                <span class="col-trigger" role="columnheader">{tr("Trigger")}</span>
                <span role="columnheader">{tr("Steps")}</span>
                <span class="workflow-status" role="columnheader">{tr("Status")}</span>
            </div>
            {rows.into_iter().map(|row| view! { <WorkflowRow row /> }).collect_view()}
        </div>
    }
}

#[component]
fn WorkflowRow(row: Row) -> impl IntoView {
    let wf = row.summary;
    let kinds: Vec<_> = wf.kinds().collect();
    let steps = plural("{n} step|{n} steps", kinds.len() as u64);
    let version = match row.versions {
        0 => None,
        n if row.unpublished => Some(t!("v{n} · edited", n = n)),
        n => Some(format!("v{n}")),
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
                <div class="workflow-id" data-testid="workflow-id" translate="no">{wf.id.clone()}</div>
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
                <span class=format!("badge badge--{}", wf.status) data-testid="workflow-status" translate="no">{wf.status}</span>
                {version.map(|v| view! { <span class="workflow-version" data-testid="workflow-version">{v}</span> })}
            </div>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::fresh_workflow_id;

    #[test]
    fn a_new_workflow_gets_the_first_free_id() {
        assert_eq!(fresh_workflow_id(&[]), "workflow_1");
        let taken = ["workflow_1".to_string(), "workflow_3".to_string()];
        assert_eq!(fresh_workflow_id(&taken), "workflow_2");
    }
}
