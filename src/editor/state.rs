//! The editor's state types, shared by the context handles (`context/`):
//! the selection, what a node shows, a drag and an overlay under way, the
//! workflow as the engine holds it, the dialogs; and what the canvas shows
//! of a draft (`nodes_of`).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use flowlab_engine::edit::Port;
use flowlab_engine::event::Phase;
use flowlab_engine::machines::definition::{Facts, WorkflowStatus};
use flowlab_engine::model::{StepKind, WorkflowDraft};
use flowlab_engine::runtime::state::Version;
use flowlab_engine::validate::Severity;

use super::geometry::Point;
use super::graph::{has_fail_port, out_ports};
use super::layout::layered;
use super::summary::{summary, title};

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
