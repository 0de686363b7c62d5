//! The editor's gestures: what a key, a button or a pointer does to the
//! draft and the selection. Each takes the editor's handle and runs one
//! undoable `Doc` change (through `Ed::apply`) or changes what is selected.

use std::collections::BTreeSet;

use flowlab_engine::edit::Port;
use leptos::prelude::*;

use super::arrange::Arrangement;
use super::context::Ed;
use super::dom::reveal;
use super::geometry::{nodes_in, Point, Rect};
use super::nav::{neighbour, Direction};
use super::state::Selection;

/// Deletes the selected steps, or else the selected edge.
pub fn delete_selection(ed: Ed) {
    let (ids, edge) = ed
        .view
        .selection
        .with_untracked(|s| (s.steps.iter().cloned().collect::<Vec<_>>(), s.edge.clone()));
    if !ids.is_empty() {
        if ed.apply(|d| d.delete(&ids)).is_some() {
            ed.view.selection.set(Selection::default());
        }
    } else if let Some(key) = edge {
        let found = ed
            .doc
            .edges
            .with_untracked(|es| es.iter().find(|e| e.key() == key).cloned());
        if let Some(e) = found {
            ed.apply(|d| d.disconnect(&e));
            ed.view.selection.set(Selection::default());
        }
    }
}

/// Aligns or distributes the selected steps where they are drawn.
pub fn arrange_selection(ed: Ed, how: Arrangement) {
    let places: Vec<(String, Point)> = ed.view.selection.with_untracked(|s| {
        ed.doc.nodes.with_untracked(|n| {
            n.list
                .iter()
                .filter(|v| s.steps.contains(&v.id))
                .map(|v| (v.id.clone(), v.pos))
                .collect()
        })
    });
    ed.apply(|d| d.arrange(&places, how));
}

/// Duplicates the selected steps and selects the copies.
pub fn duplicate(ed: Ed) {
    let ids: Vec<String> = ed
        .view
        .selection
        .with_untracked(|s| s.steps.iter().cloned().collect());
    if ids.is_empty() {
        return;
    }
    if let Some(new) = ed.apply(|d| d.duplicate(&ids)) {
        ed.view.selection.set(Selection {
            steps: new.into_iter().collect(),
            edge: None,
        });
    }
}

/// Selects every step.
pub fn select_all(ed: Ed) {
    let all: BTreeSet<String> = ed
        .doc
        .nodes
        .with_untracked(|n| n.list.iter().map(|v| v.id.clone()).collect());
    ed.view.selection.set(Selection {
        steps: all,
        edge: None,
    });
}

/// Drops the pointer gesture under way, or else the selection.
pub fn escape(ed: Ed) {
    if ed.view.drag.get_untracked().is_some() || ed.view.overlay.get_untracked().is_some() {
        ed.view.set_drag(None);
        ed.view.overlay.set(None);
    } else {
        ed.view.selection.set(Selection::default());
    }
}

/// Moves the selected steps by (`dx`, `dy`).
pub fn nudge(ed: Ed, dx: f64, dy: f64) {
    let ids = ed.view.selection.with_untracked(|s| s.steps.clone());
    move_by(ed, ids.iter(), dx, dy);
}

/// Renames the one selected step in place.
pub fn rename_selection(ed: Ed) {
    if let Some(id) = ed
        .view
        .selection
        .with_untracked(|s| s.single().map(str::to_owned))
    {
        super::rename::start(ed, &id);
    }
}

/// Selects the next step that way (the canvas's tab stop when nothing
/// is selected) and gives it the focus.
pub fn select_towards(ed: Ed, dir: Direction) {
    let current = ed
        .view
        .selection
        .with_untracked(|s| s.single().map(str::to_owned));
    let next = match current {
        None => ed.view.tab_stop.get_untracked(),
        Some(id) => ed.doc.nodes.with_untracked(|n| {
            let from = n.get(&id)?.pos;
            neighbour(n.positions().filter(|(o, _)| *o != id), from, dir).map(str::to_owned)
        }),
    };
    if let Some(id) = next {
        reveal(ed, &id);
    }
}

/// Moves steps `ids` by (`dx`, `dy`) from where they are drawn, as one
/// undo entry.
pub fn move_by<'a>(ed: Ed, ids: impl Iterator<Item = &'a String>, dx: f64, dy: f64) {
    let moves: Vec<(String, Point)> = ed.doc.nodes.with_untracked(|n| {
        ids.filter_map(|id| n.get(id).map(|v| (id.clone(), v.pos.offset(dx, dy))))
            .collect()
    });
    if !moves.is_empty() {
        ed.apply(|d| d.move_to(&moves));
    }
}

/// Links port `port` of step `from` to step `to`.
pub fn connect(ed: Ed, from: &str, port: Port, to: &str) {
    ed.apply(|d| d.connect(from, port, to));
}

/// Selects the steps a rubber band touches, added to the selection or
/// instead of it.
pub fn select_band(ed: Ed, band: Rect, additive: bool) {
    let hit: BTreeSet<String> = ed.doc.nodes.with_untracked(|n| {
        nodes_in(band, n.positions())
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    ed.view.selection.update(|s| {
        s.edge = None;
        if additive {
            s.steps.extend(hit);
        } else {
            s.steps = hit;
        }
    });
}
