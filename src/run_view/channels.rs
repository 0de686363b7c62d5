//! Which contacts lack a channel a workflow's actions need. Discovery
//! (lifecycle §2) ends an execution FAILED_SAFE when an `email` action (or
//! compensation) meets a contact without an email, or an `sms` one a
//! contact without a phone; People and Publish warn before that happens.

use flowlab_engine::model::{Contact, Trigger, WorkflowDraft};
use flowlab_engine::runtime::compiled::CompiledVersion;
use flowlab_engine::runtime::state::State;

use crate::i18n::{num, tr};
use crate::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    /// The contact's field it needs, missing, in words.
    pub fn lacking(self) -> &'static str {
        match self {
            Channel::Email => tr("no email address"),
            Channel::Sms => tr("no phone number"),
        }
    }

    pub fn action(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    fn has(self, contact: &Contact) -> bool {
        let field = match self {
            Channel::Email => &contact.email,
            Channel::Sms => &contact.phone,
        };
        field.as_deref().is_some_and(|v| !v.is_empty())
    }
}

/// The channels a draft's actions and compensations need, reachable or not.
pub fn needed(draft: &WorkflowDraft) -> Vec<Channel> {
    let compiled = CompiledVersion::compile(draft);
    let mut out = Vec::new();
    if compiled.needs_email {
        out.push(Channel::Email);
    }
    if compiled.needs_phone {
        out.push(Channel::Sms);
    }
    out
}

/// One contact and the channels it lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lack {
    pub contact: String,
    pub missing: Vec<Channel>,
}

/// The contacts among `contacts` that lack a channel `draft` needs.
pub fn lacking<'a>(
    draft: &WorkflowDraft,
    contacts: impl IntoIterator<Item = &'a Contact>,
) -> Vec<Lack> {
    let needs = needed(draft);
    contacts
        .into_iter()
        .filter_map(|c| {
            let missing: Vec<Channel> = needs.iter().copied().filter(|n| !n.has(c)).collect();
            (!missing.is_empty()).then(|| Lack {
                contact: c.id.clone(),
                missing,
            })
        })
        .collect()
}

/// The contacts a trigger can enroll: an audience's matches, the contacts
/// holding a `tag_added` trigger's tag today, anyone for a manual one.
pub fn matching<'a>(trigger: &Trigger, contacts: &'a [Contact]) -> Vec<&'a Contact> {
    contacts
        .iter()
        .filter(|c| match trigger {
            Trigger::Audience { filter } => filter.matches(c),
            Trigger::TagAdded { tag, .. } => c.tags.iter().any(|t| t == tag),
            Trigger::Manual => true,
        })
        .collect()
}

/// "3 contacts (c3, c5, c9) have no email address: this version's email
/// actions would end their executions FAILED_SAFE." One line per channel;
/// `version`: `None` for the version about to be published.
pub fn warning_lines(lacks: &[Lack], version: Option<u32>) -> Vec<String> {
    [Channel::Email, Channel::Sms]
        .into_iter()
        .filter_map(|ch| {
            let ids: Vec<&str> = lacks
                .iter()
                .filter(|l| l.missing.contains(&ch))
                .map(|l| l.contact.as_str())
                .collect();
            if ids.is_empty() {
                return None;
            }
            let shown: Vec<&str> = ids.iter().take(5).copied().collect();
            let more = if ids.len() > 5 { ", …" } else { "" };
            let (lack, action) = (ch.lacking(), ch.action());
            let listed = format!("{}{more}", shown.join(", "));
            let n = num(ids.len() as u64);
            Some(match (ids.len() == 1, version) {
                (true, None) => t!("Contact {id} has {lack}: this version's {action} actions would end its execution FAILED_SAFE at discovery.",
                    id = shown[0], lack = lack, action = action
                ),
                (false, None) => t!("{n} contacts ({ids}) have {lack}: this version's {action} actions would end their executions FAILED_SAFE at discovery.",
                    n = n, ids = listed, lack = lack, action = action
                ),
                (true, Some(v)) => t!("Contact {id} has {lack}: v{v}'s {action} actions would end its execution FAILED_SAFE at discovery.",
                    id = shown[0], lack = lack, v = v, action = action
                ),
                (false, Some(v)) => t!("{n} contacts ({ids}) have {lack}: v{v}'s {action} actions would end their executions FAILED_SAFE at discovery.",
                    n = n, ids = listed, lack = lack, v = v, action = action
                ),
            })
        })
        .collect()
}

/// Publish's warning: the matching contacts that would lack a channel the
/// draft of `workflow` needs.
pub fn publish_warnings(state: &State, workflow: &str) -> Vec<String> {
    let Some(w) = state
        .workflow_ix
        .get(workflow)
        .map(|ix| state.workflow(*ix))
    else {
        return Vec::new();
    };
    let draft = &w.draft;
    let lacks = lacking(draft, matching(&draft.trigger, &state.contacts));
    warning_lines(&lacks, None)
}

/// People's warning before enrolling `contacts` into `workflow`, whose
/// newest version is what they would run.
pub fn enroll_warnings(state: &State, workflow: &str, contacts: &[String]) -> Vec<String> {
    let Some(version) = state
        .workflow_ix
        .get(workflow)
        .and_then(|ix| state.workflow(*ix).current())
    else {
        return Vec::new();
    };
    let chosen = state.contacts.iter().filter(|c| contacts.contains(&c.id));
    let lacks = lacking(&version.draft, chosen);
    warning_lines(&lacks, Some(version.number))
}

#[cfg(test)]
mod tests {
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim;
    use flowlab_engine::time::SimTime;
    use serde_json::json;

    use super::*;
    use crate::i18n::{set_current, Lang};
    use crate::session::Session;

    #[test]
    fn warnings_read_in_french_with_the_codes_kept() {
        let lacks = [
            Lack {
                contact: "c2".into(),
                missing: vec![Channel::Email],
            },
            Lack {
                contact: "c4".into(),
                missing: vec![Channel::Email, Channel::Sms],
            },
        ];
        set_current(Lang::Fr);
        let lines = warning_lines(&lacks, Some(3));
        set_current(Lang::En);
        assert_eq!(
            lines,
            [
                "2 contacts (c2, c4) n’ont aucune adresse e-mail\u{a0}: les actions email de la v3 termineraient leurs exécutions en FAILED_SAFE à la découverte.",
                "Le contact c4 n’a aucun numéro de téléphone\u{a0}: les actions sms de la v3 termineraient son exécution en FAILED_SAFE à la découverte.",
            ]
        );
    }

    fn session(trigger: serde_json::Value, steps: serde_json::Value, publish: bool) -> Session {
        let mut script = Vec::new();
        if publish {
            script.push(json!({"at": 0, "do": "publish", "workflow": "w"}));
        }
        let file = json!({
            "format": "flowlab-scenario/1",
            "run_until": "1m",
            "contacts": [
                {"id": "c1", "email": "a@example.com", "phone": "+1555"},
                {"id": "c2", "email": null, "phone": "+1556", "tags": ["vip"]},
                {"id": "c3", "email": "c@example.com", "phone": null, "tags": ["vip"]},
                {"id": "c4", "email": "", "phone": null, "attributes": {"score": 90}}
            ],
            "workflows": [{"id": "w", "name": "W", "trigger": trigger, "steps": steps}],
            "script": script
        });
        let scenario = parse_scenario("t.json", &file.to_string()).expect("parses");
        let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
        s.advance_to(SimTime(0), usize::MAX).expect("runs");
        s
    }

    fn ids(lacks: &[Lack]) -> Vec<(&str, Vec<Channel>)> {
        lacks
            .iter()
            .map(|l| (l.contact.as_str(), l.missing.clone()))
            .collect()
    }

    #[test]
    fn email_and_sms_actions_need_an_email_and_a_phone_compensations_too() {
        let s = session(
            json!({"type": "manual"}),
            json!([
                {"id": "a", "kind": "action", "action": "webhook",
                 "compensation": {"action": "sms"}},
                {"id": "b", "kind": "action", "action": "email"},
                {"id": "e", "kind": "end"}
            ]),
            false,
        );
        let draft = &s.state().workflows[0].draft;
        assert_eq!(needed(draft), [Channel::Email, Channel::Sms]);
        let lacks = lacking(draft, matching(&draft.trigger, &s.state().contacts));
        assert_eq!(
            ids(&lacks),
            [
                ("c2", vec![Channel::Email]),
                ("c3", vec![Channel::Sms]),
                ("c4", vec![Channel::Email, Channel::Sms]),
            ],
            "an empty email is no email"
        );
        assert_eq!(
            publish_warnings(s.state(), "w"),
            [
                "2 contacts (c2, c4) have no email address: this version's email actions would end their executions FAILED_SAFE at discovery.",
                "2 contacts (c3, c4) have no phone number: this version's sms actions would end their executions FAILED_SAFE at discovery.",
            ]
        );
    }

    #[test]
    fn only_the_contacts_a_trigger_matches_count() {
        let steps = json!([{"id": "b", "kind": "action", "action": "email"}]);
        let tagged = session(
            json!({"type": "tag_added", "tag": "vip"}),
            steps.clone(),
            false,
        );
        assert_eq!(
            publish_warnings(tagged.state(), "w"),
            ["Contact c2 has no email address: this version's email actions would end its execution FAILED_SAFE at discovery."]
        );
        let audience = session(
            json!({"type": "audience", "filter": {"attribute": "score", "op": ">", "value": 50}}),
            steps,
            false,
        );
        assert_eq!(
            ids(&lacking(
                &audience.state().workflows[0].draft,
                matching(
                    &audience.state().workflows[0].draft.trigger,
                    &audience.state().contacts
                )
            )),
            [("c4", vec![Channel::Email])]
        );
    }

    #[test]
    fn nothing_to_say_for_a_webhook_workflow_or_contacts_that_have_the_channel() {
        let webhook = session(
            json!({"type": "manual"}),
            json!([{"id": "a", "kind": "action", "action": "webhook"}]),
            true,
        );
        assert!(publish_warnings(webhook.state(), "w").is_empty());
        let email = session(
            json!({"type": "manual"}),
            json!([{"id": "a", "kind": "action", "action": "email"}]),
            true,
        );
        let who = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(enroll_warnings(email.state(), "w", &who(&["c1", "c3"])).is_empty());
        assert_eq!(
            enroll_warnings(email.state(), "w", &who(&["c1", "c2"])),
            ["Contact c2 has no email address: v1's email actions would end its execution FAILED_SAFE at discovery."]
        );
        assert!(
            enroll_warnings(email.state(), "nope", &who(&["c2"])).is_empty(),
            "an unknown workflow has nothing to warn about"
        );
    }
}
