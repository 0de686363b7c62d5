//! A workflow draft as the JSON text a snapshot holds: `{"draft": …,
//! "written": {settings, steps, trigger}}`. The draft is written the way
//! `WorkflowDraft::to_json` writes it, straight from the model: each object
//! is a list of borrowed fields, sorted on the way out as the `Value` maps of
//! the first encoder sorted them, so the bytes are the same.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::model::{
    Compensation, DurationSpec, Fault, Filter, Next, OnFail, RetryPolicy, Settings, Step, StepBody,
    Trigger, WorkflowDraft,
};
use crate::time::{format_clock, format_duration};

#[derive(serde::Serialize)]
pub struct DraftOut<'a> {
    draft: J<'a>,
    written: WrittenOut<'a>,
}

#[derive(serde::Serialize)]
struct WrittenOut<'a> {
    settings: &'a Value,
    steps: &'a Value,
    trigger: &'a Value,
}

impl<'a> From<&'a WorkflowDraft> for DraftOut<'a> {
    fn from(d: &'a WorkflowDraft) -> Self {
        DraftOut {
            draft: draft(d),
            written: WrittenOut {
                settings: &d.written.settings,
                steps: &d.written.steps,
                trigger: &d.written.trigger,
            },
        }
    }
}

/// One JSON value of the model, borrowed where it can be.
enum J<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(&'a str),
    Text(String),
    Value(&'a Value),
    Map(&'a Map<String, Value>),
    List(Vec<J<'a>>),
    Obj(Vec<(&'static str, J<'a>)>),
}

impl Serialize for J<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            J::Null => s.serialize_unit(),
            J::Bool(b) => s.serialize_bool(*b),
            J::Int(n) => s.serialize_i64(*n),
            J::UInt(n) => s.serialize_u64(*n),
            J::Float(x) => s.serialize_f64(*x),
            J::Str(t) => s.serialize_str(t),
            J::Text(t) => s.serialize_str(t),
            J::Value(v) => v.serialize(s),
            J::Map(m) => m.serialize(s),
            J::List(items) => s.collect_seq(items),
            J::Obj(fields) => {
                let mut sorted: Vec<&(&str, J)> = fields.iter().collect();
                sorted.sort_by_key(|(k, _)| *k);
                let mut map = s.serialize_map(Some(sorted.len()))?;
                for (k, v) in sorted {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn or_null<'a, T>(v: Option<T>, f: impl FnOnce(T) -> J<'a>) -> J<'a> {
    v.map_or(J::Null, f)
}

fn duration(ms: u64) -> J<'static> {
    J::Text(format_duration(ms))
}

fn draft(d: &WorkflowDraft) -> J<'_> {
    let mut m = vec![
        ("id", J::Str(&d.id)),
        ("name", J::Str(&d.name)),
        ("trigger", trigger(&d.trigger)),
        ("settings", settings(&d.settings)),
        ("steps", J::List(d.steps.iter().map(step).collect())),
    ];
    if let Some(x) = &d.x {
        m.push(("x", J::Value(x)));
    }
    J::Obj(m)
}

fn trigger(t: &Trigger) -> J<'_> {
    J::Obj(match t {
        Trigger::Manual => vec![("type", J::Str("manual"))],
        Trigger::TagAdded { tag, poll } => vec![
            ("type", J::Str("tag_added")),
            ("tag", J::Str(tag)),
            ("poll", duration(*poll)),
        ],
        Trigger::Audience { filter: f } => {
            vec![("type", J::Str("audience")), ("filter", filter(f))]
        }
    })
}

fn settings(s: &Settings) -> J<'_> {
    J::Obj(vec![
        ("allow_reenrollment", J::Bool(s.allow_reenrollment)),
        ("auto_ack", J::Bool(s.auto_ack)),
        ("entry_filter", or_null(s.entry_filter.as_ref(), filter)),
        (
            "start_window",
            or_null(s.start_window, |w| {
                J::Obj(vec![
                    ("from", J::Text(format_clock(w.from))),
                    ("to", J::Text(format_clock(w.to))),
                ])
            }),
        ),
        ("max_concurrent", or_null(s.max_concurrent, J::Int)),
        ("exclusive_per_contact", J::Bool(s.exclusive_per_contact)),
        ("execution_timeout", or_null(s.execution_timeout, duration)),
    ])
}

fn filter(f: &Filter) -> J<'_> {
    J::Obj(match f {
        Filter::Compare {
            attribute,
            op,
            value,
        } => vec![
            ("attribute", J::Str(attribute)),
            ("op", J::Str(op.as_str())),
            ("value", J::Value(value)),
        ],
        Filter::Exists { attribute } => {
            vec![("attribute", J::Str(attribute)), ("op", J::Str("exists"))]
        }
        Filter::Tag(tag) => vec![("tag", J::Str(tag))],
        Filter::All(parts) => vec![("all", J::List(parts.iter().map(filter).collect()))],
        Filter::Any(parts) => vec![("any", J::List(parts.iter().map(filter).collect()))],
        Filter::Not(inner) => vec![("not", filter(inner))],
    })
}

fn step<'a>(s: &'a Step) -> J<'a> {
    let mut m = vec![("id", J::Str(&s.id)), ("kind", J::Str(s.kind().as_str()))];
    let mut put = |k: &'static str, v: Option<J<'a>>| {
        if let Some(v) = v {
            m.push((k, v));
        }
    };
    put("name", s.name.as_deref().map(J::Str));
    put(
        "next",
        match &s.next {
            Next::Following => None,
            Next::Stop => Some(J::Null),
            Next::To(id) => Some(J::Str(id)),
        },
    );
    match &s.body {
        StepBody::Action(a) => {
            put("action", a.action.map(|k| J::Str(k.as_str())));
            put("set", a.set.as_ref().map(J::Map));
            put("duration", a.duration.map(duration_spec));
            put("retry", a.retry.map(retry));
            put("fault", a.fault.map(fault));
            put("on_fail", a.on_fail.as_ref().map(on_fail));
            put("compensation", a.compensation.as_ref().map(compensation));
        }
        StepBody::Wait(w) => put("duration", w.duration.map(duration_spec)),
        StepBody::Condition(c) => {
            put("filter", c.filter.as_ref().map(filter));
            put("yes", text(&c.yes));
            put("no", text(&c.no));
        }
        StepBody::Filter(f) => {
            put("filter", f.filter.as_ref().map(filter));
            put("on_fail", f.on_fail.as_ref().map(on_fail));
        }
        StepBody::Approval(a) => {
            put("group", text(&a.group));
            put("scope", Some(J::Str(a.scope.as_str())));
            put("timeout", a.timeout.map(duration));
            put("approved", text(&a.approved));
            put("rejected", text(&a.rejected));
            put("timeout_to", text(&a.timeout_to));
            put("retry", a.retry.map(retry));
            put("on_fail", a.on_fail.as_ref().map(on_fail));
        }
        StepBody::Enroll(e) => put("workflow", text(&e.workflow)),
        StepBody::End => {}
    }
    put(
        "pos",
        s.pos
            .map(|p| J::Obj(vec![("x", J::Float(p.x)), ("y", J::Float(p.y))])),
    );
    put("x", s.x.as_ref().map(J::Value));
    J::Obj(m)
}

fn text(v: &Option<String>) -> Option<J<'_>> {
    v.as_deref().map(J::Str)
}

fn duration_spec(d: DurationSpec) -> J<'static> {
    match d {
        DurationSpec::Fixed(ms) => duration(ms),
        DurationSpec::Random { min, max } => {
            J::Obj(vec![("min", duration(min)), ("max", duration(max))])
        }
    }
}

fn retry(r: RetryPolicy) -> J<'static> {
    J::Obj(vec![
        ("max_attempts", J::Int(r.max_attempts)),
        ("backoff", duration(r.backoff)),
    ])
}

fn fault(f: Fault) -> J<'static> {
    J::Obj(vec![match f {
        Fault::FailFirst(n) => ("fail_first", J::UInt(n)),
        Fault::Probability(p) => ("probability", J::Float(p)),
        Fault::Always(b) => ("always", J::Bool(b)),
    }])
}

fn on_fail(o: &OnFail) -> J<'_> {
    let mut m = vec![("action", J::Str(o.action_name()))];
    match o {
        OnFail::Branch { goto: Some(g) } => m.push(("goto", J::Str(g))),
        OnFail::Retry {
            max_retry_days,
            retry_interval_days,
        } => {
            m.push(("max_retry_days", J::UInt(*max_retry_days)));
            m.push(("retry_interval_days", J::UInt(*retry_interval_days)));
        }
        OnFail::EnrollWorkflow { workflow: Some(w) } => m.push(("workflow", J::Str(w))),
        _ => {}
    }
    J::Obj(m)
}

fn compensation(c: &Compensation) -> J<'_> {
    let mut m = Vec::new();
    if let Some(a) = c.action {
        m.push(("action", J::Str(a.as_str())));
    }
    if let Some(set) = &c.set {
        m.push(("set", J::Map(set)));
    }
    if let Some(d) = c.duration {
        m.push(("duration", duration_spec(d)));
    }
    if let Some(f) = c.fault {
        m.push(("fault", fault(f)));
    }
    J::Obj(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every draft of the samples and the conformance scenarios, written
    /// here and by `to_json`, gives the same text.
    #[test]
    fn a_draft_is_written_as_to_json_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut drafts = 0;
        for dir in ["tests/scenarios", "tests/fixtures", "../samples"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|x| x != "json") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let Ok(scenario) = crate::scenario::parse_scenario("s", &text) else {
                    continue;
                };
                for d in &scenario.workflows {
                    let direct = serde_json::to_string(&draft(d)).unwrap();
                    assert_eq!(direct, d.to_json().to_string(), "{}", path.display());
                    drafts += 1;
                }
            }
        }
        assert!(drafts > 50, "{drafts}");
    }
}
