//! Definition lifecycle (lifecycle.md §1).
//!
//! | from               | input    | to        | condition                              |
//! |--------------------|----------|-----------|----------------------------------------|
//! | draft              | Activate | active    | a version has been published           |
//! | active             | Pause    | paused    |                                        |
//! | paused             | Resume   | active    |                                        |
//! | active, paused     | Cancel   | cancelled | non-terminal executions are cancelled  |
//! | draft, cancelled   | Archive  | archived  |                                        |
//! | active, paused     | Archive  | archived  | no non-terminal execution              |
//!
//! Anything else is refused with a reason a person can act on.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowStatus {
    Draft,
    Active,
    Paused,
    Cancelled,
    Archived,
}

impl WorkflowStatus {
    pub const ALL: [WorkflowStatus; 5] = [
        WorkflowStatus::Draft,
        WorkflowStatus::Active,
        WorkflowStatus::Paused,
        WorkflowStatus::Cancelled,
        WorkflowStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkflowStatus::Draft => "draft",
            WorkflowStatus::Active => "active",
            WorkflowStatus::Paused => "paused",
            WorkflowStatus::Cancelled => "cancelled",
            WorkflowStatus::Archived => "archived",
        }
    }

    pub fn accepts_edits(self) -> bool {
        self != WorkflowStatus::Archived
    }

    pub fn accepts_publish(self) -> bool {
        matches!(
            self,
            WorkflowStatus::Draft | WorkflowStatus::Active | WorkflowStatus::Paused
        )
    }
}

impl fmt::Display for WorkflowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefinitionInput {
    Activate,
    Pause,
    Resume,
    Cancel,
    Archive,
}

impl DefinitionInput {
    pub fn verb(self) -> &'static str {
        match self {
            DefinitionInput::Activate => "activate",
            DefinitionInput::Pause => "pause",
            DefinitionInput::Resume => "resume",
            DefinitionInput::Cancel => "cancel",
            DefinitionInput::Archive => "archive",
        }
    }
}

/// What the table's conditions need to know.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts {
    pub has_version: bool,
    pub non_terminal_executions: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("a workflow needs a published version before it can be activated")]
    NoVersion,
    #[error("the workflow has {0} execution(s) still in progress: cancel it first, or wait for them to end")]
    ExecutionsInProgress(u64),
    #[error("cannot {verb} a workflow that is {status}")]
    NotFrom {
        verb: &'static str,
        status: WorkflowStatus,
    },
}

pub fn transition(
    from: WorkflowStatus,
    input: DefinitionInput,
    facts: Facts,
) -> Result<WorkflowStatus, Refusal> {
    use DefinitionInput as I;
    use WorkflowStatus as S;
    match (from, input) {
        (S::Draft, I::Activate) if facts.has_version => Ok(S::Active),
        (S::Draft, I::Activate) => Err(Refusal::NoVersion),
        (S::Active, I::Pause) => Ok(S::Paused),
        (S::Paused, I::Resume) => Ok(S::Active),
        (S::Active | S::Paused, I::Cancel) => Ok(S::Cancelled),
        (S::Draft | S::Cancelled, I::Archive) => Ok(S::Archived),
        (S::Active | S::Paused, I::Archive) if facts.non_terminal_executions == 0 => {
            Ok(S::Archived)
        }
        (S::Active | S::Paused, I::Archive) => {
            Err(Refusal::ExecutionsInProgress(facts.non_terminal_executions))
        }
        (S::Active | S::Paused | S::Cancelled | S::Archived, I::Activate)
        | (S::Draft | S::Paused | S::Cancelled | S::Archived, I::Pause)
        | (S::Draft | S::Active | S::Cancelled | S::Archived, I::Resume)
        | (S::Draft | S::Cancelled | S::Archived, I::Cancel)
        | (S::Archived, I::Archive) => Err(Refusal::NotFrom {
            verb: input.verb(),
            status: from,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DefinitionInput as I;
    use WorkflowStatus as S;

    const NONE: Facts = Facts {
        has_version: true,
        non_terminal_executions: 0,
    };

    #[test]
    fn the_table_holds() {
        assert_eq!(transition(S::Draft, I::Activate, NONE), Ok(S::Active));
        assert_eq!(transition(S::Active, I::Pause, NONE), Ok(S::Paused));
        assert_eq!(transition(S::Paused, I::Resume, NONE), Ok(S::Active));
        assert_eq!(transition(S::Active, I::Cancel, NONE), Ok(S::Cancelled));
        assert_eq!(transition(S::Paused, I::Cancel, NONE), Ok(S::Cancelled));
        assert_eq!(transition(S::Draft, I::Archive, NONE), Ok(S::Archived));
        assert_eq!(transition(S::Cancelled, I::Archive, NONE), Ok(S::Archived));
        assert_eq!(transition(S::Active, I::Archive, NONE), Ok(S::Archived));
    }

    #[test]
    fn activation_needs_a_version() {
        let facts = Facts {
            has_version: false,
            ..NONE
        };
        assert_eq!(
            transition(S::Draft, I::Activate, facts),
            Err(Refusal::NoVersion)
        );
    }

    #[test]
    fn archiving_a_live_workflow_needs_it_idle() {
        let busy = Facts {
            non_terminal_executions: 2,
            ..NONE
        };
        assert_eq!(
            transition(S::Paused, I::Archive, busy),
            Err(Refusal::ExecutionsInProgress(2))
        );
        assert_eq!(transition(S::Cancelled, I::Archive, busy), Ok(S::Archived));
    }

    #[test]
    fn everything_else_is_refused_and_archived_is_final() {
        for input in [I::Activate, I::Pause, I::Resume, I::Cancel, I::Archive] {
            assert!(transition(S::Archived, input, NONE).is_err(), "{input:?}");
        }
        assert!(transition(S::Cancelled, I::Resume, NONE).is_err());
        assert!(transition(S::Active, I::Activate, NONE).is_err());
        assert!(transition(S::Draft, I::Pause, NONE).is_err());
    }
}
