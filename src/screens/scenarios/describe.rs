//! A script command in a few words, for the script list a trainer reads.

use flowlab_engine::command::{Command, DecideTarget};

use crate::i18n::{plural, tr};
use crate::t;

#[rustfmt::skip]
pub fn describe(command: &Command) -> String {
    match command {
        Command::Publish { workflow, note } => match note {
            Some(n) => t!("Publish {workflow} (“{note}”)",
                workflow = workflow,
                note = n
            ),
            None => t!("Publish {workflow}", workflow = workflow),
        },
        Command::Activate { workflow } => t!("Activate {workflow}", workflow = workflow),
        Command::Pause { workflow } => t!("Pause {workflow}", workflow = workflow),
        Command::Resume { workflow } => t!("Resume {workflow}", workflow = workflow),
        Command::Cancel { workflow } => t!("Cancel {workflow}", workflow = workflow),
        Command::Archive { workflow } => t!("Archive {workflow}", workflow = workflow),
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
            t!("Edit the {workflow} draft: {parts}",
                workflow = workflow,
                parts = parts.join(", ")
            )
        }
        Command::Restore { workflow, version } => t!("Restore version {version} of {workflow} into the draft",
            version = version,
            workflow = workflow
        ),
        Command::Clone { workflow, new_id } => t!("Clone {workflow} as {new_id}",
            workflow = workflow,
            new_id = new_id
        ),
        Command::Create { workflow, .. } => t!("Create workflow {workflow}", workflow = workflow),
        Command::AddContact { contact } => t!("Add contact {id}", id = contact.id),
        Command::UpdateContact { contact } => t!("Update contact {id}", id = contact.id),
        Command::AddOperator { operator } => t!("Add operator {id}", id = operator.id),
        Command::UpdateOperator { operator } => t!("Update operator {id}", id = operator.id),
        Command::Enroll { workflow, contacts } => t!("Enroll {contacts} in {workflow}",
            contacts = contacts.join(", "),
            workflow = workflow
        ),
        Command::Tag { contact, tag } => {
            t!("Tag {contact} with {tag}", contact = contact, tag = tag)
        }
        Command::Untag { contact, tag } => {
            t!("Remove tag {tag} from {contact}",
                tag = tag,
                contact = contact
            )
        }
        Command::Set {
            contact,
            attributes,
        } => {
            let keys: Vec<&str> = attributes.keys().map(String::as_str).collect();
            t!("Set {keys} on {contact}",
                keys = keys.join(", "),
                contact = contact
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
                "approve" => t!("{operator} approves {on}", operator = operator, on = on),
                _ => t!("{operator} rejects {on}", operator = operator, on = on),
            }
        }
        Command::Stop { execution } => t!("Stop {execution}", execution = execution),
        Command::Rollback { execution } => {
            t!("Retry the rollback of {execution}", execution = execution)
        }
        Command::Ack { execution } => t!("Acknowledge {execution}", execution = execution),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_scenario;

    #[test]
    fn every_preset_command_reads_as_a_sentence() {
        for p in &crate::presets::PRESETS {
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
}
