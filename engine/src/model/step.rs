use serde_json::{json, Map, Value};

use super::Filter;
use crate::time::{format_duration, MINUTE};

/// The kinds of step a workflow is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    Action,
    Wait,
    Condition,
    Filter,
    Approval,
    Enroll,
    End,
}

impl StepKind {
    pub const ALL: [StepKind; 7] = [
        StepKind::Action,
        StepKind::Wait,
        StepKind::Condition,
        StepKind::Filter,
        StepKind::Approval,
        StepKind::Enroll,
        StepKind::End,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Action => "action",
            StepKind::Wait => "wait",
            StepKind::Condition => "condition",
            StepKind::Filter => "filter",
            StepKind::Approval => "approval",
            StepKind::Enroll => "enroll",
            StepKind::End => "end",
        }
    }

    pub fn parse(text: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a step goes when it is done: `next` omitted means the following
/// step in the list, `null` means none.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Next {
    #[default]
    Following,
    Stop,
    To(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pos {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: String,
    pub name: Option<String>,
    pub next: Next,
    pub pos: Option<Pos>,
    /// Free space for tools; never checked.
    pub x: Option<Value>,
    pub body: StepBody,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepBody {
    Action(ActionStep),
    Wait(WaitStep),
    Condition(ConditionStep),
    Filter(FilterStep),
    Approval(ApprovalStep),
    Enroll(EnrollStep),
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    Email,
    Sms,
    Webhook,
    Update,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Email => "email",
            ActionKind::Sms => "sms",
            ActionKind::Webhook => "webhook",
            ActionKind::Update => "update",
        }
    }

    pub fn parse(text: &str) -> Option<ActionKind> {
        Some(match text {
            "email" => ActionKind::Email,
            "sms" => ActionKind::Sms,
            "webhook" => ActionKind::Webhook,
            "update" => ActionKind::Update,
            _ => return None,
        })
    }
}

/// A fixed duration, or a whole number of milliseconds drawn uniformly
/// from `min..=max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationSpec {
    Fixed(u64),
    Random { min: u64, max: u64 },
}

impl DurationSpec {
    /// Whether a draw can give 0 ms, so that no time passes.
    pub fn can_be_zero(self) -> bool {
        matches!(
            self,
            DurationSpec::Fixed(0) | DurationSpec::Random { min: 0, .. }
        )
    }

    pub fn to_json(self) -> Value {
        match self {
            DurationSpec::Fixed(ms) => json!(format_duration(ms)),
            DurationSpec::Random { min, max } => {
                json!({"min": format_duration(min), "max": format_duration(max)})
            }
        }
    }

    pub fn describe(self) -> String {
        match self {
            DurationSpec::Fixed(ms) => format_duration(ms),
            DurationSpec::Random { min, max } => {
                format!("{}–{}", format_duration(min), format_duration(max))
            }
        }
    }
}

/// Built-in retries: attempt 0, then up to `max_attempts - 1` more, the
/// k-th after `k × backoff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Kept signed so that a draft can hold `0` and validation can name it.
    pub max_attempts: i64,
    pub backoff: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            backoff: MINUTE,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    FailFirst(u64),
    Probability(f64),
    Always(bool),
}

impl Fault {
    pub fn to_json(self) -> Value {
        match self {
            Fault::FailFirst(n) => json!({ "fail_first": n }),
            Fault::Probability(p) => json!({ "probability": p }),
            Fault::Always(b) => json!({ "always": b }),
        }
    }
}

/// What happens once a step's built-in retries are exhausted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnFail {
    Continue,
    EndWorkflow,
    SkipRemaining,
    Branch {
        goto: Option<String>,
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

impl OnFail {
    pub const DEFAULT_MAX_RETRY_DAYS: u64 = 30;
    pub const DEFAULT_RETRY_INTERVAL_DAYS: u64 = 1;

    pub fn action_name(&self) -> &'static str {
        match self {
            OnFail::Continue => "continue",
            OnFail::EndWorkflow => "end_workflow",
            OnFail::SkipRemaining => "skip_remaining",
            OnFail::Branch { .. } => "branch",
            OnFail::Retry { .. } => "retry",
            OnFail::EnrollWorkflow { .. } => "enroll_workflow",
            OnFail::FailWorkflow => "fail_workflow",
        }
    }

    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("action".into(), json!(self.action_name()));
        match self {
            OnFail::Branch { goto: Some(g) } => {
                m.insert("goto".into(), json!(g));
            }
            OnFail::Retry {
                max_retry_days,
                retry_interval_days,
            } => {
                m.insert("max_retry_days".into(), json!(max_retry_days));
                m.insert("retry_interval_days".into(), json!(retry_interval_days));
            }
            OnFail::EnrollWorkflow { workflow: Some(w) } => {
                m.insert("workflow".into(), json!(w));
            }
            _ => {}
        }
        Value::Object(m)
    }
}

/// The undo of an action step; it runs with the step's retry policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Compensation {
    pub action: Option<ActionKind>,
    pub set: Option<Map<String, Value>>,
    pub duration: Option<DurationSpec>,
    pub fault: Option<Fault>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ActionStep {
    pub action: Option<ActionKind>,
    pub set: Option<Map<String, Value>>,
    pub duration: Option<DurationSpec>,
    pub retry: Option<RetryPolicy>,
    pub fault: Option<Fault>,
    pub on_fail: Option<OnFail>,
    pub compensation: Option<Compensation>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct WaitStep {
    pub duration: Option<DurationSpec>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConditionStep {
    pub filter: Option<Filter>,
    pub yes: Option<String>,
    pub no: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct FilterStep {
    pub filter: Option<Filter>,
    pub on_fail: Option<OnFail>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ApprovalScope {
    #[default]
    Execution,
    Workflow,
}

impl ApprovalScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalScope::Execution => "execution",
            ApprovalScope::Workflow => "workflow",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ApprovalStep {
    pub group: Option<String>,
    pub scope: ApprovalScope,
    pub timeout: Option<u64>,
    pub approved: Option<String>,
    pub rejected: Option<String>,
    pub timeout_to: Option<String>,
    pub retry: Option<RetryPolicy>,
    pub on_fail: Option<OnFail>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EnrollStep {
    pub workflow: Option<String>,
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match &self.body {
            StepBody::Action(_) => StepKind::Action,
            StepBody::Wait(_) => StepKind::Wait,
            StepBody::Condition(_) => StepKind::Condition,
            StepBody::Filter(_) => StepKind::Filter,
            StepBody::Approval(_) => StepKind::Approval,
            StepBody::Enroll(_) => StepKind::Enroll,
            StepBody::End => StepKind::End,
        }
    }

    /// A new step of `kind` with nothing filled in but its id.
    pub fn new(id: impl Into<String>, kind: StepKind) -> Step {
        let body = match kind {
            StepKind::Action => StepBody::Action(ActionStep::default()),
            StepKind::Wait => StepBody::Wait(WaitStep::default()),
            StepKind::Condition => StepBody::Condition(ConditionStep::default()),
            StepKind::Filter => StepBody::Filter(FilterStep::default()),
            StepKind::Approval => StepBody::Approval(ApprovalStep::default()),
            StepKind::Enroll => StepBody::Enroll(EnrollStep::default()),
            StepKind::End => StepBody::End,
        };
        Step {
            id: id.into(),
            name: None,
            next: Next::Following,
            pos: None,
            x: None,
            body,
        }
    }

    /// The fail action in force: the written one, or the kind's default
    /// (`end_workflow` for a filter, `continue` for the rest).
    pub fn on_fail(&self) -> OnFail {
        let written = match &self.body {
            StepBody::Action(a) => a.on_fail.clone(),
            StepBody::Filter(f) => return f.on_fail.clone().unwrap_or(OnFail::EndWorkflow),
            StepBody::Approval(a) => a.on_fail.clone(),
            _ => None,
        };
        written.unwrap_or(OnFail::Continue)
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        match &self.body {
            StepBody::Action(a) => a.retry.unwrap_or_default(),
            StepBody::Approval(a) => a.retry.unwrap_or_default(),
            _ => RetryPolicy::default(),
        }
    }

    /// The step as a scenario-format JSON object (the editor's writing).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("kind".into(), json!(self.kind().as_str()));
        if let Some(name) = &self.name {
            m.insert("name".into(), json!(name));
        }
        match &self.next {
            Next::Following => {}
            Next::Stop => {
                m.insert("next".into(), Value::Null);
            }
            Next::To(id) => {
                m.insert("next".into(), json!(id));
            }
        }
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                m.insert(k.into(), v);
            }
        };
        match &self.body {
            StepBody::Action(a) => {
                put("action", a.action.map(|k| json!(k.as_str())));
                put("set", a.set.clone().map(Value::Object));
                put("duration", a.duration.map(DurationSpec::to_json));
                put("retry", a.retry.map(retry_json));
                put("fault", a.fault.map(Fault::to_json));
                put("on_fail", a.on_fail.as_ref().map(OnFail::to_json));
                put(
                    "compensation",
                    a.compensation.as_ref().map(compensation_json),
                );
            }
            StepBody::Wait(w) => put("duration", w.duration.map(DurationSpec::to_json)),
            StepBody::Condition(c) => {
                put("filter", c.filter.as_ref().map(Filter::to_json));
                put("yes", c.yes.clone().map(Value::String));
                put("no", c.no.clone().map(Value::String));
            }
            StepBody::Filter(f) => {
                put("filter", f.filter.as_ref().map(Filter::to_json));
                put("on_fail", f.on_fail.as_ref().map(OnFail::to_json));
            }
            StepBody::Approval(a) => {
                put("group", a.group.clone().map(Value::String));
                put("scope", Some(json!(a.scope.as_str())));
                put("timeout", a.timeout.map(|t| json!(format_duration(t))));
                put("approved", a.approved.clone().map(Value::String));
                put("rejected", a.rejected.clone().map(Value::String));
                put("timeout_to", a.timeout_to.clone().map(Value::String));
                put("retry", a.retry.map(retry_json));
                put("on_fail", a.on_fail.as_ref().map(OnFail::to_json));
            }
            StepBody::Enroll(e) => put("workflow", e.workflow.clone().map(Value::String)),
            StepBody::End => {}
        }
        if let Some(pos) = self.pos {
            m.insert("pos".into(), json!({"x": pos.x, "y": pos.y}));
        }
        if let Some(x) = &self.x {
            m.insert("x".into(), x.clone());
        }
        Value::Object(m)
    }
}

fn retry_json(r: RetryPolicy) -> Value {
    json!({"max_attempts": r.max_attempts, "backoff": format_duration(r.backoff)})
}

fn compensation_json(c: &Compensation) -> Value {
    let mut m = Map::new();
    if let Some(a) = c.action {
        m.insert("action".into(), json!(a.as_str()));
    }
    if let Some(set) = &c.set {
        m.insert("set".into(), Value::Object(set.clone()));
    }
    if let Some(d) = c.duration {
        m.insert("duration".into(), d.to_json());
    }
    if let Some(f) = c.fault {
        m.insert("fault".into(), f.to_json());
    }
    Value::Object(m)
}
