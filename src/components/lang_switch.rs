//! English or French, in the header: two buttons, each naming its language
//! in that language.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang_choice, Lang};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let Some(choice) = use_lang_choice() else {
        return ().into_any();
    };
    let button = move |lang: Lang| {
        view! {
            <button type="button" class="lang-option"
                data-testid=format!("lang-{}", lang.tag())
                lang=lang.tag()
                title=lang.endonym()
                aria-pressed=move || (choice.get() == lang).to_string()
                on:click=move |_| choice.choose(lang)>
                {lang.tag().to_uppercase()}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=tr("Language") data-testid="lang-switch">
            {button(Lang::En)}
            {button(Lang::Fr)}
        </div>
    }
    .into_any()
}
