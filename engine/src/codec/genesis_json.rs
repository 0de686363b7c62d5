//! The world a log starts from, as JSON: the seed and the scenario-format
//! objects, each workflow with its draft as written so content hashes
//! survive. Contacts and operators, nearly all of it, are read by serde
//! straight into the model.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::{json, Value};

use super::people_json::{ContactIn, OperatorIn};
use super::CodecError;
use crate::model::{Contact, Operator};
use crate::runtime::state::Genesis;
use crate::scenario::decode_workflow;

pub fn genesis_to_json(genesis: &Genesis) -> Value {
    json!({
        "seed": genesis.seed,
        "contacts": genesis.contacts.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
        "operators": genesis.operators.iter().map(|o| o.to_json()).collect::<Vec<_>>(),
        "workflows": genesis.workflows.iter().map(|w| json!({
            "draft": w.to_json(),
            "written": {"steps": w.written.steps, "settings": w.written.settings, "trigger": w.written.trigger},
        })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
struct GenesisIn {
    seed: u64,
    contacts: Vec<ContactIn>,
    operators: Vec<OperatorIn>,
    workflows: Vec<WorkflowIn>,
}

#[derive(Deserialize)]
struct WorkflowIn {
    draft: Value,
    written: WrittenIn,
}

#[derive(Deserialize)]
struct WrittenIn {
    steps: Value,
    settings: Value,
    trigger: Value,
}

pub fn genesis_from_json(text: &str) -> Result<Genesis, CodecError> {
    let bad = |e: String| CodecError::Genesis(e);
    let g: GenesisIn = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let contacts: Vec<Contact> = g.contacts.into_iter().map(Contact::from).collect();
    unique(contacts.iter().map(|c| c.id.as_str()), "contact").map_err(bad)?;
    let operators: Vec<Operator> = g.operators.into_iter().map(Operator::from).collect();
    unique(operators.iter().map(|o| o.id.as_str()), "operator").map_err(bad)?;
    let mut workflows = Vec::with_capacity(g.workflows.len());
    for (i, w) in g.workflows.into_iter().enumerate() {
        let mut draft = decode_workflow(&w.draft, &format!("workflows[{i}]"))
            .map_err(|e| bad(e.in_file("genesis").to_string()))?;
        draft.written = crate::model::WrittenParts {
            steps: w.written.steps,
            settings: w.written.settings,
            trigger: w.written.trigger,
        };
        workflows.push(draft);
    }
    Ok(Genesis {
        seed: g.seed,
        contacts,
        operators,
        workflows,
    })
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("two {what}s have the id `{id}`"));
        }
    }
    Ok(())
}
