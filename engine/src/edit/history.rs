//! A workflow's undo and redo history as the engine keeps it: one entry per
//! gesture, each holding the inverses of its commands, folded from the log
//! (`gesture_applied`, `edit_undone`, `edit_redone`, and the whole-draft
//! `draft_edited` and `draft_restored`), so it survives a reload.

use crate::model::WorkflowDraft;

use super::transaction::{roll_back, Transaction};
use super::{EditCommand, EditError, EntryLabel};

/// How many gestures a workflow keeps to undo; the oldest go first.
pub const HISTORY_LIMIT: usize = 200;

/// How many of those gestures may hold a whole draft (a `Restore`, the
/// inverse of a whole-draft `edit`, a `restore` or an edit of a draft whose
/// parts are not written the way the model writes them); past it the oldest
/// gestures go first, so that a log of whole-draft edits does not make
/// every snapshot carry hundreds of drafts.
pub const WHOLE_DRAFT_LIMIT: usize = 8;

/// Done gestures (oldest first, each holding what undoes it) and undone
/// ones (each holding what redoes it, the newest undone last). The
/// position in the history is `undo_len()`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditHistory {
    undo: Vec<Transaction>,
    redo: Vec<Transaction>,
}

impl EditHistory {
    /// A history read back from a snapshot.
    pub fn from_parts(undo: Vec<Transaction>, redo: Vec<Transaction>) -> EditHistory {
        EditHistory { undo, redo }
    }

    /// Applies `commands` in order as one gesture. A refused command rolls
    /// back the ones before it; the error gives its index. A gesture that
    /// changed something drops what could be redone.
    pub fn gesture(
        &mut self,
        draft: &mut WorkflowDraft,
        label: &str,
        commands: &[EditCommand],
    ) -> Result<(), (usize, EditError)> {
        let inverses = apply_all(draft, commands)?;
        if !inverses.is_empty() {
            self.push(Transaction::new(label, inverses));
        }
        Ok(())
    }

    /// Records a change made to the draft as a whole (a whole-draft `edit`,
    /// a `restore`): undoing it puts `before` back.
    pub fn record_replaced(&mut self, label: EntryLabel, before: WorkflowDraft) {
        self.push(Transaction::new(
            label.stored(),
            vec![EditCommand::Restore(Box::new(before))],
        ));
    }

    fn push(&mut self, done: Transaction) {
        self.redo.clear();
        self.undo.push(done);
        let mut whole = self.undo.iter().filter(|t| holds_draft(t)).count();
        let mut excess = self.undo.len().saturating_sub(HISTORY_LIMIT);
        while whole > WHOLE_DRAFT_LIMIT || excess > 0 {
            let dropped = self.undo.remove(0);
            whole -= holds_draft(&dropped) as usize;
            excess = excess.saturating_sub(1);
        }
    }

    /// Undoes the newest gesture and gives its label; `Ok(None)` when there
    /// is nothing to undo. On an error draft and history are unchanged.
    pub fn undo(&mut self, draft: &mut WorkflowDraft) -> Result<Option<EntryLabel>, EditError> {
        revert_newest(&mut self.undo, &mut self.redo, draft)
    }

    /// Redoes the newest undone gesture and gives its label.
    pub fn redo(&mut self, draft: &mut WorkflowDraft) -> Result<Option<EntryLabel>, EditError> {
        revert_newest(&mut self.redo, &mut self.undo, draft)
    }

    /// Whether undoing would apply to `draft`, without changing it.
    pub fn check_undo(&self, draft: &WorkflowDraft) -> Result<(), EditError> {
        match self.undo.last() {
            Some(done) => done.revert(&mut draft.clone()).map(drop),
            None => Ok(()),
        }
    }

    /// Whether redoing would apply to `draft`, without changing it.
    pub fn check_redo(&self, draft: &WorkflowDraft) -> Result<(), EditError> {
        match self.redo.last() {
            Some(undone) => undone.revert(&mut draft.clone()).map(drop),
            None => Ok(()),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty() && self.redo.is_empty()
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&EntryLabel> {
        self.undo.last().map(Transaction::label)
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&EntryLabel> {
        self.redo.last().map(Transaction::label)
    }

    /// What Undo would undo, newest first.
    pub fn undo_labels(&self) -> impl Iterator<Item = &EntryLabel> {
        self.undo.iter().rev().map(Transaction::label)
    }

    /// What Redo would redo, newest first.
    pub fn redo_labels(&self) -> impl Iterator<Item = &EntryLabel> {
        self.redo.iter().rev().map(Transaction::label)
    }

    /// The done gestures, oldest first.
    pub fn undo_entries(&self) -> &[Transaction] {
        &self.undo
    }

    /// The undone gestures, the next to redo last.
    pub fn redo_entries(&self) -> &[Transaction] {
        &self.redo
    }
}

fn holds_draft(t: &Transaction) -> bool {
    t.commands()
        .iter()
        .any(|c| matches!(c, EditCommand::Restore(_)))
}

/// Applies `commands` to `draft` and gives their inverses, or rolls back
/// and gives the index of the refused one.
fn apply_all(
    draft: &mut WorkflowDraft,
    commands: &[EditCommand],
) -> Result<Vec<EditCommand>, (usize, EditError)> {
    let mut inverses = Vec::with_capacity(commands.len());
    for (i, command) in commands.iter().enumerate() {
        match command.apply(draft) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                roll_back(draft, &inverses);
                return Err((i, e));
            }
        }
    }
    Ok(inverses)
}

/// Whether `commands` apply to `draft` in order, without changing it: the
/// index and reason of the first that does not.
pub fn check_gesture(
    draft: &WorkflowDraft,
    commands: &[EditCommand],
) -> Result<(), (usize, EditError)> {
    apply_all(&mut draft.clone(), commands).map(drop)
}

/// Reverts the newest entry of `from` on `draft` and keeps its inverse in
/// `to`: an undo (from the undo list to the redo list) or a redo (back).
/// On an error nothing changes.
fn revert_newest(
    from: &mut Vec<Transaction>,
    to: &mut Vec<Transaction>,
    draft: &mut WorkflowDraft,
) -> Result<Option<EntryLabel>, EditError> {
    let Some(entry) = from.pop() else {
        return Ok(None);
    };
    match entry.revert(draft) {
        Ok(inverse) => {
            to.push(inverse);
            Ok(Some(entry.label().clone()))
        }
        Err(e) => {
            from.push(entry);
            Err(e)
        }
    }
}
