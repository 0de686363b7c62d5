//! Watching runs: the executions table (`/runs`), one execution
//! (`/runs/:execution`) and the per-workflow step panel.

mod execution;
pub mod index;
mod list;
mod metrics_panel;
mod range_filter;
mod steps_panel;
pub mod timeline;

pub use execution::ExecutionScreen;
pub use list::RunsScreen;

use flowlab_engine::machines::execution::{ExecState, Tone};
use leptos::prelude::*;

pub(crate) fn tone_class(state: ExecState) -> &'static str {
    match state.tone() {
        Tone::Good => "good",
        Tone::Warning => "warning",
        Tone::Bad => "bad",
    }
}

/// An execution state as a coloured badge.
#[component]
pub fn StateBadge(state: ExecState) -> impl IntoView {
    view! {
        <span class=format!("badge state-badge state--{}", tone_class(state)) data-testid="state-badge" data-state=state.as_str()>
            {state.as_str()}
        </span>
    }
}
