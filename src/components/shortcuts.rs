//! The `?` overlay: every keyboard shortcut of the app, opened by `?`
//! anywhere but in a text field, closed by Escape. The editor's keys are
//! `editor/keyboard.rs`: change both.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::native_dialog::NativeDialog;

const EVERYWHERE: &[(&str, &str)] = &[
    ("?", "Show this list of keys"),
    (
        "Tab, Shift+Tab",
        "Move between controls; the canvas is one stop",
    ),
    (
        "Enter on “Skip to content”",
        "Go past the header to the screen",
    ),
    ("Escape", "Close a dialog, a menu or this list"),
];

const CANVAS: &[(&str, &str)] = &[
    (
        "← → ↑ ↓",
        "Select the nearest step that way (→ is usually the next step)",
    ),
    (
        "Alt+arrow or Shift+arrow",
        "Move the selected steps by one grid square",
    ),
    ("Alt+Shift+arrow", "Move the selected steps by four squares"),
    ("Enter", "Edit the selected step in the inspector"),
    (
        "L",
        "Link the selected step to another: its port, then the step",
    ),
    ("Delete, Backspace", "Remove the selected steps or link"),
    ("Escape", "Clear the selection"),
    (
        "Ctrl+F",
        "Find a step by name or id: ↑ ↓ choose, Enter selects it, Escape closes",
    ),
    (
        "F2, or double-click a step",
        "Rename it in place: Enter keeps the name, Escape cancels",
    ),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Ctrl+A", "Select every step"),
    ("Ctrl+C, Ctrl+V", "Copy and paste steps, also between workflows and tabs (the clipboard holds them as workflow JSON)"),
    ("Ctrl+D", "Duplicate the selected steps"),
    ("+, −", "Zoom in, zoom out"),
    ("Shift+1", "Fit the workflow to the screen"),
    ("Space+drag", "Pan the canvas"),
    (
        "Enter or Space on a palette step",
        "Add that step after the selected one",
    ),
];

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
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

fn table(title: &'static str, rows: &'static [(&'static str, &'static str)]) -> impl IntoView {
    view! {
        <section class="shortcuts-section">
            <h3>{title}</h3>
            <dl class="shortcuts-list">
                {rows.iter().map(|(keys, what)| view! {
                    <div class="shortcuts-row" data-testid="shortcut">
                        <dt><kbd>{*keys}</kbd></dt>
                        <dd>{*what}</dd>
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
        if ev.key() == "?" && !ev.ctrl_key() && !ev.meta_key() && !typing(&ev) {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || key.remove());
    view! {
        <Show when=move || open.get()>
            <NativeDialog class="dialog-backdrop" labelled_by="shortcuts-title" on_close=Callback::new(move |_| open.set(false))>
                <div class="dialog dialog--wide shortcuts" data-testid="shortcuts">
                    <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                    {table("Everywhere", EVERYWHERE)}
                    {table("Editor canvas", CANVAS)}
                    <p class="dialog-note">"On a Mac, Cmd works where Ctrl is written."</p>
                    <div class="dialog-actions">
                        <button type="button" class="button" data-testid="shortcuts-close" on:click=move |_| open.set(false)>"Close"</button>
                    </div>
                </div>
            </NativeDialog>
        </Show>
    }
}
