//! Screens that later versions fill; each says what it will hold.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::empty_state::EmptyState;
use crate::components::icons::{LifecycleIcon, RunsIcon, SearchIcon};

#[component]
pub fn RunsScreen() -> impl IntoView {
    view! {
        <div class="page" data-testid="screen-runs">
            <div class="page-header">
                <div>
                    <h1 class="page-title">"Runs"</h1>
                    <p class="page-subtitle">"Executions of your workflows on simulated time."</p>
                </div>
            </div>
            <EmptyState testid="runs-empty" title="No runs yet" icon=view! { <RunsIcon /> }.into_any()>
                <p class="empty-state-body">
                    "Once a workflow is published, activated and has contacts enrolled, every execution shows up here: "
                    "its state from NEW to an acknowledged end, each step's attempts and retries, and its rollback when it has one."
                </p>
            </EmptyState>
        </div>
    }
}

#[component]
pub fn LifecycleScreen() -> impl IntoView {
    view! {
        <div class="page" data-testid="screen-lifecycle">
            <div class="page-header">
                <div>
                    <h1 class="page-title">"Lifecycle"</h1>
                    <p class="page-subtitle">"The state machines the engine follows."</p>
                </div>
            </div>
            <EmptyState testid="lifecycle-empty" title="Diagrams are on their way" icon=view! { <LifecycleIcon /> }.into_any()>
                <p class="empty-state-body">
                    "This screen will draw the three lifecycles with your runs on them:"
                </p>
                <ul class="empty-state-list">
                    <li><strong>"Definition"</strong>" · draft → active ⇄ paused → cancelled, archived"</li>
                    <li><strong>"Execution"</strong>" · NEW → … → RUNNING → COMPLETED, or ERROR → ROLLBACK"</li>
                    <li><strong>"Step"</strong>" · running, pending retries, awaiting a decision, resolved"</li>
                </ul>
            </EmptyState>
        </div>
    }
}

#[component]
pub fn NotFoundScreen() -> impl IntoView {
    let location = use_location();
    view! {
        <div class="page" data-testid="screen-not-found">
            <EmptyState testid="not-found" title="Nothing here" icon=view! { <SearchIcon /> }.into_any()>
                <p class="empty-state-body">
                    "Flowlab has no screen at " <code>{move || location.pathname.get()}</code> "."
                </p>
                <a class="link" href="/">"Go to the workflows"</a>
            </EmptyState>
        </div>
    }
}
