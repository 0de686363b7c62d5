//! The `?` overlay: every keyboard shortcut of the app, opened by `?`
//! anywhere but in a text field, closed by Escape. The editor's keys are
//! `editor/keyboard.rs`: change both.

use leptos::prelude::*;

use super::dialog_box::{DialogBox, DialogWidth};
use crate::browser::typing::in_form;
use crate::i18n::tr;

fn everywhere() -> Vec<(&'static str, &'static str)> {
    vec![
        ("?", tr("Show this list of keys")),
        (
            tr("Tab, Shift+Tab"),
            tr("Move between controls; the canvas is one stop"),
        ),
        (
            tr("Enter on “Skip to content”"),
            tr("Go past the header to the screen"),
        ),
        (tr("Escape"), tr("Close a dialog, a menu or this list")),
    ]
}

fn canvas() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "← → ↑ ↓",
            tr("Select the nearest step that way (→ is usually the next step)"),
        ),
        (
            tr("Alt+arrow or Shift+arrow"),
            tr("Move the selected steps by one grid square"),
        ),
        (
            tr("Alt+Shift+arrow"),
            tr("Move the selected steps by four squares"),
        ),
        (tr("Enter"), tr("Edit the selected step in the inspector")),
        (
            "L",
            tr("Link the selected step to another: its port, then the step"),
        ),
        (
            tr("Delete, Backspace"),
            tr("Remove the selected steps or link"),
        ),
        (tr("Escape"), tr("Clear the selection")),
        (
            "Ctrl+F",
            tr("Find a step by name or id: ↑ ↓ choose, Enter selects it, Escape closes"),
        ),
        (
            tr("F2, or double-click a step"),
            tr("Rename it in place: Enter keeps the name, Escape cancels"),
        ),
        ("Ctrl+Z", tr("Undo")),
        (tr("Ctrl+Shift+Z, Ctrl+Y"), tr("Redo")),
        ("Ctrl+A", tr("Select every step")),
        (
            "Ctrl+C, Ctrl+V",
            tr("Copy and paste steps, also between workflows and tabs (the clipboard holds them as workflow JSON)"),
        ),
        ("Ctrl+D", tr("Duplicate the selected steps")),
        ("+, −", tr("Zoom in, zoom out")),
        (tr("Shift+1"), tr("Fit the workflow to the screen")),
        (tr("Space+drag"), tr("Pan the canvas")),
        (
            tr("Enter or Space on a palette step"),
            tr("Add that step after the selected one"),
        ),
    ]
}

fn table(title: &'static str, rows: Vec<(&'static str, &'static str)>) -> impl IntoView {
    view! {
        <section class="shortcuts-section">
            <h3>{title}</h3>
            <dl class="shortcuts-list">
                {rows.into_iter().map(|(keys, what)| view! {
                    <div class="shortcuts-row" data-testid="shortcut">
                        <dt><kbd>{keys}</kbd></dt>
                        <dd>{what}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
pub fn ShortcutsOverlay() -> impl IntoView {
    let open = RwSignal::new(false);
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "?" && !ev.ctrl_key() && !ev.meta_key() && !in_form(&ev) {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || key.remove());
    view! {
        <Show when=move || open.get()>
            <DialogBox testid="shortcuts" title_id=Some("shortcuts-title") title=tr("Keyboard shortcuts").to_string()
                width=DialogWidth::Wide class="shortcuts" on_close=Callback::new(move |_| open.set(false))>
                {table(tr("Everywhere"), everywhere())}
                {table(tr("Editor canvas"), canvas())}
                <p class="dialog-note">{tr("On a Mac, Cmd works where Ctrl is written.")}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" data-testid="shortcuts-close" on:click=move |_| open.set(false)>{tr("Close")}</button>
                </div>
            </DialogBox>
        </Show>
    }
}
