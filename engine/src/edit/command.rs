use std::mem;

use crate::canonical::parts_from_model;
use crate::model::{Pos, Settings, Step, Trigger, WorkflowDraft};

use super::links::{self, Port};
use super::EditError;

/// One change the editor makes to a draft. Steps are named by id; when two
/// steps share an id (a file can hold that; validation reports it) the first
/// one is meant.
#[derive(Clone, Debug, PartialEq)]
pub enum EditCommand {
    /// Inserts `step` before the step now at `index` (`index` = the number
    /// of steps appends it).
    AddStep {
        index: usize,
        step: Step,
    },
    /// Links that lead to the removed step are left as they are: validation
    /// reports them as links to a missing step until they are reconnected,
    /// and adding a step with that id (or undoing) heals them.
    RemoveStep {
        id: String,
    },
    /// Reorders: the step ends up at `to_index`. Steps whose `next` is
    /// omitted now go on to their new following step.
    MoveStep {
        id: String,
        to_index: usize,
    },
    /// Replaces a step's whole content. When `step.id` differs from `id`
    /// this is also a rename: every link to `id` is rewritten, as
    /// `RenameStep` does.
    SetStep {
        id: String,
        step: Step,
    },
    /// Renames a step and rewrites every link to it (`next`, `yes`, `no`,
    /// `approved`, `rejected`, `timeout_to`, `on_fail.goto`).
    RenameStep {
        from: String,
        to: String,
    },
    /// Moves many nodes at once; `None` removes a position.
    SetPositions {
        moves: Vec<(String, Option<Pos>)>,
    },
    /// Points one port of `from` at the step `to`, which must exist. What
    /// `None` means per port is `links::set_target`'s: a stop for `next`.
    Connect {
        from: String,
        port: Port,
        to: Option<String>,
    },
    SetSettings(Settings),
    SetTrigger(Trigger),
    SetName(String),
    /// Puts back a whole draft. Built only as an inverse, when no smaller
    /// command undoes exactly (see `inverse_needs_snapshot`).
    Restore(Box<WorkflowDraft>),
}

impl EditCommand {
    /// Applies the command and returns the command that undoes it exactly:
    /// applying that one gives back a draft `==` to the one before, `written`
    /// included. A refused command leaves the draft untouched.
    ///
    /// `written` is recomputed from the typed model after every change to
    /// steps, settings or trigger, so the content hash follows the edit;
    /// positions and the workflow's name are outside the hash and leave it
    /// alone.
    pub fn apply(&self, draft: &mut WorkflowDraft) -> Result<EditCommand, EditError> {
        if let EditCommand::Restore(saved) = self {
            let before = mem::replace(draft, (**saved).clone());
            return Ok(EditCommand::Restore(Box::new(before)));
        }
        let before = self.inverse_needs_snapshot(draft).then(|| draft.clone());
        let inverse = self.apply_to_model(draft)?;
        if self.changes_content() {
            draft.written = parts_from_model(&draft.steps, &draft.settings, &draft.trigger);
        }
        Ok(match before {
            Some(before) => EditCommand::Restore(Box::new(before)),
            None => inverse,
        })
    }

    fn changes_content(&self) -> bool {
        !matches!(
            self,
            EditCommand::SetPositions { .. } | EditCommand::SetName(_) | EditCommand::Restore(_)
        )
    }

    /// When the plain inverse would not give back the exact draft: the
    /// draft's `written` is not what the model writes (a file written by
    /// hand, so recomputing it would lose the original), a step id the
    /// command relies on is repeated, or a rename lands on an id that links
    /// already name (undoing would take those links along).
    fn inverse_needs_snapshot(&self, draft: &WorkflowDraft) -> bool {
        let repeated = |id: &str| draft.steps.iter().filter(|s| s.id == id).count() > 1;
        let risky_rename = |from: &str, to: &str| {
            from != to && (repeated(from) || !links::references_to(draft, to).is_empty())
        };
        let risky = match self {
            EditCommand::RemoveStep { id } | EditCommand::MoveStep { id, .. } => repeated(id),
            EditCommand::RenameStep { from, to } => risky_rename(from, to),
            EditCommand::SetStep { id, step } => risky_rename(id, &step.id),
            _ => false,
        };
        risky
            || (self.changes_content()
                && draft.written != parts_from_model(&draft.steps, &draft.settings, &draft.trigger))
    }

    fn apply_to_model(&self, draft: &mut WorkflowDraft) -> Result<EditCommand, EditError> {
        use EditCommand::*;
        let len = draft.steps.len();
        Ok(match self {
            AddStep { index, step } => {
                if *index > len {
                    return Err(EditError::PastEnd { index: *index, len });
                }
                refuse_existing(draft, &step.id)?;
                draft.steps.insert(*index, step.clone());
                RemoveStep {
                    id: step.id.clone(),
                }
            }
            RemoveStep { id } => {
                let index = index_of(draft, id)?;
                let step = draft.steps.remove(index);
                AddStep { index, step }
            }
            MoveStep { id, to_index } => {
                let index = index_of(draft, id)?;
                if *to_index >= len {
                    return Err(EditError::PastEnd {
                        index: *to_index,
                        len,
                    });
                }
                let step = draft.steps.remove(index);
                draft.steps.insert(*to_index, step);
                MoveStep {
                    id: id.clone(),
                    to_index: index,
                }
            }
            SetStep { id, step } => {
                let index = index_of(draft, id)?;
                if step.id != *id {
                    refuse_existing(draft, &step.id)?;
                }
                let old = mem::replace(&mut draft.steps[index], step.clone());
                if step.id != *id {
                    links::rewrite_references(&mut draft.steps, id, &step.id);
                }
                SetStep {
                    id: step.id.clone(),
                    step: old,
                }
            }
            RenameStep { from, to } => {
                let index = index_of(draft, from)?;
                if from != to {
                    refuse_existing(draft, to)?;
                    draft.steps[index].id = to.clone();
                    links::rewrite_references(&mut draft.steps, from, to);
                }
                RenameStep {
                    from: to.clone(),
                    to: from.clone(),
                }
            }
            SetPositions { moves } => {
                for (id, _) in moves {
                    index_of(draft, id)?;
                }
                let mut undo = Vec::with_capacity(moves.len());
                for (id, pos) in moves {
                    let index = index_of(draft, id)?;
                    let old = mem::replace(&mut draft.steps[index].pos, *pos);
                    undo.push((id.clone(), old));
                }
                undo.reverse();
                SetPositions { moves: undo }
            }
            Connect { from, port, to } => {
                let index = index_of(draft, from)?;
                links::target(&draft.steps[index], *port)?;
                if let Some(to) = to {
                    index_of(draft, to)?;
                }
                let old = draft.steps[index].clone();
                links::set_target(&mut draft.steps[index], *port, to.clone())?;
                SetStep {
                    id: from.clone(),
                    step: old,
                }
            }
            SetSettings(settings) => {
                SetSettings(mem::replace(&mut draft.settings, settings.clone()))
            }
            SetTrigger(trigger) => SetTrigger(mem::replace(&mut draft.trigger, trigger.clone())),
            SetName(name) => SetName(mem::replace(&mut draft.name, name.clone())),
            Restore(_) => unreachable!("`apply` restores before it gets here"),
        })
    }
}

fn index_of(draft: &WorkflowDraft, id: &str) -> Result<usize, EditError> {
    draft
        .step_index(id)
        .ok_or_else(|| EditError::NoStep(id.to_string()))
}

fn refuse_existing(draft: &WorkflowDraft, id: &str) -> Result<(), EditError> {
    match draft.step(id) {
        Some(_) => Err(EditError::StepExists(id.to_string())),
        None => Ok(()),
    }
}
