use crate::model::{Next, OnFail, Step, StepBody, WorkflowDraft};

use super::EditError;

/// The ends a link can leave a step from; each is named after the field it
/// writes, as validation names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Port {
    Next,
    Yes,
    No,
    Approved,
    Rejected,
    Timeout,
    OnFailGoto,
}

impl Port {
    pub const ALL: [Port; 7] = [
        Port::Next,
        Port::Yes,
        Port::No,
        Port::Approved,
        Port::Rejected,
        Port::Timeout,
        Port::OnFailGoto,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Port::Next => "next",
            Port::Yes => "yes",
            Port::No => "no",
            Port::Approved => "approved",
            Port::Rejected => "rejected",
            Port::Timeout => "timeout_to",
            Port::OnFailGoto => "on_fail.goto",
        }
    }
}

/// Where a step's link on `port` leads, or `None` when it has no target.
/// `Err` when the step's kind has no such port.
pub fn target(step: &Step, port: Port) -> Result<Option<&str>, EditError> {
    let found = match (&step.body, port) {
        (_, Port::Next) => match &step.next {
            Next::To(id) => Some(id),
            Next::Following | Next::Stop => None,
        },
        (StepBody::Condition(c), Port::Yes) => c.yes.as_ref(),
        (StepBody::Condition(c), Port::No) => c.no.as_ref(),
        (StepBody::Approval(a), Port::Approved) => a.approved.as_ref(),
        (StepBody::Approval(a), Port::Rejected) => a.rejected.as_ref(),
        (StepBody::Approval(a), Port::Timeout) => a.timeout_to.as_ref(),
        (StepBody::Action(_) | StepBody::Filter(_) | StepBody::Approval(_), Port::OnFailGoto) => {
            on_fail_slot(step).and_then(goto_of)
        }
        _ => return Err(no_port(step, port)),
    };
    Ok(found.map(String::as_str))
}

fn on_fail_slot(step: &Step) -> Option<&OnFail> {
    match &step.body {
        StepBody::Action(a) => a.on_fail.as_ref(),
        StepBody::Filter(f) => f.on_fail.as_ref(),
        StepBody::Approval(a) => a.on_fail.as_ref(),
        _ => None,
    }
}

fn goto_of(on_fail: &OnFail) -> Option<&String> {
    match on_fail {
        OnFail::Branch { goto } => goto.as_ref(),
        _ => None,
    }
}

fn no_port(step: &Step, port: Port) -> EditError {
    EditError::NoPort {
        kind: step.kind(),
        port: port.as_str(),
    }
}

/// Points `port` at `to`. `None` on `next` is `Next::Stop` (a written
/// `null`: the workflow ends there), on the branch ports it unsets the port,
/// and on `on_fail.goto` it keeps a `branch` fail action without a target.
/// `Some` on `on_fail.goto` makes the fail action `branch`.
pub fn set_target(step: &mut Step, port: Port, to: Option<String>) -> Result<(), EditError> {
    target(step, port)?;
    match (&mut step.body, port) {
        (_, Port::Next) => step.next = to.map_or(Next::Stop, Next::To),
        (StepBody::Condition(c), Port::Yes) => c.yes = to,
        (StepBody::Condition(c), Port::No) => c.no = to,
        (StepBody::Approval(a), Port::Approved) => a.approved = to,
        (StepBody::Approval(a), Port::Rejected) => a.rejected = to,
        (StepBody::Approval(a), Port::Timeout) => a.timeout_to = to,
        (StepBody::Action(a), Port::OnFailGoto) => set_goto(&mut a.on_fail, to),
        (StepBody::Filter(f), Port::OnFailGoto) => set_goto(&mut f.on_fail, to),
        (StepBody::Approval(a), Port::OnFailGoto) => set_goto(&mut a.on_fail, to),
        _ => unreachable!("`target` refused every other pair"),
    }
    Ok(())
}

fn set_goto(on_fail: &mut Option<OnFail>, to: Option<String>) {
    match (on_fail.as_mut(), to) {
        (Some(OnFail::Branch { goto }), to) => *goto = to,
        (_, Some(to)) => *on_fail = Some(OnFail::Branch { goto: Some(to) }),
        (_, None) => {}
    }
}

/// Rewrites every link of `step`; `None` from `f` removes the link
/// (a `next` then stops the execution).
pub fn map_links(step: &mut Step, f: impl Fn(&str) -> Option<String>) {
    let map = |slot: &mut Option<String>| {
        if let Some(to) = slot.take() {
            *slot = f(&to);
        }
    };
    if let Next::To(to) = &step.next {
        step.next = f(to).map_or(Next::Stop, Next::To);
    }
    let on_fail = match &mut step.body {
        StepBody::Condition(c) => {
            map(&mut c.yes);
            map(&mut c.no);
            None
        }
        StepBody::Approval(a) => {
            map(&mut a.approved);
            map(&mut a.rejected);
            map(&mut a.timeout_to);
            a.on_fail.as_mut()
        }
        StepBody::Action(a) => a.on_fail.as_mut(),
        StepBody::Filter(fs) => fs.on_fail.as_mut(),
        StepBody::Wait(_) | StepBody::Enroll(_) | StepBody::End => None,
    };
    if let Some(OnFail::Branch { goto }) = on_fail {
        map(goto);
    }
}

/// Every step id a step's links name (`next`, the branch ports, `on_fail.goto`).
pub fn for_each_link_mut(step: &mut Step, mut f: impl FnMut(&mut String)) {
    if let Next::To(id) = &mut step.next {
        f(id);
    }
    let mut on_fail = None;
    match &mut step.body {
        StepBody::Condition(c) => c.yes.iter_mut().chain(c.no.iter_mut()).for_each(&mut f),
        StepBody::Approval(a) => {
            a.approved
                .iter_mut()
                .chain(a.rejected.iter_mut())
                .chain(a.timeout_to.iter_mut())
                .for_each(&mut f);
            on_fail = a.on_fail.as_mut();
        }
        StepBody::Action(a) => on_fail = a.on_fail.as_mut(),
        StepBody::Filter(fs) => on_fail = fs.on_fail.as_mut(),
        StepBody::Wait(_) | StepBody::Enroll(_) | StepBody::End => {}
    }
    if let Some(OnFail::Branch { goto: Some(id) }) = on_fail {
        f(id);
    }
}

pub fn rewrite_references(steps: &mut [Step], from: &str, to: &str) {
    for step in steps {
        for_each_link_mut(step, |id| {
            if id == from {
                *id = to.to_string();
            }
        });
    }
}

/// The links that name `id`: (the step they leave from, the port).
pub fn references_to(draft: &WorkflowDraft, id: &str) -> Vec<(String, Port)> {
    let mut out = Vec::new();
    for step in &draft.steps {
        for port in Port::ALL {
            if target(step, port).ok().flatten() == Some(id) {
                out.push((step.id.clone(), port));
            }
        }
    }
    out
}
