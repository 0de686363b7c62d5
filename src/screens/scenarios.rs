use leptos::prelude::*;

use crate::app::use_workspace;
use crate::components::empty_state::EmptyState;
use crate::components::icons::ScenarioIcon;
use crate::screens::WorkspaceErrorBanner;
use crate::workspace::ScenarioSummary;

/// The scenario files behind the workspace. Running them in the page comes
/// with the engine runtime; the screen says so.
#[component]
pub fn ScenariosScreen() -> impl IntoView {
    let workspace = use_workspace();
    let list = match workspace.as_ref() {
        Ok(ws) => ws
            .scenarios
            .iter()
            .cloned()
            .map(|s| view! { <ScenarioCard s /> })
            .collect_view()
            .into_any(),
        Err(e) => view! { <WorkspaceErrorBanner error=e.to_string() /> }.into_any(),
    };
    view! {
        <div class="page" data-testid="screen-scenarios">
            <div class="page-header">
                <div>
                    <h1 class="page-title">"Scenarios"</h1>
                    <p class="page-subtitle">"Scripted stories: contacts, operators, a timeline of actions and what should happen."</p>
                </div>
            </div>
            <div class="scenario-grid" data-testid="scenario-list">{list}</div>
            <EmptyState testid="scenarios-empty" title="Playing scenarios comes next" icon=view! { <ScenarioIcon /> }.into_any()>
                <p class="empty-state-body">
                    "Here you will run a scenario on the page clock and watch its trace. Today the same files run on the "
                    "command line: " <code>"flowlab-sim test samples/*.json"</code>
                </p>
            </EmptyState>
        </div>
    }
}

#[component]
fn ScenarioCard(s: ScenarioSummary) -> impl IntoView {
    view! {
        <article class="scenario-card" data-testid="scenario-card" data-file=s.file>
            <h2 class="scenario-file"><code>{s.file}</code></h2>
            <p class="scenario-note">{s.note.clone().unwrap_or_default()}</p>
            <dl class="scenario-facts">
                <div><dt>"Workflows"</dt><dd>{s.workflow_ids.join(", ")}</dd></div>
                <div><dt>"Contacts"</dt><dd>{s.contacts}</dd></div>
                <div><dt>"Operators"</dt><dd>{s.operators}</dd></div>
                <div><dt>"Script"</dt><dd>{format!("{} commands, until {}", s.commands, s.run_until)}</dd></div>
                <div><dt>"Checks"</dt><dd>{format!("{} expectations", s.expectations)}</dd></div>
            </dl>
        </article>
    }
}
