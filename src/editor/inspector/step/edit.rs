//! Reading and writing the parts of a step the forms edit, as written in
//! the file (so that a default stays unwritten).

use crate::i18n::tr;
use crate::t;
use flowlab_engine::model::{ActionStep, ApprovalStep, OnFail, RetryPolicy, Step, StepBody};
use serde_json::{Map, Value};

use crate::editor::context::Ed;

pub fn action_of(s: &Step) -> Option<ActionStep> {
    match &s.body {
        StepBody::Action(a) => Some(a.clone()),
        _ => None,
    }
}

pub fn approval_of(s: &Step) -> Option<ApprovalStep> {
    match &s.body {
        StepBody::Approval(a) => Some(a.clone()),
        _ => None,
    }
}

pub fn edit_action(ed: Ed, id: &str, f: impl FnOnce(&mut ActionStep)) {
    ed.update_step(id, |s| {
        if let StepBody::Action(a) = &mut s.body {
            f(a)
        }
    });
}

pub fn edit_approval(ed: Ed, id: &str, f: impl FnOnce(&mut ApprovalStep)) {
    ed.update_step(id, |s| {
        if let StepBody::Approval(a) = &mut s.body {
            f(a)
        }
    });
}

/// The fail action as written (`None` = the kind's default).
pub fn on_fail_written(s: &Step) -> Option<OnFail> {
    match &s.body {
        StepBody::Action(a) => a.on_fail.clone(),
        StepBody::Filter(f) => f.on_fail.clone(),
        StepBody::Approval(a) => a.on_fail.clone(),
        _ => None,
    }
}

pub fn set_on_fail(s: &mut Step, v: Option<OnFail>) {
    match &mut s.body {
        StepBody::Action(a) => a.on_fail = v,
        StepBody::Filter(f) => f.on_fail = v,
        StepBody::Approval(a) => a.on_fail = v,
        _ => {}
    }
}

pub fn retry_written(s: &Step) -> Option<RetryPolicy> {
    match &s.body {
        StepBody::Action(a) => a.retry,
        StepBody::Approval(a) => a.retry,
        _ => None,
    }
}

pub fn set_retry(s: &mut Step, v: Option<RetryPolicy>) {
    match &mut s.body {
        StepBody::Action(a) => a.retry = v,
        StepBody::Approval(a) => a.retry = v,
        _ => {}
    }
}

pub fn parse_set(text: &str) -> Result<Option<Map<String, Value>>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Object(m)) => Ok(Some(m)),
        Ok(_) => Err(tr("write an object, e.g. {\"plan\": \"pro\"}").into()),
        Err(e) => Err(t!("not JSON: {error}", error = e)),
    }
}
