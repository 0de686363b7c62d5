//! Contacts and operators: the contacts table, synthetic contacts with ids
//! that do not collide, and when each `tag_added` trigger polls next.

use flowlab_engine::machines::definition::WorkflowStatus;
use flowlab_engine::model::{
    operator_problems, Contact, ContactName, Operator, OperatorProblem, StepBody, Trigger,
};
use flowlab_engine::runtime::state::State;
use flowlab_engine::scenario::ContactGenerator;
use flowlab_engine::time::SimTime;

use crate::i18n::tr;
use crate::t;

/// What the operator form shows under a field, in the page's language
/// (`Display` is the engine's English).
pub fn operator_problem_text(p: &OperatorProblem) -> String {
    match p {
        OperatorProblem::MissingId => tr("the operator needs an id").to_string(),
        OperatorProblem::SpaceInId(id) => {
            t!("the operator id `{id}` contains a space", id = id)
        }
        OperatorProblem::MissingName => tr("the operator needs a name").to_string(),
        OperatorProblem::InvalidEmail(v) => t!("`{value}` is not an email address (expected name@domain.tld)",
            value = v
        ),
        OperatorProblem::InvalidMobile(v) => t!("`{value}` is not a mobile number (digits, spaces, dashes, an optional leading +; at least 6 digits)",
            value = v
        ),
        OperatorProblem::EmptyGroup => tr("a group name is empty").to_string(),
        OperatorProblem::DuplicateGroup(g) => {
            t!("the group `{group}` is listed twice", group = g)
        }
        OperatorProblem::AlreadyExists(id) => {
            t!("an operator `{id}` already exists", id = id)
        }
        OperatorProblem::NoSuchOperator(id) => t!("no operator `{id}`", id = id),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContactPage {
    pub rows: Vec<Contact>,
    pub matching: usize,
}

/// Contacts whose id, name, email, phone or a tag contains `search` (any case).
pub fn contacts(state: &State, search: &str, page: usize, per_page: usize) -> ContactPage {
    let needle = search.trim().to_lowercase();
    let hit = |c: &Contact| {
        needle.is_empty()
            || [
                Some(c.id.as_str()),
                c.name.given(),
                c.email.as_deref(),
                c.phone.as_deref(),
            ]
            .into_iter()
            .flatten()
            .chain(c.tags.iter().map(String::as_str))
            .any(|s| s.to_lowercase().contains(&needle))
    };
    let mut matching = 0;
    let mut rows = Vec::new();
    for c in state.contacts.iter().filter(|c| hit(c)) {
        if matching >= page * per_page && rows.len() < per_page {
            rows.push(c.clone());
        }
        matching += 1;
    }
    ContactPage { rows, matching }
}

/// `count` synthetic contacts from `seed`, renumbered past the ids in use.
pub fn generate(state: &State, seed: u64, count: u64, tags: Vec<(String, f64)>) -> Vec<Contact> {
    let gen = ContactGenerator {
        count,
        email_ratio: 0.9,
        phone_ratio: 0.5,
        tags,
    };
    let mut next = 1u64;
    gen.generate(seed)
        .into_iter()
        .map(|mut c| {
            while state.contact_ix.contains_key(&format!("g{next}")) {
                next += 1;
            }
            c.id = format!("g{next}");
            if let Some(email) = &mut c.email {
                *email = format!("g{next}@example.com");
            }
            next += 1;
            c
        })
        .collect()
}

/// A `tag_added` trigger and when it next looks at the tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Poll {
    pub workflow: String,
    pub name: String,
    pub tag: String,
    pub every: u64,
    pub status: WorkflowStatus,
    /// `None` before the first activation and after cancel/archive.
    pub next: Option<SimTime>,
    pub queued: usize,
}

pub fn polls(state: &State) -> Vec<Poll> {
    state
        .workflows
        .iter()
        .filter_map(|w| {
            let Trigger::TagAdded { tag, poll } = &w.draft.trigger else {
                return None;
            };
            let live = w.current().map(|v| &v.compiled.trigger);
            let (tag, every) = match live {
                Some(Trigger::TagAdded { tag, poll }) => (tag.clone(), *poll),
                _ => (tag.clone(), *poll),
            };
            Some(Poll {
                workflow: w.draft.id.clone(),
                name: w.draft.name.clone(),
                tag,
                every,
                status: w.status,
                next: w.next_poll.map(|s| s.due),
                queued: w.tag_queue.len(),
            })
        })
        .collect()
}

/// Workflows a person can enroll contacts into by hand (`active` or `paused`).
pub fn enrollable(state: &State) -> Vec<(String, String)> {
    state
        .workflows
        .iter()
        .filter(|w| matches!(w.status, WorkflowStatus::Active | WorkflowStatus::Paused))
        .map(|w| (w.draft.id.clone(), w.draft.name.clone()))
        .collect()
}

/// Every group named by an operator or by an approval step of a draft or a
/// published version, sorted: what the operator form offers.
pub fn known_groups(state: &State) -> Vec<String> {
    let mut groups: Vec<String> = state
        .operators
        .iter()
        .flat_map(|o| o.groups.iter().cloned())
        .collect();
    for w in &state.workflows {
        let drafts = std::iter::once(&w.draft).chain(w.versions.iter().map(|v| &v.draft));
        for draft in drafts {
            for step in &draft.steps {
                if let StepBody::Approval(a) = &step.body {
                    groups.extend(a.group.clone());
                }
            }
        }
    }
    groups.sort();
    groups.dedup();
    groups
}

/// The operator form as typed: groups comma separated, blank email or
/// mobile for none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperatorForm {
    /// `Some` when editing that existing operator (its id cannot change).
    pub editing: Option<String>,
    pub id: String,
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub groups: String,
}

impl OperatorForm {
    pub fn edit(op: &Operator) -> OperatorForm {
        OperatorForm {
            editing: Some(op.id.clone()),
            id: op.id.clone(),
            name: op.name.clone(),
            email: op.email.clone().unwrap_or_default(),
            mobile: op.mobile.clone().unwrap_or_default(),
            groups: op.groups.join(", "),
        }
    }

    /// A new operator with the first free id `opN`.
    pub fn new_operator(state: &State) -> OperatorForm {
        let id = (state.operators.len() + 1..)
            .map(|n| format!("op{n}"))
            .find(|id| !state.operators.iter().any(|o| &o.id == id))
            .expect("some id is free");
        OperatorForm {
            id,
            ..OperatorForm::default()
        }
    }

    pub fn operator(&self) -> Operator {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Operator {
            id: self.id.trim().to_string(),
            name: self.name.trim().to_string(),
            email: opt(&self.email),
            mobile: opt(&self.mobile),
            groups: self.groups.split(',').filter_map(opt).collect(),
        }
    }

    /// What the engine would refuse, each under its field: the same checks
    /// as `add_operator`/`update_operator`.
    pub fn problems(&self, state: &State) -> Vec<OperatorProblem> {
        let op = self.operator();
        let mut out = Vec::new();
        let exists = state.operators.iter().any(|o| o.id == op.id);
        match &self.editing {
            None if exists => out.push(OperatorProblem::AlreadyExists(op.id.clone())),
            Some(id) if !state.operators.iter().any(|o| &o.id == id) => {
                out.push(OperatorProblem::NoSuchOperator(id.clone()))
            }
            _ => {}
        }
        out.extend(operator_problems(&op));
        out
    }
}

/// The name a contact form saves: a field left as it was keeps the name's
/// form (missing or `null` stay so); anything typed is the name.
pub fn edited_name(original: &ContactName, field: &str) -> ContactName {
    let field = field.trim();
    if field == original.given().unwrap_or_default() {
        return original.clone();
    }
    ContactName::Given(field.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{set_current, Lang};
    use crate::session::Session;

    #[test]
    fn operator_problems_read_as_the_engine_in_english_and_in_french_otherwise() {
        let all = [
            OperatorProblem::MissingId,
            OperatorProblem::SpaceInId("a b".into()),
            OperatorProblem::MissingName,
            OperatorProblem::InvalidEmail("x@y".into()),
            OperatorProblem::InvalidMobile("call me".into()),
            OperatorProblem::EmptyGroup,
            OperatorProblem::DuplicateGroup("ops".into()),
            OperatorProblem::AlreadyExists("op1".into()),
            OperatorProblem::NoSuchOperator("op9".into()),
        ];
        for p in &all {
            set_current(Lang::En);
            assert_eq!(operator_problem_text(p), p.to_string());
            set_current(Lang::Fr);
            assert_ne!(operator_problem_text(p), p.to_string(), "{p:?}");
        }
        set_current(Lang::En);
    }
    use flowlab_engine::command::Command;
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim;

    fn session() -> Session {
        let sc = parse_scenario("w", crate::file_format::samples::SAMPLE_WORKSPACE).unwrap();
        Session::new(sim::genesis(&sc), sc.script.clone())
    }

    #[test]
    fn search_matches_names_tags_and_pages() {
        let s = session();
        let all = contacts(s.state(), "", 0, 4);
        assert_eq!(all.matching, s.state().contacts.len());
        assert_eq!(all.rows.len(), 4);
        let customers = contacts(s.state(), "CUSTOMER", 0, 50);
        assert!(customers.matching > 0);
        assert!(customers
            .rows
            .iter()
            .all(|c| c.tags.iter().any(|t| t == "customer")));
        assert_eq!(contacts(s.state(), "grace", 0, 50).rows[0].id, "c2");
    }

    #[test]
    fn generated_contacts_get_fresh_ids_and_are_accepted() {
        let mut s = session();
        let first = generate(s.state(), 7, 3, vec![("lead".into(), 0.5)]);
        assert_eq!(
            first.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["g1", "g2", "g3"]
        );
        assert_eq!(
            first,
            generate(s.state(), 7, 3, vec![("lead".into(), 0.5)]),
            "same seed, same contacts"
        );
        for c in first {
            let out = s.command(&Command::AddContact { contact: c }).unwrap();
            assert_eq!(out, flowlab_engine::runtime::Outcome::Accepted);
        }
        let again = generate(s.state(), 7, 2, Vec::new());
        assert_eq!(
            again.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["g4", "g5"]
        );
    }

    #[test]
    fn the_operator_form_names_what_the_engine_would_refuse() {
        let mut s = session();
        let fresh = OperatorForm::new_operator(s.state());
        assert_eq!(fresh.id, format!("op{}", s.state().operators.len() + 1));
        let form = OperatorForm {
            name: "Ada Lovelace".into(),
            email: " ada@example.com ".into(),
            groups: "support, , marketing-leads".into(),
            ..fresh
        };
        assert_eq!(form.problems(s.state()), []);
        let op = form.operator();
        assert_eq!(op.email.as_deref(), Some("ada@example.com"));
        assert_eq!(op.mobile, None);
        assert_eq!(op.groups, ["support", "marketing-leads"]);
        let out = s
            .command(&Command::AddOperator {
                operator: op.clone(),
            })
            .unwrap();
        assert_eq!(out, flowlab_engine::runtime::Outcome::Accepted);

        let again = OperatorForm {
            editing: None,
            ..OperatorForm::edit(&op)
        };
        assert_eq!(
            again.problems(s.state()),
            [OperatorProblem::AlreadyExists(op.id.clone())]
        );
        let edited = OperatorForm {
            mobile: "not a number".into(),
            ..OperatorForm::edit(&op)
        };
        let problems = edited.problems(s.state());
        assert_eq!(
            problems.iter().map(|p| p.field()).collect::<Vec<_>>(),
            ["mobile"]
        );
        let refused = s
            .command(&Command::UpdateOperator {
                operator: edited.operator(),
            })
            .unwrap();
        assert_eq!(
            refused,
            flowlab_engine::runtime::Outcome::Rejected(problems[0].to_string()),
            "the form and the engine say the same"
        );
    }

    #[test]
    fn known_groups_come_from_operators_and_approval_steps() {
        let s = session();
        let groups = known_groups(s.state());
        assert!(
            groups.contains(&"marketing-leads".to_string()),
            "{groups:?}"
        );
        assert!(groups.contains(&"support".to_string()), "{groups:?}");
        assert!(groups.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }

    #[test]
    fn the_tag_trigger_says_when_it_polls() {
        let mut s = session();
        assert_eq!(polls(s.state())[0].next, None, "not active yet");
        s.advance_to(SimTime(60_000), usize::MAX).unwrap();
        let p = &polls(s.state())[0];
        assert_eq!(
            (p.workflow.as_str(), p.tag.as_str()),
            ("welcome", "new-signup")
        );
        assert_eq!(
            p.next,
            Some(SimTime(p.every)),
            "first poll one period after activation at 0"
        );
        assert_eq!(p.queued, 1, "c1 was tagged at 1m");
        assert_eq!(enrollable(s.state()).len(), 3);
    }

    #[test]
    fn an_untouched_name_field_keeps_a_null_or_missing_name() {
        assert_eq!(edited_name(&ContactName::Null, " "), ContactName::Null);
        assert_eq!(edited_name(&ContactName::Missing, ""), ContactName::Missing);
        assert_eq!(
            edited_name(&ContactName::Null, "Ada"),
            ContactName::Given("Ada".into())
        );
        assert_eq!(
            edited_name(&ContactName::Given("Ada".into()), ""),
            ContactName::Given(String::new())
        );
    }
}
