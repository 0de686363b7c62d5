//! `generate_contacts`: contacts `g1…gN`, the same for the same seed everywhere.

use serde_json::Map;

use crate::model::{Contact, ContactName};
use crate::rng::{between, draw, unit, Purpose};

#[derive(Clone, Debug, PartialEq)]
pub struct ContactGenerator {
    pub count: u64,
    pub email_ratio: f64,
    pub phone_ratio: f64,
    /// tag → share of contacts that carry it.
    pub tags: Vec<(String, f64)>,
}

pub use crate::limits::MAX_GENERATED;

const FIRST_NAMES: [&str; 16] = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "John",
    "Katherine",
    "Ken",
    "Margaret",
    "Niklaus",
    "Radia",
    "Tim",
    "Hedy",
    "Linus",
];

impl ContactGenerator {
    pub fn generate(&self, seed: u64) -> Vec<Contact> {
        (1..=self.count).map(|i| self.one(seed, i)).collect()
    }

    fn one(&self, seed: u64, i: u64) -> Contact {
        let d = |field: u64| draw(seed, Purpose::GeneratedContact, i, field, 0);
        let first = FIRST_NAMES[between(d(0), 0, FIRST_NAMES.len() as u64 - 1) as usize];
        let tags = self
            .tags
            .iter()
            .enumerate()
            .filter(|(k, (_, share))| unit(d(10 + *k as u64)) < *share)
            .map(|(_, (tag, _))| tag.clone())
            .collect();
        Contact {
            id: format!("g{i}"),
            name: ContactName::Given(format!("{first} {i}")),
            email: (unit(d(1)) < self.email_ratio).then(|| format!("g{i}@example.com")),
            phone: (unit(d(2)) < self.phone_ratio).then(|| format!("+1555{i:07}")),
            tags,
            attributes: Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_one_and_zero_are_exact_and_generation_is_deterministic() {
        let g = ContactGenerator {
            count: 500,
            email_ratio: 1.0,
            phone_ratio: 0.0,
            tags: vec![("lead".into(), 0.3)],
        };
        let a = g.generate(42);
        assert_eq!(a, g.generate(42));
        assert_eq!(a.len(), 500);
        assert!(a.iter().all(|c| c.email.is_some() && c.phone.is_none()));
        let leads = a
            .iter()
            .filter(|c| c.tags.contains(&"lead".to_string()))
            .count();
        assert!((100..200).contains(&leads), "{leads}");
        assert_eq!(a[0].id, "g1");
        assert_ne!(a, g.generate(43));
    }
}
