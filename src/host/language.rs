//! A workspace nobody has touched yet follows the page's language: the
//! built-in sample or a preset, as loaded, before any event or command, is
//! loaded again with its texts in the new language. Anything else is the
//! user's data and keeps the language it was written in.

use leptos::task::spawn_local;

use super::Runtime;
use crate::file_format::presets::PRESETS;
use crate::file_format::samples::SAMPLE_WORKSPACE;
use crate::i18n::samples::localize_in;
use crate::i18n::Lang;

impl Runtime {
    /// Called when the language changes and when a workspace has opened.
    pub fn follow_language(self, to: Lang) {
        self.touch_all();
        let untouched = self
            .with_untracked(|s| s.whole_log().is_empty() && s.journal().is_empty())
            .unwrap_or(false);
        if !untouched {
            return;
        }
        let builtin = std::iter::once(("workspace.json", SAMPLE_WORKSPACE))
            .chain(PRESETS.iter().map(|p| (p.file, p.text)));
        let in_other_language = |text: &'static str| {
            Lang::ALL
                .into_iter()
                .filter(|l| *l != to)
                .any(|from| self.source_is_untracked(&localize_in(text, from)))
        };
        let Some((file, text)) = builtin
            .into_iter()
            .find(|(_, text)| in_other_language(text))
        else {
            return;
        };
        let again = localize_in(text, to).into_owned();
        spawn_local(async move {
            if let Err(e) = self.load_scenario(file, &again).await {
                leptos::logging::warn!("the sample stays in its language: {e}");
            }
        });
    }
}
