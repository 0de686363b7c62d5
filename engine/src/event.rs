//! What happened: the engine's only output and the source of truth. State
//! is a fold of these (`State::apply`); the trace of scenario-format.md is a
//! projection of them (`trace`), and events marked *internal* project to no
//! trace line: they carry what the fold needs beyond the trace.

use serde_json::{Map, Value};

use crate::command::{Decision, DraftEdit};
use crate::edit::EditCommand;
use crate::ids::{ContactIx, ExecIx, OperatorIx, StepIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::machines::step::StepStatus;
use crate::model::{Contact, FailActionKind, Operator, Port};
use crate::time::SimTime;

/// An event and the simulated instant it happened at.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamped {
    pub t: SimTime,
    pub event: Event,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Editing,
    Started,
    Finished,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Started => "started",
            Phase::Finished => "finished",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Manual,
    Trigger,
    Audience,
    EnrollStep,
    FailAction,
}

impl Source {
    /// Started by another execution: an `enroll` step or a fail action.
    pub fn by_execution(self) -> bool {
        matches!(self, Source::EnrollStep | Source::FailAction)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Trigger => "trigger",
            Source::Audience => "audience",
            Source::EnrollStep => "enroll_step",
            Source::FailAction => "fail_action",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// A new version: rare, so kept behind a box to keep `Event` small.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub wf: WfIx,
    pub version: u32,
    pub hash: String,
    pub warnings: Vec<String>,
    pub note: Option<String>,
}

/// A refused command: what was asked and why not.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    pub verb: &'static str,
    pub reason: String,
    pub ids: Vec<(&'static str, Value)>,
}

/// Why an execution moved, when the move alone does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    EntryFilter,
    AlreadyEnrolled,
    MissingEmail,
    MissingPhone,
    WorkflowPaused,
    OutsideStartWindow,
    MaxConcurrent(u32),
    LockHeld(ExecIx),
    StepFailed {
        step: StepIx,
        action: FailActionKind,
    },
    ExecutionTimeout,
    NoCompensation(StepIx),
    CompensationsExhausted(u32),
    StoppedByOperator,
    WorkflowCancelled,
    AutoAck,
    StepLoop(StepIx),
    /// The execution ran into one of `crate::limits` at this step.
    WorkLimit {
        step: StepIx,
        limit: WorkLimit,
    },
}

/// Which limit of `crate::limits` ended an execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkLimit {
    /// [`crate::limits::MAX_ATTEMPTS_AT_ONE_INSTANT`].
    AttemptsAtOneInstant,
    /// [`crate::limits::MAX_ATTEMPTS_PER_STEP`].
    AttemptsPerStep,
    /// [`crate::limits::MAX_ENTRIES_PER_EXECUTION`].
    EntriesPerExecution,
}

impl WorkLimit {
    pub const ALL: [WorkLimit; 3] = [
        WorkLimit::AttemptsAtOneInstant,
        WorkLimit::AttemptsPerStep,
        WorkLimit::EntriesPerExecution,
    ];

    /// What the trace says after `work_limit: step "a" `.
    pub fn text(self) -> String {
        use crate::limits::*;
        match self {
            WorkLimit::AttemptsAtOneInstant => {
                format!("made {MAX_ATTEMPTS_AT_ONE_INSTANT} attempts at one instant, the most a step may")
            }
            WorkLimit::AttemptsPerStep => {
                format!(
                    "made {MAX_ATTEMPTS_PER_STEP} attempts in this execution, the most a step may"
                )
            }
            WorkLimit::EntriesPerExecution => {
                format!("not entered: the execution has entered {MAX_ENTRIES_PER_EXECUTION} steps, the most one may")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    AlreadyEnrolled,
    NoSuchWorkflow,
    NotActive(WorkflowStatus),
    EnrollLoop,
    /// Executions have started `crate::limits::MAX_STARTS_BY_EXECUTIONS`
    /// executions in this workspace.
    ExecutionLimit,
}

impl SkipReason {
    pub fn text(&self) -> String {
        match self {
            SkipReason::AlreadyEnrolled => "already enrolled".into(),
            SkipReason::NoSuchWorkflow => "no such workflow".into(),
            SkipReason::NotActive(s) => format!("workflow is {s}"),
            SkipReason::EnrollLoop => "enroll loop".into(),
            SkipReason::ExecutionLimit => format!(
                "work_limit: executions have started {} executions, the most they may",
                crate::limits::MAX_STARTS_BY_EXECUTIONS
            ),
        }
    }
}

/// What an execution's single wake-up slot is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeKind {
    AttemptEnd,
    RetryDue,
    WaitEnd,
    ApprovalTimeout,
    /// A decision made while the workflow was paused, delivered at resume.
    DecisionDelivery(ApprovalOutcome),
    CompensationEnd,
    CompensationRetry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalOutcome {
    Approved,
    Rejected,
    TimedOut,
}

impl ApprovalOutcome {
    pub fn from_decision(d: Decision) -> ApprovalOutcome {
        match d {
            Decision::Approve => ApprovalOutcome::Approved,
            Decision::Reject => ApprovalOutcome::Rejected,
        }
    }
}

/// Who a `decision` line is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionTarget {
    Execution(ExecIx),
    /// A `scope: workflow` approval, by its index in `State::shared`.
    Shared(u32),
}

/// A gesture as the log keeps it: what the undo menu calls it and the
/// commands it applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Gesture {
    pub label: String,
    pub commands: Vec<EditCommand>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    WorkflowStatus {
        wf: WfIx,
        from: WorkflowStatus,
        to: WorkflowStatus,
    },
    WorkflowPhase {
        wf: WfIx,
        phase: Phase,
    },
    VersionPublished(Box<Published>),
    DraftChanged {
        wf: WfIx,
        unpublished_changes: bool,
    },
    /// `root`: the execution whose chain of starts at this instant this start
    /// belongs to, and `chain`: which start of that chain it is (1 to 32).
    Enrolled {
        exec: ExecIx,
        wf: WfIx,
        version: u32,
        contact: ContactIx,
        source: Source,
        root: Option<ExecIx>,
        chain: u8,
    },
    EnrollmentSkipped {
        workflow: Box<str>,
        contact: ContactIx,
        reason: SkipReason,
    },
    ExecutionState {
        exec: ExecIx,
        from: Option<ExecState>,
        to: ExecState,
        reason: Option<Reason>,
    },
    StepStatus {
        exec: ExecIx,
        step: StepIx,
        from: Option<StepStatus>,
        to: StepStatus,
        attempt: u32,
    },
    StepAttempt {
        exec: ExecIx,
        step: StepIx,
        attempt: u32,
        ok: bool,
    },
    RetryScheduled {
        exec: ExecIx,
        step: StepIx,
        attempt: u32,
        due: SimTime,
    },
    FailAction {
        exec: ExecIx,
        step: StepIx,
        action: FailActionKind,
        target: Option<Box<str>>,
    },
    History {
        exec: ExecIx,
        step: StepIx,
        retry_count: u32,
    },
    Transition {
        exec: ExecIx,
        from_step: StepIx,
        port: Port,
        to_step: StepIx,
    },
    Notification {
        operator: OperatorIx,
        channel: Channel,
        exec: ExecIx,
        step: StepIx,
    },
    Decision {
        target: DecisionTarget,
        step: StepIx,
        operator: OperatorIx,
        decision: Decision,
    },
    Compensation {
        exec: ExecIx,
        step: StepIx,
        attempt: u32,
        ok: bool,
    },
    CommandRejected(Box<Rejection>),

    /// internal: a draft's parts replaced (`edit`).
    DraftEdited {
        wf: WfIx,
        edit: Box<DraftEdit>,
    },
    /// internal: one gesture applied to a draft (`gesture`): its forward
    /// commands only; the fold applies them and so finds their inverses.
    GestureApplied {
        wf: WfIx,
        gesture: Box<Gesture>,
    },
    /// internal: the workflow's newest gesture undone (`undo`).
    EditUndone {
        wf: WfIx,
    },
    /// internal: the workflow's newest undone gesture redone (`redo`).
    EditRedone {
        wf: WfIx,
    },
    /// internal: a published version copied into the draft.
    DraftRestored {
        wf: WfIx,
        version: u32,
    },
    /// internal: a new draft workflow copied from another's draft.
    WorkflowCloned {
        source: WfIx,
        new_id: Box<str>,
    },
    /// internal: a new empty draft workflow (`create`).
    WorkflowCreated {
        id: Box<str>,
        name: Box<str>,
    },
    /// internal: a new contact (`add_contact`).
    ContactAdded(Box<Contact>),
    /// internal: a contact's name, email, phone and attributes replaced.
    ContactUpdated {
        contact: ContactIx,
        with: Box<Contact>,
    },
    /// internal: a new operator (`add_operator`).
    OperatorAdded(Box<Operator>),
    /// internal: an operator's name, email, mobile and groups replaced.
    OperatorUpdated {
        operator: OperatorIx,
        with: Box<Operator>,
    },
    /// internal: an execution's wake-up slot set (replacing any other).
    WakeSet {
        exec: ExecIx,
        due: SimTime,
        kind: WakeKind,
    },
    /// internal: the execution's wake-up was taken.
    WakeFired {
        exec: ExecIx,
    },
    /// internal: the execution timeout's instant, set on entering RUNNING.
    TimeoutSet {
        exec: ExecIx,
        due: SimTime,
    },
    /// internal: the execution timeout was taken.
    TimeoutFired {
        exec: ExecIx,
    },
    /// internal: a trigger's next poll.
    PollScheduled {
        wf: WfIx,
        due: SimTime,
    },
    /// internal: a poll happened; `drained` when the queue was taken.
    PollRan {
        wf: WfIx,
        drained: bool,
    },
    /// internal: a tag addition queued for a `tag_added` trigger.
    TagQueued {
        wf: WfIx,
        contact: ContactIx,
    },
    /// internal: wake blocked executions when the start window opens.
    WindowWakeSet {
        wf: WfIx,
        due: SimTime,
    },
    WindowWakeFired {
        wf: WfIx,
    },
    ContactTagged {
        contact: ContactIx,
        tag: Box<str>,
    },
    ContactUntagged {
        contact: ContactIx,
        tag: Box<str>,
    },
    ContactAttributesSet {
        contact: ContactIx,
        attributes: Box<Map<String, Value>>,
    },
    /// internal: an `audience` workflow's one-shot enrollment is done.
    AudienceEnrolled {
        wf: WfIx,
    },
    /// internal: the first execution reached a `scope: workflow` approval.
    SharedApprovalOpened {
        wf: WfIx,
        version: u32,
        step: StepIx,
        timeout_due: Option<SimTime>,
    },
    SharedApprovalJoined {
        shared: u32,
        exec: ExecIx,
    },
    /// internal: a decision made while paused, to be delivered at resume.
    SharedDeliverySet {
        shared: u32,
        outcome: ApprovalOutcome,
    },
    /// internal: the outcome is final; every waiting execution is released.
    SharedApprovalReleased {
        shared: u32,
        outcome: ApprovalOutcome,
    },
    /// internal: the compensation at the head of the rollback plan is done.
    RollbackProgress {
        exec: ExecIx,
        exhausted: bool,
    },
    /// internal: an operator retries the exhausted compensations.
    OperatorRollbackStarted {
        exec: ExecIx,
    },
}

impl Event {
    /// The event holds no heap data (dropping it does nothing).
    #[inline]
    pub fn owns_nothing(&self) -> bool {
        matches!(
            self,
            Event::ExecutionState { .. }
                | Event::StepStatus { .. }
                | Event::StepAttempt { .. }
                | Event::RetryScheduled { .. }
                | Event::History { .. }
                | Event::Transition { .. }
                | Event::Notification { .. }
                | Event::Decision { .. }
                | Event::Compensation { .. }
                | Event::WakeSet { .. }
                | Event::WakeFired { .. }
                | Event::TimeoutSet { .. }
                | Event::TimeoutFired { .. }
                | Event::Enrolled { .. }
                | Event::WorkflowStatus { .. }
                | Event::WorkflowPhase { .. }
                | Event::DraftChanged { .. }
                | Event::EditUndone { .. }
                | Event::EditRedone { .. }
        )
    }

    /// The events that a trace line shows.
    pub fn is_traced(&self) -> bool {
        matches!(
            self,
            Event::WorkflowStatus { .. }
                | Event::WorkflowPhase { .. }
                | Event::VersionPublished(_)
                | Event::DraftChanged { .. }
                | Event::Enrolled { .. }
                | Event::EnrollmentSkipped { .. }
                | Event::ExecutionState { .. }
                | Event::StepStatus { .. }
                | Event::StepAttempt { .. }
                | Event::RetryScheduled { .. }
                | Event::FailAction { .. }
                | Event::History { .. }
                | Event::Transition { .. }
                | Event::Notification { .. }
                | Event::Decision { .. }
                | Event::Compensation { .. }
                | Event::CommandRejected(_)
        )
    }
}
