//! A script entry as the scenario format writes it (`{"at": ms, "do":
//! verb, …}`): the inverse of the scenario reader's `parse_script_entry`.
//! Exported scenarios write their script with it, and the page's journal of
//! commands is saved with it.

use flowlab_engine::command::{Command, DecideTarget};
use flowlab_engine::scenario::{parse_script_entry, FileError, ScriptEntry};
use serde_json::{json, Map, Value};

use crate::session::JournalEntry;

/// One script line: `{"at": ms, "do": verb, …}`.
pub fn command_json(entry: &ScriptEntry) -> Value {
    let mut m = Map::new();
    m.insert("at".into(), json!(entry.at.0));
    m.insert("do".into(), json!(entry.command.verb()));
    let mut put = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    match &entry.command {
        Command::Publish { workflow, note } => {
            put("workflow", json!(workflow));
            if let Some(n) = note {
                put("note", json!(n));
            }
        }
        Command::Activate { workflow }
        | Command::Pause { workflow }
        | Command::Resume { workflow }
        | Command::Cancel { workflow }
        | Command::Archive { workflow } => put("workflow", json!(workflow)),
        Command::Edit { workflow, edit } => {
            put("workflow", json!(workflow));
            if edit.steps.is_some() {
                put("steps", edit.written.steps.clone());
            }
            if edit.settings.is_some() {
                put("settings", edit.written.settings.clone());
            }
            if edit.trigger.is_some() {
                put("trigger", edit.written.trigger.clone());
            }
        }
        Command::Restore { workflow, version } => {
            put("workflow", json!(workflow));
            put("version", json!(version));
        }
        Command::Gesture {
            workflow,
            label,
            commands,
        } => {
            put("workflow", json!(workflow));
            put("label", json!(label));
            put(
                "commands",
                Value::Array(commands.iter().map(|c| c.to_json()).collect()),
            );
        }
        Command::Undo { workflow } | Command::Redo { workflow } => put("workflow", json!(workflow)),
        Command::Clone { workflow, new_id } => {
            put("workflow", json!(workflow));
            put("new_id", json!(new_id));
        }
        Command::Create { workflow, name } => {
            put("workflow", json!(workflow));
            put("name", json!(name));
        }
        Command::AddContact { contact } | Command::UpdateContact { contact } => {
            put("contact", contact.to_json())
        }
        Command::AddOperator { operator } | Command::UpdateOperator { operator } => {
            put("operator", operator.to_json())
        }
        Command::Enroll { workflow, contacts } => {
            put("workflow", json!(workflow));
            put("contacts", json!(contacts));
        }
        Command::Tag { contact, tag } | Command::Untag { contact, tag } => {
            put("contact", json!(contact));
            put("tag", json!(tag));
        }
        Command::Set {
            contact,
            attributes,
        } => {
            put("contact", json!(contact));
            put("attributes", Value::Object(attributes.clone()));
        }
        Command::Decide {
            target,
            operator,
            decision,
        } => {
            match target {
                DecideTarget::Execution(e) => put("execution", json!(e)),
                DecideTarget::Shared {
                    workflow,
                    step,
                    version,
                } => {
                    put("workflow", json!(workflow));
                    put("step", json!(step));
                    if let Some(v) = version {
                        put("version", json!(v));
                    }
                }
            }
            put("operator", json!(operator));
            put("decision", json!(decision.as_str()));
        }
        Command::Stop { execution }
        | Command::Rollback { execution }
        | Command::Ack { execution } => put("execution", json!(execution)),
    }
    Value::Object(m)
}

/// The journal as saved: `(after, command)` pairs, entry 0 first.
pub fn journal_to_json(journal: &[JournalEntry]) -> Vec<(usize, Value)> {
    journal
        .iter()
        .map(|j| (j.after, command_json(&j.entry)))
        .collect()
}

/// Reads back what [`journal_to_json`] wrote; a command that does not read
/// is refused naming its entry (`journal entry 3: do: …`).
pub fn journal_from_json(saved: Vec<(usize, Value)>) -> Result<Vec<JournalEntry>, FileError> {
    saved
        .into_iter()
        .enumerate()
        .map(|(i, (after, command))| {
            let entry = parse_script_entry(&format!("journal entry {i}"), &command)?;
            Ok(JournalEntry { after, entry })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::{parse_scenario, FORMAT};

    #[test]
    fn every_command_written_reads_back_the_same() {
        for p in &super::super::presets::PRESETS {
            let scenario = p.parse().unwrap();
            let script: Vec<Value> = scenario.script.iter().map(command_json).collect();
            let text = json!({"format": FORMAT, "run_until": 0, "workflows": [], "script": script});
            let back = parse_scenario("again.json", &text.to_string()).unwrap();
            assert_eq!(back.script, scenario.script, "{}", p.file);
        }
    }

    #[test]
    fn a_journal_entry_that_does_not_read_is_named() {
        let saved = vec![
            (0, json!({"at": 0, "do": "stop", "execution": "e1"})),
            (0, json!({"at": 5, "do": "dance"})),
        ];
        let e = journal_from_json(saved).unwrap_err().to_string();
        assert!(e.starts_with("journal entry 1: do: "), "{e}");
    }
}
