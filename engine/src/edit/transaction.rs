use crate::model::WorkflowDraft;

use super::{EditCommand, EditError, EntryLabel};

/// One gesture: what undoing it applies, newest last (applied in reverse).
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    label: EntryLabel,
    inverses: Vec<EditCommand>,
}

impl Transaction {
    /// An entry labelled `text` whose undoing applies `inverses` (newest
    /// last); its kind is read from both ([`EntryLabel::read`]), as a
    /// snapshot's decoder reads it.
    pub fn new(text: &str, inverses: Vec<EditCommand>) -> Transaction {
        Transaction {
            label: EntryLabel::read(text, &inverses),
            inverses,
        }
    }

    pub fn label(&self) -> &EntryLabel {
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
        Ok(Transaction::new(self.label.stored(), inverses))
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
