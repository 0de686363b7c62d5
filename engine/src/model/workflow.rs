use serde_json::{json, Map, Value};

use super::{Filter, Step};
use crate::time::{format_clock, format_duration, MINUTE};

/// How executions of a workflow start.
#[derive(Clone, Debug, PartialEq)]
pub enum Trigger {
    Manual,
    /// Adding `tag` to a contact is noticed at the next poll.
    TagAdded {
        tag: String,
        poll: u64,
    },
    /// One-shot: every matching contact is enrolled at activation.
    Audience {
        filter: Filter,
    },
}

impl Trigger {
    pub const DEFAULT_POLL: u64 = 10 * MINUTE;
    pub const MIN_POLL: u64 = 5 * MINUTE;
    pub const MAX_POLL: u64 = 15 * MINUTE;

    pub fn type_name(&self) -> &'static str {
        match self {
            Trigger::Manual => "manual",
            Trigger::TagAdded { .. } => "tag_added",
            Trigger::Audience { .. } => "audience",
        }
    }

    /// "manual", "tag lead added (polled every 10m)", "audience: email exists".
    pub fn summary(&self) -> String {
        match self {
            Trigger::Manual => "manual".into(),
            Trigger::TagAdded { tag, poll } => {
                format!("tag {tag} added (polled every {})", format_duration(*poll))
            }
            Trigger::Audience { filter } => format!("audience: {}", filter.describe()),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Trigger::Manual => json!({"type": "manual"}),
            Trigger::TagAdded { tag, poll } => {
                json!({"type": "tag_added", "tag": tag, "poll": format_duration(*poll)})
            }
            Trigger::Audience { filter } => json!({"type": "audience", "filter": filter.to_json()}),
        }
    }
}

/// `from` included, `to` excluded, every day; `from > to` spans midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartWindow {
    pub from: u64,
    pub to: u64,
}

impl StartWindow {
    pub fn contains(self, ms_of_day: u64) -> bool {
        if self.from <= self.to {
            self.from <= ms_of_day && ms_of_day < self.to
        } else {
            ms_of_day >= self.from || ms_of_day < self.to
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub allow_reenrollment: bool,
    pub auto_ack: bool,
    pub entry_filter: Option<Filter>,
    pub start_window: Option<StartWindow>,
    /// Signed so that a draft can hold `0` and validation can name it.
    pub max_concurrent: Option<i64>,
    pub exclusive_per_contact: bool,
    pub execution_timeout: Option<u64>,
}

impl Settings {
    /// Every setting written out, defaults included.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("allow_reenrollment".into(), json!(self.allow_reenrollment));
        m.insert("auto_ack".into(), json!(self.auto_ack));
        m.insert(
            "entry_filter".into(),
            self.entry_filter
                .as_ref()
                .map_or(Value::Null, Filter::to_json),
        );
        m.insert(
            "start_window".into(),
            self.start_window.map_or(
                Value::Null,
                |w| json!({"from": format_clock(w.from), "to": format_clock(w.to)}),
            ),
        );
        m.insert("max_concurrent".into(), json!(self.max_concurrent));
        m.insert(
            "exclusive_per_contact".into(),
            json!(self.exclusive_per_contact),
        );
        m.insert(
            "execution_timeout".into(),
            self.execution_timeout
                .map_or(Value::Null, |t| json!(format_duration(t))),
        );
        Value::Object(m)
    }
}

/// A workflow as authored: its draft, which may be incomplete.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowDraft {
    pub id: String,
    pub name: String,
    pub trigger: Trigger,
    pub settings: Settings,
    pub steps: Vec<Step>,
    pub x: Option<Value>,
    /// The parts that the content hash covers, as written (see `canonical`).
    pub written: WrittenParts,
}

/// `{steps, settings, trigger}` as written, `pos` and `x` stripped, the
/// settings' defaults filled in: the input of the content hash.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WrittenParts {
    pub steps: Value,
    pub settings: Value,
    pub trigger: Value,
}

impl WorkflowDraft {
    /// A new workflow with no steps, a manual trigger and default settings.
    pub fn empty(id: &str, name: &str) -> WorkflowDraft {
        let (steps, settings, trigger) = (Vec::new(), Settings::default(), Trigger::Manual);
        WorkflowDraft {
            id: id.to_owned(),
            name: name.to_owned(),
            written: crate::canonical::parts_from_model(&steps, &settings, &trigger),
            trigger,
            settings,
            steps,
            x: None,
        }
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// The step a step's `next` leads to, by index.
    pub fn next_of(&self, index: usize) -> Option<usize> {
        match &self.steps[index].next {
            super::Next::Following => (index + 1 < self.steps.len()).then_some(index + 1),
            super::Next::Stop => None,
            super::Next::To(id) => self.step_index(id),
        }
    }

    /// The workflow as a scenario-format object.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("name".into(), json!(self.name));
        m.insert("trigger".into(), self.trigger.to_json());
        m.insert("settings".into(), self.settings.to_json());
        m.insert(
            "steps".into(),
            Value::Array(self.steps.iter().map(Step::to_json).collect()),
        );
        if let Some(x) = &self.x {
            m.insert("x".into(), x.clone());
        }
        Value::Object(m)
    }
}
