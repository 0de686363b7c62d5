//! A contact's `name` keeps its form (given, `null`, or left out) from the
//! file through the model and back out of an export (lifecycle.md §6).

use flowlab_engine::codec::{genesis_from_json, genesis_to_json};
use flowlab_engine::model::ContactName;
use flowlab_engine::runtime::state::Genesis;
use flowlab_engine::scenario::parse_scenario;
use serde_json::Value;

const FILE: &str = r#"{"format":"flowlab-scenario/1","run_until":0,"workflows":[],"contacts":[
  {"id":"c1","name":null},{"id":"c2"},{"id":"c3","name":"Ada"}]}"#;

#[test]
fn null_missing_and_given_names_survive_decode_and_export() {
    let scenario = parse_scenario("names.json", FILE).unwrap();
    let names: Vec<&ContactName> = scenario.contacts.iter().map(|c| &c.name).collect();
    assert_eq!(
        names,
        [
            &ContactName::Null,
            &ContactName::Missing,
            &ContactName::Given("Ada".into())
        ]
    );
    let exported: Vec<Value> = scenario.contacts.iter().map(|c| c.to_json()).collect();
    assert_eq!(exported[0].get("name"), Some(&Value::Null));
    assert_eq!(exported[1].get("name"), None);
    assert_eq!(exported[2]["name"], "Ada");

    let genesis = Genesis {
        seed: 0,
        contacts: scenario.contacts.clone(),
        operators: vec![],
        workflows: vec![],
    };
    let back = genesis_from_json(&genesis_to_json(&genesis).to_string()).unwrap();
    assert_eq!(back.contacts, scenario.contacts);
}

#[test]
fn display_name_shows_a_dash_for_a_null_name() {
    let scenario = parse_scenario("names.json", FILE).unwrap();
    assert_eq!(scenario.contacts[0].display_name(), "\u{2014}");
    assert_eq!(scenario.contacts[2].display_name(), "Ada");
}
