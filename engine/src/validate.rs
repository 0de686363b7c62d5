//! Publish validation (lifecycle.md §5). A draft may be incomplete while it
//! is edited; publishing needs it free of errors. Warnings do not stop a
//! publish: they are kept with the version.
//!
//! Every issue names the step (by id) and the field it is about, the field
//! written as a path inside the step (`next`, `retry.max_attempts`,
//! `on_fail.goto`, `compensation.duration.min`) or inside the workflow when
//! there is no step (`settings.max_concurrent`, `trigger.poll`, `steps`).

use std::collections::{HashMap, VecDeque};
use std::fmt;

use crate::model::{
    DurationSpec, Fault, Next, OnFail, Operator, RetryPolicy, Step, StepBody, Trigger,
    WorkflowDraft,
};
use crate::time::{format_clock, format_duration};

/// What lies outside the draft that validation looks at.
///
/// `workflow_ids` are the workspace's workflows, the possible `enroll`
/// targets; the draft's own id always counts as existing. `operators` are
/// the people who can decide approvals. `ValidationContext::default()` knows
/// no workflow and no operator.
#[derive(Clone, Copy, Debug, Default)]
pub struct ValidationContext<'a> {
    pub workflow_ids: &'a [&'a str],
    pub operators: &'a [Operator],
}

impl ValidationContext<'_> {
    fn workflow_exists(&self, draft: &WorkflowDraft, id: &str) -> bool {
        id == draft.id || self.workflow_ids.contains(&id)
    }

    fn group_has_operator(&self, group: &str) -> bool {
        self.operators.iter().any(|o| o.in_group(group))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Publishing is refused.
    Error,
    /// Publishing goes ahead; the warning is kept with the version.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    /// The id of the step the issue is about; `None` for the workflow itself.
    pub step: Option<String>,
    /// The field, as a path inside the step (or inside the workflow when
    /// `step` is `None`); `None` when the issue is about the step as a whole.
    pub field: Option<String>,
    /// The message in English.
    pub message: String,
    /// `message` before its values are put in: the English template, the
    /// key an app translates (`names step {target}, which does not exist`).
    pub template: &'static str,
    /// The values of the template's `{holes}`, by name.
    pub args: Vec<(&'static str, String)>,
}

/// A message not yet written: its template and the values of its holes.
#[derive(Clone, Debug)]
struct Message {
    template: &'static str,
    args: Vec<(&'static str, String)>,
}

/// The templates are written as `msg("…")` so that an app's translation
/// check can find them in the sources.
fn msg(template: &'static str) -> Message {
    Message {
        template,
        args: Vec::new(),
    }
}

impl Message {
    fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        self.args.push((name, value.to_string()));
        self
    }

    fn into_issue(self, severity: Severity, step: Option<String>, field: Option<String>) -> Issue {
        let mut message = self.template.to_string();
        for (name, value) in &self.args {
            message = message.replace(&format!("{{{name}}}"), value);
        }
        Issue {
            severity,
            step,
            field,
            message,
            template: self.template,
            args: self.args,
        }
    }
}

impl Issue {
    /// The issue's place inside its workflow: `steps[2].next`,
    /// `settings.max_concurrent`. A duplicated id points at its first repeat.
    pub fn path_in_workflow(&self, draft: &WorkflowDraft) -> String {
        let Some(id) = &self.step else {
            return self.field.clone().unwrap_or_default();
        };
        let mut positions = draft
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| &s.id == id)
            .map(|(i, _)| i);
        let first = positions.next();
        let index = if self.field.as_deref() == Some("id") {
            positions.next().or(first)
        } else {
            first
        };
        match (index, &self.field) {
            (None, _) => "steps".to_string(),
            (Some(i), None) => format!("steps[{i}]"),
            (Some(i), Some(field)) => format!("steps[{i}].{field}"),
        }
    }

    /// The issue's place in a scenario file: `workflows[0].steps[2].next`.
    pub fn json_path(&self, draft: &WorkflowDraft, workflow_index: usize) -> String {
        let inner = self.path_in_workflow(draft);
        if inner.is_empty() {
            format!("workflows[{workflow_index}]")
        } else {
            format!("workflows[{workflow_index}].{inner}")
        }
    }
}

impl fmt::Display for Issue {
    /// `step "s3", next: names step "s9", which does not exist`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.step, &self.field) {
            (Some(step), Some(field)) => write!(f, "step {step:?}, {field}: {}", self.message),
            (Some(step), None) => write!(f, "step {step:?}: {}", self.message),
            (None, Some(field)) => write!(f, "{field}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// Errors and warnings, each in step order (workflow-level issues first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl ValidationReport {
    pub fn is_publishable(&self) -> bool {
        self.errors.is_empty()
    }
}

pub use crate::limits::MAX_STEPS;
use crate::limits::{MAX_ATTEMPTS, MAX_ATTEMPTS_AT_ONE_INSTANT};

pub fn validate(draft: &WorkflowDraft, context: &ValidationContext) -> ValidationReport {
    let mut c = Checker {
        draft,
        context,
        found: Vec::new(),
    };
    c.trigger();
    c.settings();
    if draft.steps.is_empty() {
        c.workflow_issue(Severity::Error, "steps", msg("the workflow has no steps"));
    }
    if draft.steps.len() > MAX_STEPS {
        let message = msg("the workflow has {n} steps; at most {max} are allowed")
            .arg("n", draft.steps.len())
            .arg("max", MAX_STEPS);
        c.workflow_issue(Severity::Error, "steps", message);
        let (errors, warnings) = (c.found.into_iter().map(|(_, i)| i).collect(), Vec::new());
        return ValidationReport { errors, warnings };
    }
    c.duplicate_ids();
    for i in 0..draft.steps.len() {
        c.step(i);
    }
    let graph = Graph::of(draft);
    c.cycles(&graph);
    c.unreachable(&graph);

    c.found.sort_by_key(|(order, _)| *order);
    let (errors, warnings) = c
        .found
        .into_iter()
        .map(|(_, issue)| issue)
        .partition(|i| i.severity == Severity::Error);
    ValidationReport { errors, warnings }
}

struct Checker<'a> {
    draft: &'a WorkflowDraft,
    context: &'a ValidationContext<'a>,
    /// Each issue with the index of its step (`None` sorts first).
    found: Vec<(Option<usize>, Issue)>,
}

impl Checker<'_> {
    fn workflow_issue(&mut self, severity: Severity, field: &str, message: Message) {
        let issue = message.into_issue(severity, None, Some(field.into()));
        self.found.push((None, issue));
    }

    fn issue(&mut self, severity: Severity, index: usize, field: Option<&str>, message: Message) {
        let step = Some(self.draft.steps[index].id.clone());
        let issue = message.into_issue(severity, step, field.map(Into::into));
        self.found.push((Some(index), issue));
    }

    fn error(&mut self, index: usize, field: &str, message: Message) {
        self.issue(Severity::Error, index, Some(field), message);
    }

    fn warning(&mut self, index: usize, field: &str, message: Message) {
        self.issue(Severity::Warning, index, Some(field), message);
    }

    fn trigger(&mut self) {
        if let Trigger::TagAdded { poll, .. } = self.draft.trigger {
            if !(Trigger::MIN_POLL..=Trigger::MAX_POLL).contains(&poll) {
                let message = msg("must be between {min} and {max}, not {value}")
                    .arg("min", format_duration(Trigger::MIN_POLL))
                    .arg("max", format_duration(Trigger::MAX_POLL))
                    .arg("value", format_duration(poll));
                self.workflow_issue(Severity::Error, "trigger.poll", message);
            }
        }
    }

    fn settings(&mut self) {
        let settings = &self.draft.settings;
        if let Some(window) = settings.start_window {
            if window.from == window.to {
                let message = msg("from and to are both {time}, so the window never opens")
                    .arg("time", format_clock(window.from));
                self.workflow_issue(Severity::Error, "settings.start_window", message);
            }
        }
        if let Some(n) = settings.max_concurrent {
            if n < 1 {
                self.workflow_issue(
                    Severity::Error,
                    "settings.max_concurrent",
                    msg("must be 1 or more, not {value}").arg("value", n),
                );
            }
        }
        if settings.execution_timeout == Some(0) {
            let message = msg("must be more than 0 (null for no timeout)");
            self.workflow_issue(Severity::Error, "settings.execution_timeout", message);
        }
    }

    /// One error per duplicated id, at its first repeat.
    fn duplicate_ids(&mut self) {
        let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, step) in self.draft.steps.iter().enumerate() {
            positions.entry(step.id.as_str()).or_default().push(i);
        }
        for i in 0..self.draft.steps.len() {
            let at = &positions[self.draft.steps[i].id.as_str()];
            if at.len() > 1 && at[1] == i {
                let list: Vec<String> = at.iter().map(|p| (p + 1).to_string()).collect();
                #[rustfmt::skip]
                let message = msg("{n} steps have this id (positions {positions} in the list); ids must be unique")
                    .arg("n", at.len())
                    .arg("positions", join_and(&list));
                self.error(i, "id", message);
            }
        }
    }

    fn step(&mut self, i: usize) {
        let step: &Step = &self.draft.steps[i];
        if let Next::To(target) = &step.next {
            self.reference(i, "next", target);
        }
        match &step.body {
            StepBody::Action(a) => {
                if a.action.is_none() {
                    self.error(
                        i,
                        "action",
                        msg("missing: choose email, sms, webhook or update"),
                    );
                }
                self.random_bounds(i, "duration", a.duration);
                self.retry(i, a.retry);
                let instant = |d: Option<DurationSpec>| d.is_none_or(DurationSpec::can_be_zero);
                let compensation = a.compensation.as_ref().map(|c| c.duration);
                if instant(a.duration) || compensation.is_some_and(instant) {
                    self.retry_at_one_instant(i, a.retry);
                }
                self.fault(i, "fault", a.fault);
                if let Some(comp) = &a.compensation {
                    self.random_bounds(i, "compensation.duration", comp.duration);
                    self.fault(i, "compensation.fault", comp.fault);
                }
            }
            StepBody::Wait(w) => match w.duration {
                None => self.error(i, "duration", msg("missing: a wait needs a duration")),
                Some(DurationSpec::Fixed(0)) => {
                    self.error(i, "duration", msg("must be more than 0"))
                }
                Some(DurationSpec::Random { min: 0, max }) => self.error(
                    i,
                    "duration.min",
                    msg("must be more than 0 (max is {max})").arg("max", format_duration(max)),
                ),
                spec => self.random_bounds(i, "duration", spec),
            },
            StepBody::Condition(cond) => {
                if cond.filter.is_none() {
                    self.error(
                        i,
                        "filter",
                        msg("missing: a condition needs a filter to evaluate"),
                    );
                }
                match &cond.yes {
                    None => self.error(
                        i,
                        "yes",
                        msg("missing: the step to go to when the filter matches"),
                    ),
                    Some(target) => self.reference(i, "yes", target),
                }
                match &cond.no {
                    None => self.error(
                        i,
                        "no",
                        msg("missing: the step to go to when the filter does not match"),
                    ),
                    Some(target) => self.reference(i, "no", target),
                }
            }
            StepBody::Filter(f) => {
                if f.filter.is_none() {
                    self.error(
                        i,
                        "filter",
                        msg("missing: a filter step needs a filter to check"),
                    );
                }
            }
            StepBody::Approval(a) => {
                match &a.group {
                    None => self.error(
                        i,
                        "group",
                        msg("missing: the group of operators who decide"),
                    ),
                    Some(group) if !self.context.group_has_operator(group) => self.warning(
                        i,
                        "group",
                        msg("no operator is in group {group}, so nobody can decide")
                            .arg("group", format!("{group:?}")),
                    ),
                    Some(_) => {}
                }
                if a.timeout == Some(0) {
                    self.error(
                        i,
                        "timeout",
                        msg("must be more than 0 (leave it out for no timeout)"),
                    );
                }
                for (field, target) in [
                    ("approved", &a.approved),
                    ("rejected", &a.rejected),
                    ("timeout_to", &a.timeout_to),
                ] {
                    if let Some(target) = target {
                        self.reference(i, field, target);
                    }
                }
                self.retry(i, a.retry);
            }
            StepBody::Enroll(e) => match &e.workflow {
                None => self.error(
                    i,
                    "workflow",
                    msg("missing: the workflow to enroll the contact into"),
                ),
                Some(w) if !self.context.workflow_exists(self.draft, w) => self.warning(
                    i,
                    "workflow",
                    msg("names workflow {workflow}, which does not exist")
                        .arg("workflow", format!("{w:?}")),
                ),
                Some(_) => {}
            },
            StepBody::End => {}
        }
        self.on_fail(i, &step.on_fail());
    }

    fn reference(&mut self, i: usize, field: &str, target: &str) {
        if self.draft.step(target).is_none() {
            self.error(
                i,
                field,
                msg("names step {target}, which does not exist")
                    .arg("target", format!("{target:?}")),
            );
        }
    }

    fn random_bounds(&mut self, i: usize, field: &str, spec: Option<DurationSpec>) {
        if let Some(DurationSpec::Random { min, max }) = spec {
            if min > max {
                let message = msg("min {min} is more than max {max}")
                    .arg("min", format_duration(min))
                    .arg("max", format_duration(max));
                self.error(i, &format!("{field}.min"), message);
            }
        }
    }

    fn retry(&mut self, i: usize, retry: Option<RetryPolicy>) {
        if let Some(RetryPolicy { max_attempts, .. }) = retry {
            if max_attempts < 1 {
                self.error(
                    i,
                    "retry.max_attempts",
                    msg("must be 1 or more, not {value}").arg("value", max_attempts),
                );
            } else if max_attempts > MAX_ATTEMPTS {
                self.error(
                    i,
                    "retry.max_attempts",
                    msg("must be at most {max}, not {value}")
                        .arg("max", MAX_ATTEMPTS)
                        .arg("value", max_attempts),
                );
            }
        }
    }

    /// For an action (or its compensation) that can take no time: `backoff`
    /// 0 puts every attempt at the instant of the first.
    fn retry_at_one_instant(&mut self, i: usize, retry: Option<RetryPolicy>) {
        let policy = retry.unwrap_or_default();
        let limit = MAX_ATTEMPTS_AT_ONE_INSTANT as i64;
        if policy.backoff == 0 && policy.max_attempts > limit && policy.max_attempts <= MAX_ATTEMPTS
        {
            #[rustfmt::skip]
            let message = msg("0 with max_attempts {n} and an attempt that can take no time: the attempts would spin at one instant (at most {limit} may; set a backoff or a duration)")
                .arg("n", policy.max_attempts)
                .arg("limit", limit);
            self.error(i, "retry.backoff", message);
        }
    }

    fn fault(&mut self, i: usize, field: &str, fault: Option<Fault>) {
        if let Some(Fault::Probability(p)) = fault {
            if !(0.0..=1.0).contains(&p) {
                self.error(
                    i,
                    &format!("{field}.probability"),
                    msg("must be between 0 and 1, not {value}").arg("value", p),
                );
            }
        }
    }

    fn on_fail(&mut self, i: usize, on_fail: &OnFail) {
        match on_fail {
            OnFail::Branch { goto: None } => {
                self.warning(
                    i,
                    "on_fail.goto",
                    msg("missing: a failure will go on along next"),
                );
            }
            OnFail::Branch { goto: Some(target) } if self.draft.step(target).is_none() => {
                #[rustfmt::skip]
                let message = msg("names step {target}, which does not exist; a failure will go on along next")
                    .arg("target", format!("{target:?}"));
                self.warning(i, "on_fail.goto", message);
            }
            OnFail::Retry {
                retry_interval_days: 0,
                ..
            } => {
                let message =
                    msg("must be 1 or more: with 0 the retries would spin at one instant");
                self.error(i, "on_fail.retry_interval_days", message);
            }
            OnFail::EnrollWorkflow { workflow: None } => {
                self.warning(
                    i,
                    "on_fail.workflow",
                    msg("missing: a failure will enroll the contact nowhere"),
                );
            }
            OnFail::EnrollWorkflow { workflow: Some(w) }
                if !self.context.workflow_exists(self.draft, w) =>
            {
                self.warning(
                    i,
                    "on_fail.workflow",
                    msg("names workflow {workflow}, which does not exist")
                        .arg("workflow", format!("{w:?}")),
                );
            }
            _ => {}
        }
    }

    /// One error per group of steps that loop without a wait or an approval.
    fn cycles(&mut self, graph: &Graph) {
        let spinning: Vec<Vec<usize>> = graph
            .edges
            .iter()
            .enumerate()
            .map(|(i, out)| {
                if graph.pauses[i] {
                    Vec::new()
                } else {
                    out.iter().map(|(t, _)| *t).collect()
                }
            })
            .collect();
        for mut component in strongly_connected(&spinning) {
            component.sort_unstable();
            let first = component[0];
            let inside = |t: &usize| component.binary_search(t).is_ok();
            if component.len() == 1 && !spinning[first].contains(&first) {
                continue;
            }
            let port = graph.edges[first]
                .iter()
                .find(|(t, _)| inside(t))
                .map_or("next", |(_, p)| *p);
            let quoted = |i: usize| format!("{:?}", self.draft.steps[i].id);
            let simple = component.iter().all(|&v| {
                let mut targets: Vec<usize> = spinning[v].iter().copied().filter(inside).collect();
                targets.dedup();
                targets.len() == 1
            });
            let message = if simple {
                let mut path = vec![quoted(first)];
                let mut at = first;
                loop {
                    at = *spinning[at]
                        .iter()
                        .find(|t| inside(t))
                        .expect("a step of a loop leads on inside it");
                    path.push(quoted(at));
                    if at == first {
                        break;
                    }
                }
                msg("loops {path} with no wait or approval on the way: an execution would go round forever at one instant")
                    .arg("path", path.join(" → "))
            } else {
                let names: Vec<String> = component.iter().map(|&i| quoted(i)).collect();
                msg("steps {steps} loop among themselves with no wait or approval on the way: an execution could go round forever at one instant")
                    .arg("steps", join_and(&names))
            };
            self.error(first, port, message);
        }
    }

    fn unreachable(&mut self, graph: &Graph) {
        if self.draft.steps.is_empty() {
            return;
        }
        let mut seen = vec![false; self.draft.steps.len()];
        let mut queue = VecDeque::from([0]);
        seen[0] = true;
        while let Some(v) = queue.pop_front() {
            for &(t, _) in &graph.edges[v] {
                if !seen[t] {
                    seen[t] = true;
                    queue.push_back(t);
                }
            }
        }
        let first = format!("{:?}", self.draft.steps[0].id);
        for (i, _) in seen.iter().enumerate().filter(|(_, s)| !**s) {
            self.issue(
                Severity::Warning,
                i,
                None,
                msg("no path from the first step {first} reaches it").arg("first", &first),
            );
        }
    }
}

/// Every move a step can make, by step index, with the field it goes by.
struct Graph {
    edges: Vec<Vec<(usize, &'static str)>>,
    /// Waits and approvals: a loop through one of them lets time pass.
    pauses: Vec<bool>,
}

impl Graph {
    fn of(draft: &WorkflowDraft) -> Graph {
        let edges = (0..draft.steps.len()).map(|i| moves(draft, i)).collect();
        let pauses = draft
            .steps
            .iter()
            .map(|s| matches!(s.body, StepBody::Wait(_) | StepBody::Approval(_)))
            .collect();
        Graph { edges, pauses }
    }
}

fn moves(draft: &WorkflowDraft, i: usize) -> Vec<(usize, &'static str)> {
    let step = &draft.steps[i];
    let next = draft.next_of(i);
    let to = |id: &Option<String>| id.as_deref().and_then(|id| draft.step_index(id));
    let mut out: Vec<(Option<usize>, &'static str)> = Vec::new();
    match &step.body {
        StepBody::Action(_) | StepBody::Wait(_) | StepBody::Filter(_) | StepBody::Enroll(_) => {
            out.push((next, "next"))
        }
        StepBody::Condition(c) => {
            out.push((to(&c.yes), "yes"));
            out.push((to(&c.no), "no"));
        }
        StepBody::Approval(a) => {
            out.push((
                a.approved.as_ref().map_or(next, |_| to(&a.approved)),
                "approved",
            ));
            out.push((
                a.rejected.as_ref().map_or(next, |_| to(&a.rejected)),
                "rejected",
            ));
            out.push((to(&a.timeout_to), "timeout_to"));
        }
        StepBody::End => {}
    }
    if matches!(
        step.body,
        StepBody::Action(_) | StepBody::Filter(_) | StepBody::Approval(_)
    ) {
        match step.on_fail() {
            OnFail::Continue | OnFail::Retry { .. } => out.push((next, "next")),
            OnFail::Branch { goto } => match to(&goto) {
                Some(target) => out.push((Some(target), "on_fail.goto")),
                None => out.push((next, "next")),
            },
            OnFail::EndWorkflow
            | OnFail::SkipRemaining
            | OnFail::EnrollWorkflow { .. }
            | OnFail::FailWorkflow => {}
        }
    }
    let mut edges: Vec<(usize, &'static str)> = Vec::new();
    for (target, port) in out {
        if let Some(t) = target {
            if !edges.iter().any(|(seen, _)| *seen == t) {
                edges.push((t, port));
            }
        }
    }
    edges
}

/// Tarjan's algorithm, iterative so that long drafts cannot overflow the stack.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0; n], vec![false; n]);
    let (mut stack, mut components, mut counter) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = work.last_mut() {
            let v = top.0;
            if top.1 < edges[v].len() {
                let w = edges[v][top.1];
                top.1 += 1;
                if index[w] == UNSEEN {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::scenario::decode_workflow;

    fn workflow(extra: Value) -> WorkflowDraft {
        let mut w = json!({"id": "main"});
        w.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        decode_workflow(&w, "workflows[0]").unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn steps(steps: Value) -> WorkflowDraft {
        workflow(json!({ "steps": steps }))
    }

    fn operators() -> Vec<Operator> {
        vec![Operator {
            id: "op1".into(),
            name: "Sam".into(),
            email: Some("sam@example.com".into()),
            mobile: None,
            groups: vec!["approvers".into()],
        }]
    }

    fn check(draft: &WorkflowDraft) -> ValidationReport {
        let operators = operators();
        validate(
            draft,
            &ValidationContext {
                workflow_ids: &["main", "nurture"],
                operators: &operators,
            },
        )
    }

    /// `(step, field)` of each issue, in order.
    fn places(issues: &[Issue]) -> Vec<(Option<&str>, Option<&str>)> {
        issues
            .iter()
            .map(|i| (i.step.as_deref(), i.field.as_deref()))
            .collect()
    }

    fn only_error(draft: &WorkflowDraft) -> Issue {
        let report = check(draft);
        assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
        assert!(!report.is_publishable());
        report.errors[0].clone()
    }

    fn assert_issue(issue: &Issue, step: Option<&str>, field: Option<&str>, words: &str) {
        assert_eq!(
            (issue.step.as_deref(), issue.field.as_deref()),
            (step, field),
            "{issue}"
        );
        assert!(
            issue.message.contains(words),
            "{issue:?} should say {words:?}"
        );
    }

    #[test]
    fn a_complete_draft_has_no_errors_and_no_warnings() {
        let draft = workflow(json!({
            "trigger": {"type": "tag_added", "tag": "lead", "poll": "10m"},
            "settings": {"max_concurrent": 5, "execution_timeout": "7d",
                         "start_window": {"from": "09:00", "to": "17:00"}},
            "steps": [
                {"id": "s1", "kind": "action", "action": "email", "duration": {"min": "1s", "max": "30s"},
                 "retry": {"max_attempts": 3, "backoff": "1m"}, "fault": {"probability": 0.2},
                 "on_fail": {"action": "branch", "goto": "s7"},
                 "compensation": {"action": "email", "fault": {"probability": 1}}},
                {"id": "s2", "kind": "wait", "duration": "1h"},
                {"id": "s3", "kind": "condition", "filter": {"tag": "lead"}, "yes": "s4", "no": "s6"},
                {"id": "s4", "kind": "filter", "filter": {"attribute": "score", "op": ">=", "value": 50}},
                {"id": "s5", "kind": "approval", "group": "approvers", "timeout": "1d",
                 "approved": "s6", "rejected": "s7", "timeout_to": "s2"},
                {"id": "s6", "kind": "enroll", "workflow": "nurture"},
                {"id": "s7", "kind": "end"}
            ]
        }));
        assert_eq!(check(&draft), ValidationReport::default());
        assert!(check(&draft).is_publishable());
    }

    #[test]
    fn an_empty_draft_has_exactly_the_no_steps_error() {
        let report = check(&steps(json!([])));
        assert_eq!(report.errors.len(), 1);
        assert_issue(&report.errors[0], None, Some("steps"), "no steps");
        assert!(report.warnings.is_empty());
        assert_eq!(
            report.errors[0].to_string(),
            "steps: the workflow has no steps"
        );
    }

    #[test]
    fn a_draft_with_more_steps_than_an_index_holds_is_an_error() {
        let wait = |i: usize| json!({"id": format!("w{i}"), "kind": "wait", "duration": "1m"});
        let too_many: Vec<Value> = (0..=MAX_STEPS).map(wait).collect();
        let report = check(&steps(Value::Array(too_many)));
        assert_eq!(report.errors.len(), 1);
        assert_eq!(
            report.errors[0].to_string(),
            "steps: the workflow has 65536 steps; at most 65535 are allowed"
        );
        assert!(!report.is_publishable());
    }

    #[test]
    fn two_steps_with_one_id_is_reported_once_at_the_repeat() {
        let draft = steps(json!([
            {"id": "a", "kind": "wait", "duration": "1m"},
            {"id": "b", "kind": "wait", "duration": "1m"},
            {"id": "a", "kind": "wait", "duration": "1m"},
            {"id": "a", "kind": "end"}
        ]));
        let error = only_error(&draft);
        assert_issue(
            &error,
            Some("a"),
            Some("id"),
            "3 steps have this id (positions 1, 3 and 4",
        );
        assert_eq!(error.json_path(&draft, 0), "workflows[0].steps[2].id");
    }

    #[test]
    fn links_to_missing_steps_are_errors() {
        let draft = steps(json!([
            {"id": "s1", "kind": "action", "action": "email", "next": "s9"},
            {"id": "s2", "kind": "condition", "filter": {"tag": "x"}, "yes": "nope", "no": "s3"},
            {"id": "s3", "kind": "approval", "group": "approvers", "timeout": "1h",
             "approved": "a9", "rejected": "r9", "timeout_to": "t9"},
            {"id": "s4", "kind": "end"}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("s1"), Some("next")),
                (Some("s2"), Some("yes")),
                (Some("s3"), Some("approved")),
                (Some("s3"), Some("rejected")),
                (Some("s3"), Some("timeout_to")),
            ]
        );
        assert_eq!(
            report.errors[0].to_string(),
            r#"step "s1", next: names step "s9", which does not exist"#
        );
        assert_eq!(
            report.errors[0].template,
            "names step {target}, which does not exist"
        );
        assert_eq!(report.errors[0].args, [("target", "\"s9\"".to_string())]);
        assert_eq!(
            report.errors[0].json_path(&draft, 0),
            "workflows[0].steps[0].next"
        );
        assert_eq!(
            report.errors[4].json_path(&draft, 3),
            "workflows[3].steps[2].timeout_to"
        );
        assert!(report.errors[2].message.contains("\"a9\""));
    }

    #[test]
    fn condition_no_naming_a_missing_step_is_an_error() {
        let draft = steps(json!([
            {"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "e", "no": "gone"},
            {"id": "e", "kind": "end"}
        ]));
        assert_issue(
            &only_error(&draft),
            Some("c"),
            Some("no"),
            "\"gone\", which does not exist",
        );
    }

    #[test]
    fn missing_required_fields_are_errors() {
        let draft = steps(json!([
            {"id": "act", "kind": "action"},
            {"id": "cond", "kind": "condition"},
            {"id": "filt", "kind": "filter"},
            {"id": "wt", "kind": "wait"},
            {"id": "appr", "kind": "approval"},
            {"id": "enr", "kind": "enroll"}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("act"), Some("action")),
                (Some("cond"), Some("filter")),
                (Some("cond"), Some("yes")),
                (Some("cond"), Some("no")),
                (Some("filt"), Some("filter")),
                (Some("wt"), Some("duration")),
                (Some("appr"), Some("group")),
                (Some("enr"), Some("workflow")),
            ]
        );
        assert!(
            report
                .errors
                .iter()
                .all(|e| e.message.starts_with("missing")),
            "{:#?}",
            report.errors
        );
        assert_eq!(
            report.errors[5].json_path(&draft, 0),
            "workflows[0].steps[3].duration"
        );
    }

    #[test]
    fn durations_and_timeouts_must_be_positive() {
        let draft = workflow(json!({
            "settings": {"execution_timeout": 0},
            "steps": [
                {"id": "w1", "kind": "wait", "duration": "0s"},
                {"id": "w2", "kind": "wait", "duration": {"min": 0, "max": "5m"}},
                {"id": "ap", "kind": "approval", "group": "approvers", "timeout": "0m"},
                {"id": "act", "kind": "action", "action": "webhook", "duration": "0s"}
            ]
        }));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (None, Some("settings.execution_timeout")),
                (Some("w1"), Some("duration")),
                (Some("w2"), Some("duration.min")),
                (Some("ap"), Some("timeout")),
            ]
        );
        assert!(
            report
                .errors
                .iter()
                .all(|e| e.message.contains("more than 0")),
            "{:#?}",
            report.errors
        );
        assert_eq!(
            report.errors[0].json_path(&draft, 1),
            "workflows[1].settings.execution_timeout"
        );
    }

    #[test]
    fn random_durations_need_min_at_most_max() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email", "duration": {"min": "30s", "max": "10s"},
             "compensation": {"action": "email", "duration": {"min": "2m", "max": "1m"}}},
            {"id": "w", "kind": "wait", "duration": {"min": "1h", "max": "1m"}},
            {"id": "ok", "kind": "wait", "duration": {"min": "1m", "max": "1m"}}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("a"), Some("duration.min")),
                (Some("a"), Some("compensation.duration.min")),
                (Some("w"), Some("duration.min")),
            ]
        );
        assert_eq!(report.errors[0].message, "min 30s is more than max 10s");
        assert_eq!(
            report.errors[1].json_path(&draft, 0),
            "workflows[0].steps[0].compensation.duration.min"
        );
    }

    #[test]
    fn max_attempts_must_be_at_least_one() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "sms", "retry": {"max_attempts": 0}},
            {"id": "b", "kind": "approval", "group": "approvers", "retry": {"max_attempts": -2}},
            {"id": "c", "kind": "action", "action": "sms", "retry": {"max_attempts": 1}}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("a"), Some("retry.max_attempts")),
                (Some("b"), Some("retry.max_attempts"))
            ]
        );
        assert_eq!(report.errors[0].message, "must be 1 or more, not 0");
        assert!(report.errors[1].message.contains("-2"));
        assert_eq!(
            report.errors[0].json_path(&draft, 0),
            "workflows[0].steps[0].retry.max_attempts"
        );
    }

    #[test]
    fn max_attempts_is_capped() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "sms", "duration": "1s", "retry": {"max_attempts": 1_000_001}},
            {"id": "b", "kind": "action", "action": "sms", "duration": "1s", "retry": {"max_attempts": 1_000_000}}
        ]));
        let error = only_error(&draft);
        assert_issue(
            &error,
            Some("a"),
            Some("retry.max_attempts"),
            "at most 1000000, not 1000001",
        );
    }

    #[test]
    fn retries_that_would_all_fall_at_one_instant_are_refused() {
        let draft = steps(json!([
            {"id": "spin", "kind": "action", "action": "webhook", "duration": "0s",
             "retry": {"max_attempts": 2_147_483_648_i64, "backoff": "0s"}},
            {"id": "default_duration", "kind": "action", "action": "webhook",
             "retry": {"max_attempts": 1001, "backoff": "0s"}},
            {"id": "random", "kind": "action", "action": "webhook", "duration": {"min": "0s", "max": "1s"},
             "retry": {"max_attempts": 5000, "backoff": "0s"}},
            {"id": "compensation", "kind": "action", "action": "webhook", "duration": "1s",
             "retry": {"max_attempts": 5000, "backoff": "0s"}, "compensation": {"action": "email"}},
            {"id": "at_limit", "kind": "action", "action": "webhook", "duration": "0s",
             "retry": {"max_attempts": 1000, "backoff": "0s"}},
            {"id": "time_passes", "kind": "action", "action": "webhook", "duration": "1ms",
             "retry": {"max_attempts": 5000, "backoff": "0s"}},
            {"id": "backoff", "kind": "action", "action": "webhook", "duration": "0s",
             "retry": {"max_attempts": 5000, "backoff": "1ms"}}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("spin"), Some("retry.max_attempts")),
                (Some("default_duration"), Some("retry.backoff")),
                (Some("random"), Some("retry.backoff")),
                (Some("compensation"), Some("retry.backoff")),
            ]
        );
        assert!(report.errors[1].message.contains("spin at one instant"));
        assert_eq!(
            report.errors[1].json_path(&draft, 0),
            "workflows[0].steps[1].retry.backoff"
        );
    }

    #[test]
    fn max_concurrent_must_be_at_least_one() {
        let draft = workflow(
            json!({"settings": {"max_concurrent": 0}, "steps": [{"id": "e", "kind": "end"}]}),
        );
        let error = only_error(&draft);
        assert_issue(
            &error,
            None,
            Some("settings.max_concurrent"),
            "1 or more, not 0",
        );
        assert_eq!(
            error.to_string(),
            "settings.max_concurrent: must be 1 or more, not 0"
        );
        assert_eq!(
            error.json_path(&draft, 0),
            "workflows[0].settings.max_concurrent"
        );
    }

    #[test]
    fn probabilities_must_lie_between_zero_and_one() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email", "fault": {"probability": 1.5},
             "compensation": {"action": "email", "fault": {"probability": -0.1}}},
            {"id": "b", "kind": "action", "action": "email", "fault": {"probability": 0},
             "compensation": {"fault": {"probability": 1}}}
        ]));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (Some("a"), Some("fault.probability")),
                (Some("a"), Some("compensation.fault.probability"))
            ]
        );
        assert_eq!(report.errors[0].message, "must be between 0 and 1, not 1.5");
    }

    #[test]
    fn tag_poll_must_lie_between_5m_and_15m() {
        for (poll, ok) in [
            ("4m59s", false),
            ("5m", true),
            ("15m", true),
            ("16m", false),
        ] {
            let draft = workflow(json!({
                "trigger": {"type": "tag_added", "tag": "lead", "poll": poll},
                "steps": [{"id": "e", "kind": "end"}]
            }));
            let report = check(&draft);
            assert_eq!(report.is_publishable(), ok, "poll {poll}");
            if !ok {
                assert_issue(
                    &only_error(&draft),
                    None,
                    Some("trigger.poll"),
                    "between 5m and 15m",
                );
                assert_eq!(
                    report.errors[0].json_path(&draft, 0),
                    "workflows[0].trigger.poll"
                );
            }
        }
    }

    #[test]
    fn a_start_window_from_equal_to_is_an_error() {
        let draft = workflow(json!({
            "settings": {"start_window": {"from": "09:00", "to": "09:00"}},
            "steps": [{"id": "e", "kind": "end"}]
        }));
        assert_issue(
            &only_error(&draft),
            None,
            Some("settings.start_window"),
            "both 09:00",
        );
        let spanning = workflow(json!({
            "settings": {"start_window": {"from": "22:00", "to": "06:00"}},
            "steps": [{"id": "e", "kind": "end"}]
        }));
        assert!(check(&spanning).is_publishable());
    }

    #[test]
    fn a_loop_through_next_links_is_reported_once_naming_its_steps() {
        let draft = steps(json!([
            {"id": "start", "kind": "action", "action": "email"},
            {"id": "a", "kind": "action", "action": "email"},
            {"id": "b", "kind": "enroll", "workflow": "nurture", "next": "a"}
        ]));
        let error = only_error(&draft);
        assert_issue(
            &error,
            Some("a"),
            Some("next"),
            r#"loops "a" → "b" → "a" with no wait or approval"#,
        );
        assert!(error.message.contains("one instant"));
    }

    #[test]
    fn a_step_leading_to_itself_is_a_loop() {
        let draft =
            steps(json!([{"id": "a", "kind": "filter", "filter": {"tag": "x"}, "next": "a"}]));
        assert_issue(&only_error(&draft), Some("a"), Some("next"), r#""a" → "a""#);
    }

    #[test]
    fn loops_through_condition_ports_and_fail_paths_count() {
        let through_no = steps(json!([
            {"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "e", "no": "u"},
            {"id": "u", "kind": "action", "action": "update", "set": {"n": 1}, "next": "c"},
            {"id": "e", "kind": "end"}
        ]));
        assert_issue(
            &only_error(&through_no),
            Some("c"),
            Some("no"),
            r#""c" → "u" → "c""#,
        );

        let through_goto = steps(json!([
            {"id": "a", "kind": "action", "action": "webhook", "on_fail": {"action": "branch", "goto": "b"}, "next": null},
            {"id": "b", "kind": "action", "action": "webhook", "next": "a"}
        ]));
        assert_issue(
            &only_error(&through_goto),
            Some("a"),
            Some("on_fail.goto"),
            r#""a" → "b" → "a""#,
        );

        let through_continue = steps(json!([
            {"id": "f", "kind": "filter", "filter": {"tag": "x"}, "on_fail": {"action": "continue"}, "next": "g"},
            {"id": "g", "kind": "action", "action": "webhook", "next": "f"}
        ]));
        assert_issue(
            &only_error(&through_continue),
            Some("f"),
            Some("next"),
            r#""f" → "g" → "f""#,
        );
    }

    #[test]
    fn a_tangle_of_loops_is_one_error_listing_its_steps() {
        let draft = steps(json!([
            {"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "a", "no": "b"},
            {"id": "a", "kind": "action", "action": "email", "next": "c"},
            {"id": "b", "kind": "action", "action": "email", "next": "c"}
        ]));
        let error = only_error(&draft);
        assert_issue(
            &error,
            Some("c"),
            Some("yes"),
            r#"steps "c", "a" and "b" loop"#,
        );
    }

    #[test]
    fn a_loop_through_a_wait_or_an_approval_is_fine() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email"},
            {"id": "w", "kind": "wait", "duration": "1d", "next": "b"},
            {"id": "b", "kind": "condition", "filter": {"tag": "x"}, "yes": "w", "no": "ap"},
            {"id": "ap", "kind": "approval", "group": "approvers", "rejected": "b", "approved": "e"},
            {"id": "e", "kind": "end"}
        ]));
        assert_eq!(check(&draft), ValidationReport::default());
    }

    #[test]
    fn retry_every_zero_days_is_an_error() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email",
             "on_fail": {"action": "retry", "max_retry_days": 3, "retry_interval_days": 0}},
            {"id": "b", "kind": "action", "action": "email", "on_fail": {"action": "retry"}}
        ]));
        let error = only_error(&draft);
        assert_issue(
            &error,
            Some("a"),
            Some("on_fail.retry_interval_days"),
            "spin at one instant",
        );
        assert_eq!(
            error.json_path(&draft, 0),
            "workflows[0].steps[0].on_fail.retry_interval_days"
        );
    }

    #[test]
    fn a_branch_to_a_missing_step_or_nowhere_is_a_warning() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email", "on_fail": {"action": "branch", "goto": "s9"}},
            {"id": "b", "kind": "filter", "filter": {"tag": "x"}, "on_fail": {"action": "branch"}},
            {"id": "e", "kind": "end"}
        ]));
        let report = check(&draft);
        assert!(report.is_publishable());
        assert_eq!(
            places(&report.warnings),
            [
                (Some("a"), Some("on_fail.goto")),
                (Some("b"), Some("on_fail.goto"))
            ]
        );
        assert!(report.warnings[0]
            .message
            .contains(r#""s9", which does not exist"#));
        assert!(report.warnings[1].message.starts_with("missing"));
    }

    #[test]
    fn enrolling_into_an_unknown_workflow_is_a_warning() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email", "on_fail": {"action": "enroll_workflow", "workflow": "ghost"}},
            {"id": "b", "kind": "action", "action": "email", "on_fail": {"action": "enroll_workflow"}},
            {"id": "c", "kind": "enroll", "workflow": "phantom"},
            {"id": "d", "kind": "enroll", "workflow": "main"},
            {"id": "e", "kind": "enroll", "workflow": "nurture"}
        ]));
        let report = check(&draft);
        assert!(report.is_publishable());
        assert_eq!(
            places(&report.warnings),
            [
                (Some("a"), Some("on_fail.workflow")),
                (Some("b"), Some("on_fail.workflow")),
                (Some("c"), Some("workflow"))
            ]
        );
        assert_eq!(
            report.warnings[2].to_string(),
            r#"step "c", workflow: names workflow "phantom", which does not exist"#
        );
    }

    #[test]
    fn an_approval_group_without_operators_is_a_warning() {
        let draft = steps(json!([{"id": "ap", "kind": "approval", "group": "managers"}]));
        let report = check(&draft);
        assert!(report.is_publishable());
        assert_eq!(report.warnings.len(), 1);
        assert_issue(
            &report.warnings[0],
            Some("ap"),
            Some("group"),
            r#"no operator is in group "managers""#,
        );
        let alone = validate(
            &steps(json!([{"id": "ap", "kind": "approval", "group": "approvers"}])),
            &ValidationContext::default(),
        );
        assert_eq!(places(&alone.warnings), [(Some("ap"), Some("group"))]);
    }

    #[test]
    fn steps_no_path_reaches_are_warnings() {
        let draft = steps(json!([
            {"id": "a", "kind": "action", "action": "email", "on_fail": {"action": "branch", "goto": "rescue"}, "next": "c"},
            {"id": "orphan", "kind": "action", "action": "email"},
            {"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "e", "no": "e"},
            {"id": "rescue", "kind": "end"},
            {"id": "e", "kind": "end"},
            {"id": "after_end", "kind": "end"}
        ]));
        let report = check(&draft);
        assert!(report.errors.is_empty(), "{:#?}", report.errors);
        assert_eq!(
            places(&report.warnings),
            [(Some("orphan"), None), (Some("after_end"), None)]
        );
        assert_eq!(
            report.warnings[0].to_string(),
            r#"step "orphan": no path from the first step "a" reaches it"#
        );
        assert_eq!(
            report.warnings[0].json_path(&draft, 0),
            "workflows[0].steps[1]"
        );
    }

    #[test]
    fn approval_ports_default_to_next_and_reach_steps() {
        let draft = steps(json!([
            {"id": "ap", "kind": "approval", "group": "approvers", "timeout": "1h", "rejected": "no", "timeout_to": "late", "next": "yes"},
            {"id": "no", "kind": "end"},
            {"id": "late", "kind": "end"},
            {"id": "yes", "kind": "end"}
        ]));
        assert_eq!(check(&draft), ValidationReport::default());
    }

    #[test]
    fn issues_come_in_step_order_workflow_level_first() {
        let draft = workflow(json!({
            "settings": {"max_concurrent": 0},
            "steps": [
                {"id": "a", "kind": "action", "next": "b"},
                {"id": "b", "kind": "wait", "duration": "0s", "next": "z"},
                {"id": "c", "kind": "approval", "group": "nobody"},
                {"id": "d", "kind": "action", "action": "email", "on_fail": {"action": "branch", "goto": "q"}, "next": "d"}
            ]
        }));
        let report = check(&draft);
        assert_eq!(
            places(&report.errors),
            [
                (None, Some("settings.max_concurrent")),
                (Some("a"), Some("action")),
                (Some("b"), Some("next")),
                (Some("b"), Some("duration")),
                (Some("d"), Some("next")),
            ]
        );
        assert_eq!(
            places(&report.warnings),
            [
                (Some("c"), Some("group")),
                (Some("c"), None),
                (Some("d"), Some("on_fail.goto")),
                (Some("d"), None)
            ]
        );
        assert_eq!(check(&draft), report);
    }
}
