//! What changed between two drafts or versions of a workflow: the publish
//! dialog's diff and the version history's "diff any two". Steps are matched
//! by id (a renamed step is removed + added) and compared field by field on
//! their scenario-format JSON as written (`WorkflowDraft::written`, what the
//! content hash covers, so a diff is empty exactly when the hashes agree),
//! nested objects as dotted paths.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::canonical::parts_from_model;
use crate::model::{Step, WorkflowDraft, WrittenParts};

/// One field that differs; `None` is a field that is not written.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// A dotted path in the JSON form: `"retry.max_attempts"`, `"on_fail.goto"`.
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct DraftDiff {
    /// In the new draft's step order.
    pub steps_added: Vec<String>,
    /// In the old draft's step order.
    pub steps_removed: Vec<String>,
    pub steps_changed: Vec<StepChange>,
    /// Field `"steps.order"`, the whole id lists, when the steps both drafts
    /// hold are in another order.
    pub order: Option<FieldChange>,
    /// Settings with their defaults filled in.
    pub settings: Vec<FieldChange>,
    /// Field `"trigger"`, the whole trigger.
    pub trigger: Option<FieldChange>,
    /// Steps whose only change is their position on the canvas.
    pub moved_only: Vec<String>,
}

impl DraftDiff {
    pub fn is_empty(&self) -> bool {
        self.moved_only.is_empty() && !self.changes_content()
    }

    /// Whether anything besides canvas positions changed (what the content
    /// hash sees).
    pub fn changes_content(&self) -> bool {
        !(self.steps_added.is_empty()
            && self.steps_removed.is_empty()
            && self.steps_changed.is_empty()
            && self.order.is_none()
            && self.settings.is_empty()
            && self.trigger.is_none())
    }
}

pub fn diff(old: &WorkflowDraft, new: &WorkflowDraft) -> DraftDiff {
    let old_by_id = first_by_id(&old.steps);
    let new_by_id = first_by_id(&new.steps);
    let (old_written, new_written) = (written_steps(old), written_steps(new));
    let mut d = DraftDiff::default();
    for (id, step) in unique(&new.steps) {
        let Some(before) = old_by_id.get(id) else {
            d.steps_added.push(id.to_string());
            continue;
        };
        let mut fields = Vec::new();
        compare("", old_written.get(id), new_written.get(id), &mut fields);
        if !fields.is_empty() {
            d.steps_changed.push(StepChange {
                id: id.to_string(),
                fields,
            });
        } else if before.pos != step.pos {
            d.moved_only.push(id.to_string());
        }
    }
    d.steps_removed = unique(&old.steps)
        .filter(|(id, _)| !new_by_id.contains_key(id))
        .map(|(id, _)| id.to_string())
        .collect();

    let kept = |steps: &[Step], other: &HashMap<&str, &Step>| -> Vec<String> {
        unique(steps)
            .filter(|(id, _)| other.contains_key(id))
            .map(|(id, _)| id.to_string())
            .collect()
    };
    if kept(&old.steps, &new_by_id) != kept(&new.steps, &old_by_id) {
        let ids = |steps: &[Step]| Value::from_iter(steps.iter().map(|s| s.id.clone()));
        d.order = Some(FieldChange {
            field: "steps.order".into(),
            before: Some(ids(&old.steps)),
            after: Some(ids(&new.steps)),
        });
    }

    let (old_parts, new_parts) = (parts(old), parts(new));
    compare(
        "",
        Some(&old_parts.settings),
        Some(&new_parts.settings),
        &mut d.settings,
    );
    let (tb, ta) = (old_parts.trigger, new_parts.trigger);
    if tb != ta {
        d.trigger = Some(FieldChange {
            field: "trigger".into(),
            before: Some(tb),
            after: Some(ta),
        });
    }
    d
}

/// Steps with their first occurrence of each id (validation reports the rest).
fn unique(steps: &[Step]) -> impl Iterator<Item = (&str, &Step)> {
    let mut seen = std::collections::HashSet::new();
    steps
        .iter()
        .filter(move |s| seen.insert(s.id.as_str()))
        .map(|s| (s.id.as_str(), s))
}

fn first_by_id(steps: &[Step]) -> HashMap<&str, &Step> {
    unique(steps).collect()
}

/// The draft's written parts, or the model's writing of them when `written`
/// does not match the typed draft (a draft built in code leaves it empty).
fn parts(draft: &WorkflowDraft) -> WrittenParts {
    let w = &draft.written;
    let matches = w.steps.as_array().is_some_and(|items| {
        items.len() == draft.steps.len()
            && items
                .iter()
                .zip(&draft.steps)
                .all(|(item, step)| item.get("id").and_then(Value::as_str) == Some(&step.id))
    });
    if matches && w.settings.is_object() && w.trigger.is_object() {
        w.clone()
    } else {
        parts_from_model(&draft.steps, &draft.settings, &draft.trigger)
    }
}

fn written_steps(draft: &WorkflowDraft) -> HashMap<String, Value> {
    let mut by_id = HashMap::new();
    if let Value::Array(items) = parts(draft).steps {
        for (step, item) in draft.steps.iter().zip(items) {
            by_id.entry(step.id.clone()).or_insert(item);
        }
    }
    by_id
}

/// Recurses where both sides are objects; anything else that differs is one
/// change at `path` (so `null` → a filter is one change, not one per leaf).
fn compare(path: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for key in keys(b, a) {
                let sub = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                compare(&sub, b.get(key), a.get(key), out);
            }
        }
        _ if before != after => out.push(FieldChange {
            field: path.to_string(),
            before: before.cloned(),
            after: after.cloned(),
        }),
        _ => {}
    }
}

/// The new side's keys, then those only the old side has.
fn keys<'a>(b: &'a Map<String, Value>, a: &'a Map<String, Value>) -> Vec<&'a str> {
    let mut ks: Vec<&str> = a.keys().map(String::as_str).collect();
    ks.extend(b.keys().map(String::as_str).filter(|k| !a.contains_key(*k)));
    ks
}

impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), Value::to_string);
        write!(
            f,
            "{} {} → {}",
            self.field,
            show(&self.before),
            show(&self.after)
        )
    }
}

/// One line per change: "step send: retry.max_attempts 3 → 5".
impl fmt::Display for DraftDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines = Vec::new();
        lines.extend(self.steps_added.iter().map(|id| format!("step {id} added")));
        lines.extend(
            self.steps_removed
                .iter()
                .map(|id| format!("step {id} removed")),
        );
        for change in &self.steps_changed {
            lines.extend(
                change
                    .fields
                    .iter()
                    .map(|c| format!("step {}: {c}", change.id)),
            );
        }
        lines.extend(self.order.iter().map(ToString::to_string));
        lines.extend(self.settings.iter().map(|c| format!("settings: {c}")));
        lines.extend(self.trigger.iter().map(ToString::to_string));
        lines.extend(self.moved_only.iter().map(|id| format!("step {id} moved")));
        write!(f, "{}", lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::scenario::{decode_workflow, parse_scenario};
    use crate::sim;

    fn draft(steps: Value) -> WorkflowDraft {
        draft_with(steps, json!({}), json!({"type": "manual"}))
    }

    fn draft_with(steps: Value, settings: Value, trigger: Value) -> WorkflowDraft {
        let w = json!({"id": "w", "name": "W", "trigger": trigger, "settings": settings, "steps": steps});
        decode_workflow(&w, "").expect("a valid workflow")
    }

    fn base() -> Value {
        json!([
            {"id": "send", "kind": "action", "action": "email", "retry": {"max_attempts": 3},
             "on_fail": {"action": "branch", "goto": "pause"}, "pos": {"x": 0.0, "y": 0.0}},
            {"id": "pause", "kind": "wait", "duration": "60m"},
            {"id": "done", "kind": "end"}
        ])
    }

    fn with(mut steps: Value, i: usize, key: &str, value: Value) -> Value {
        steps[i][key] = value;
        steps
    }

    fn change(field: &str, before: Option<Value>, after: Option<Value>) -> FieldChange {
        FieldChange {
            field: field.into(),
            before,
            after,
        }
    }

    #[test]
    fn identical_drafts_have_no_diff() {
        let d = diff(&draft(base()), &draft(base()));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.to_string(), "");
    }

    #[test]
    fn a_nested_field_is_a_dotted_path() {
        let new = with(base(), 0, "retry", json!({"max_attempts": 5}));
        let d = diff(&draft(base()), &draft(new));
        assert_eq!(
            d.steps_changed,
            vec![StepChange {
                id: "send".into(),
                fields: vec![change("retry.max_attempts", Some(json!(3)), Some(json!(5)))],
            }]
        );
        assert_eq!(d.to_string(), "step send: retry.max_attempts 3 → 5");
        assert!(d.changes_content());
    }

    #[test]
    fn fields_written_and_removed_are_none_on_one_side() {
        let mut new = with(base(), 0, "on_fail", json!({"action": "branch"}));
        new[1]["next"] = Value::Null;
        new[2]["name"] = json!("Done");
        let d = diff(&draft(base()), &draft(new));
        let fields = |id: &str| {
            d.steps_changed
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.fields.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            fields("send"),
            vec![change("on_fail.goto", Some(json!("pause")), None)]
        );
        assert_eq!(
            fields("pause"),
            vec![change("next", None, Some(Value::Null))]
        );
        assert_eq!(
            fields("done"),
            vec![change("name", None, Some(json!("Done")))]
        );
        assert_eq!(d.steps_changed.len(), 3);
        assert!(d.order.is_none() && d.moved_only.is_empty());
    }

    #[test]
    fn a_renamed_step_is_removed_and_added() {
        let new = with(base(), 1, "id", json!("hold"));
        let d = diff(&draft(base()), &draft(new));
        assert_eq!(d.steps_added, vec!["hold"]);
        assert_eq!(d.steps_removed, vec!["pause"]);
        assert!(d.steps_changed.is_empty() && d.order.is_none());
        assert_eq!(d.to_string(), "step hold added\nstep pause removed");
    }

    #[test]
    fn reordering_is_a_change_of_the_order() {
        let mut new = base();
        new.as_array_mut().unwrap().swap(0, 1);
        let d = diff(&draft(base()), &draft(new));
        assert_eq!(
            d.order,
            Some(change(
                "steps.order",
                Some(json!(["send", "pause", "done"])),
                Some(json!(["pause", "send", "done"]))
            ))
        );
        assert!(d.steps_changed.is_empty() && d.steps_added.is_empty());
    }

    #[test]
    fn adding_a_step_is_not_a_reordering() {
        let mut new = base();
        new.as_array_mut()
            .unwrap()
            .insert(1, json!({"id": "sms", "kind": "action", "action": "sms"}));
        let d = diff(&draft(base()), &draft(new));
        assert_eq!(d.steps_added, vec!["sms"]);
        assert!(d.order.is_none(), "{d:?}");
    }

    #[test]
    fn a_pure_move_is_only_moved_only() {
        let new = with(base(), 0, "pos", json!({"x": 120.0, "y": 40.0}));
        let new = with(new, 1, "x", json!({"colour": "red"}));
        let d = diff(&draft(base()), &draft(new));
        assert_eq!(d.moved_only, vec!["send"]);
        assert!(!d.changes_content() && !d.is_empty());
        assert_eq!(d.to_string(), "step send moved");
    }

    #[test]
    fn a_move_with_an_edit_is_a_change() {
        let new = with(base(), 0, "pos", json!({"x": 120.0, "y": 40.0}));
        let new = with(new, 0, "action", json!("sms"));
        let d = diff(&draft(base()), &draft(new));
        assert!(d.moved_only.is_empty());
        assert_eq!(
            d.steps_changed[0].fields,
            vec![change("action", Some(json!("email")), Some(json!("sms")))]
        );
    }

    #[test]
    fn settings_compare_with_defaults_filled() {
        let old = draft_with(base(), json!({}), json!({"type": "manual"}));
        let written_default = draft_with(
            base(),
            json!({"auto_ack": false}),
            json!({"type": "manual"}),
        );
        assert!(diff(&old, &written_default).is_empty());

        let new = draft_with(
            base(),
            json!({"auto_ack": true, "start_window": {"from": "09:00", "to": "17:00"}}),
            json!({"type": "manual"}),
        );
        let d = diff(&old, &new);
        assert_eq!(
            d.settings,
            vec![
                change("auto_ack", Some(json!(false)), Some(json!(true))),
                change(
                    "start_window",
                    Some(Value::Null),
                    Some(json!({"from": "09:00", "to": "17:00"}))
                ),
            ]
        );
        assert_eq!(
            d.to_string().lines().next(),
            Some("settings: auto_ack false → true")
        );
    }

    #[test]
    fn a_trigger_change_is_the_whole_trigger() {
        let old = draft(base());
        let new = draft_with(
            base(),
            json!({}),
            json!({"type": "tag_added", "tag": "lead"}),
        );
        let d = diff(&old, &new);
        assert_eq!(
            d.trigger,
            Some(change(
                "trigger",
                Some(json!({"type": "manual"})),
                Some(json!({"type": "tag_added", "tag": "lead"}))
            ))
        );
        assert!(d.settings.is_empty() && d.steps_changed.is_empty());
    }

    #[test]
    fn two_published_versions_of_a_real_scenario() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/scenarios/versions-pinned.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let scenario = parse_scenario("versions-pinned.json", &text).unwrap();
        let (engine, _) = sim::trace_lines(&scenario).unwrap();
        let versions = &engine.state().workflows[0].versions;
        assert_eq!(versions.len(), 2);
        let d = diff(&versions[0].draft, &versions[1].draft);
        assert_eq!(d.to_string(), r#"step pause: duration "60m" → "10m""#);
        assert!(diff(&versions[1].draft, &versions[1].draft).is_empty());
    }
}
