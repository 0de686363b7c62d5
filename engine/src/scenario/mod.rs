//! The scenario file format (scenario-format.md): contacts, operators,
//! workflow drafts, a timed script and expectations.

mod decode_edit;
mod decode_model;
mod error;
mod expect;
mod generate;
mod json;
mod not_flowlab;
mod reader;

use std::collections::HashSet;

use serde_json::Value;

pub use decode_edit::edit_command as decode_edit_command;
pub use decode_model::{
    contact as decode_contact, filter as decode_filter, operator as decode_operator,
    settings as decode_settings, step as decode_step, steps as decode_steps,
    trigger as decode_trigger, workflow as decode_workflow,
};
pub use error::{AtPath, Decoded, FileError, Location, Problem};
pub use expect::{line_matches, CountCompare, Expectation};
pub use generate::{ContactGenerator, MAX_GENERATED};
pub use json::{file_text, parse_json, MAX_FILE_BYTES};

use crate::canonical::written_parts;
use crate::command::{Command, DecideTarget, Decision, DraftEdit};
use crate::limits::MAX_RUN_UNTIL_MS;
use crate::model::{Contact, Operator, WorkflowDraft};
use crate::time::{format_duration, SimTime};
use reader::{duration, fail, index, int, string, type_name, uint, Obj};

pub const FORMAT: &str = "flowlab-scenario/1";

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub seed: u64,
    pub run_until: SimTime,
    /// The explicit contacts followed by the generated ones.
    pub contacts: Vec<Contact>,
    pub generator: Option<ContactGenerator>,
    pub operators: Vec<Operator>,
    pub workflows: Vec<WorkflowDraft>,
    /// In the order commands run: by `at`, file order within one instant.
    pub script: Vec<ScriptEntry>,
    pub expect: Vec<Expectation>,
    pub x: Option<Value>,
}

impl Scenario {
    /// `x.note`, the scenario's description when it has one.
    pub fn note(&self) -> Option<&str> {
        self.x.as_ref()?.get("note")?.as_str()
    }
}

pub fn parse_scenario(file: &str, text: &str) -> Result<Scenario, FileError> {
    let value = parse_json(file, text)?;
    not_flowlab::check_scenario(file, text, &value)?;
    decode_scenario(&value).map_err(|e| e.in_file(file))
}

/// Only the script of a scenario the app stored after reading it whole
/// (its contacts are not generated again), in the order it is played.
pub fn parse_script(file: &str, text: &str) -> Result<Vec<ScriptEntry>, FileError> {
    let value = parse_json(file, text)?;
    script_of(&value).map_err(|e| e.in_file(file))
}

fn script_of(v: &Value) -> Decoded<Vec<ScriptEntry>> {
    let o = Obj::new(v, "")?;
    let mut script = Vec::new();
    for (i, entry) in o.opt_array("script")?.into_iter().flatten().enumerate() {
        script.push(script_entry(entry, &index("script", i))?);
    }
    script.sort_by_key(|e| e.at);
    Ok(script)
}

/// One line of a scenario's script: what a person does, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptEntry {
    pub at: SimTime,
    pub command: Command,
}

/// One script entry on its own (the app's saved journal): `file` names it,
/// and paths in an error start inside the entry.
pub fn parse_script_entry(file: &str, value: &Value) -> Result<ScriptEntry, FileError> {
    script_entry(value, "").map_err(|e| e.in_file(file))
}

/// A single workflow file (the editor's import and export).
pub fn parse_workflow_file(file: &str, text: &str) -> Result<WorkflowDraft, FileError> {
    let value = parse_json(file, text)?;
    not_flowlab::check_workflow(file, text, &value)?;
    decode_workflow(&value, "").map_err(|e| e.in_file(file))
}

fn decode_scenario(v: &Value) -> Decoded<Scenario> {
    // The format first: a file of another format is not faulted for its fields.
    let o = Obj::new(v, "")?;
    let format = o.str("format")?;
    if format != FORMAT {
        return fail("format", Problem::Format(format));
    }
    let o = o.only(&[
        "format",
        "seed",
        "run_until",
        "generate_contacts",
        "contacts",
        "operators",
        "workflows",
        "script",
        "expect",
    ])?;
    let seed = o.opt_uint("seed")?.unwrap_or(0);
    let run_until = SimTime(duration(o.required("run_until")?, "run_until")?);
    if run_until.0 > MAX_RUN_UNTIL_MS {
        let message = format!(
            "must be at most {} (ten years), not {}",
            format_duration(MAX_RUN_UNTIL_MS),
            format_duration(run_until.0)
        );
        return fail("run_until", Problem::Invalid(message));
    }

    let mut contacts = Vec::new();
    for (i, c) in o.opt_array("contacts")?.into_iter().flatten().enumerate() {
        contacts.push(decode_model::contact(c, &index("contacts", i))?);
    }
    let generator = match o.get("generate_contacts") {
        None => None,
        Some(g) => Some(generator(g)?),
    };
    if let Some(g) = &generator {
        contacts.extend(g.generate(seed));
    }
    unique(
        contacts.iter().map(|c| c.id.as_str()),
        "contacts",
        "contact",
    )?;

    let mut operators = Vec::new();
    for (i, op) in o.opt_array("operators")?.into_iter().flatten().enumerate() {
        operators.push(decode_model::operator(op, &index("operators", i))?);
    }
    unique(
        operators.iter().map(|c| c.id.as_str()),
        "operators",
        "operator",
    )?;

    let Some(workflow_values) = o.opt_array("workflows")? else {
        return fail("", Problem::Missing("workflows"));
    };
    let mut workflows = Vec::new();
    for (i, w) in workflow_values.iter().enumerate() {
        workflows.push(decode_workflow(w, &index("workflows", i))?);
    }
    unique(
        workflows.iter().map(|w| w.id.as_str()),
        "workflows",
        "workflow",
    )?;

    let script = script_of(v)?;

    let mut expect = Vec::new();
    for (i, e) in o.opt_array("expect")?.into_iter().flatten().enumerate() {
        expect.push(expectation(e, &index("expect", i))?);
    }
    Ok(Scenario {
        seed,
        run_until,
        contacts,
        generator,
        operators,
        workflows,
        script,
        expect,
        x: o.map.get("x").cloned(),
    })
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, path: &str, what: &str) -> Decoded<()> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return fail(
                &format!("{}.id", index(path, i)),
                Problem::Invalid(format!("two {what}s have the id `{id}`")),
            );
        }
    }
    Ok(())
}

fn generator(v: &Value) -> Decoded<ContactGenerator> {
    let o =
        Obj::new(v, "generate_contacts")?.only(&["count", "email_ratio", "phone_ratio", "tags"])?;
    let count = uint(o.required("count")?, &o.at("count"))?;
    if count > MAX_GENERATED {
        return fail(
            &o.at("count"),
            Problem::Invalid(format!("at most {MAX_GENERATED} contacts can be generated")),
        );
    }
    let ratio = |key: &str, default: f64| -> Decoded<f64> {
        match o.get(key) {
            None => Ok(default),
            Some(v) => match v.as_f64() {
                Some(r) if (0.0..=1.0).contains(&r) => Ok(r),
                _ => fail(
                    &o.at(key),
                    Problem::Invalid(format!("a ratio between 0 and 1, not {v}")),
                ),
            },
        }
    };
    let mut tags = Vec::new();
    for (tag, share) in o.opt_object("tags")?.into_iter().flatten() {
        match share.as_f64() {
            Some(r) if (0.0..=1.0).contains(&r) => tags.push((tag.clone(), r)),
            _ => {
                return fail(
                    &format!("{}.{tag}", o.at("tags")),
                    Problem::Invalid(format!("a share between 0 and 1, not {share}")),
                )
            }
        }
    }
    Ok(ContactGenerator {
        count,
        email_ratio: ratio("email_ratio", 1.0)?,
        phone_ratio: ratio("phone_ratio", 0.0)?,
        tags,
    })
}

fn script_entry(v: &Value, path: &str) -> Decoded<ScriptEntry> {
    let raw = Obj::new(v, path)?;
    let at = SimTime(duration(raw.required("at")?, &raw.at("at"))?);
    let verb = raw.str("do")?;
    let with = |fields: &[&str]| -> Decoded<Obj> {
        let mut all = vec!["at", "do"];
        all.extend_from_slice(fields);
        Obj::new(v, path)?.only(&all)
    };
    let command = match verb.as_str() {
        "publish" => {
            let o = with(&["workflow", "note"])?;
            Command::Publish { workflow: o.str("workflow")?, note: o.opt_str("note")? }
        }
        "activate" | "pause" | "resume" | "cancel" | "archive" => {
            let workflow = with(&["workflow"])?.str("workflow")?;
            match verb.as_str() {
                "activate" => Command::Activate { workflow },
                "pause" => Command::Pause { workflow },
                "resume" => Command::Resume { workflow },
                "cancel" => Command::Cancel { workflow },
                _ => Command::Archive { workflow },
            }
        }
        "edit" => {
            let o = with(&["workflow", "steps", "settings", "trigger"])?;
            if !(o.has("steps") || o.has("settings") || o.has("trigger")) {
                return fail(path, Problem::Invalid("`edit` needs `steps`, `settings` or `trigger`".into()));
            }
            let steps_v = o.map.get("steps");
            let settings_v = o.map.get("settings");
            let trigger_v = o.map.get("trigger");
            let parts = written_parts(
                steps_v.unwrap_or(&Value::Null),
                settings_v.unwrap_or(&Value::Null),
                trigger_v.unwrap_or(&Value::Null),
            );
            Command::Edit {
                workflow: o.str("workflow")?,
                edit: Box::new(DraftEdit {
                    steps: steps_v.map(|s| decode_steps(s, &o.at("steps"))).transpose()?,
                    settings: settings_v.map(|s| decode_settings(s, &o.at("settings"))).transpose()?,
                    trigger: trigger_v.map(|t| decode_trigger(t, &o.at("trigger"))).transpose()?,
                    name: None,
                    written: parts,
                }),
            }
        }
        "restore" => {
            let o = with(&["workflow", "version"])?;
            Command::Restore { workflow: o.str("workflow")?, version: version(&o)? }
        }
        "gesture" => {
            let o = with(&["workflow", "label", "commands"])?;
            let mut commands = Vec::new();
            for (i, c) in o.opt_array("commands")?.into_iter().flatten().enumerate() {
                commands.push(decode_edit_command(c, &index(&o.at("commands"), i))?);
            }
            if commands.is_empty() {
                return fail(&o.at("commands"), Problem::Invalid("a gesture needs at least one command".into()));
            }
            Command::Gesture { workflow: o.str("workflow")?, label: o.str("label")?, commands }
        }
        "undo" | "redo" => {
            let workflow = with(&["workflow"])?.str("workflow")?;
            if verb == "undo" { Command::Undo { workflow } } else { Command::Redo { workflow } }
        }
        "clone" => {
            let o = with(&["workflow", "new_id"])?;
            Command::Clone { workflow: o.str("workflow")?, new_id: o.str("new_id")? }
        }
        "create" => {
            let o = with(&["workflow", "name"])?;
            let workflow = o.str("workflow")?;
            let name = o.opt_str("name")?.unwrap_or_else(|| workflow.clone());
            Command::Create { workflow, name }
        }
        "add_contact" | "update_contact" => {
            let o = with(&["contact"])?;
            let contact = decode_model::contact(o.required("contact")?, &o.at("contact"))?;
            if verb == "add_contact" { Command::AddContact { contact } } else { Command::UpdateContact { contact } }
        }
        "add_operator" | "update_operator" => {
            let o = with(&["operator"])?;
            let operator = decode_model::operator(o.required("operator")?, &o.at("operator"))?;
            if verb == "add_operator" { Command::AddOperator { operator } } else { Command::UpdateOperator { operator } }
        }
        "enroll" => {
            let o = with(&["workflow", "contacts"])?;
            o.required("contacts")?;
            Command::Enroll { workflow: o.str("workflow")?, contacts: o.strings("contacts")? }
        }
        "tag" | "untag" => {
            let o = with(&["contact", "tag"])?;
            let (contact, tag) = (o.str("contact")?, o.str("tag")?);
            if verb == "tag" { Command::Tag { contact, tag } } else { Command::Untag { contact, tag } }
        }
        "set" => {
            let o = with(&["contact", "attributes"])?;
            o.required("attributes")?;
            Command::Set { contact: o.str("contact")?, attributes: o.opt_object("attributes")?.cloned().unwrap_or_default() }
        }
        "decide" => {
            let o = with(&["execution", "workflow", "step", "version", "operator", "decision"])?;
            let target = match o.opt_str("execution")? {
                Some(e) => {
                    if o.has("workflow") || o.has("step") || o.has("version") {
                        return fail(path, Problem::Invalid("name either `execution`, or `workflow` and `step`, not both".into()));
                    }
                    DecideTarget::Execution(e)
                }
                None => DecideTarget::Shared {
                    workflow: o.str("workflow")?,
                    step: o.str("step")?,
                    version: if o.get("version").is_some() { Some(version(&o)?) } else { None },
                },
            };
            let decision = match o.str("decision")?.as_str() {
                "approve" => Decision::Approve,
                "reject" => Decision::Reject,
                other => return fail(&o.at("decision"), Problem::NotOneOf { value: other.into(), expected: "approve, reject" }),
            };
            Command::Decide { target, operator: o.str("operator")?, decision }
        }
        "stop" | "rollback" | "ack" => {
            let execution = with(&["execution"])?.str("execution")?;
            match verb.as_str() {
                "stop" => Command::Stop { execution },
                "rollback" => Command::Rollback { execution },
                _ => Command::Ack { execution },
            }
        }
        other => {
            return fail(
                &raw.at("do"),
                Problem::NotOneOf {
                    value: other.into(),
                    expected: "publish, activate, pause, resume, cancel, archive, edit, restore, clone, enroll, tag, untag, set, decide, stop, rollback, ack, create, add_contact, update_contact, add_operator, update_operator, gesture, undo, redo",
                },
            )
        }
    };
    Ok(ScriptEntry { at, command })
}

fn version(o: &Obj) -> Decoded<u32> {
    let n = int(o.required("version")?, &o.at("version"))?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or(())
        .or_else(|_| {
            fail(
                &o.at("version"),
                Problem::Invalid(format!("a version number is 1 or more, not {n}")),
            )
        })
}

fn expectation(v: &Value, path: &str) -> Decoded<Expectation> {
    let o = Obj::new(v, path)?;
    let pattern = |key: &str| -> Decoded<serde_json::Map<String, Value>> {
        match o.map.get(key) {
            Some(Value::Object(m)) => Ok(m.clone()),
            Some(other) => fail(
                &o.at(key),
                Problem::WrongType {
                    expected: "an object of trace fields",
                    found: type_name(other),
                },
            ),
            None => fail(path, Problem::Missing("event")),
        }
    };
    if o.has("event") {
        o.check_only(&["event"])
            .and_then(|_| pattern("event"))
            .map(Expectation::Event)
    } else if o.has("no_event") {
        o.check_only(&["no_event"])
            .and_then(|_| pattern("no_event"))
            .map(Expectation::NoEvent)
    } else if o.has("count") {
        let o2 = Obj::new(v, path)?.only(&["count", "equals", "at_least", "at_most"])?;
        let compares: Vec<CountCompare> = [
            CountCompare::Equals,
            CountCompare::AtLeast,
            CountCompare::AtMost,
        ]
        .into_iter()
        .filter(|c| o2.has(c.key()))
        .collect();
        let [compare] = compares[..] else {
            return fail(
                path,
                Problem::Invalid(
                    "a `count` takes exactly one of `equals`, `at_least`, `at_most`".into(),
                ),
            );
        };
        Ok(Expectation::Count {
            pattern: pattern("count")?,
            compare,
            value: uint(&o2.map[compare.key()], &o2.at(compare.key()))?,
        })
    } else if o.has("final_state") {
        let o = o.only(&["final_state"])?;
        let f = Obj::new(o.required("final_state")?, &o.at("final_state"))?
            .only(&["execution", "state"])?;
        Ok(Expectation::FinalState {
            execution: f.str("execution")?,
            state: string(f.required("state")?, &f.at("state"))?,
        })
    } else {
        fail(
            path,
            Problem::Invalid(
                "an expectation is one of `event`, `no_event`, `count`, `final_state`".into(),
            ),
        )
    }
}
