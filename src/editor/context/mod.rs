//! The handles every editor component shares through context, in three
//! parts so that each file takes only what it needs:
//! - [`EdDoc`] (`doc.rs`): the workflow, its editing session and what is
//!   derived from it (nodes, edges, validation);
//! - [`EdView`] (`view.rs`): what is on screen (viewport, selection, a drag,
//!   the version viewed, focus, find and rename);
//! - [`EdDialogs`] (`dialogs.rs`): the open dialog and the notice.
//!
//! [`Ed`] holds the three, for the gestures that touch more than one (an
//! edit that is refused shows a notice; a version viewed is read-only).

mod dialogs;
mod doc;
mod view;

use std::collections::BTreeSet;

use flowlab_engine::edit::EditError;
use flowlab_engine::model::Step;
use leptos::prelude::*;

pub use dialogs::EdDialogs;
pub use doc::{workflow, EdDoc};
pub use view::EdView;

use super::doc::{history_label, Doc};
use super::geometry::Point;
use super::state::Selection;
use crate::host::Runtime;
use crate::t;

#[derive(Clone, Copy)]
pub struct Ed {
    pub doc: EdDoc,
    pub view: EdView,
    pub dialogs: EdDialogs,
}

pub fn use_ed() -> Ed {
    use_context::<Ed>().expect("the editor provides Ed")
}

pub fn use_ed_doc() -> EdDoc {
    use_context::<EdDoc>().expect("the editor provides EdDoc")
}

pub fn use_ed_view() -> EdView {
    use_context::<EdView>().expect("the editor provides EdView")
}

pub fn use_ed_dialogs() -> EdDialogs {
    use_context::<EdDialogs>().expect("the editor provides EdDialogs")
}

impl Ed {
    /// The editor of workflow `id`, editing `doc`.
    pub fn new(rt: Runtime, id: String, doc: Doc) -> Ed {
        let viewing = RwSignal::new(None::<u32>);
        let d = EdDoc::new(rt, id, doc, viewing);
        Ed {
            doc: d,
            view: EdView::new(viewing, d.nodes),
            dialogs: EdDialogs::default(),
        }
    }

    /// Provides the whole and each part as context.
    pub fn provide(self) {
        provide_context(self);
        provide_context(self.doc);
        provide_context(self.view);
        provide_context(self.dialogs);
    }

    /// Nothing can be changed: a version is shown, or the workflow is archived.
    pub fn readonly(&self) -> bool {
        self.view.viewing.get().is_some() || self.doc.archived()
    }

    fn readonly_untracked(&self) -> bool {
        untrack(|| self.readonly())
    }

    /// Runs a gesture on the doc, then tells the engine the new draft (when
    /// it differs from the engine's). A refusal shows as a notice.
    pub fn apply<R>(&self, f: impl FnOnce(&mut Doc) -> Result<R, EditError>) -> Option<R> {
        if self.readonly_untracked() {
            return None;
        }
        let mut result = None;
        self.doc.session.update(|d| match f(d) {
            Ok(r) => result = Some(r),
            Err(e) => self
                .dialogs
                .notice
                .set(Some(t!("Not done: {error}", error = said(&e)))),
        });
        self.doc.push();
        result
    }

    pub fn undo(&self) {
        if self.readonly_untracked() {
            return;
        }
        let mut label = None;
        self.doc.session.update(|d| label = d.undo().ok().flatten());
        if let Some(l) = label {
            self.dialogs
                .notice
                .set(Some(t!("Undid: {action}", action = history_label(&l))));
            self.prune_selection();
            self.doc.push();
        }
    }

    pub fn redo(&self) {
        if self.readonly_untracked() {
            return;
        }
        let mut label = None;
        self.doc.session.update(|d| label = d.redo().ok().flatten());
        if let Some(l) = label {
            self.dialogs
                .notice
                .set(Some(t!("Redid: {action}", action = history_label(&l))));
            self.prune_selection();
            self.doc.push();
        }
    }

    /// Drops selected steps that no longer exist.
    pub fn prune_selection(&self) {
        let keep: BTreeSet<String> = self.doc.session.with_untracked(|d| {
            self.view.selection.with_untracked(|s| {
                s.steps
                    .iter()
                    .filter(|id| d.draft().step(id).is_some())
                    .cloned()
                    .collect()
            })
        });
        self.view.selection.update(|s| {
            if s.steps != keep {
                s.steps = keep;
            }
            s.edge = None;
        });
    }

    /// Changes one step from the inspector, as one undo entry.
    pub fn update_step(&self, id: &str, change: impl FnOnce(&mut Step)) {
        let Some(mut step) = self
            .doc
            .session
            .with_untracked(|d| d.draft().step(id).cloned())
        else {
            return;
        };
        change(&mut step);
        let new_id = step.id.clone();
        if self.apply(|d| d.set_step(id, step)) == Some(true) && new_id != id {
            self.view.selection.set(Selection::only(&new_id));
        }
    }

    /// The node positions now shown, the drag included.
    pub fn position(&self, id: &str) -> Option<Point> {
        let base = self.doc.nodes.with(|n| n.get(id).map(|n| n.pos))?;
        let (dx, dy) = self.view.offset(id).get();
        Some(base.offset(dx, dy))
    }
}

/// Why the engine refused an edit, said in the current language.
fn said(e: &EditError) -> String {
    match e {
        EditError::NoStep(id) => t!("no step `{id}`", id = id),
        EditError::StepExists(id) => t!("a step `{id}` already exists", id = id),
        EditError::PastEnd { .. } | EditError::NoPort { .. } => e.to_string(),
    }
}
