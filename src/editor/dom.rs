//! What the editor's handlers ask the page: where a key went (a form
//! field, a dialog, the canvas), and giving a step or the inspector the
//! focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::Ed;
use super::nav::brought_into_view;
use super::state::Selection;
use super::viewport::canvas_size;
pub use crate::browser::typing::in_form;

/// Keys pressed in a modal dialog (the `?` overlay, an import question)
/// are the dialog's.
pub fn in_dialog(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest("dialog[open]").ok().flatten().is_some())
}

/// Whether the key went to the canvas (a step, or the page itself), not to
/// a button or a link, which keep their own keys.
pub fn on_canvas(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.tag_name() == "BODY" || el.closest("[data-testid=canvas]").ok().flatten().is_some()
        })
}

fn node_element(id: &str) -> Option<web_sys::SvgElement> {
    document()
        .query_selector(&format!(
            "[data-testid=canvas] [data-node-id=\"{id}\"][data-testid=node]"
        ))
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Selects step `id` alone, pans it into view and gives it the focus.
pub fn reveal(ed: Ed, id: &str) {
    ed.view.selection.set(Selection::only(id));
    let pos = ed.doc.nodes.with_untracked(|n| n.get(id).map(|v| v.pos));
    if let (Some(pos), Some((w, h))) = (pos, canvas_size()) {
        ed.view
            .viewport
            .update(|v| *v = brought_into_view(*v, pos, w, h));
    }
    focus_step(id);
}

/// Gives step `id`'s node the focus. The canvas pans itself; the browser
/// must not scroll the page to the step before the pan is drawn.
pub fn focus_step(id: &str) {
    if let Some(el) = node_element(id) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

/// Enter on a step: the focus goes to the inspector's first field.
pub fn open_inspector() {
    let first = document()
        .query_selector(
            "[data-testid=inspector] :is(input, select, textarea, button):not([disabled])",
        )
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}
