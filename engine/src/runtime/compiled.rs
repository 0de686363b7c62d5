//! A published version in the form executions run on: step ids resolved to
//! indices, defaults applied. Compiling never fails: publishing validated the
//! draft, and anything still missing falls back to "no such step".

use rustc_hash::FxHashMap as HashMap;

use serde_json::{Map, Value};

use crate::ids::StepIx;
use crate::model::{
    ActionKind, ApprovalScope, Compensation, DurationSpec, FailActionKind, Fault, Filter, OnFail,
    Settings, StepBody, StepKind, Trigger, WorkflowDraft,
};

#[derive(Clone, Debug, PartialEq)]
pub struct CompiledVersion {
    pub steps: Vec<CompiledStep>,
    pub ids: HashMap<String, StepIx>,
    pub settings: Settings,
    pub trigger: Trigger,
    /// How many action steps the version has (what one run completes at most
    /// once each when it does not loop).
    pub actions: usize,
    /// Discovery: some action or compensation sends email / SMS.
    pub needs_email: bool,
    pub needs_phone: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompiledStep {
    pub id: String,
    pub kind: StepKind,
    pub next: Option<StepIx>,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Retry {
    pub max_attempts: u32,
    pub backoff: u64,
}

/// A fail action as executions run it: `OnFail` with its `branch` target
/// resolved to an index. Events carry only its `kind`.
#[derive(Clone, Debug, PartialEq)]
pub enum FailAction {
    Continue,
    EndWorkflow,
    SkipRemaining,
    Branch {
        goto: Option<StepIx>,
        goto_id: Option<String>,
    },
    Retry {
        max_retry_days: u64,
        retry_interval_days: u64,
    },
    EnrollWorkflow {
        workflow: Option<String>,
    },
    FailWorkflow,
}

impl FailAction {
    pub fn kind(&self) -> FailActionKind {
        use FailActionKind as K;
        match self {
            FailAction::Continue => K::Continue,
            FailAction::EndWorkflow => K::EndWorkflow,
            FailAction::SkipRemaining => K::SkipRemaining,
            FailAction::Branch { .. } => K::Branch,
            FailAction::Retry { .. } => K::Retry,
            FailAction::EnrollWorkflow { .. } => K::EnrollWorkflow,
            FailAction::FailWorkflow => K::FailWorkflow,
        }
    }

    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompiledCompensation {
    pub action: ActionKind,
    pub set: Option<Map<String, Value>>,
    pub duration: DurationSpec,
    pub fault: Option<Fault>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Action {
        action: ActionKind,
        set: Option<Map<String, Value>>,
        duration: DurationSpec,
        retry: Retry,
        fault: Option<Fault>,
        on_fail: FailAction,
        compensation: Option<CompiledCompensation>,
    },
    Wait {
        duration: DurationSpec,
    },
    Condition {
        filter: Option<Filter>,
        yes: Option<StepIx>,
        no: Option<StepIx>,
    },
    Filter {
        filter: Option<Filter>,
        on_fail: FailAction,
    },
    Approval {
        group: String,
        scope: ApprovalScope,
        timeout: Option<u64>,
        approved: Option<StepIx>,
        rejected: Option<StepIx>,
        timeout_to: Option<StepIx>,
        retry: Retry,
        on_fail: FailAction,
    },
    Enroll {
        workflow: String,
    },
    End,
}

impl CompiledVersion {
    pub fn compile(draft: &WorkflowDraft) -> CompiledVersion {
        let ids: HashMap<String, StepIx> = draft
            .steps
            .iter()
            .enumerate()
            .rev()
            .map(|(i, s)| (s.id.clone(), StepIx(i as u16)))
            .collect();
        let find = |id: &Option<String>| id.as_ref().and_then(|id| ids.get(id).copied());
        let mut needs_email = false;
        let mut needs_phone = false;
        let mut note_action = |a: ActionKind| match a {
            ActionKind::Email => needs_email = true,
            ActionKind::Sms => needs_phone = true,
            _ => {}
        };
        let steps: Vec<CompiledStep> = draft
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let next = draft.next_of(i).map(|n| StepIx(n as u16));
                let fail_action = |on_fail: OnFail| match on_fail {
                    OnFail::Continue => FailAction::Continue,
                    OnFail::EndWorkflow => FailAction::EndWorkflow,
                    OnFail::SkipRemaining => FailAction::SkipRemaining,
                    OnFail::Branch { goto } => FailAction::Branch {
                        goto: find(&goto),
                        goto_id: goto,
                    },
                    OnFail::Retry {
                        max_retry_days,
                        retry_interval_days,
                    } => FailAction::Retry {
                        max_retry_days,
                        retry_interval_days: retry_interval_days.max(1),
                    },
                    OnFail::EnrollWorkflow { workflow } => FailAction::EnrollWorkflow { workflow },
                    OnFail::FailWorkflow => FailAction::FailWorkflow,
                };
                let retry = {
                    let p = step.retry_policy();
                    Retry {
                        max_attempts: p.max_attempts.clamp(1, u32::MAX as i64) as u32,
                        backoff: p.backoff,
                    }
                };
                let body = match &step.body {
                    StepBody::Action(a) => {
                        let action = a.action.unwrap_or(ActionKind::Webhook);
                        note_action(action);
                        let compensation = a.compensation.as_ref().map(|c: &Compensation| {
                            let action = c.action.unwrap_or(action);
                            note_action(action);
                            CompiledCompensation {
                                action,
                                set: c.set.clone(),
                                duration: c.duration.unwrap_or(DurationSpec::Fixed(0)),
                                fault: c.fault,
                            }
                        });
                        Body::Action {
                            action,
                            set: a.set.clone(),
                            duration: a.duration.unwrap_or(DurationSpec::Fixed(0)),
                            retry,
                            fault: a.fault,
                            on_fail: fail_action(step.on_fail()),
                            compensation,
                        }
                    }
                    StepBody::Wait(w) => Body::Wait {
                        duration: w.duration.unwrap_or(DurationSpec::Fixed(0)),
                    },
                    StepBody::Condition(c) => Body::Condition {
                        filter: c.filter.clone(),
                        yes: find(&c.yes),
                        no: find(&c.no),
                    },
                    StepBody::Filter(f) => Body::Filter {
                        filter: f.filter.clone(),
                        on_fail: fail_action(step.on_fail()),
                    },
                    StepBody::Approval(a) => Body::Approval {
                        group: a.group.clone().unwrap_or_default(),
                        scope: a.scope,
                        timeout: a.timeout,
                        approved: if a.approved.is_some() {
                            find(&a.approved)
                        } else {
                            next
                        },
                        rejected: if a.rejected.is_some() {
                            find(&a.rejected)
                        } else {
                            next
                        },
                        timeout_to: find(&a.timeout_to),
                        retry,
                        on_fail: fail_action(step.on_fail()),
                    },
                    StepBody::Enroll(e) => Body::Enroll {
                        workflow: e.workflow.clone().unwrap_or_default(),
                    },
                    StepBody::End => Body::End,
                };
                CompiledStep {
                    id: step.id.clone(),
                    kind: step.kind(),
                    next,
                    body,
                }
            })
            .collect();
        let actions = steps.iter().filter(|s| s.kind == StepKind::Action).count();
        CompiledVersion {
            actions,
            steps,
            ids,
            settings: draft.settings.clone(),
            trigger: draft.trigger.clone(),
            needs_email,
            needs_phone,
        }
    }

    pub fn step(&self, s: StepIx) -> &CompiledStep {
        &self.steps[s.ix()]
    }

    pub fn step_ix(&self, id: &str) -> Option<StepIx> {
        self.ids.get(id).copied()
    }

    pub fn has_compensation(&self, s: StepIx) -> bool {
        matches!(
            &self.step(s).body,
            Body::Action {
                compensation: Some(_),
                ..
            }
        )
    }
}
