//! Which parts of the workspace a run of events changed, so that the page
//! wakes only the views that read those parts. Read from each event as the
//! engine hands it over (`Session::collect`), before the log encodes it.

use flowlab_engine::event::Event;
use flowlab_engine::machines::step::StepStatus;

/// The parts of the workspace a view can read, each with its own signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Definitions, drafts, versions, status and phase of the workflows
    /// (not their execution counts: those are [`Area::Executions`]).
    Workflows,
    /// Executions, their steps, approvals and everything they count
    /// (per-workflow counts and edges, shared approvals, enrollments).
    Executions,
    /// Contacts and operators.
    People,
    /// The log, the script's progress and the journal of commands.
    Log,
    /// The operators' approval tasks: an approval that starts or stops
    /// waiting for a decision, a notification, a decision, and a
    /// `scope: workflow` approval opened, joined or released. Always with
    /// [`Area::Executions`], of which it is a part.
    Inbox,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::Workflows,
        Area::Executions,
        Area::People,
        Area::Log,
        Area::Inbox,
    ];
}

/// A set of [`Area`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched(u8);

impl Touched {
    pub const NONE: Touched = Touched(0);
    pub const ALL: Touched = Touched(0b1_1111);

    pub fn of(area: Area) -> Touched {
        Touched(1 << area as u8)
    }

    pub fn has(self, area: Area) -> bool {
        self.0 & Touched::of(area).0 != 0
    }

    pub fn with(self, area: Area) -> Touched {
        Touched(self.0 | Touched::of(area).0)
    }

    pub fn union(self, other: Touched) -> Touched {
        Touched(self.0 | other.0)
    }

    /// What one event changes; every event is also in the log.
    pub fn by(event: &Event) -> Touched {
        let log = Touched::of(Area::Log);
        let inbox = log.with(Area::Executions).with(Area::Inbox);
        match event {
            Event::WorkflowStatus { .. }
            | Event::WorkflowPhase { .. }
            | Event::VersionPublished(_)
            | Event::DraftChanged { .. }
            | Event::DraftEdited { .. }
            | Event::GestureApplied { .. }
            | Event::EditUndone { .. }
            | Event::EditRedone { .. }
            | Event::DraftRestored { .. }
            | Event::WorkflowCloned { .. }
            | Event::WorkflowCreated { .. }
            | Event::AudienceEnrolled { .. }
            | Event::PollScheduled { .. }
            | Event::PollRan { .. }
            | Event::TagQueued { .. }
            | Event::WindowWakeSet { .. }
            | Event::WindowWakeFired { .. } => log.with(Area::Workflows),
            Event::ContactAdded(_)
            | Event::ContactUpdated { .. }
            | Event::ContactTagged { .. }
            | Event::ContactUntagged { .. }
            | Event::ContactAttributesSet { .. }
            | Event::OperatorAdded(_)
            | Event::OperatorUpdated { .. } => log.with(Area::People),
            Event::Enrolled { .. }
            | Event::EnrollmentSkipped { .. }
            | Event::ExecutionState { .. }
            | Event::StepAttempt { .. }
            | Event::RetryScheduled { .. }
            | Event::FailAction { .. }
            | Event::History { .. }
            | Event::Transition { .. }
            | Event::Compensation { .. }
            | Event::WakeSet { .. }
            | Event::WakeFired { .. }
            | Event::TimeoutSet { .. }
            | Event::TimeoutFired { .. }
            | Event::RollbackProgress { .. }
            | Event::OperatorRollbackStarted { .. } => log.with(Area::Executions),
            Event::StepStatus { from, to, .. } => {
                let awaiting = Some(StepStatus::AwaitingDecision);
                if *from == awaiting || Some(*to) == awaiting {
                    inbox
                } else {
                    log.with(Area::Executions)
                }
            }
            Event::Notification { .. }
            | Event::Decision { .. }
            | Event::SharedApprovalOpened { .. }
            | Event::SharedApprovalJoined { .. }
            | Event::SharedDeliverySet { .. }
            | Event::SharedApprovalReleased { .. } => inbox,
            Event::CommandRejected(_) => log,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::event::ApprovalOutcome;
    use flowlab_engine::ids::{ContactIx, ExecIx, StepIx, WfIx};
    use flowlab_engine::machines::execution::ExecState;

    #[test]
    fn an_execution_event_touches_executions_and_the_log_only() {
        let t = Touched::by(&Event::ExecutionState {
            exec: ExecIx(0),
            from: None,
            to: ExecState::Running,
            reason: None,
        });
        assert!(t.has(Area::Executions) && t.has(Area::Log));
        assert!(!t.has(Area::Workflows) && !t.has(Area::People), "{t:?}");
    }

    #[test]
    fn a_draft_change_touches_workflows_and_a_tag_people() {
        let draft = Touched::by(&Event::DraftChanged {
            wf: WfIx(0),
            unpublished_changes: true,
        });
        assert_eq!(draft, Touched::of(Area::Workflows).with(Area::Log));
        let tag = Touched::by(&Event::ContactTagged {
            contact: ContactIx(0),
            tag: "vip".into(),
        });
        assert_eq!(tag, Touched::of(Area::People).with(Area::Log));
    }

    #[test]
    fn approval_tasks_touch_the_inbox_and_other_step_moves_do_not() {
        let inbox = Touched::of(Area::Inbox)
            .with(Area::Executions)
            .with(Area::Log);
        let step = |from, to| {
            Touched::by(&Event::StepStatus {
                exec: ExecIx(0),
                step: StepIx(0),
                from,
                to,
                attempt: 0,
            })
        };
        use StepStatus::{AwaitingDecision, Cancelled, Completed, Running};
        assert_eq!(step(None, AwaitingDecision), inbox, "an approval opens");
        assert_eq!(step(Some(AwaitingDecision), Cancelled), inbox, "withdrawn");
        assert_eq!(step(Some(AwaitingDecision), Completed), inbox);
        let plain = step(Some(Running), Completed);
        assert!(plain.has(Area::Executions) && !plain.has(Area::Inbox));
        let decided = Touched::by(&Event::SharedApprovalReleased {
            shared: 0,
            outcome: ApprovalOutcome::Approved,
        });
        assert_eq!(decided, inbox);
    }

    #[test]
    fn every_area_is_in_all_and_none_is_in_none() {
        for a in Area::ALL {
            assert!(Touched::ALL.has(a));
            assert!(!Touched::NONE.has(a));
        }
    }
}
