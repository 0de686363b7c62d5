//! One module per screen of the app.

mod approvals;
mod empty;
mod lifecycle;
mod people;
mod people_operators;
pub mod runs;
mod scenarios;
mod state_gallery;
mod workflows;

pub use crate::editor::EditorScreen;
pub use approvals::ApprovalsScreen;
pub use empty::NotFoundScreen;
pub use lifecycle::LifecycleScreen;
pub use people::PeopleScreen;
pub use runs::{ExecutionScreen, RunsScreen};
pub use scenarios::ScenariosScreen;
pub use workflows::WorkflowsScreen;

use leptos::prelude::*;

use crate::t;

/// Shown instead of a screen when the built-in workspace failed to load.
#[component]
pub fn WorkspaceErrorBanner(error: String) -> impl IntoView {
    view! {
        <div class="error-banner" role="alert" data-testid="workspace-error">
            {t!("The built-in workspace could not be loaded: {error}", error = error)}
        </div>
    }
}
