//! Execution lifecycle (lifecycle.md §2).
//!
//! | from                 | input             | to                   |
//! |----------------------|-------------------|----------------------|
//! | NEW                  | Validated         | VALID                |
//! | NEW                  | Invalid           | FAILED_SAFE          |
//! | VALID                | ConditionsMet     | READY                |
//! | VALID                | ConditionsUnmet   | BLOCKED_WAITING      |
//! | BLOCKED_WAITING      | ConditionsMet     | READY                |
//! | READY                | Discover          | RESOURCE_DISCOVERY   |
//! | RESOURCE_DISCOVERY   | ResourcesFound    | RESOURCES_DISCOVERED |
//! | RESOURCE_DISCOVERY   | ResourcesMissing  | FAILED_SAFE          |
//! | RESOURCES_DISCOVERED | Lock              | SCHEDULED            |
//! | SCHEDULED            | Lock              | LOCKING              |
//! | LOCKING              | Run               | LOCKED               |
//! | LOCKING              | Unlock            | SCHEDULED            |
//! | LOCKED               | Run               | RUNNING              |
//! | RUNNING              | Success           | COMPLETED            |
//! | RUNNING              | Error             | ERROR                |
//! | ERROR                | CanRollback       | ROLLBACK             |
//! | ERROR                | CannotRollback    | FAILED_UNSAFE        |
//! | ROLLBACK             | RollbackSucceeded | FAILED_SAFE          |
//! | ROLLBACK             | RollbackFailed    | FAILED_UNSAFE        |
//! | FAILED_UNSAFE        | RollbackSucceeded | FAILED_SAFE          |
//! | COMPLETED            | Ack               | COMPLETED_ACK        |
//! | FAILED_SAFE          | Ack               | FAILED_SAFE_ACK      |
//! | FAILED_UNSAFE        | Ack               | FAILED_UNSAFE_ACK    |
//! | CANCELLED            | Ack               | CANCELLED_ACK        |
//! | any non-terminal     | Cancel            | CANCELLED            |
//! | any terminal         | Cancel            | (ignored)            |
//!
//! Terminal: COMPLETED, FAILED_SAFE, FAILED_UNSAFE, CANCELLED and their _ACK
//! states. Every other pair is an `InvalidTransition`.

use std::fmt;

use super::{InvalidTransition, Transition};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ExecState {
    New,
    Valid,
    Ready,
    BlockedWaiting,
    ResourceDiscovery,
    ResourcesDiscovered,
    Scheduled,
    Locking,
    Locked,
    Running,
    Completed,
    Error,
    Rollback,
    FailedSafe,
    FailedUnsafe,
    CompletedAck,
    FailedSafeAck,
    FailedUnsafeAck,
    Cancelled,
    CancelledAck,
}

/// How a diagram colours a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warning,
    Bad,
}

impl ExecState {
    pub const COUNT: usize = 20;
    pub const ALL: [ExecState; ExecState::COUNT] = [
        ExecState::New,
        ExecState::Valid,
        ExecState::Ready,
        ExecState::BlockedWaiting,
        ExecState::ResourceDiscovery,
        ExecState::ResourcesDiscovered,
        ExecState::Scheduled,
        ExecState::Locking,
        ExecState::Locked,
        ExecState::Running,
        ExecState::Completed,
        ExecState::Error,
        ExecState::Rollback,
        ExecState::FailedSafe,
        ExecState::FailedUnsafe,
        ExecState::CompletedAck,
        ExecState::FailedSafeAck,
        ExecState::FailedUnsafeAck,
        ExecState::Cancelled,
        ExecState::CancelledAck,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExecState::New => "NEW",
            ExecState::Valid => "VALID",
            ExecState::Ready => "READY",
            ExecState::BlockedWaiting => "BLOCKED_WAITING",
            ExecState::ResourceDiscovery => "RESOURCE_DISCOVERY",
            ExecState::ResourcesDiscovered => "RESOURCES_DISCOVERED",
            ExecState::Scheduled => "SCHEDULED",
            ExecState::Locking => "LOCKING",
            ExecState::Locked => "LOCKED",
            ExecState::Running => "RUNNING",
            ExecState::Completed => "COMPLETED",
            ExecState::Error => "ERROR",
            ExecState::Rollback => "ROLLBACK",
            ExecState::FailedSafe => "FAILED_SAFE",
            ExecState::FailedUnsafe => "FAILED_UNSAFE",
            ExecState::CompletedAck => "COMPLETED_ACK",
            ExecState::FailedSafeAck => "FAILED_SAFE_ACK",
            ExecState::FailedUnsafeAck => "FAILED_UNSAFE_ACK",
            ExecState::Cancelled => "CANCELLED",
            ExecState::CancelledAck => "CANCELLED_ACK",
        }
    }

    pub fn parse(text: &str) -> Option<ExecState> {
        ExecState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ExecState::Completed
                | ExecState::FailedSafe
                | ExecState::FailedUnsafe
                | ExecState::Cancelled
                | ExecState::CompletedAck
                | ExecState::FailedSafeAck
                | ExecState::FailedUnsafeAck
                | ExecState::CancelledAck
        )
    }

    pub fn is_acknowledged(self) -> bool {
        matches!(
            self,
            ExecState::CompletedAck
                | ExecState::FailedSafeAck
                | ExecState::FailedUnsafeAck
                | ExecState::CancelledAck
        )
    }

    /// Has passed Conditions and is not yet terminal (`READY` through
    /// `ROLLBACK`): what `max_concurrent` counts.
    pub fn holds_slot(self) -> bool {
        matches!(
            self,
            ExecState::Ready
                | ExecState::ResourceDiscovery
                | ExecState::ResourcesDiscovered
                | ExecState::Scheduled
                | ExecState::Locking
                | ExecState::Locked
                | ExecState::Running
                | ExecState::Error
                | ExecState::Rollback
        )
    }

    /// Holds the per-contact lock when its workflow is exclusive.
    pub fn holds_lock(self) -> bool {
        matches!(
            self,
            ExecState::Locked | ExecState::Running | ExecState::Error | ExecState::Rollback
        )
    }

    pub fn tone(self) -> Tone {
        match self {
            ExecState::FailedUnsafe | ExecState::FailedUnsafeAck => Tone::Bad,
            ExecState::Error
            | ExecState::Rollback
            | ExecState::FailedSafe
            | ExecState::FailedSafeAck
            | ExecState::Cancelled
            | ExecState::CancelledAck => Tone::Warning,
            _ => Tone::Good,
        }
    }
}

impl fmt::Display for ExecState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecInput {
    Validated,
    Invalid,
    ConditionsMet,
    ConditionsUnmet,
    Discover,
    ResourcesFound,
    ResourcesMissing,
    Lock,
    Run,
    Unlock,
    Success,
    Error,
    CanRollback,
    CannotRollback,
    RollbackSucceeded,
    RollbackFailed,
    Ack,
    Cancel,
}

#[inline]
pub fn transition(
    from: ExecState,
    input: ExecInput,
) -> Result<Transition<ExecState>, InvalidTransition> {
    use ExecInput as I;
    use ExecState as S;
    use Transition::{Ignored, To};
    Ok(match (from, input) {
        (S::New, I::Validated) => To(S::Valid),
        (S::New, I::Invalid) => To(S::FailedSafe),
        (S::Valid | S::BlockedWaiting, I::ConditionsMet) => To(S::Ready),
        (S::Valid, I::ConditionsUnmet) => To(S::BlockedWaiting),
        (S::Ready, I::Discover) => To(S::ResourceDiscovery),
        (S::ResourceDiscovery, I::ResourcesFound) => To(S::ResourcesDiscovered),
        (S::ResourceDiscovery, I::ResourcesMissing) => To(S::FailedSafe),
        (S::ResourcesDiscovered, I::Lock) => To(S::Scheduled),
        (S::Scheduled, I::Lock) => To(S::Locking),
        (S::Locking, I::Run) => To(S::Locked),
        (S::Locking, I::Unlock) => To(S::Scheduled),
        (S::Locked, I::Run) => To(S::Running),
        (S::Running, I::Success) => To(S::Completed),
        (S::Running, I::Error) => To(S::Error),
        (S::Error, I::CanRollback) => To(S::Rollback),
        (S::Error, I::CannotRollback) => To(S::FailedUnsafe),
        (S::Rollback | S::FailedUnsafe, I::RollbackSucceeded) => To(S::FailedSafe),
        (S::Rollback, I::RollbackFailed) => To(S::FailedUnsafe),
        (S::Completed, I::Ack) => To(S::CompletedAck),
        (S::FailedSafe, I::Ack) => To(S::FailedSafeAck),
        (S::FailedUnsafe, I::Ack) => To(S::FailedUnsafeAck),
        (S::Cancelled, I::Ack) => To(S::CancelledAck),
        (
            S::New
            | S::Valid
            | S::Ready
            | S::BlockedWaiting
            | S::ResourceDiscovery
            | S::ResourcesDiscovered
            | S::Scheduled
            | S::Locking
            | S::Locked
            | S::Running
            | S::Error
            | S::Rollback,
            I::Cancel,
        ) => To(S::Cancelled),
        (
            S::Completed
            | S::FailedSafe
            | S::FailedUnsafe
            | S::Cancelled
            | S::CompletedAck
            | S::FailedSafeAck
            | S::FailedUnsafeAck
            | S::CancelledAck,
            I::Cancel,
        ) => Ignored,
        (
            S::New
            | S::Valid
            | S::Ready
            | S::BlockedWaiting
            | S::ResourceDiscovery
            | S::ResourcesDiscovered
            | S::Scheduled
            | S::Locking
            | S::Locked
            | S::Running
            | S::Completed
            | S::Error
            | S::Rollback
            | S::FailedSafe
            | S::FailedUnsafe
            | S::CompletedAck
            | S::FailedSafeAck
            | S::FailedUnsafeAck
            | S::Cancelled
            | S::CancelledAck,
            _,
        ) => return Err(invalid(from, input)),
    })
}

#[cold]
fn invalid(from: ExecState, input: ExecInput) -> InvalidTransition {
    InvalidTransition {
        machine: "execution",
        state: from.as_str().into(),
        input: format!("{input:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExecInput as I;
    use ExecState as S;
    use Transition::{Ignored, To};

    #[test]
    fn happy_path_from_new_to_completed_ack() {
        let path = [
            (I::Validated, S::Valid),
            (I::ConditionsMet, S::Ready),
            (I::Discover, S::ResourceDiscovery),
            (I::ResourcesFound, S::ResourcesDiscovered),
            (I::Lock, S::Scheduled),
            (I::Lock, S::Locking),
            (I::Run, S::Locked),
            (I::Run, S::Running),
            (I::Success, S::Completed),
            (I::Ack, S::CompletedAck),
        ];
        let mut state = S::New;
        for (input, expected) in path {
            state = match transition(state, input).unwrap() {
                To(next) => next,
                Ignored => panic!("{input:?} ignored in {state}"),
            };
            assert_eq!(state, expected);
        }
    }

    #[test]
    fn failure_paths() {
        assert_eq!(transition(S::New, I::Invalid), Ok(To(S::FailedSafe)));
        assert_eq!(
            transition(S::Valid, I::ConditionsUnmet),
            Ok(To(S::BlockedWaiting))
        );
        assert_eq!(
            transition(S::BlockedWaiting, I::ConditionsMet),
            Ok(To(S::Ready))
        );
        assert_eq!(
            transition(S::ResourceDiscovery, I::ResourcesMissing),
            Ok(To(S::FailedSafe))
        );
        assert_eq!(transition(S::Locking, I::Unlock), Ok(To(S::Scheduled)));
        assert_eq!(transition(S::Running, I::Error), Ok(To(S::Error)));
        assert_eq!(transition(S::Error, I::CanRollback), Ok(To(S::Rollback)));
        assert_eq!(
            transition(S::Error, I::CannotRollback),
            Ok(To(S::FailedUnsafe))
        );
        assert_eq!(
            transition(S::Rollback, I::RollbackFailed),
            Ok(To(S::FailedUnsafe))
        );
        assert_eq!(
            transition(S::FailedUnsafe, I::RollbackSucceeded),
            Ok(To(S::FailedSafe))
        );
        assert_eq!(
            transition(S::FailedUnsafe, I::Ack),
            Ok(To(S::FailedUnsafeAck))
        );
    }

    #[test]
    fn every_non_terminal_state_can_be_cancelled() {
        for s in ExecState::ALL.into_iter().filter(|s| !s.is_terminal()) {
            assert_eq!(transition(s, I::Cancel), Ok(To(S::Cancelled)), "{s}");
        }
    }

    #[test]
    fn each_terminal_state_ignores_a_late_cancel() {
        for s in ExecState::ALL.into_iter().filter(|s| s.is_terminal()) {
            assert_eq!(transition(s, I::Cancel), Ok(Ignored), "{s}");
        }
    }

    #[test]
    fn terminal_states_refuse_everything_but_ack_and_cancel() {
        for s in ExecState::ALL.into_iter().filter(|s| s.is_terminal()) {
            for input in [
                I::Validated,
                I::ConditionsMet,
                I::Run,
                I::Success,
                I::Error,
                I::Lock,
            ] {
                assert!(transition(s, input).is_err(), "{s} on {input:?}");
            }
        }
        for s in ExecState::ALL.into_iter().filter(|s| s.is_acknowledged()) {
            assert!(transition(s, I::Ack).is_err(), "{s} acknowledged twice");
        }
    }

    #[test]
    fn undefined_pairs_are_typed_errors() {
        let err = transition(S::New, I::Run).unwrap_err();
        assert_eq!(err.machine, "execution");
        assert_eq!(err.state, "NEW");
        assert!(transition(S::Running, I::Ack).is_err());
        assert!(transition(S::Ready, I::Success).is_err());
    }

    #[test]
    fn tones_follow_the_spec() {
        assert_eq!(S::BlockedWaiting.tone(), Tone::Good);
        assert_eq!(S::CompletedAck.tone(), Tone::Good);
        assert_eq!(S::Rollback.tone(), Tone::Warning);
        assert_eq!(S::CancelledAck.tone(), Tone::Warning);
        assert_eq!(S::FailedUnsafeAck.tone(), Tone::Bad);
    }
}
