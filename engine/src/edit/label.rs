use super::EditCommand;

/// What an undo entry says it undoes: a gesture's label, as the editor or a
/// script wrote it (in the page's language), or a change the engine made
/// to the draft as a whole, which each screen names in its own language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryLabel {
    Gesture(String),
    /// A whole-draft `edit` (a script, a file import).
    Edit,
    /// A `restore`: a published version copied into the draft.
    Restore,
}

/// The text a snapshot stores for the whole-draft entries: snapshots keep
/// an entry's label as text only, so these read back as their kinds.
const EDIT_TEXT: &str = "Edit";
const RESTORE_TEXT: &str = "Restore";

impl EntryLabel {
    /// The entry labelled `text` whose undoing applies `undo`: a whole-draft
    /// entry's text on an entry that puts a whole draft back is that kind,
    /// any other text a gesture's. Every entry's label is read this way,
    /// in the fold as in a snapshot's decoder, so a state read back from a
    /// snapshot equals the state it was written from.
    pub fn read(text: &str, undo: &[EditCommand]) -> EntryLabel {
        match (text, undo) {
            (EDIT_TEXT, [EditCommand::Restore(_)]) => EntryLabel::Edit,
            (RESTORE_TEXT, [EditCommand::Restore(_)]) => EntryLabel::Restore,
            _ => EntryLabel::Gesture(text.to_string()),
        }
    }

    /// The text a snapshot stores.
    pub fn stored(&self) -> &str {
        match self {
            EntryLabel::Gesture(text) => text,
            EntryLabel::Edit => EDIT_TEXT,
            EntryLabel::Restore => RESTORE_TEXT,
        }
    }
}
