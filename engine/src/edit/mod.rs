//! Editing a draft the way the editor does: every change is an
//! [`EditCommand`] whose `apply` returns the command that undoes it exactly,
//! and an [`EditHistory`] keeps what one gesture does as one undo step
//! ([`Transaction`]), folded from the log.

mod command;
mod error;
mod history;
mod json;
mod label;
mod links;
mod transaction;

#[cfg(test)]
mod tests;

pub use command::EditCommand;
pub use error::EditError;
pub use history::{check_gesture, EditHistory, HISTORY_LIMIT, WHOLE_DRAFT_LIMIT};
pub use label::EntryLabel;
pub use links::{map_links, references_to, Port};
pub use transaction::Transaction;
