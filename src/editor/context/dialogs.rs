//! `EdDialogs`: the dialog open over the editor, and the passing notice.

use leptos::prelude::*;

use crate::editor::state::Dialog;

#[derive(Clone, Copy)]
pub struct EdDialogs {
    pub dialog: RwSignal<Option<Dialog>>,
    /// A short message shown as a toast; it fades by itself.
    pub notice: RwSignal<Option<String>>,
}

impl EdDialogs {
    /// Closes the dialog: a dialog box's `on_close`.
    pub fn closer(self) -> Callback<()> {
        Callback::new(move |_| self.dialog.set(None))
    }
}

impl Default for EdDialogs {
    fn default() -> EdDialogs {
        EdDialogs {
            dialog: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }
}
