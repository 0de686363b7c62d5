//! The engine's inputs: what a person (or a script) asks of it. The file
//! format reads them (`scenario`); the engine, its events and the codec use
//! them without knowing of files.

use serde_json::{Map, Value};

use crate::edit::EditCommand;
use crate::model::{Contact, Operator, Settings, Step, Trigger, WrittenParts};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
        }
    }
}

/// Which approval a `decide` is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecideTarget {
    Execution(String),
    /// A `scope: workflow` approval; `version` defaults to the current one.
    Shared {
        workflow: String,
        step: String,
        version: Option<u32>,
    },
}

/// A replacement for parts of a draft (`edit`), each part whole.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftEdit {
    pub steps: Option<Vec<Step>>,
    pub settings: Option<Settings>,
    pub trigger: Option<Trigger>,
    /// A new display name for the workflow (not part of the content hash).
    pub name: Option<String>,
    /// The same parts as written, for the content hash.
    pub written: WrittenParts,
}

/// Everything a person (or a script) can ask of the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Publish {
        workflow: String,
        note: Option<String>,
    },
    Activate {
        workflow: String,
    },
    Pause {
        workflow: String,
    },
    Resume {
        workflow: String,
    },
    Cancel {
        workflow: String,
    },
    Archive {
        workflow: String,
    },
    /// Replaces parts of the draft whole (a script, a file import); one
    /// undo entry whose inverse is the whole previous draft.
    Edit {
        workflow: String,
        edit: Box<DraftEdit>,
    },
    /// Copies a published version into the draft; one undo entry, as `Edit`.
    Restore {
        workflow: String,
        version: u32,
    },
    /// One editor gesture: `commands` applied to the draft in order as one
    /// undo entry named `label` (a Flowlab extension of the script). If one
    /// is refused, nothing changes.
    Gesture {
        workflow: String,
        label: String,
        commands: Vec<EditCommand>,
    },
    /// Undoes the workflow's newest gesture (a Flowlab extension).
    Undo {
        workflow: String,
    },
    /// Redoes the workflow's newest undone gesture (a Flowlab extension).
    Redo {
        workflow: String,
    },
    Clone {
        workflow: String,
        new_id: String,
    },
    /// A new, empty draft workflow (a Flowlab extension of the script).
    Create {
        workflow: String,
        name: String,
    },
    /// A new contact (a Flowlab extension of the script).
    AddContact {
        contact: Contact,
    },
    /// Replaces a contact's name, email, phone and attributes; its tags
    /// change only through `tag`/`untag`, so `tag_added` sees every new tag.
    UpdateContact {
        contact: Contact,
    },
    /// A new operator (a Flowlab extension of the script).
    AddOperator {
        operator: Operator,
    },
    /// Replaces an operator's name, email, mobile and groups. Notifications
    /// already sent stay as they were; approvals that open later notify the
    /// groups as they are then; a `decide` is judged on the groups the
    /// operator has when it decides.
    UpdateOperator {
        operator: Operator,
    },
    Enroll {
        workflow: String,
        contacts: Vec<String>,
    },
    Tag {
        contact: String,
        tag: String,
    },
    Untag {
        contact: String,
        tag: String,
    },
    Set {
        contact: String,
        attributes: Map<String, Value>,
    },
    Decide {
        target: DecideTarget,
        operator: String,
        decision: Decision,
    },
    Stop {
        execution: String,
    },
    Rollback {
        execution: String,
    },
    Ack {
        execution: String,
    },
}

impl Command {
    /// The `do` word of the scenario format.
    pub fn verb(&self) -> &'static str {
        match self {
            Command::Publish { .. } => "publish",
            Command::Activate { .. } => "activate",
            Command::Pause { .. } => "pause",
            Command::Resume { .. } => "resume",
            Command::Cancel { .. } => "cancel",
            Command::Archive { .. } => "archive",
            Command::Edit { .. } => "edit",
            Command::Restore { .. } => "restore",
            Command::Gesture { .. } => "gesture",
            Command::Undo { .. } => "undo",
            Command::Redo { .. } => "redo",
            Command::Clone { .. } => "clone",
            Command::Create { .. } => "create",
            Command::AddContact { .. } => "add_contact",
            Command::UpdateContact { .. } => "update_contact",
            Command::AddOperator { .. } => "add_operator",
            Command::UpdateOperator { .. } => "update_operator",
            Command::Enroll { .. } => "enroll",
            Command::Tag { .. } => "tag",
            Command::Untag { .. } => "untag",
            Command::Set { .. } => "set",
            Command::Decide { .. } => "decide",
            Command::Stop { .. } => "stop",
            Command::Rollback { .. } => "rollback",
            Command::Ack { .. } => "ack",
        }
    }

    /// The ids the command names, as `(field, value)`, for `command_rejected`.
    pub fn ids(&self) -> Vec<(&'static str, Value)> {
        let s = |v: &String| Value::String(v.clone());
        match self {
            Command::Publish { workflow, .. }
            | Command::Activate { workflow }
            | Command::Pause { workflow }
            | Command::Resume { workflow }
            | Command::Cancel { workflow }
            | Command::Archive { workflow }
            | Command::Edit { workflow, .. }
            | Command::Gesture { workflow, .. }
            | Command::Undo { workflow }
            | Command::Redo { workflow } => vec![("workflow", s(workflow))],
            Command::Restore { workflow, version } => vec![
                ("workflow", s(workflow)),
                ("version", Value::from(*version)),
            ],
            Command::Clone { workflow, new_id } => {
                vec![("workflow", s(workflow)), ("new_id", s(new_id))]
            }
            Command::Create { workflow, .. } => vec![("workflow", s(workflow))],
            Command::AddContact { contact } | Command::UpdateContact { contact } => {
                vec![("contact", s(&contact.id))]
            }
            Command::AddOperator { operator } | Command::UpdateOperator { operator } => {
                vec![("operator", s(&operator.id))]
            }
            Command::Enroll { workflow, contacts } => vec![
                ("workflow", s(workflow)),
                ("contacts", Value::Array(contacts.iter().map(s).collect())),
            ],
            Command::Tag { contact, tag } | Command::Untag { contact, tag } => {
                vec![("contact", s(contact)), ("tag", s(tag))]
            }
            Command::Set { contact, .. } => vec![("contact", s(contact))],
            Command::Decide {
                target, operator, ..
            } => {
                let mut ids = match target {
                    DecideTarget::Execution(e) => vec![("execution", s(e))],
                    DecideTarget::Shared {
                        workflow,
                        step,
                        version,
                    } => {
                        let mut v = vec![("workflow", s(workflow))];
                        if let Some(n) = version {
                            v.push(("version", Value::from(*n)));
                        }
                        v.push(("step", s(step)));
                        v
                    }
                };
                ids.push(("operator", s(operator)));
                ids
            }
            Command::Stop { execution }
            | Command::Rollback { execution }
            | Command::Ack { execution } => {
                vec![("execution", s(execution))]
            }
        }
    }
}
