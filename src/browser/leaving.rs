//! When the page is going away or out of sight: `pagehide` (reload, close,
//! navigation) and `visibilitychange`. Listeners live as long as the page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_change(true)` when the page is hidden or unloaded and
/// `on_change(false)` when it is shown again.
pub fn watch(on_change: impl Fn(bool) + Clone + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hide = on_change.clone();
    let on_pagehide = Closure::<dyn Fn()>::new(move || hide(true));
    let _ =
        window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    let Some(document) = window.document() else {
        return;
    };
    let watched = document.clone();
    let on_visibility = Closure::<dyn Fn()>::new(move || on_change(watched.hidden()));
    let _ = document.add_event_listener_with_callback(
        "visibilitychange",
        on_visibility.as_ref().unchecked_ref(),
    );
    on_visibility.forget();
}
