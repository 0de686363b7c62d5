use leptos::prelude::*;

/// A calm placeholder that says what a screen will hold.
#[component]
pub fn EmptyState(
    testid: &'static str,
    title: &'static str,
    icon: AnyView,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="empty-state" data-testid=testid>
            <div class="empty-state-icon" aria-hidden="true">{icon}</div>
            <h2 class="empty-state-title">{title}</h2>
            {children()}
        </section>
    }
}
