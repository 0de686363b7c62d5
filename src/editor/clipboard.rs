//! Copy and paste of steps through the system clipboard, as a workflow
//! file's JSON: between workflows, between tabs, and to and from a text
//! editor. The page's own `copy` and `paste` events carry the text, so no
//! clipboard permission is asked for; Ctrl/Cmd+C and V are left to them.

use leptos::prelude::*;
use web_sys::ClipboardEvent;

use super::context::Ed;
use super::doc::ClipboardError;
use super::dom::{in_dialog, in_form, on_canvas};
use super::run_context::RunView;
use super::state::Selection;
use crate::i18n::plural;
use crate::t;

/// Whether the event is the editor's: not typed into a field or a dialog,
/// but on the canvas (a step, or the page itself).
fn for_the_canvas(ev: &ClipboardEvent) -> bool {
    !in_form(ev) && !in_dialog(ev) && on_canvas(ev)
}

fn on_copy(ed: Ed, ev: &ClipboardEvent) {
    if !for_the_canvas(ev) || ed.dialogs.dialog.get_untracked().is_some() {
        return;
    }
    let ids: Vec<String> = ed
        .view
        .selection
        .with_untracked(|s| s.steps.iter().cloned().collect());
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    if ids.is_empty() {
        return;
    }
    let mut n = 0;
    let mut text = String::new();
    ed.doc.session.update(|d| {
        n = d.copy(&ids);
        text = d.clipboard_as_workflow();
    });
    if data.set_data("text/plain", &text).is_ok() {
        ev.prevent_default();
    }
    ed.dialogs
        .notice
        .set(Some(plural("Copied {n} step|Copied {n} steps", n as u64)));
}

fn on_paste(ed: Ed, run: RunView, ev: &ClipboardEvent) {
    if !for_the_canvas(ev) || ed.dialogs.dialog.get_untracked().is_some() || run.active_untracked()
    {
        return;
    }
    ev.prevent_default();
    let text = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
        .unwrap_or_default();
    if !text.trim().is_empty() {
        let mut taken: Result<usize, ClipboardError> = Ok(0);
        ed.doc
            .session
            .update_untracked(|d| taken = d.take_clipboard_text(&text));
        if let Err(e) = taken {
            ed.dialogs
                .notice
                .set(Some(t!("Nothing pasted: {error}", error = e.said())));
            return;
        }
    }
    if let Some(new) = ed.apply(|d| d.paste()) {
        if !new.is_empty() {
            ed.view.selection.set(Selection {
                steps: new.into_iter().collect(),
                edge: None,
            });
        }
    }
}

/// Listens for the page's copy and paste while the editor is open.
pub fn listen(ed: Ed, run: RunView) {
    let copy = window_event_listener(leptos::ev::copy, move |ev| on_copy(ed, &ev));
    let paste = window_event_listener(leptos::ev::paste, move |ev| on_paste(ed, run, &ev));
    on_cleanup(move || {
        copy.remove();
        paste.remove();
    });
}
