//! Closing a popup menu as people expect: Escape closes it and gives the
//! focus back to the button that opened it; a press anywhere outside it
//! closes it; so does moving to another screen.

use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Closes `open` on Escape, on a press outside `root`, and when the route
/// changes. `button` gets the focus back after Escape.
pub fn dismissable(root: NodeRef<Div>, button: NodeRef<Button>, open: RwSignal<bool>) {
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    });
    let press = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = root
            .get_untracked()
            .is_some_and(|r| r.contains(target.as_ref()));
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || {
        key.remove();
        press.remove();
    });
    let path = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let now = path.get();
        if previous.is_some_and(|p| p != now) {
            open.set(false);
        }
        now
    });
}
