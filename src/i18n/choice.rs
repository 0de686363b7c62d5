//! The language chosen in the header, through context: remembered in local
//! storage (else the browser's language), and shown as `<html lang>`.

use leptos::prelude::*;

use super::{set_current, Lang};

const KEY: &str = "flowlab.lang";

#[derive(Clone, Copy)]
pub struct LangChoice(RwSignal<Lang>);

impl LangChoice {
    pub fn provide() -> LangChoice {
        let lang = remembered().or_else(browser_language).unwrap_or_default();
        set_current(lang);
        show(lang);
        let choice = LangChoice(RwSignal::new(lang));
        provide_context(choice);
        choice
    }

    pub fn get(self) -> Lang {
        self.0.get()
    }

    /// Switches the page's language and remembers it. Views built after
    /// this speak `lang`; `App` rebuilds the page when it changes.
    pub fn choose(self, lang: Lang) {
        if self.0.get_untracked() == lang {
            return;
        }
        set_current(lang);
        show(lang);
        if let Some(store) = window().local_storage().ok().flatten() {
            let _ = store.set_item(KEY, lang.tag());
        }
        self.0.set(lang);
    }
}

pub fn use_lang_choice() -> Option<LangChoice> {
    use_context::<LangChoice>()
}

fn show(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

fn remembered() -> Option<Lang> {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(KEY)
        .ok()
        .flatten()?;
    Lang::from_tag(&stored)
}

fn browser_language() -> Option<Lang> {
    Lang::from_tag(&window().navigator().language()?)
}
