//! An [`EditCommand`] as JSON: how a `gesture` line of a script writes it
//! and how the event log stores it. `scenario::decode_edit_command` reads
//! it back.
//!
//! `{"op": "add_step", "index": 2, "step": {…}}`, `{"op": "remove_step",
//! "id": …}`, `{"op": "move_step", "id": …, "to_index": …}`, `{"op":
//! "set_step", "id": …, "step": {…}}`, `{"op": "rename_step", "from": …,
//! "to": …}`, `{"op": "set_positions", "moves": [{"id": …, "pos": {"x": …,
//! "y": …} or null}]}`, `{"op": "connect", "from": …, "port": "next", "to":
//! … or null}`, `{"op": "set_settings", "settings": {…}}`, `{"op":
//! "set_trigger", "trigger": {…}}`, `{"op": "set_name", "name": …}` and
//! `{"op": "restore", "draft": {…}, "written": {"steps", "settings",
//! "trigger"}}` (a whole draft with its parts as written; `written` only
//! when they are not what the model writes).

use serde_json::{json, Value};

use super::EditCommand;
use crate::canonical::parts_from_model;

impl EditCommand {
    /// The command's `op` word.
    pub fn op(&self) -> &'static str {
        match self {
            EditCommand::AddStep { .. } => "add_step",
            EditCommand::RemoveStep { .. } => "remove_step",
            EditCommand::MoveStep { .. } => "move_step",
            EditCommand::SetStep { .. } => "set_step",
            EditCommand::RenameStep { .. } => "rename_step",
            EditCommand::SetPositions { .. } => "set_positions",
            EditCommand::Connect { .. } => "connect",
            EditCommand::SetSettings(_) => "set_settings",
            EditCommand::SetTrigger(_) => "set_trigger",
            EditCommand::SetName(_) => "set_name",
            EditCommand::Restore(_) => "restore",
        }
    }

    pub fn to_json(&self) -> Value {
        let op = self.op();
        match self {
            EditCommand::AddStep { index, step } => {
                json!({"op": op, "index": index, "step": step.to_json()})
            }
            EditCommand::RemoveStep { id } => json!({"op": op, "id": id}),
            EditCommand::MoveStep { id, to_index } => {
                json!({"op": op, "id": id, "to_index": to_index})
            }
            EditCommand::SetStep { id, step } => {
                json!({"op": op, "id": id, "step": step.to_json()})
            }
            EditCommand::RenameStep { from, to } => json!({"op": op, "from": from, "to": to}),
            EditCommand::SetPositions { moves } => {
                let moves: Vec<Value> = moves
                    .iter()
                    .map(|(id, pos)| {
                        let pos = pos.map_or(Value::Null, |p| json!({"x": p.x, "y": p.y}));
                        json!({"id": id, "pos": pos})
                    })
                    .collect();
                json!({"op": op, "moves": moves})
            }
            EditCommand::Connect { from, port, to } => {
                json!({"op": op, "from": from, "port": port.as_str(), "to": to})
            }
            EditCommand::SetSettings(settings) => json!({"op": op, "settings": settings.to_json()}),
            EditCommand::SetTrigger(trigger) => json!({"op": op, "trigger": trigger.to_json()}),
            EditCommand::SetName(name) => json!({"op": op, "name": name}),
            EditCommand::Restore(draft) => {
                let mut v = json!({"op": op, "draft": draft.to_json()});
                // Only when it is not what the model writes, which a reader
                // recomputes: most drafts the editor made need not say it twice.
                if draft.written != parts_from_model(&draft.steps, &draft.settings, &draft.trigger)
                {
                    v["written"] = json!({
                        "steps": draft.written.steps,
                        "settings": draft.written.settings,
                        "trigger": draft.written.trigger,
                    });
                }
                v
            }
        }
    }
}
