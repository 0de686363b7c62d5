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

/// Applies `inverses` newest first: undoes what made them.
pub(super) fn roll_back(draft: &mut WorkflowDraft, inverses: &[EditCommand]) {
    for inverse in inverses.iter().rev() {
        inverse
            .apply(draft)
            .expect("an inverse applies to the draft it was made from");
    }
}
