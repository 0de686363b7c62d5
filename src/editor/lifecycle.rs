//! The definition lifecycle as the editor's buttons see it: which actions
//! a workflow's status allows, why the others are not possible (the
//! engine's own transition table says), and what a person must confirm.

use flowlab_engine::machines::definition::{transition, DefinitionInput, Facts, WorkflowStatus};

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
        DefinitionInput::Activate => "Activate",
        DefinitionInput::Pause => "Pause",
        DefinitionInput::Resume => "Resume",
        DefinitionInput::Cancel => "Cancel",
        DefinitionInput::Archive => "Archive",
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
                .map_err(|r| capitalise(&r.to_string())),
            confirm: confirmation(input, facts.non_terminal_executions),
        })
        .collect()
}

fn confirmation(input: DefinitionInput, running: u64) -> Option<String> {
    let executions = match running {
        0 => "No execution is running now.".to_string(),
        1 => "The 1 execution still running is cancelled at once (CANCELLED).".to_string(),
        n => format!("The {n} executions still running are cancelled at once (CANCELLED)."),
    };
    match input {
        DefinitionInput::Cancel => Some(format!(
            "Cancelling stops this workflow for good: nobody can enroll again and it cannot be \
             activated again. {executions} It can still be archived or cloned."
        )),
        DefinitionInput::Archive => Some(
            "Archiving retires this workflow for good: it becomes read-only (no edits, no \
             publishing, no enrollments). Executions that ended keep their history; the \
             workflow can still be cloned."
                .to_string(),
        ),
        _ => None,
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
