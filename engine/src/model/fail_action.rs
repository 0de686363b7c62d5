/// The seven fail actions, by name: what a `fail_action` event records.
/// The authoring form is `OnFail`; the runtime's `FailAction` (in
/// `runtime/compiled.rs`) adds the resolved targets and gives its `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailActionKind {
    Continue,
    EndWorkflow,
    SkipRemaining,
    Branch,
    Retry,
    EnrollWorkflow,
    FailWorkflow,
}

impl FailActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailActionKind::Continue => "continue",
            FailActionKind::EndWorkflow => "end_workflow",
            FailActionKind::SkipRemaining => "skip_remaining",
            FailActionKind::Branch => "branch",
            FailActionKind::Retry => "retry",
            FailActionKind::EnrollWorkflow => "enroll_workflow",
            FailActionKind::FailWorkflow => "fail_workflow",
        }
    }
}
