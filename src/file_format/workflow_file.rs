//! One workflow as a workflow file of the scenario format (what the
//! editor's Export ▸ workflow JSON writes and its import reads back).

use flowlab_engine::model::WorkflowDraft;

/// One workflow as a scenario-format workflow file.
pub fn export_workflow(draft: &WorkflowDraft) -> String {
    serde_json::to_string_pretty(&draft.to_json()).expect("JSON serializes")
}
