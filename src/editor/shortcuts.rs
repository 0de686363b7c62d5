//! Routes a key pressed on the editor screen to its gesture
//! (`keyboard::key_action` says which; this file says whether it applies
//! here and now).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::context::Ed;
use super::dialogs::link_from_selection;
use super::dom::{in_dialog, in_form, on_canvas, open_inspector};
use super::find;
use super::gestures;
use super::keyboard::{key_action, KeyAction};
use super::run_context::RunView;
use super::viewport::{fit, zoom_by};

pub fn on_key(ed: Ed, run: RunView, ev: &KeyboardEvent, space: RwSignal<bool>) {
    if ev.key() == " " && on_canvas(ev) {
        space.set(true);
        ev.prevent_default();
        return;
    }
    let command = ev.ctrl_key() || ev.meta_key();
    let action = key_action(&ev.key(), command, ev.shift_key(), ev.alt_key());
    // Find is the editor's from anywhere on the screen, a form field
    // included, but not from a dialog.
    if action == Some(KeyAction::Find)
        && !in_dialog(ev)
        && ed.dialogs.dialog.get_untracked().is_none()
    {
        ev.prevent_default();
        find::open(ed);
        return;
    }
    if in_form(ev) || in_dialog(ev) {
        return;
    }
    let Some(action) = action else {
        return;
    };
    if matches!(
        action,
        KeyAction::Select(_) | KeyAction::Open | KeyAction::Rename
    ) && !on_canvas(ev)
    {
        return;
    }
    if ed.dialogs.dialog.get_untracked().is_some() {
        if action == KeyAction::Escape {
            ed.dialogs.dialog.set(None);
        }
        return;
    }
    let viewing_only = matches!(
        action,
        KeyAction::ZoomIn
            | KeyAction::ZoomOut
            | KeyAction::Fit
            | KeyAction::Escape
            | KeyAction::Select(_)
            | KeyAction::Find
    );
    if run.active_untracked() && !viewing_only {
        return;
    }
    if matches!(action, KeyAction::Copy | KeyAction::Paste) {
        return;
    }
    ev.prevent_default();
    match action {
        KeyAction::Undo => ed.undo(),
        KeyAction::Redo => ed.redo(),
        KeyAction::Delete => gestures::delete_selection(ed),
        KeyAction::SelectAll => gestures::select_all(ed),
        KeyAction::Duplicate => gestures::duplicate(ed),
        // The page's copy and paste events do these (`clipboard.rs`).
        KeyAction::Copy | KeyAction::Paste => {}
        KeyAction::Escape => gestures::escape(ed),
        KeyAction::Nudge(dx, dy) => gestures::nudge(ed, dx, dy),
        KeyAction::Select(dir) => gestures::select_towards(ed, dir),
        KeyAction::Open => {
            if ed.view.selection.with_untracked(|s| s.single().is_some()) {
                open_inspector();
            }
        }
        KeyAction::Link => link_from_selection(ed),
        KeyAction::ZoomIn => zoom_by(ed.view, 1.2),
        KeyAction::ZoomOut => zoom_by(ed.view, 1.0 / 1.2),
        KeyAction::Fit => fit(ed),
        KeyAction::Find => find::open(ed),
        KeyAction::Rename => gestures::rename_selection(ed),
    }
}
