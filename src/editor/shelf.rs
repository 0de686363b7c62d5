//! The editing sessions of workflows the person has left, so that coming
//! back to a workflow's editor in the same tab finds its undo history and
//! clipboard. A session is handed back only to the same workspace (the
//! runtime's `workspace_epoch`) and only while its draft is still the
//! engine's: a draft changed elsewhere meanwhile starts a fresh history.

use std::cell::RefCell;
use std::collections::VecDeque;

use flowlab_engine::model::WorkflowDraft;

use super::doc::Doc;

/// Workflows whose history is kept; the least recently left goes first.
const KEPT: usize = 16;

struct Shelved {
    epoch: u64,
    workflow: String,
    doc: Doc,
}

#[derive(Default)]
pub struct Shelf {
    items: VecDeque<Shelved>,
}

impl Shelf {
    pub fn put(&mut self, epoch: u64, workflow: &str, doc: Doc) {
        self.items.retain(|s| s.workflow != workflow);
        self.items.push_back(Shelved {
            epoch,
            workflow: workflow.to_string(),
            doc,
        });
        while self.items.len() > KEPT {
            self.items.pop_front();
        }
    }

    /// The session left on `workflow`, if it still fits the engine's draft.
    pub fn take(&mut self, epoch: u64, workflow: &str, engine: &WorkflowDraft) -> Option<Doc> {
        let at = self.items.iter().position(|s| s.workflow == workflow)?;
        let shelved = self.items.remove(at)?;
        (shelved.epoch == epoch && shelved.doc.matches(engine)).then_some(shelved.doc)
    }
}

thread_local! {
    static SHELF: RefCell<Shelf> = RefCell::new(Shelf::default());
}

pub fn put(epoch: u64, workflow: &str, doc: Doc) {
    SHELF.with_borrow_mut(|s| s.put(epoch, workflow, doc));
}

pub fn take(epoch: u64, workflow: &str, engine: &WorkflowDraft) -> Option<Doc> {
    SHELF.with_borrow_mut(|s| s.take(epoch, workflow, engine))
}

#[cfg(test)]
mod tests {
    use flowlab_engine::edit::EntryLabel;
    use flowlab_engine::model::StepKind;

    use super::*;
    use crate::editor::geometry::Point;

    fn edited(id: &str) -> Doc {
        let mut doc = Doc::new(WorkflowDraft::empty(id, "Test"));
        doc.add_step(StepKind::Wait, Point::new(0.0, 0.0), None)
            .expect("a wait can be added");
        doc
    }

    #[test]
    fn gives_back_the_history_of_the_same_draft() {
        let mut shelf = Shelf::default();
        let doc = edited("w");
        let engine = doc.draft().clone();
        shelf.put(1, "w", doc);
        let mut back = shelf.take(1, "w", &engine).expect("kept");
        assert_eq!(
            back.undo_label(),
            Some(&EntryLabel::Gesture("Add wait".into()))
        );
        back.undo().expect("undoes");
        assert!(back.draft().steps.is_empty());
        assert!(shelf.take(1, "w", &engine).is_none(), "taken once");
    }

    #[test]
    fn drops_a_history_whose_draft_changed_or_whose_workspace_did() {
        let mut shelf = Shelf::default();
        let doc = edited("w");
        let engine = doc.draft().clone();
        shelf.put(1, "w", doc.clone());
        assert!(shelf.take(2, "w", &engine).is_none(), "another workspace");
        shelf.put(1, "w", doc);
        let elsewhere = WorkflowDraft::empty("w", "Test");
        assert!(shelf.take(1, "w", &elsewhere).is_none(), "draft changed");
    }

    #[test]
    fn keeps_the_most_recently_left() {
        let mut shelf = Shelf::default();
        let drafts: Vec<WorkflowDraft> = (0..=KEPT)
            .map(|i| {
                let doc = edited(&format!("w{i}"));
                let d = doc.draft().clone();
                shelf.put(1, &format!("w{i}"), doc);
                d
            })
            .collect();
        assert!(shelf.take(1, "w0", &drafts[0]).is_none(), "the oldest went");
        assert!(shelf.take(1, &format!("w{KEPT}"), &drafts[KEPT]).is_some());
    }
}
