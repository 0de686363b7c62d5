//! The definition lifecycle as the editor's buttons see it: which actions
//! a workflow's status allows, why the others are not possible (the
//! engine's own transition table says), and what a person must confirm.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::machines::definition::{
    transition, DefinitionInput, Facts, Refusal, WorkflowStatus,
};

#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleAction {
    pub input: DefinitionInput,
    pub label: &'static str,
    /// `Err` says why the action is not possible now.
    pub allowed: Result<(), String>,
    /// What a person must read and accept first, for actions that cannot
    /// be taken back.
    pub confirm: Option<String>,
}

pub const INPUTS: [DefinitionInput; 5] = [
    DefinitionInput::Activate,
    DefinitionInput::Pause,
    DefinitionInput::Resume,
    DefinitionInput::Cancel,
    DefinitionInput::Archive,
];

pub fn label(input: DefinitionInput) -> &'static str {
    match input {
        DefinitionInput::Activate => tr("Activate"),
        DefinitionInput::Pause => tr("Pause"),
        DefinitionInput::Resume => tr("Resume"),
        DefinitionInput::Cancel => tr("Cancel"),
        DefinitionInput::Archive => tr("Archive"),
    }
}

pub fn actions(status: WorkflowStatus, facts: Facts) -> Vec<LifecycleAction> {
    INPUTS
        .into_iter()
        .map(|input| LifecycleAction {
            input,
            label: label(input),
            allowed: transition(status, input, facts)
                .map(|_| ())
                .map_err(|r| why_not(&r, input)),
            confirm: confirmation(input, facts.non_terminal_executions),
        })
        .collect()
}

/// The engine's refusal, said to a person in the current language.
fn why_not(refusal: &Refusal, input: DefinitionInput) -> String {
    match refusal {
        Refusal::NoVersion => tr("A workflow needs a published version before it can be activated").into(),
        Refusal::ExecutionsInProgress(n) => plural("The workflow has {n} execution still in progress: cancel it first, or wait for it to end|The workflow has {n} executions still in progress: cancel it first, or wait for them to end", *n),
        Refusal::NotFrom { status, .. } => match input {
            DefinitionInput::Activate => t!("Cannot activate a workflow that is {status}", status = status),
            DefinitionInput::Pause => t!("Cannot pause a workflow that is {status}", status = status),
            DefinitionInput::Resume => t!("Cannot resume a workflow that is {status}", status = status),
            DefinitionInput::Cancel => t!("Cannot cancel a workflow that is {status}", status = status),
            DefinitionInput::Archive => t!("Cannot archive a workflow that is {status}", status = status),
        },
    }
}

fn confirmation(input: DefinitionInput, running: u64) -> Option<String> {
    let executions = match running {
        0 => tr("No execution is running now.").to_string(),
        n => plural("The {n} execution still running is cancelled at once (CANCELLED).|The {n} executions still running are cancelled at once (CANCELLED).", n),
    };
    match input {
        DefinitionInput::Cancel => Some(t!("Cancelling stops this workflow for good: nobody can enroll again and it cannot be activated again. {executions} It can still be archived or cloned.", executions = executions)),
        DefinitionInput::Archive => Some(tr("Archiving retires this workflow for good: it becomes read-only (no edits, no publishing, no enrollments). Executions that ended keep their history; the workflow can still be cloned.").to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WorkflowStatus as S;

    fn allowed(status: WorkflowStatus, facts: Facts) -> Vec<&'static str> {
        actions(status, facts)
            .into_iter()
            .filter(|a| a.allowed.is_ok())
            .map(|a| a.label)
            .collect()
    }

    const PUBLISHED: Facts = Facts {
        has_version: true,
        non_terminal_executions: 0,
    };

    #[test]
    fn each_status_allows_what_the_spec_says() {
        assert_eq!(allowed(S::Draft, PUBLISHED), ["Activate", "Archive"]);
        assert_eq!(
            allowed(S::Active, PUBLISHED),
            ["Pause", "Cancel", "Archive"]
        );
        assert_eq!(
            allowed(S::Paused, PUBLISHED),
            ["Resume", "Cancel", "Archive"]
        );
        assert_eq!(allowed(S::Cancelled, PUBLISHED), ["Archive"]);
        assert!(allowed(S::Archived, PUBLISHED).is_empty());
    }

    #[test]
    fn impossible_actions_say_why() {
        let unpublished = Facts::default();
        let activate = &actions(S::Draft, unpublished)[0];
        assert_eq!(
            activate.allowed,
            Err("A workflow needs a published version before it can be activated".into())
        );
        let busy = Facts {
            has_version: true,
            non_terminal_executions: 3,
        };
        let archive = actions(S::Active, busy).pop().unwrap();
        assert!(archive.allowed.unwrap_err().contains("3 execution"));
    }

    #[test]
    fn cancel_and_archive_ask_first_and_say_what_happens_to_executions() {
        let busy = Facts {
            has_version: true,
            non_terminal_executions: 2,
        };
        let all = actions(S::Active, busy);
        let cancel = all
            .iter()
            .find(|a| a.input == DefinitionInput::Cancel)
            .unwrap();
        assert!(cancel
            .confirm
            .as_ref()
            .unwrap()
            .contains("The 2 executions still running are cancelled"));
        let archive = all
            .iter()
            .find(|a| a.input == DefinitionInput::Archive)
            .unwrap();
        assert!(archive.confirm.as_ref().unwrap().contains("read-only"));
        assert!(all.iter().filter(|a| a.confirm.is_some()).count() == 2);
    }
}
