//! A script command in a few words, for the script list a trainer reads.

use flowlab_engine::command::{Command, DecideTarget};

use crate::i18n::{plural, tr};
use crate::t;

/// Where an identifier (or a text quoted from the scenario) starts and ends
/// in [`describe_marked`]: the script list shows those parts as they are
/// written, not as prose to translate.
pub const MARK_START: char = '\u{2068}';
pub const MARK_END: char = '\u{2069}';

fn id(text: &str) -> String {
    format!("{MARK_START}{text}{MARK_END}")
}

fn ids<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    texts.map(id).collect::<Vec<_>>().join(", ")
}

/// The command in a few words, identifiers as they are written.
#[cfg(test)]
pub fn describe(command: &Command) -> String {
    describe_marked(command).replace([MARK_START, MARK_END], "")
}

/// [`describe`] with each identifier between [`MARK_START`] and [`MARK_END`].
pub fn describe_marked(command: &Command) -> String {
    match command {
        Command::Publish { workflow, note } => match note {
            Some(n) => t!(
                "Publish {workflow} (“{note}”)",
                workflow = id(workflow),
                note = id(n)
            ),
            None => t!("Publish {workflow}", workflow = id(workflow)),
        },
        Command::Activate { workflow } => t!("Activate {workflow}", workflow = id(workflow)),
        Command::Pause { workflow } => t!("Pause {workflow}", workflow = id(workflow)),
        Command::Resume { workflow } => t!("Resume {workflow}", workflow = id(workflow)),
        Command::Cancel { workflow } => t!("Cancel {workflow}", workflow = id(workflow)),
        Command::Archive { workflow } => t!("Archive {workflow}", workflow = id(workflow)),
        Command::Edit { workflow, edit } => {
            let mut parts = Vec::new();
            if let Some(steps) = &edit.steps {
                parts.push(plural("{n} step|{n} steps", steps.len() as u64));
            }
            if edit.settings.is_some() {
                parts.push(tr("settings").to_owned());
            }
            if edit.trigger.is_some() {
                parts.push(tr("trigger").to_owned());
            }
            t!(
                "Edit the {workflow} draft: {parts}",
                workflow = id(workflow),
                parts = parts.join(", ")
            )
        }
        Command::Restore { workflow, version } => t!(
            "Restore version {version} of {workflow} into the draft",
            version = version,
            workflow = id(workflow)
        ),
        Command::Gesture {
            workflow,
            label,
            commands,
        } => t!(
            "{label} in the {workflow} draft ({edits})",
            label = id(label),
            workflow = id(workflow),
            edits = plural("{n} edit|{n} edits", commands.len() as u64)
        ),
        Command::Undo { workflow } => t!("Undo in the {workflow} draft", workflow = id(workflow)),
        Command::Redo { workflow } => t!("Redo in the {workflow} draft", workflow = id(workflow)),
        Command::Clone { workflow, new_id } => t!(
            "Clone {workflow} as {new_id}",
            workflow = id(workflow),
            new_id = id(new_id)
        ),
        Command::Create { workflow, .. } => {
            t!("Create workflow {workflow}", workflow = id(workflow))
        }
        Command::AddContact { contact } => t!("Add contact {id}", id = id(&contact.id)),
        Command::UpdateContact { contact } => t!("Update contact {id}", id = id(&contact.id)),
        Command::AddOperator { operator } => t!("Add operator {id}", id = id(&operator.id)),
        Command::UpdateOperator { operator } => t!("Update operator {id}", id = id(&operator.id)),
        Command::Enroll { workflow, contacts } => t!(
            "Enroll {contacts} in {workflow}",
            contacts = ids(contacts.iter().map(String::as_str)),
            workflow = id(workflow)
        ),
        Command::Tag { contact, tag } => {
            t!(
                "Tag {contact} with {tag}",
                contact = id(contact),
                tag = id(tag)
            )
        }
        Command::Untag { contact, tag } => {
            t!(
                "Remove tag {tag} from {contact}",
                tag = id(tag),
                contact = id(contact)
            )
        }
        Command::Set {
            contact,
            attributes,
        } => {
            let keys: Vec<&str> = attributes.keys().map(String::as_str).collect();
            t!(
                "Set {keys} on {contact}",
                keys = ids(keys.iter().copied()),
                contact = id(contact)
            )
        }
        Command::Decide {
            target,
            operator,
            decision,
        } => {
            let on = match target {
                DecideTarget::Execution(e) => e.clone(),
                DecideTarget::Shared { workflow, step, .. } => format!("{workflow} · {step}"),
            };
            match decision.as_str() {
                "approve" => t!(
                    "{operator} approves {on}",
                    operator = id(operator),
                    on = id(&on)
                ),
                _ => t!(
                    "{operator} rejects {on}",
                    operator = id(operator),
                    on = id(&on)
                ),
            }
        }
        Command::Stop { execution } => t!("Stop {execution}", execution = id(execution)),
        Command::Rollback { execution } => {
            t!(
                "Retry the rollback of {execution}",
                execution = id(execution)
            )
        }
        Command::Ack { execution } => t!("Acknowledge {execution}", execution = id(execution)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_scenario;

    #[test]
    fn every_preset_command_reads_as_a_sentence() {
        for p in &crate::file_format::presets::PRESETS {
            let scenario = parse_scenario(p.file, p.text).unwrap();
            for e in &scenario.script {
                let text = describe(&e.command);
                assert!(text.len() > 6, "{}: {text}", p.file);
            }
        }
        let s = parse_scenario(
            "x.json",
            r#"{"format":"flowlab-scenario/1","run_until":"1h","workflows":[],
               "script":[{"at":"2h","do":"decide","workflow":"w","step":"v","operator":"op1","decision":"approve"},
                         {"at":"3h","do":"enroll","workflow":"w","contacts":["c1","c2"]}]}"#,
        )
        .unwrap();
        assert_eq!(describe(&s.script[0].command), "op1 approves w · v");
        assert_eq!(describe(&s.script[1].command), "Enroll c1, c2 in w");
    }

    #[test]
    fn a_gesture_undo_and_redo_read_as_sentences() {
        let s = parse_scenario(
            "x.json",
            r#"{"format":"flowlab-scenario/1","run_until":"1h","workflows":[],
               "script":[{"at":0,"do":"gesture","workflow":"w","label":"Move","commands":[
                            {"op":"remove_step","id":"a"},{"op":"set_name","name":"N"}]},
                         {"at":1,"do":"undo","workflow":"w"},
                         {"at":2,"do":"redo","workflow":"w"}]}"#,
        )
        .unwrap();
        let lines: Vec<String> = s.script.iter().map(|e| describe(&e.command)).collect();
        assert_eq!(
            lines,
            [
                "Move in the w draft (2 edits)",
                "Undo in the w draft",
                "Redo in the w draft"
            ]
        );
    }
}
