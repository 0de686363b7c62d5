//! Contacts and operators: the contacts table, synthetic contacts with ids
//! that do not collide, and when each `tag_added` trigger polls next.

use flowlab_engine::machines::definition::WorkflowStatus;
use flowlab_engine::model::{Contact, Trigger};
use flowlab_engine::runtime::state::State;
use flowlab_engine::scenario::ContactGenerator;
use flowlab_engine::time::SimTime;

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
                Some(&c.id),
                Some(&c.name),
                c.email.as_ref(),
                c.phone.as_ref(),
            ]
            .into_iter()
            .flatten()
            .chain(c.tags.iter())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use flowlab_engine::scenario::{parse_scenario, Command};
    use flowlab_engine::sim;

    fn session() -> Session {
        let sc = parse_scenario("w", crate::workspace::SAMPLE_WORKSPACE).unwrap();
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
}
