//! One module per screen of the app.

mod approvals;
mod empty;
pub mod lazy;
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
