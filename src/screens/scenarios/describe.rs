//! A script command in a few words, for the script list a trainer reads.

use flowlab_engine::command::{Command, DecideTarget};

pub fn describe(command: &Command) -> String {
    match command {
        Command::Publish { workflow, note } => match note {
            Some(n) => format!("Publish {workflow} (“{n}”)"),
            None => format!("Publish {workflow}"),
        },
        Command::Activate { workflow } => format!("Activate {workflow}"),
        Command::Pause { workflow } => format!("Pause {workflow}"),
        Command::Resume { workflow } => format!("Resume {workflow}"),
        Command::Cancel { workflow } => format!("Cancel {workflow}"),
        Command::Archive { workflow } => format!("Archive {workflow}"),
        Command::Edit { workflow, edit } => {
            let mut parts = Vec::new();
            if let Some(steps) = &edit.steps {
                parts.push(format!("{} steps", steps.len()));
            }
            if edit.settings.is_some() {
                parts.push("settings".to_owned());
            }
            if edit.trigger.is_some() {
                parts.push("trigger".to_owned());
            }
            format!("Edit the {workflow} draft: {}", parts.join(", "))
        }
        Command::Restore { workflow, version } => {
            format!("Restore version {version} of {workflow} into the draft")
        }
        Command::Clone { workflow, new_id } => format!("Clone {workflow} as {new_id}"),
        Command::Create { workflow, .. } => format!("Create workflow {workflow}"),
        Command::AddContact { contact } => format!("Add contact {}", contact.id),
        Command::UpdateContact { contact } => format!("Update contact {}", contact.id),
        Command::AddOperator { operator } => format!("Add operator {}", operator.id),
        Command::UpdateOperator { operator } => format!("Update operator {}", operator.id),
        Command::Enroll { workflow, contacts } => {
            format!("Enroll {} in {workflow}", contacts.join(", "))
        }
        Command::Tag { contact, tag } => format!("Tag {contact} with {tag}"),
        Command::Untag { contact, tag } => format!("Remove tag {tag} from {contact}"),
        Command::Set {
            contact,
            attributes,
        } => {
            let keys: Vec<&str> = attributes.keys().map(String::as_str).collect();
            format!("Set {} on {contact}", keys.join(", "))
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
            let verb = match decision.as_str() {
                "approve" => "approves",
                _ => "rejects",
            };
            format!("{operator} {verb} {on}")
        }
        Command::Stop { execution } => format!("Stop {execution}"),
        Command::Rollback { execution } => format!("Retry the rollback of {execution}"),
        Command::Ack { execution } => format!("Acknowledge {execution}"),
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
