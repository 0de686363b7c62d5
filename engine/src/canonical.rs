//! The canonical form of a draft and its content hash (lifecycle.md §1):
//! `"sha256:"` + hex SHA-256 of the compact JSON, keys sorted, of
//! `{steps, settings, trigger}` as written, the settings' defaults filled in,
//! without `pos` and `x`.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::model::{Settings, Step, Trigger, WrittenParts};

pub fn written_parts(steps: &Value, settings: &Value, trigger: &Value) -> WrittenParts {
    WrittenParts {
        steps: written_steps(steps),
        settings: written_settings(settings),
        trigger: strip_x(trigger),
    }
}

pub fn written_steps(steps: &Value) -> Value {
    match steps {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|s| match strip_x(s) {
                    Value::Object(mut m) => {
                        m.remove("pos");
                        Value::Object(m)
                    }
                    other => other,
                })
                .collect(),
        ),
        other => strip_x(other),
    }
}

pub fn written_settings(settings: &Value) -> Value {
    let mut filled = match Settings::default().to_json() {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    if let Value::Object(m) = strip_x(settings) {
        filled.extend(m);
    }
    Value::Object(filled)
}

/// The parts the editor writes when it changes typed steps, settings or trigger.
pub fn parts_from_model(steps: &[Step], settings: &Settings, trigger: &Trigger) -> WrittenParts {
    written_parts(
        &Value::Array(steps.iter().map(Step::to_json).collect()),
        &settings.to_json(),
        &trigger.to_json(),
    )
}

fn strip_x(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "x")
                .map(|(k, v)| (k.clone(), strip_x(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_x).collect()),
        other => other.clone(),
    }
}

/// Compact JSON with sorted keys (serde_json's map is ordered by key).
pub fn canonical_json(parts: &WrittenParts) -> String {
    json!({"steps": parts.steps, "settings": parts.settings, "trigger": parts.trigger}).to_string()
}

pub fn content_hash(parts: &WrittenParts) -> String {
    let digest = Sha256::digest(canonical_json(parts).as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_and_x_do_not_change_the_hash_but_content_does() {
        let settings = json!({});
        let trigger = json!({"type": "manual"});
        let a = written_parts(&json!([{"id": "s1", "kind": "end"}]), &settings, &trigger);
        let b = written_parts(
            &json!([{"id": "s1", "kind": "end", "pos": {"x": 3, "y": 4}, "x": {"note": "hi"}}]),
            &json!({"x": 1}),
            &json!({"type": "manual", "x": null}),
        );
        assert_eq!(content_hash(&a), content_hash(&b));
        let c = written_parts(&json!([{"id": "s2", "kind": "end"}]), &settings, &trigger);
        assert_ne!(content_hash(&a), content_hash(&c));
    }

    #[test]
    fn settings_defaults_are_filled_and_keys_sorted() {
        let parts = written_parts(
            &json!([]),
            &json!({"auto_ack": true}),
            &json!({"type": "manual"}),
        );
        let text = canonical_json(&parts);
        assert!(
            text.starts_with(
                r#"{"settings":{"allow_reenrollment":false,"auto_ack":true,"entry_filter":null,"#
            ),
            "{text}"
        );
        assert!(
            text.ends_with(r#""steps":[],"trigger":{"type":"manual"}}"#),
            "{text}"
        );
        let explicit = written_parts(
            &json!([]),
            &json!({"auto_ack": true, "allow_reenrollment": false}),
            &json!({"type": "manual"}),
        );
        assert_eq!(content_hash(&parts), content_hash(&explicit));
    }

    #[test]
    fn hash_is_sha256_hex_of_the_canonical_json() {
        let parts = written_parts(&json!([]), &json!({}), &json!({"type": "manual"}));
        let hash = content_hash(&parts);
        assert_eq!(hash.len(), 7 + 64);
        assert!(hash.starts_with("sha256:"));
        let expected = Sha256::digest(canonical_json(&parts).as_bytes());
        assert_eq!(
            &hash[7..],
            expected
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
    }
}
