//! `EdView`: what is on screen around the document — the viewport, the
//! selection, a drag or overlay under way, the version shown read-only,
//! the field to focus, and the find and rename boxes.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::editor::geometry::Viewport;
use crate::editor::state::{DragOffset, Nodes, Overlay, Selection};

#[derive(Clone, Copy)]
pub struct EdView {
    pub viewport: RwSignal<Viewport>,
    pub selection: RwSignal<Selection>,
    /// The drag under way; set it with [`EdView::set_drag`].
    pub drag: RwSignal<Option<DragOffset>>,
    /// Each node's share of the drag, one signal per node, so that a move
    /// wakes only the dragged nodes and their edges.
    offsets: StoredValue<HashMap<String, ArcRwSignal<(f64, f64)>>>,
    pub overlay: RwSignal<Option<Overlay>>,
    /// A published version shown read-only on the canvas instead of the draft.
    pub viewing: RwSignal<Option<u32>>,
    /// The field the inspector should focus (a validation issue's).
    pub focus: RwSignal<Option<String>>,
    /// The Find step box is open (`find.rs`).
    pub finding: RwSignal<bool>,
    /// The step being renamed in place on the canvas (`rename.rs`).
    pub renaming: RwSignal<Option<String>>,
    /// The step that holds the canvas's one tab stop (`nav::tab_stop`).
    pub tab_stop: Memo<Option<String>>,
}

impl EdView {
    /// A view of `nodes` with nothing selected, at the default viewport.
    pub fn new(viewing: RwSignal<Option<u32>>, nodes: Memo<Nodes>) -> EdView {
        let selection = RwSignal::new(Selection::default());
        let tab_stop = Memo::new(move |_| {
            nodes.with(|n| {
                selection.with(|s| {
                    let selected = s.single().filter(|id| n.get(id).is_some());
                    let start = n.list.iter().find(|v| v.start).map(|v| v.id.as_str());
                    let first = n.list.first().map(|v| v.id.as_str());
                    crate::editor::nav::tab_stop(selected, start, first).map(str::to_owned)
                })
            })
        });
        EdView {
            viewport: RwSignal::new(Viewport::default()),
            selection,
            drag: RwSignal::new(None),
            offsets: StoredValue::new(HashMap::new()),
            overlay: RwSignal::new(None),
            viewing,
            focus: RwSignal::new(None),
            finding: RwSignal::new(false),
            renaming: RwSignal::new(None),
            tab_stop,
        }
    }

    /// Node `id`'s share of the drag under way, tracked where read.
    pub fn offset(&self, id: &str) -> ArcRwSignal<(f64, f64)> {
        if let Some(s) = self.offsets.with_value(|m| m.get(id).cloned()) {
            return s;
        }
        let s = ArcRwSignal::new((0.0, 0.0));
        self.offsets
            .update_value(|m| drop(m.insert(id.to_string(), s.clone())));
        s
    }

    /// Starts, moves or ends (`None`) a drag: only the nodes it moves, or
    /// moved, are told.
    pub fn set_drag(&self, drag: Option<DragOffset>) {
        let old = self.drag.get_untracked();
        if old == drag {
            return;
        }
        if let Some(o) = &old {
            if drag.as_ref().is_none_or(|d| !Arc::ptr_eq(&d.ids, &o.ids)) {
                for id in o.ids.iter() {
                    self.offset(id).set((0.0, 0.0));
                }
            }
        }
        if let Some(d) = &drag {
            for id in d.ids.iter() {
                self.offset(id).set((d.dx, d.dy));
            }
        }
        self.drag.set(drag);
    }
}
