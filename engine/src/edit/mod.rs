//! Editing a draft the way the editor does: every change is an
//! [`EditCommand`] whose `apply` returns the command that undoes it exactly,
//! and a [`CommandStack`] groups what one gesture does into one undo step
//! (the diagram-js `CommandStack` shape, with inverses instead of handlers).

mod command;
mod error;
mod history;
mod json;
mod links;
mod stack;

#[cfg(test)]
mod tests;

pub use command::EditCommand;
pub use error::EditError;
pub use history::{check_gesture, EditHistory, HISTORY_LIMIT, WHOLE_DRAFT_LIMIT};
pub use links::{map_links, references_to, Port};
pub use stack::{CommandStack, Transaction};
