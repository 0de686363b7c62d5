//! One event in a line of words, for the timeline: what the cursor is on.

use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::state::State;
use flowlab_engine::trace;
use serde_json::Value;

use crate::t;

/// "execution_state · e7 · SCHEDULED → LOCKING (contact is locked by e3)".
/// Events the trace does not show read as their kind, e.g.
/// "wake_set (engine bookkeeping)".
pub fn event_text(state: &State, stamped: &Stamped) -> String {
    let Some(line) = trace::line(state, stamped) else {
        return t!(
            "{event} (engine bookkeeping)",
            event = variant_name(&stamped.event)
        );
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&line) else {
        return line;
    };
    let text = |key: &str| match map.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    };
    let mut parts: Vec<String> = Vec::new();
    parts.extend(text("type"));
    for key in ["workflow", "execution", "step", "operator", "contact"] {
        parts.extend(text(key));
    }
    match (text("from"), text("to")) {
        (from, Some(to)) => parts.push(format!("{} → {to}", from.unwrap_or_else(|| "∅".into()))),
        (None, None) => {
            for key in [
                "do", "action", "outcome", "decision", "port", "channel", "phase", "version",
            ] {
                parts.extend(text(key));
            }
        }
        _ => {}
    }
    let mut out = parts.join(" · ");
    if let Some(reason) = text("reason") {
        out.push_str(&format!(" ({reason})"));
    }
    out
}

/// `WakeSet { .. }` → `wake_set`.
fn variant_name(event: &flowlab_engine::event::Event) -> String {
    let debug = format!("{event:?}");
    let name = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim;

    use super::*;

    #[test]
    fn an_event_reads_as_its_type_names_and_change() {
        let text = include_str!("../../engine/tests/scenarios/locking-exclusive-fifo.json");
        let scenario = parse_scenario("fifo.json", text).unwrap();
        let mut lines = Vec::new();
        sim::run(&scenario, |engine, e| {
            lines.push(event_text(engine.state(), e))
        })
        .unwrap();
        assert!(
            lines.contains(
                &"execution_state · e2 · LOCKING → SCHEDULED (contact is locked by e1)".to_string()
            ),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"execution_state · e1 · ∅ → NEW".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("step_status · e1 · h · ")),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"wake_set (engine bookkeeping)".to_string()),
            "{lines:#?}"
        );
    }
}
