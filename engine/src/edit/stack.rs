use crate::model::WorkflowDraft;

use super::{EditCommand, EditError};

/// One gesture: what undoing it applies, newest last (applied in reverse).
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    label: String,
    inverses: Vec<EditCommand>,
}

impl Transaction {
    /// A gesture whose undoing applies `inverses` (newest last).
    pub fn new(label: impl Into<String>, inverses: Vec<EditCommand>) -> Transaction {
        Transaction {
            label: label.into(),
            inverses,
        }
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// What undoing this gesture applies, newest last (applied in reverse).
    pub fn commands(&self) -> &[EditCommand] {
        &self.inverses
    }

    /// Applies the inverses newest first; gives the transaction that undoes
    /// this one. If one fails, what was applied is rolled back.
    pub(super) fn revert(&self, draft: &mut WorkflowDraft) -> Result<Transaction, EditError> {
        let mut inverses = Vec::with_capacity(self.inverses.len());
        for command in self.inverses.iter().rev() {
            match command.apply(draft) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    roll_back(draft, &inverses);
                    return Err(e);
                }
            }
        }
        Ok(Transaction {
            label: self.label.clone(),
            inverses,
        })
    }
}

pub(super) fn roll_back(draft: &mut WorkflowDraft, inverses: &[EditCommand]) {
    for inverse in inverses.iter().rev() {
        inverse
            .apply(draft)
            .expect("an inverse applies to the draft it was made from");
    }
}

/// Undo and redo, one entry per gesture.
#[derive(Clone, Debug)]
pub struct CommandStack {
    undo: Vec<Transaction>,
    redo: Vec<Transaction>,
    open: Option<Transaction>,
    limit: usize,
}

impl Default for CommandStack {
    fn default() -> Self {
        CommandStack::with_limit(CommandStack::DEFAULT_LIMIT)
    }
}

impl CommandStack {
    pub const DEFAULT_LIMIT: usize = 200;

    pub fn new() -> CommandStack {
        CommandStack::default()
    }

    /// Keeps at most `limit` gestures to undo; the oldest go first.
    pub fn with_limit(limit: usize) -> CommandStack {
        CommandStack {
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
            limit,
        }
    }

    /// Starts a gesture: the commands `execute`d until `commit` undo as one.
    pub fn begin(&mut self, label: impl Into<String>) -> Result<(), EditError> {
        if let Some(open) = &self.open {
            return Err(EditError::GestureOpen(open.label.clone()));
        }
        self.open = Some(Transaction {
            label: label.into(),
            inverses: Vec::new(),
        });
        Ok(())
    }

    /// Applies `command` inside the open gesture (or as a gesture of its own
    /// when none is open). If it is refused, the whole gesture is rolled
    /// back and dropped: the draft is as it was before `begin`.
    pub fn execute(
        &mut self,
        draft: &mut WorkflowDraft,
        command: EditCommand,
    ) -> Result<(), EditError> {
        let Some(open) = &mut self.open else {
            return self.run(draft, command.label(), command);
        };
        match command.apply(draft) {
            Ok(inverse) => {
                open.inverses.push(inverse);
                Ok(())
            }
            Err(e) => {
                roll_back(draft, &open.inverses);
                self.open = None;
                Err(e)
            }
        }
    }

    /// Ends the gesture. One that changed nothing records nothing; one that
    /// did clears what could be redone.
    pub fn commit(&mut self) {
        if let Some(done) = self.open.take() {
            if !done.inverses.is_empty() {
                self.redo.clear();
                self.push_undo(done);
            }
        }
    }

    /// Rolls back the open gesture (Escape during a drag).
    pub fn cancel(&mut self, draft: &mut WorkflowDraft) {
        if let Some(open) = self.open.take() {
            roll_back(draft, &open.inverses);
        }
    }

    /// A gesture of one command.
    pub fn run(
        &mut self,
        draft: &mut WorkflowDraft,
        label: impl Into<String>,
        command: EditCommand,
    ) -> Result<(), EditError> {
        self.begin(label)?;
        self.execute(draft, command)?;
        self.commit();
        Ok(())
    }

    /// Undoes the newest gesture (committing an open one first) and gives
    /// its label; `Ok(None)` when there is nothing to undo. An error means
    /// the draft was changed behind the stack's back; the draft and the
    /// stack are then left as they were.
    pub fn undo(&mut self, draft: &mut WorkflowDraft) -> Result<Option<String>, EditError> {
        self.commit();
        let Some(done) = self.undo.pop() else {
            return Ok(None);
        };
        match done.revert(draft) {
            Ok(undone) => {
                self.redo.push(undone);
                Ok(Some(done.label))
            }
            Err(e) => {
                self.undo.push(done);
                Err(e)
            }
        }
    }

    /// Redoes the newest undone gesture and gives its label.
    pub fn redo(&mut self, draft: &mut WorkflowDraft) -> Result<Option<String>, EditError> {
        let Some(undone) = self.redo.pop() else {
            return Ok(None);
        };
        match undone.revert(draft) {
            Ok(done) => {
                self.push_undo(done);
                Ok(Some(undone.label))
            }
            Err(e) => {
                self.redo.push(undone);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo, newest first.
    pub fn undo_labels(&self) -> impl Iterator<Item = &str> {
        self.undo.iter().rev().map(Transaction::label)
    }

    /// What Redo would redo, newest first.
    pub fn redo_labels(&self) -> impl Iterator<Item = &str> {
        self.redo.iter().rev().map(Transaction::label)
    }

    fn push_undo(&mut self, done: Transaction) {
        self.undo.push(done);
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
    }
}
