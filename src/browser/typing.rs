//! Whether an event came from where a person types (a field, a list, an
//! editable element), so that page-wide shortcuts leave it alone.

use wasm_bindgen::JsCast;

pub fn in_form(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el
                    .closest("[contenteditable=true]")
                    .ok()
                    .flatten()
                    .is_some()
        })
}
