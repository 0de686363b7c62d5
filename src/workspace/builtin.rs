//! The built-in samples read as a whole, for the tests: every workflow's
//! summary and every scenario's, and a workflow id defined twice refused.

use flowlab_engine::scenario::{parse_scenario, FileError};
use flowlab_engine::time::format_duration;
use thiserror::Error;

use super::WorkflowSummary;
use crate::file_format::samples::{SampleFile, SAMPLE_FILES};

#[derive(Clone, Debug, PartialEq, Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("workflow `{id}` is defined in both {first} and {second}")]
    DuplicateWorkflow {
        id: String,
        first: &'static str,
        second: &'static str,
    },
}

/// The built-in samples as a whole, which the tests read.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub workflows: Vec<WorkflowSummary>,
    pub scenarios: Vec<ScenarioSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioSummary {
    pub file: &'static str,
    pub note: Option<String>,
    pub workflow_ids: Vec<String>,
    pub contacts: usize,
    pub operators: usize,
    pub commands: usize,
    pub expectations: usize,
    pub run_until: String,
}

impl Workspace {
    /// The workspace compiled into the app.
    pub fn builtin() -> Result<Workspace, WorkspaceError> {
        Workspace::from_files(&SAMPLE_FILES)
    }

    pub fn from_files(files: &[SampleFile]) -> Result<Workspace, WorkspaceError> {
        let mut workflows: Vec<WorkflowSummary> = Vec::new();
        let mut scenarios = Vec::new();
        for file in files {
            let scenario = parse_scenario(file.name, file.text)?;
            for draft in &scenario.workflows {
                if let Some(seen) = workflows.iter().find(|w| w.id == draft.id) {
                    return Err(WorkspaceError::DuplicateWorkflow {
                        id: draft.id.clone(),
                        first: seen.source,
                        second: file.name,
                    });
                }
                workflows.push(WorkflowSummary::from_draft(draft, file.name));
            }
            scenarios.push(ScenarioSummary {
                file: file.name,
                note: scenario.note().map(str::to_owned),
                workflow_ids: scenario.workflows.iter().map(|w| w.id.clone()).collect(),
                contacts: scenario.contacts.len(),
                operators: scenario.operators.len(),
                commands: scenario.script.len(),
                expectations: scenario.expect.len(),
                run_until: format_duration(scenario.run_until.ms()),
            });
        }
        Ok(Workspace {
            workflows,
            scenarios,
        })
    }

    pub fn workflow(&self, id: &str) -> Option<&WorkflowSummary> {
        self.workflows.iter().find(|w| w.id == id)
    }
}
