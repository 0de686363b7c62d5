//! `EdDoc`: the open workflow as the editor holds it — the editing session
//! (`Doc`), the engine's view of the workflow, and what is derived from
//! the draft or the version shown: nodes, edges, validation.

use std::collections::HashMap;

use flowlab_engine::model::{Operator, Step, WorkflowDraft};
use flowlab_engine::runtime::state::WorkflowState;
use flowlab_engine::validate::{validate, Severity, ValidationContext, ValidationReport};
use leptos::prelude::*;

use crate::editor::doc::Doc;
use crate::editor::geometry::{node_rect, Point, Rect, NODE_W};
use crate::editor::graph::{edges, Edge};
use crate::editor::state::{nodes_of, Nodes, VersionInfo, WorkflowInfo};
use crate::host::Runtime;
use crate::session::Session;

#[derive(Clone, Copy)]
pub struct EdDoc {
    pub rt: Runtime,
    pub wf: StoredValue<String>,
    /// The editing session: the draft with its undo history.
    pub session: RwSignal<Doc>,
    pub info: Memo<Option<WorkflowInfo>>,
    pub nodes: Memo<Nodes>,
    pub edges: Memo<Vec<Edge>>,
    pub report: Memo<ValidationReport>,
    /// Workflow ids of the workspace and its operators (validation context,
    /// pickers).
    pub world: Memo<(Vec<String>, Vec<Operator>)>,
}

/// The engine's state of workflow `id`.
pub fn workflow<'a>(s: &'a Session, id: &str) -> Option<&'a WorkflowState> {
    let ix = s.state().workflow_ix.get(id)?;
    s.state().workflows.get(ix.0 as usize)
}

impl EdDoc {
    /// Workflow `id`, edited in `doc`; the canvas shows version `viewing`
    /// instead of the draft while it is set.
    pub fn new(rt: Runtime, id: String, doc: Doc, viewing: RwSignal<Option<u32>>) -> EdDoc {
        let wf = StoredValue::new(id);
        let session = RwSignal::new(doc);
        let info = Memo::new(move |_| {
            rt.with_workflows_runs(|s| {
                let w = workflow(s, &wf.get_value())?;
                Some(WorkflowInfo {
                    status: w.status,
                    phase: w.phase,
                    unpublished: w.unpublished_changes,
                    non_terminal: w.non_terminal(),
                    versions: w.versions.iter().cloned().map(VersionInfo).collect(),
                })
            })
            .flatten()
        });
        let world = Memo::new(move |_| {
            rt.with_workflows_people(|s| {
                let st = s.state();
                (
                    st.workflows
                        .iter()
                        .map(|w| w.draft.id.clone())
                        .collect::<Vec<String>>(),
                    st.operators.clone(),
                )
            })
            .unwrap_or_default()
        });
        let report = Memo::new(move |_| {
            world.with(|(ids, operators)| {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                let context = ValidationContext {
                    workflow_ids: &ids,
                    operators,
                };
                session.with(|d| validate(d.draft(), &context))
            })
        });
        let shown = move |f: &mut dyn FnMut(&WorkflowDraft)| match viewing.get() {
            Some(n) => {
                if let Some(v) = info.with(|i| {
                    i.as_ref()
                        .and_then(|i| i.versions.iter().find(|v| v.number == n))
                        .cloned()
                }) {
                    f(&v.draft)
                }
            }
            None => session.with(|d| f(d.draft())),
        };
        let nodes = Memo::new(move |_| {
            let mut out = Nodes::default();
            let issues: HashMap<String, Severity> = if viewing.get().is_some() {
                HashMap::new()
            } else {
                report.with(|r| {
                    let mut m = HashMap::new();
                    for i in r.warnings.iter().chain(&r.errors) {
                        if let Some(s) = &i.step {
                            m.insert(s.clone(), i.severity);
                        }
                    }
                    m
                })
            };
            shown(&mut |d| out = nodes_of(d, &issues));
            out
        });
        let edges = Memo::new(move |_| {
            let mut out = Vec::new();
            shown(&mut |d| out = edges(d));
            out
        });
        EdDoc {
            rt,
            wf,
            session,
            info,
            nodes,
            edges,
            report,
            world,
        }
    }

    pub fn id(&self) -> String {
        self.wf.get_value()
    }

    /// The workflow is archived: its draft takes no edits (tracked).
    pub fn archived(&self) -> bool {
        self.info
            .with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))
    }

    /// Tells the engine what the doc did (its gestures, undos and redos,
    /// which the engine logs and keeps the same history of), then takes the
    /// engine's draft and history should they differ (a refusal).
    pub fn push(&self) {
        let sent = self
            .session
            .try_update_untracked(|d| d.take_outbox())
            .unwrap_or_default();
        for s in sent {
            let _ = self.rt.command(s.command(self.id()));
        }
        self.follow_engine();
    }

    /// Takes the engine's draft and history when they differ from the
    /// doc's; says whether they did.
    pub fn follow_engine(&self) -> bool {
        let theirs = self
            .rt
            .with_untracked(|s| {
                let w = workflow(s, &self.id())?;
                let same = self
                    .session
                    .with_untracked(|d| d.agrees_with(&w.draft, &w.history));
                (!same).then(|| (w.draft.clone(), w.history.clone()))
            })
            .flatten();
        match theirs {
            Some((draft, history)) => {
                self.session.update(|d| d.adopt(&draft, &history));
                true
            }
            None => false,
        }
    }

    /// A step of the draft, tracked.
    pub fn step(&self, id: &str) -> Option<Step> {
        self.session.with(|d| d.draft().step(id).cloned())
    }

    /// The steps an edge between `a` and `b` (neither of them) could run
    /// under: those whose columns overlap the stretch between the two.
    pub fn obstacles(&self, a: Point, b: Point, skip: [&str; 2]) -> Vec<Rect> {
        let (left, right) = (a.x.min(b.x) - NODE_W, a.x.max(b.x) + NODE_W);
        self.nodes.with(|n| {
            n.list
                .iter()
                .filter(|v| !skip.contains(&v.id.as_str()))
                .map(|v| node_rect(v.pos))
                .filter(|r| r.right() >= left && r.x <= right)
                .collect()
        })
    }
}
