//! Step lifecycle (lifecycle.md §3).
//!
//! | from                               | input              | to                 |
//! |------------------------------------|--------------------|--------------------|
//! | (none) or finished                 | Enter(wait)        | waiting            |
//! | (none) or finished                 | Enter(approval)    | awaiting_decision  |
//! | (none) or finished                 | Enter(other kinds) | running            |
//! | running                            | Succeeded          | completed          |
//! | running                            | SucceededAfterFailure | resolved        |
//! | running                            | RetryScheduled     | pending            |
//! | awaiting_decision                  | RetryScheduled     | pending            |
//! | pending                            | RetryDue(approval) | awaiting_decision  |
//! | pending                            | RetryDue(other)    | running            |
//! | waiting, awaiting_decision         | Done               | completed          |
//! | running                            | Done               | completed          |
//! | running, awaiting_decision         | Failed             | failed             |
//! | running, pending, waiting, awaiting_decision | Cancel   | cancelled          |
//! | finished                           | Cancel             | (ignored)          |
//! | (none) or finished                 | Skip               | skipped            |
//!
//! Finished: completed, resolved, failed, skipped, cancelled. A step entered
//! again (a loop through a wait or an approval) starts over from finished.

use std::fmt;

use super::{InvalidTransition, Transition};
use crate::model::StepKind;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum StepStatus {
    Waiting,
    Pending,
    Running,
    AwaitingDecision,
    Completed,
    Resolved,
    Failed,
    Skipped,
    Cancelled,
}

impl StepStatus {
    pub const ALL: [StepStatus; 9] = [
        StepStatus::Waiting,
        StepStatus::Pending,
        StepStatus::Running,
        StepStatus::AwaitingDecision,
        StepStatus::Completed,
        StepStatus::Resolved,
        StepStatus::Failed,
        StepStatus::Skipped,
        StepStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Waiting => "waiting",
            StepStatus::Pending => "pending",
            StepStatus::Running => "running",
            StepStatus::AwaitingDecision => "awaiting_decision",
            StepStatus::Completed => "completed",
            StepStatus::Resolved => "resolved",
            StepStatus::Failed => "failed",
            StepStatus::Skipped => "skipped",
            StepStatus::Cancelled => "cancelled",
        }
    }

    pub fn is_finished(self) -> bool {
        matches!(
            self,
            StepStatus::Completed
                | StepStatus::Resolved
                | StepStatus::Failed
                | StepStatus::Skipped
                | StepStatus::Cancelled
        )
    }

    pub fn in_progress(self) -> bool {
        !self.is_finished()
    }
}

impl fmt::Display for StepStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepInput {
    Enter(StepKind),
    Succeeded,
    SucceededAfterFailure,
    RetryScheduled,
    RetryDue(StepKind),
    Done,
    Failed,
    Cancel,
    Skip,
}

#[inline]
pub fn transition(
    from: Option<StepStatus>,
    input: StepInput,
) -> Result<Transition<StepStatus>, InvalidTransition> {
    use StepInput as I;
    use StepStatus as S;
    use Transition::{Ignored, To};
    let fresh = from.is_none_or(S::is_finished);
    Ok(match (from, input) {
        (_, I::Enter(StepKind::Wait)) if fresh => To(S::Waiting),
        (_, I::Enter(StepKind::Approval)) if fresh => To(S::AwaitingDecision),
        (_, I::Enter(_)) if fresh => To(S::Running),
        (_, I::Skip) if fresh => To(S::Skipped),
        (Some(S::Running), I::Succeeded | I::Done) => To(S::Completed),
        (Some(S::Running), I::SucceededAfterFailure) => To(S::Resolved),
        (Some(S::Running | S::AwaitingDecision), I::RetryScheduled) => To(S::Pending),
        (Some(S::Pending), I::RetryDue(StepKind::Approval)) => To(S::AwaitingDecision),
        (Some(S::Pending), I::RetryDue(_)) => To(S::Running),
        (Some(S::Waiting | S::AwaitingDecision), I::Done) => To(S::Completed),
        (Some(S::Running | S::AwaitingDecision), I::Failed) => To(S::Failed),
        (Some(S::Running | S::Pending | S::Waiting | S::AwaitingDecision), I::Cancel) => {
            To(S::Cancelled)
        }
        (Some(S::Completed | S::Resolved | S::Failed | S::Skipped | S::Cancelled), I::Cancel) => {
            Ignored
        }
        (
            None
            | Some(
                S::Waiting
                | S::Pending
                | S::Running
                | S::AwaitingDecision
                | S::Completed
                | S::Resolved
                | S::Failed
                | S::Skipped
                | S::Cancelled,
            ),
            _,
        ) => return Err(invalid(from, input)),
    })
}

#[cold]
fn invalid(from: Option<StepStatus>, input: StepInput) -> InvalidTransition {
    InvalidTransition {
        machine: "step",
        state: from.map_or("(none)", StepStatus::as_str).into(),
        input: format!("{input:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepInput as I;
    use StepStatus as S;
    use Transition::{Ignored, To};

    #[test]
    fn first_status_depends_on_the_kind() {
        assert_eq!(
            transition(None, I::Enter(StepKind::Wait)),
            Ok(To(S::Waiting))
        );
        assert_eq!(
            transition(None, I::Enter(StepKind::Approval)),
            Ok(To(S::AwaitingDecision))
        );
        for kind in [
            StepKind::Action,
            StepKind::Condition,
            StepKind::Filter,
            StepKind::Enroll,
            StepKind::End,
        ] {
            assert_eq!(transition(None, I::Enter(kind)), Ok(To(S::Running)));
        }
    }

    #[test]
    fn retries_go_through_pending_and_end_resolved() {
        assert_eq!(
            transition(Some(S::Running), I::RetryScheduled),
            Ok(To(S::Pending))
        );
        assert_eq!(
            transition(Some(S::Pending), I::RetryDue(StepKind::Action)),
            Ok(To(S::Running))
        );
        assert_eq!(
            transition(Some(S::Running), I::SucceededAfterFailure),
            Ok(To(S::Resolved))
        );
        assert_eq!(
            transition(Some(S::Running), I::Succeeded),
            Ok(To(S::Completed))
        );
        assert_eq!(transition(Some(S::Running), I::Failed), Ok(To(S::Failed)));
    }

    #[test]
    fn a_step_can_be_entered_again_after_it_finished() {
        assert_eq!(
            transition(Some(S::Completed), I::Enter(StepKind::Wait)),
            Ok(To(S::Waiting))
        );
        assert!(
            transition(Some(S::Waiting), I::Enter(StepKind::Wait)).is_err(),
            "not while in progress"
        );
    }

    #[test]
    fn in_progress_steps_cancel_and_finished_ones_ignore_it() {
        for s in [S::Running, S::Pending, S::Waiting, S::AwaitingDecision] {
            assert_eq!(transition(Some(s), I::Cancel), Ok(To(S::Cancelled)));
        }
        for s in [
            S::Completed,
            S::Resolved,
            S::Failed,
            S::Skipped,
            S::Cancelled,
        ] {
            assert_eq!(transition(Some(s), I::Cancel), Ok(Ignored));
        }
    }

    #[test]
    fn undefined_pairs_are_errors() {
        assert!(transition(Some(S::Waiting), I::Succeeded).is_err());
        assert!(transition(Some(S::Completed), I::Done).is_err());
        assert!(transition(None, I::Done).is_err());
        assert!(transition(Some(S::Running), I::Skip).is_err());
    }
}
