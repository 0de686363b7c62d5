//! `Ed`: the handle every editor component shares (through context). It
//! holds the open workflow's `Doc` and what is on screen (selection,
//! viewport, a drag under way, the version shown read-only, dialogs), and
//! derives what the canvas draws and what validation says.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use flowlab_engine::command::Command;
use flowlab_engine::edit::{EditError, Port};
use flowlab_engine::event::Phase;
use flowlab_engine::machines::definition::{Facts, WorkflowStatus};
use flowlab_engine::model::{Operator, Step, StepKind, WorkflowDraft};
use flowlab_engine::runtime::state::Version;
use flowlab_engine::validate::{validate, Severity, ValidationContext, ValidationReport};
use leptos::prelude::*;

use super::doc::Doc;
use super::geometry::{node_rect, Point, Rect, Viewport, NODE_W};
use super::graph::{edges, has_fail_port, out_ports, Edge};
use super::layout::layered;
use super::summary::{summary, title};
use crate::runtime::Runtime;
use crate::session::Session;
use crate::t;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Selection {
    pub steps: BTreeSet<String>,
    /// An edge, by `Edge::key`.
    pub edge: Option<String>,
}

impl Selection {
    pub fn only(id: &str) -> Selection {
        Selection {
            steps: BTreeSet::from([id.to_string()]),
            edge: None,
        }
    }

    pub fn single(&self) -> Option<&str> {
        match self.steps.len() {
            1 => self.steps.first().map(String::as_str),
            _ => None,
        }
    }
}

/// What a node shows.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub id: String,
    pub kind: StepKind,
    pub title: String,
    pub summary: String,
    pub ports: &'static [Port],
    pub fail_port: bool,
    pub start: bool,
    pub pos: Point,
    pub issue: Option<Severity>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Nodes {
    pub list: Vec<NodeView>,
    pub by_id: HashMap<String, usize>,
}

impl Nodes {
    pub fn get(&self, id: &str) -> Option<&NodeView> {
        self.by_id.get(id).map(|&i| &self.list[i])
    }

    pub fn positions(&self) -> impl Iterator<Item = (&str, Point)> {
        self.list.iter().map(|n| (n.id.as_str(), n.pos))
    }
}

/// Nodes being dragged and by how much, so far.
#[derive(Clone, Debug, PartialEq)]
pub struct DragOffset {
    pub ids: Arc<BTreeSet<String>>,
    pub dx: f64,
    pub dy: f64,
}

/// What the canvas draws over the graph while a pointer gesture runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// A link being drawn from a port to the pointer.
    Link {
        from: Point,
        to: Point,
    },
    Band {
        a: Point,
        b: Point,
    },
}

/// The workflow as the engine holds it, for the header and dialogs.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowInfo {
    pub status: WorkflowStatus,
    pub phase: Phase,
    pub unpublished: bool,
    pub non_terminal: u64,
    pub versions: Vec<VersionInfo>,
}

impl WorkflowInfo {
    pub fn facts(&self) -> Facts {
        Facts {
            has_version: !self.versions.is_empty(),
            non_terminal_executions: self.non_terminal,
        }
    }
}

/// A published version, shared with the engine's state (versions never
/// change, so holding one is cheap and safe).
#[derive(Clone, Debug, PartialEq)]
pub struct VersionInfo(pub Arc<Version>);

impl std::ops::Deref for VersionInfo {
    type Target = Version;
    fn deref(&self) -> &Version {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Publish,
    Versions,
    /// Two versions (0 = the draft), older first.
    Diff(u32, u32),
    Confirm(flowlab_engine::machines::definition::DefinitionInput),
    Clone,
    /// Link this step to another, from the keyboard.
    Link(String),
}

#[derive(Clone, Copy)]
pub struct Ed {
    pub rt: Runtime,
    pub wf: StoredValue<String>,
    pub doc: RwSignal<Doc>,
    pub selection: RwSignal<Selection>,
    pub view: RwSignal<Viewport>,
    /// The drag under way; set it with [`Ed::set_drag`].
    pub drag: RwSignal<Option<DragOffset>>,
    /// Each node's share of the drag, one signal per node, so that a move
    /// wakes only the dragged nodes and their edges.
    offsets: StoredValue<HashMap<String, ArcRwSignal<(f64, f64)>>>,
    pub overlay: RwSignal<Option<Overlay>>,
    /// A published version shown read-only on the canvas instead of the draft.
    pub viewing: RwSignal<Option<u32>>,
    /// The field the inspector should focus (a validation issue's).
    pub focus: RwSignal<Option<String>>,
    pub dialog: RwSignal<Option<Dialog>>,
    /// The Find step box is open (`find.rs`).
    pub finding: RwSignal<bool>,
    /// The step being renamed in place on the canvas (`rename.rs`).
    pub renaming: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<String>>,
    pub info: Memo<Option<WorkflowInfo>>,
    pub nodes: Memo<Nodes>,
    /// The step that holds the canvas's one tab stop (`nav::tab_stop`).
    pub tab_stop: Memo<Option<String>>,
    pub edges: Memo<Vec<Edge>>,
    pub report: Memo<ValidationReport>,
    /// Workflow ids of the workspace and its operators (validation context,
    /// pickers).
    pub world: Memo<(Vec<String>, Vec<Operator>)>,
}

pub fn use_ed() -> Ed {
    use_context::<Ed>().expect("the editor provides Ed")
}

/// The engine's state of workflow `id`.
pub fn workflow<'a>(
    s: &'a Session,
    id: &str,
) -> Option<&'a flowlab_engine::runtime::state::WorkflowState> {
    let ix = s.state().workflow_ix.get(id)?;
    s.state().workflows.get(ix.0 as usize)
}

impl Ed {
    /// The editor of workflow `id`, editing `doc`.
    pub fn new(rt: Runtime, id: String, doc: Doc) -> Ed {
        let wf = StoredValue::new(id);
        let doc = RwSignal::new(doc);
        let viewing = RwSignal::new(None::<u32>);
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
                doc.with(|d| validate(d.draft(), &context))
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
            None => doc.with(|d| f(d.draft())),
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
        let selection = RwSignal::new(Selection::default());
        let tab_stop = Memo::new(move |_| {
            nodes.with(|n| {
                selection.with(|s| {
                    let selected = s.single().filter(|id| n.get(id).is_some());
                    let start = n.list.iter().find(|v| v.start).map(|v| v.id.as_str());
                    let first = n.list.first().map(|v| v.id.as_str());
                    super::nav::tab_stop(selected, start, first).map(str::to_owned)
                })
            })
        });
        Ed {
            rt,
            wf,
            doc,
            selection,
            tab_stop,
            view: RwSignal::new(Viewport::default()),
            drag: RwSignal::new(None),
            offsets: StoredValue::new(HashMap::new()),
            overlay: RwSignal::new(None),
            viewing,
            focus: RwSignal::new(None),
            dialog: RwSignal::new(None),
            finding: RwSignal::new(false),
            renaming: RwSignal::new(None),
            notice: RwSignal::new(None),
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

    /// Nothing can be changed: a version is shown, or the workflow is archived.
    pub fn readonly(&self) -> bool {
        self.viewing.get().is_some()
            || self
                .info
                .with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))
    }

    /// Runs a gesture on the doc, then tells the engine the new draft (when
    /// it differs from the engine's). A refusal shows as a notice.
    pub fn apply<R>(&self, f: impl FnOnce(&mut Doc) -> Result<R, EditError>) -> Option<R> {
        if self.readonly_untracked() {
            return None;
        }
        let mut result = None;
        self.doc.update(|d| match f(d) {
            Ok(r) => result = Some(r),
            Err(e) => self
                .notice
                .set(Some(t!("Not done: {error}", error = said(&e)))),
        });
        self.push();
        result
    }

    fn readonly_untracked(&self) -> bool {
        untrack(|| self.readonly())
    }

    /// Tells the engine the draft as it now is.
    pub fn push(&self) {
        let (edit, matches) = self.doc.with_untracked(|d| {
            let same = self
                .rt
                .with_untracked(|s| workflow(s, &self.id()).is_some_and(|w| d.matches(&w.draft)))
                .unwrap_or(false);
            (d.to_edit(), same)
        });
        if matches {
            return;
        }
        let _ = self.rt.command(Command::Edit {
            workflow: self.id(),
            edit: Box::new(edit),
        });
    }

    pub fn undo(&self) {
        if self.readonly_untracked() {
            return;
        }
        let mut label = None;
        self.doc.update(|d| label = d.undo().ok().flatten());
        if let Some(l) = label {
            self.notice.set(Some(t!("Undid: {action}", action = l)));
            self.prune_selection();
            self.push();
        }
    }

    pub fn redo(&self) {
        if self.readonly_untracked() {
            return;
        }
        let mut label = None;
        self.doc.update(|d| label = d.redo().ok().flatten());
        if let Some(l) = label {
            self.notice.set(Some(t!("Redid: {action}", action = l)));
            self.prune_selection();
            self.push();
        }
    }

    /// Drops selected steps that no longer exist.
    pub fn prune_selection(&self) {
        let keep: BTreeSet<String> = self.doc.with_untracked(|d| {
            self.selection.with_untracked(|s| {
                s.steps
                    .iter()
                    .filter(|id| d.draft().step(id).is_some())
                    .cloned()
                    .collect()
            })
        });
        self.selection.update(|s| {
            if s.steps != keep {
                s.steps = keep;
            }
            s.edge = None;
        });
    }

    /// A step of the draft, tracked.
    pub fn step(&self, id: &str) -> Option<Step> {
        self.doc.with(|d| d.draft().step(id).cloned())
    }

    /// Changes one step from the inspector, as one undo entry.
    pub fn update_step(&self, id: &str, change: impl FnOnce(&mut Step)) {
        let Some(mut step) = self.doc.with_untracked(|d| d.draft().step(id).cloned()) else {
            return;
        };
        change(&mut step);
        let new_id = step.id.clone();
        if self.apply(|d| d.set_step(id, step)) == Some(true) && new_id != id {
            self.selection.set(Selection::only(&new_id));
        }
    }

    /// The node positions now shown, the drag included.
    pub fn position(&self, id: &str) -> Option<Point> {
        let base = self.nodes.with(|n| n.get(id).map(|n| n.pos))?;
        let (dx, dy) = self.offset(id).get();
        Some(base.offset(dx, dy))
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

    fn offset(&self, id: &str) -> ArcRwSignal<(f64, f64)> {
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

/// What the canvas shows of a draft: stored positions, and a layered
/// layout for steps that have none.
pub fn nodes_of(d: &WorkflowDraft, issues: &HashMap<String, Severity>) -> Nodes {
    let fallback: HashMap<String, Point> = if d.steps.iter().any(|s| s.pos.is_none()) {
        layered(d).into_iter().collect()
    } else {
        HashMap::new()
    };
    let mut out = Nodes::default();
    for (i, s) in d.steps.iter().enumerate() {
        if out.by_id.contains_key(&s.id) {
            continue;
        }
        let pos = s
            .pos
            .map(|p| Point::new(p.x, p.y))
            .or_else(|| fallback.get(&s.id).copied())
            .unwrap_or_default();
        out.by_id.insert(s.id.clone(), out.list.len());
        out.list.push(NodeView {
            id: s.id.clone(),
            kind: s.kind(),
            title: title(s),
            summary: summary(s, d),
            ports: out_ports(s),
            fail_port: has_fail_port(s),
            start: i == 0,
            pos,
            issue: issues.get(&s.id).copied(),
        });
    }
    out
}

/// Why the engine refused an edit, said in the current language.
fn said(e: &EditError) -> String {
    match e {
        EditError::NoStep(id) => t!("no step `{id}`", id = id),
        EditError::StepExists(id) => t!("a step `{id}` already exists", id = id),
        EditError::GestureOpen(label) => {
            t!("a gesture (`{label}`) is already under way", label = label)
        }
        EditError::PastEnd { .. } | EditError::NoPort { .. } => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_workflow_file;

    #[test]
    fn nodes_keep_stored_positions_lay_out_the_rest_and_carry_their_issues() {
        let d = parse_workflow_file(
            "w.json",
            r#"{"id": "w", "name": "W", "trigger": {"type": "manual"}, "steps": [
                {"id": "a", "kind": "action", "action": "email", "pos": {"x": 500, "y": 40}},
                {"id": "b", "kind": "wait"},
                {"id": "c", "kind": "end"}]}"#,
        )
        .unwrap();
        let issues = HashMap::from([("b".to_string(), Severity::Error)]);
        let n = nodes_of(&d, &issues);
        let ids: Vec<&str> = n.list.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(n.get("a").unwrap().pos, Point::new(500.0, 40.0));
        assert!(n.get("a").unwrap().start && !n.get("b").unwrap().start);
        assert!(
            n.get("b").unwrap().pos.x < n.get("c").unwrap().pos.x,
            "laid out left to right"
        );
        assert_eq!(n.get("b").unwrap().issue, Some(Severity::Error));
        assert_eq!(n.get("c").unwrap().issue, None);
        assert_eq!(n.get("b").unwrap().summary, "no duration yet");
        assert!(n.get("c").unwrap().ports.is_empty());
    }
}
