//! Projector mode: larger type and layouts that fit a 1920×1080 screen
//! seen from the back of a room. A toggle in the header; the choice is kept
//! in the browser's local storage, so it survives a reload, and shows as
//! the `projector` class on the root element, which the styles key on.

use leptos::prelude::*;

use crate::i18n::tr;

const KEY: &str = "flowlab.projector";
const CLASS: &str = "projector";

/// Whether projector mode is on, through context.
#[derive(Clone, Copy)]
pub struct Projector(RwSignal<bool>);

impl Projector {
    /// Reads the remembered choice, and keeps the root's class and the
    /// stored choice in step with the signal.
    pub fn provide() {
        let on = RwSignal::new(remembered());
        Effect::new(move |_| {
            let on = on.get();
            if let Some(root) = document().document_element() {
                let _ = if on {
                    root.class_list().add_1(CLASS)
                } else {
                    root.class_list().remove_1(CLASS)
                };
            }
            if let Some(store) = window().local_storage().ok().flatten() {
                let _ = store.set_item(KEY, if on { "on" } else { "off" });
            }
        });
        provide_context(Projector(on));
    }

    pub fn on(self) -> bool {
        self.0.get()
    }
}

fn remembered() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .is_some_and(|v| v == "on")
}

/// Whether projector mode is on; off where no `Projector` is provided.
pub fn projector_on() -> bool {
    use_context::<Projector>().is_some_and(Projector::on)
}

#[component]
pub fn ProjectorToggle() -> impl IntoView {
    let Some(Projector(on)) = use_context::<Projector>() else {
        return ().into_any();
    };
    view! {
        <button type="button" class="projector-toggle" data-testid="projector"
            aria-pressed=move || on.get().to_string()
            title=tr("Projector mode: larger type, and diagrams laid out for a 1920×1080 screen")
            on:click=move |_| on.update(|o| *o = !*o)>
            {tr("Projector")}
        </button>
    }
    .into_any()
}
