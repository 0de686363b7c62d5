//! Reading an [`EditCommand`] from its JSON (`edit/json.rs` writes it), every
//! refusal naming its path.

use serde_json::Value;

use super::decode_model::{pos, settings, step, trigger, workflow};
use super::error::{Decoded, Problem};
use super::reader::{fail, index, string, uint, Obj};
use crate::canonical::parts_from_model;
use crate::edit::{EditCommand, Port};
use crate::model::WrittenParts;

pub fn edit_command(v: &Value, path: &str) -> Decoded<EditCommand> {
    let o = Obj::new(v, path)?;
    let op = o.str("op")?;
    let with = |fields: &[&str]| -> Decoded<Obj> {
        let mut all = vec!["op"];
        all.extend_from_slice(fields);
        Obj::new(v, path)?.only(&all)
    };
    let usize_at = |o: &Obj, key: &'static str| -> Decoded<usize> {
        Ok(uint(o.required(key)?, &o.at(key))? as usize)
    };
    Ok(match op.as_str() {
        "add_step" => {
            let o = with(&["index", "step"])?;
            EditCommand::AddStep {
                index: usize_at(&o, "index")?,
                step: step(o.required("step")?, &o.at("step"))?,
            }
        }
        "remove_step" => EditCommand::RemoveStep {
            id: with(&["id"])?.str("id")?,
        },
        "move_step" => {
            let o = with(&["id", "to_index"])?;
            EditCommand::MoveStep {
                id: o.str("id")?,
                to_index: usize_at(&o, "to_index")?,
            }
        }
        "set_step" => {
            let o = with(&["id", "step"])?;
            EditCommand::SetStep {
                id: o.str("id")?,
                step: step(o.required("step")?, &o.at("step"))?,
            }
        }
        "rename_step" => {
            let o = with(&["from", "to"])?;
            EditCommand::RenameStep {
                from: o.str("from")?,
                to: o.str("to")?,
            }
        }
        "set_positions" => {
            let o = with(&["moves"])?;
            let mut moves = Vec::new();
            for (i, m) in o.opt_array("moves")?.into_iter().flatten().enumerate() {
                let m = Obj::new(m, &index(&o.at("moves"), i))?.only(&["id", "pos"])?;
                let at = m.get("pos").map(|p| pos(p, &m.at("pos"))).transpose()?;
                moves.push((m.str("id")?, at));
            }
            EditCommand::SetPositions { moves }
        }
        "connect" => {
            let o = with(&["from", "port", "to"])?;
            let name = o.str("port")?;
            let Some(port) = Port::ALL.into_iter().find(|p| p.as_str() == name) else {
                let names: Vec<&str> = Port::ALL.iter().map(|p| p.as_str()).collect();
                return fail(
                    &o.at("port"),
                    Problem::Invalid(format!("`{name}` is not a port ({})", names.join(", "))),
                );
            };
            EditCommand::Connect {
                from: o.str("from")?,
                port,
                to: o.opt_str("to")?,
            }
        }
        "set_settings" => {
            let o = with(&["settings"])?;
            EditCommand::SetSettings(settings(o.required("settings")?, &o.at("settings"))?)
        }
        "set_trigger" => {
            let o = with(&["trigger"])?;
            EditCommand::SetTrigger(trigger(o.required("trigger")?, &o.at("trigger"))?)
        }
        "set_name" => {
            let o = with(&["name"])?;
            EditCommand::SetName(string(o.required("name")?, &o.at("name"))?)
        }
        "restore" => {
            let o = with(&["draft", "written"])?;
            let mut draft = workflow(o.required("draft")?, &o.at("draft"))?;
            draft.written = match o.get("written") {
                None => parts_from_model(&draft.steps, &draft.settings, &draft.trigger),
                Some(w) => {
                    let w =
                        Obj::new(w, &o.at("written"))?.only(&["steps", "settings", "trigger"])?;
                    let part = |k: &str| w.map.get(k).cloned().unwrap_or(Value::Null);
                    WrittenParts {
                        steps: part("steps"),
                        settings: part("settings"),
                        trigger: part("trigger"),
                    }
                }
            };
            EditCommand::Restore(Box::new(draft))
        }
        other => {
            return fail(
                &o.at("op"),
                Problem::Invalid(format!(
                    "`{other}` is not an edit (add_step, remove_step, move_step, set_step, \
                     rename_step, set_positions, connect, set_settings, set_trigger, set_name, \
                     restore)"
                )),
            )
        }
    })
}
