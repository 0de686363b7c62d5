//! Scenario-format JSON → the authoring model. Unknown fields, fields of
//! another step kind and values of the wrong type are refused here; missing
//! fields that publishing needs are left for `validate`.

use serde_json::{Map, Value};

use super::error::{Decoded, Problem};
use super::reader::{duration, fail, index, type_name, uint, Obj};
use crate::canonical::written_parts;
use crate::model::*;

const COMMON: &[&str] = &["id", "kind", "name", "next", "pos"];

fn fields_of(kind: StepKind) -> &'static [&'static str] {
    match kind {
        StepKind::Action => &[
            "action",
            "set",
            "duration",
            "retry",
            "fault",
            "on_fail",
            "compensation",
        ],
        StepKind::Wait => &["duration"],
        StepKind::Condition => &["filter", "yes", "no"],
        StepKind::Filter => &["filter", "on_fail"],
        StepKind::Approval => &[
            "group",
            "scope",
            "timeout",
            "approved",
            "rejected",
            "timeout_to",
            "retry",
            "on_fail",
        ],
        StepKind::Enroll => &["workflow"],
        StepKind::End => &[],
    }
}

pub fn step(v: &Value, path: &str) -> Decoded<Step> {
    let o = Obj::new(v, path)?;
    let kind_text = o.str("kind")?;
    let Some(kind) = StepKind::parse(&kind_text) else {
        return fail(
            &o.at("kind"),
            Problem::NotOneOf {
                value: kind_text,
                expected: "action, wait, condition, filter, approval, enroll, end",
            },
        );
    };
    let own = fields_of(kind);
    for key in o.map.keys() {
        if key == "x" || COMMON.contains(&key.as_str()) || own.contains(&key.as_str()) {
            continue;
        }
        let elsewhere = StepKind::ALL
            .iter()
            .any(|k| fields_of(*k).contains(&key.as_str()));
        let problem = if elsewhere {
            Problem::FieldOfOtherKind {
                field: key.clone(),
                kind: kind.as_str(),
            }
        } else {
            let mut expected: Vec<&str> = COMMON.to_vec();
            expected.extend_from_slice(own);
            Problem::UnknownField {
                field: key.clone(),
                expected: expected.join(", "),
            }
        };
        return fail(path, problem);
    }
    let next = match o.map.get("next") {
        None => Next::Following,
        Some(Value::Null) => Next::Stop,
        Some(Value::String(id)) => Next::To(id.clone()),
        Some(other) => {
            return fail(
                &o.at("next"),
                Problem::WrongType {
                    expected: "a step id or null",
                    found: type_name(other),
                },
            )
        }
    };
    let pos = o.get("pos").map(|p| pos(p, &o.at("pos"))).transpose()?;
    let body = match kind {
        StepKind::Action => StepBody::Action(ActionStep {
            action: opt_action(&o, "action")?,
            set: opt_set(&o)?,
            duration: opt_duration_spec(&o, "duration")?,
            retry: opt_retry(&o)?,
            fault: opt_fault(&o, "fault")?,
            on_fail: opt_on_fail(&o)?,
            compensation: match o.get("compensation") {
                None => None,
                Some(c) => Some(compensation(c, &o.at("compensation"))?),
            },
        }),
        StepKind::Wait => StepBody::Wait(WaitStep {
            duration: opt_duration_spec(&o, "duration")?,
        }),
        StepKind::Condition => StepBody::Condition(ConditionStep {
            filter: opt_filter(&o, "filter")?,
            yes: o.opt_str("yes")?,
            no: o.opt_str("no")?,
        }),
        StepKind::Filter => StepBody::Filter(FilterStep {
            filter: opt_filter(&o, "filter")?,
            on_fail: opt_on_fail(&o)?,
        }),
        StepKind::Approval => StepBody::Approval(ApprovalStep {
            group: o.opt_str("group")?,
            scope: match o.opt_str("scope")?.as_deref() {
                None | Some("execution") => ApprovalScope::Execution,
                Some("workflow") => ApprovalScope::Workflow,
                Some(other) => {
                    return fail(
                        &o.at("scope"),
                        Problem::NotOneOf {
                            value: other.into(),
                            expected: "execution, workflow",
                        },
                    )
                }
            },
            timeout: o.opt_duration("timeout")?,
            approved: o.opt_str("approved")?,
            rejected: o.opt_str("rejected")?,
            timeout_to: o.opt_str("timeout_to")?,
            retry: opt_retry(&o)?,
            on_fail: opt_on_fail(&o)?,
        }),
        StepKind::Enroll => StepBody::Enroll(EnrollStep {
            workflow: o.opt_str("workflow")?,
        }),
        StepKind::End => StepBody::End,
    };
    Ok(Step {
        id: o.str("id")?,
        name: o.opt_str("name")?,
        next,
        pos,
        x: o.map.get("x").cloned(),
        body,
    })
}

fn opt_action(o: &Obj, key: &str) -> Decoded<Option<ActionKind>> {
    match o.opt_str(key)? {
        None => Ok(None),
        Some(text) => match ActionKind::parse(&text) {
            Some(k) => Ok(Some(k)),
            None => fail(
                &o.at(key),
                Problem::NotOneOf {
                    value: text,
                    expected: "email, sms, webhook, update",
                },
            ),
        },
    }
}

fn opt_set(o: &Obj) -> Decoded<Option<Map<String, Value>>> {
    Ok(o.opt_object("set")?.cloned())
}

fn opt_duration_spec(o: &Obj, key: &str) -> Decoded<Option<DurationSpec>> {
    match o.get(key) {
        None => Ok(None),
        Some(v @ Value::Object(_)) => {
            let r = Obj::new(v, &o.at(key))?.only(&["min", "max"])?;
            let min = duration(r.required("min")?, &r.at("min"))?;
            let max = duration(r.required("max")?, &r.at("max"))?;
            Ok(Some(DurationSpec::Random { min, max }))
        }
        Some(v) => Ok(Some(DurationSpec::Fixed(duration(v, &o.at(key))?))),
    }
}

fn opt_retry(o: &Obj) -> Decoded<Option<RetryPolicy>> {
    let Some(v) = o.get("retry") else {
        return Ok(None);
    };
    let r = Obj::new(v, &o.at("retry"))?.only(&["max_attempts", "backoff"])?;
    let defaults = RetryPolicy::default();
    Ok(Some(RetryPolicy {
        max_attempts: r.opt_int("max_attempts")?.unwrap_or(defaults.max_attempts),
        backoff: r.opt_duration("backoff")?.unwrap_or(defaults.backoff),
    }))
}

fn opt_fault(o: &Obj, key: &str) -> Decoded<Option<Fault>> {
    let Some(v) = o.get(key) else { return Ok(None) };
    let path = o.at(key);
    let f = Obj::new(v, &path)?.only(&["fail_first", "probability", "always"])?;
    let set: Vec<&String> = f.map.keys().filter(|k| *k != "x").collect();
    if set.len() != 1 {
        return fail(
            &path,
            Problem::Invalid(
                "a fault has exactly one of `fail_first`, `probability`, `always`".into(),
            ),
        );
    }
    Ok(Some(match set[0].as_str() {
        "fail_first" => Fault::FailFirst(uint(&f.map["fail_first"], &f.at("fail_first"))?),
        "probability" => match f.map["probability"].as_f64() {
            Some(p) => Fault::Probability(p),
            None => {
                return fail(
                    &f.at("probability"),
                    Problem::WrongType {
                        expected: "a number",
                        found: type_name(&f.map["probability"]),
                    },
                )
            }
        },
        _ => match &f.map["always"] {
            Value::Bool(b) => Fault::Always(*b),
            other => {
                return fail(
                    &f.at("always"),
                    Problem::WrongType {
                        expected: "true or false",
                        found: type_name(other),
                    },
                )
            }
        },
    }))
}

fn opt_on_fail(o: &Obj) -> Decoded<Option<OnFail>> {
    let Some(v) = o.get("on_fail") else {
        return Ok(None);
    };
    Ok(Some(on_fail(v, &o.at("on_fail"))?))
}

pub fn on_fail(v: &Value, path: &str) -> Decoded<OnFail> {
    let raw = Obj::new(v, path)?;
    let action = raw.str("action")?;
    Ok(match action.as_str() {
        "continue" => {
            raw.only(&["action"])?;
            OnFail::Continue
        }
        "end_workflow" => {
            raw.only(&["action"])?;
            OnFail::EndWorkflow
        }
        "skip_remaining" => {
            raw.only(&["action"])?;
            OnFail::SkipRemaining
        }
        "fail_workflow" => {
            raw.only(&["action"])?;
            OnFail::FailWorkflow
        }
        "branch" => {
            let o = raw.only(&["action", "goto"])?;
            OnFail::Branch { goto: o.opt_str("goto")? }
        }
        "retry" => {
            let o = raw.only(&["action", "max_retry_days", "retry_interval_days"])?;
            OnFail::Retry {
                max_retry_days: o.opt_uint("max_retry_days")?.unwrap_or(OnFail::DEFAULT_MAX_RETRY_DAYS),
                retry_interval_days: o.opt_uint("retry_interval_days")?.unwrap_or(OnFail::DEFAULT_RETRY_INTERVAL_DAYS),
            }
        }
        "enroll_workflow" => {
            let o = raw.only(&["action", "workflow"])?;
            OnFail::EnrollWorkflow { workflow: o.opt_str("workflow")? }
        }
        other => {
            return fail(
                &raw.at("action"),
                Problem::NotOneOf {
                    value: other.into(),
                    expected: "continue, end_workflow, skip_remaining, branch, retry, enroll_workflow, fail_workflow",
                },
            )
        }
    })
}

fn compensation(v: &Value, path: &str) -> Decoded<Compensation> {
    let o = Obj::new(v, path)?.only(&["action", "set", "duration", "fault"])?;
    Ok(Compensation {
        action: opt_action(&o, "action")?,
        set: opt_set(&o)?,
        duration: opt_duration_spec(&o, "duration")?,
        fault: opt_fault(&o, "fault")?,
    })
}

fn opt_filter(o: &Obj, key: &str) -> Decoded<Option<Filter>> {
    o.get(key).map(|v| filter(v, &o.at(key))).transpose()
}

pub fn filter(v: &Value, path: &str) -> Decoded<Filter> {
    let o = Obj::new(v, path)?;
    let list = |key: &'static str| -> Decoded<Vec<Filter>> {
        let items = o
            .opt_array(key)?
            .ok_or(())
            .or_else(|_| fail(path, Problem::Missing(key)))?;
        items
            .iter()
            .enumerate()
            .map(|(i, f)| filter(f, &index(&o.at(key), i)))
            .collect()
    };
    if o.has("all") {
        o.check_only(&["all"])
            .and_then(|_| list("all"))
            .map(Filter::All)
    } else if o.has("any") {
        o.check_only(&["any"])
            .and_then(|_| list("any"))
            .map(Filter::Any)
    } else if o.has("not") {
        let o = o.only(&["not"])?;
        Ok(Filter::Not(Box::new(filter(
            o.required("not")?,
            &o.at("not"),
        )?)))
    } else if o.has("tag") {
        let o = o.only(&["tag"])?;
        Ok(Filter::Tag(o.str("tag")?))
    } else if o.has("attribute") {
        let o = o.only(&["attribute", "op", "value"])?;
        let attribute = o.str("attribute")?;
        let op = o.str("op")?;
        if op == "exists" {
            if o.has("value") {
                return fail(path, Problem::Invalid("`exists` takes no `value`".into()));
            }
            return Ok(Filter::Exists { attribute });
        }
        let Some(op) = FilterOp::parse(&op) else {
            return fail(
                &o.at("op"),
                Problem::NotOneOf {
                    value: op,
                    expected: "=, !=, <, <=, >, >=, exists",
                },
            );
        };
        let Some(value) = o.map.get("value") else {
            return fail(path, Problem::Missing("value"));
        };
        if value.is_array() || value.is_object() {
            return fail(
                &o.at("value"),
                Problem::WrongType {
                    expected: "a string, number, boolean or null",
                    found: type_name(value),
                },
            );
        }
        Ok(Filter::Compare {
            attribute,
            op,
            value: value.clone(),
        })
    } else {
        fail(
            path,
            Problem::Invalid("a filter has one of `attribute`, `tag`, `all`, `any`, `not`".into()),
        )
    }
}

pub fn trigger(v: &Value, path: &str) -> Decoded<Trigger> {
    let o = Obj::new(v, path)?;
    match o.str("type")?.as_str() {
        "manual" => {
            o.only(&["type"])?;
            Ok(Trigger::Manual)
        }
        "tag_added" => {
            let o = o.only(&["type", "tag", "poll"])?;
            Ok(Trigger::TagAdded {
                tag: o.str("tag")?,
                poll: o.opt_duration("poll")?.unwrap_or(Trigger::DEFAULT_POLL),
            })
        }
        "audience" => {
            let o = o.only(&["type", "filter"])?;
            Ok(Trigger::Audience {
                filter: filter(o.required("filter")?, &o.at("filter"))?,
            })
        }
        other => fail(
            &o.at("type"),
            Problem::NotOneOf {
                value: other.into(),
                expected: "manual, tag_added, audience",
            },
        ),
    }
}

pub fn settings(v: &Value, path: &str) -> Decoded<Settings> {
    let o = Obj::new(v, path)?.only(&[
        "allow_reenrollment",
        "auto_ack",
        "entry_filter",
        "start_window",
        "max_concurrent",
        "exclusive_per_contact",
        "execution_timeout",
    ])?;
    let start_window = match o.get("start_window") {
        None => None,
        Some(w) => {
            let w = Obj::new(w, &o.at("start_window"))?.only(&["from", "to"])?;
            let from = w
                .opt_clock("from")?
                .ok_or(())
                .or_else(|_| fail(&w.path, Problem::Missing("from")))?;
            let to = w
                .opt_clock("to")?
                .ok_or(())
                .or_else(|_| fail(&w.path, Problem::Missing("to")))?;
            Some(StartWindow { from, to })
        }
    };
    Ok(Settings {
        allow_reenrollment: o.opt_bool("allow_reenrollment")?.unwrap_or(false),
        auto_ack: o.opt_bool("auto_ack")?.unwrap_or(false),
        entry_filter: opt_filter(&o, "entry_filter")?,
        start_window,
        max_concurrent: o.opt_int("max_concurrent")?,
        exclusive_per_contact: o.opt_bool("exclusive_per_contact")?.unwrap_or(false),
        execution_timeout: o.opt_duration("execution_timeout")?,
    })
}

pub fn steps(v: &Value, path: &str) -> Decoded<Vec<Step>> {
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, s)| step(s, &index(path, i)))
            .collect(),
        other => fail(
            path,
            Problem::WrongType {
                expected: "an array of steps",
                found: type_name(other),
            },
        ),
    }
}

pub fn workflow(v: &Value, path: &str) -> Decoded<WorkflowDraft> {
    let o = Obj::new(v, path)?.only(&["id", "name", "trigger", "settings", "steps"])?;
    let id = o.str("id")?;
    let trigger_value = o
        .get("trigger")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({"type": "manual"}));
    let settings_value = o
        .get("settings")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    let steps_value = o
        .get("steps")
        .cloned()
        .unwrap_or_else(|| Value::Array(Vec::new()));
    Ok(WorkflowDraft {
        name: o.opt_str("name")?.unwrap_or_else(|| id.clone()),
        trigger: trigger(&trigger_value, &o.at("trigger"))?,
        settings: settings(&settings_value, &o.at("settings"))?,
        steps: steps(&steps_value, &o.at("steps"))?,
        x: o.map.get("x").cloned(),
        written: written_parts(&steps_value, &settings_value, &trigger_value),
        id,
    })
}

pub fn contact(v: &Value, path: &str) -> Decoded<Contact> {
    let o = Obj::new(v, path)?.only(&["id", "name", "email", "phone", "tags", "attributes"])?;
    let id = o.str("id")?;
    let name = match o.opt_str("name")? {
        Some(name) => ContactName::Given(name),
        None if o.has("name") => ContactName::Null,
        None => ContactName::Missing,
    };
    Ok(Contact {
        name,
        email: o.opt_str("email")?,
        phone: o.opt_str("phone")?,
        tags: o.strings("tags")?,
        attributes: o.opt_object("attributes")?.cloned().unwrap_or_default(),
        id,
    })
}

pub fn operator(v: &Value, path: &str) -> Decoded<Operator> {
    let o = Obj::new(v, path)?.only(&["id", "name", "email", "mobile", "groups"])?;
    let id = o.str("id")?;
    Ok(Operator {
        name: o.opt_str("name")?.unwrap_or_else(|| id.clone()),
        email: o.opt_str("email")?,
        mobile: o.opt_str("mobile")?,
        groups: o.strings("groups")?,
        id,
    })
}

/// A node's place on the canvas: `{"x": …, "y": …}`.
pub fn pos(v: &Value, path: &str) -> Decoded<Pos> {
    let p = Obj::new(v, path)?.only(&["x", "y"])?;
    let coord = |k: &'static str| -> Decoded<f64> {
        match p.required(k)?.as_f64() {
            Some(f) => Ok(f),
            None => fail(
                &p.at(k),
                Problem::WrongType {
                    expected: "a number",
                    found: type_name(&p.map[k]),
                },
            ),
        }
    };
    Ok(Pos {
        x: coord("x")?,
        y: coord("y")?,
    })
}
