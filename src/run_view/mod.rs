//! What the run screens show, as plain data computed from the engine's state
//! and event log: the executions table, one execution's path, timeline and
//! history, the lifecycle diagrams with live counts, operator inboxes, and
//! per-step counts with edge labels for the canvas. No Leptos here: every
//! view model is tested natively.

pub mod approvals;
pub mod channels;
pub mod event_text;
pub mod execution;
pub mod executions;
pub mod exports;
pub mod history;
pub mod lifecycle;
pub mod log_index;
pub mod metrics;
pub mod people;
pub mod reason_text;
pub mod runs_query;
pub mod steps;

#[cfg(test)]
mod areas_tests;
#[cfg(test)]
mod exports_tests;
#[cfg(test)]
mod metrics_tests;
#[cfg(test)]
mod tests;

use flowlab_engine::ids::{ExecIx, StepIx};
use flowlab_engine::runtime::state::State;

/// A step's display name: its `name`, else its id.
pub fn step_label(state: &State, x: ExecIx, step: StepIx) -> (String, String) {
    let version = state.version_of(x);
    let id = version.compiled.step(step).id.clone();
    let name = version
        .draft
        .steps
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| id.clone());
    (id, name)
}
