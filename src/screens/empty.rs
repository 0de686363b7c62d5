//! The not-found screen.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::empty_state::EmptyState;
use crate::components::icons::SearchIcon;
use crate::i18n::tr;

#[component]
pub fn NotFoundScreen() -> impl IntoView {
    let location = use_location();
    view! {
        <div class="page" data-testid="screen-not-found">
            <EmptyState testid="not-found" title=tr("Nothing here") icon=view! { <SearchIcon /> }.into_any()>
                <p class="empty-state-body">
                    {tr("Flowlab has no screen at ")} <code>{move || location.pathname.get()}</code> "."
                </p>
                <a class="link" href="/">{tr("Go to the workflows")}</a>
            </EmptyState>
        </div>
    }
}
