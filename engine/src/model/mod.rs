//! The authoring model: what a scenario file or the editor can hold. A draft
//! may be incomplete (required fields are `Option`s here); `validate` says
//! what publishing needs, and `runtime::compiled` turns a valid draft into the
//! form executions run on.

mod contact_name;
mod fail_action;
mod filter;
mod operator_check;
mod people;
mod port;
mod step;
mod workflow;

pub use contact_name::ContactName;
pub use fail_action::FailActionKind;
pub use filter::{Filter, FilterOp};
pub use operator_check::{operator_problems, OperatorProblem};
pub use people::{Contact, Operator};
pub use port::Port;
pub use step::{
    ActionKind, ActionStep, ApprovalScope, ApprovalStep, Compensation, ConditionStep, DurationSpec,
    EnrollStep, Fault, FilterStep, Next, OnFail, Pos, RetryPolicy, Step, StepBody, StepKind,
    WaitStep,
};
pub use workflow::{Settings, StartWindow, Trigger, WorkflowDraft, WrittenParts};
