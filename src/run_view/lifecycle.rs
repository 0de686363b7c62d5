//! The three lifecycles of lifecycle.md as diagrams: where each state sits
//! on a grid, which arrows join them (with bends where a straight line would
//! cross a box), the tone of each state, and live counts.

use flowlab_engine::ids::WfIx;
use flowlab_engine::machines::definition::WorkflowStatus;
use flowlab_engine::machines::execution::{ExecState, Tone};
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::runtime::state::State;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub key: &'static str,
    /// Grid position, in columns and rows (fractions allowed).
    pub col: f32,
    pub row: f32,
    pub tone: Tone,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: &'static str,
    pub to: &'static str,
    /// Bends, in grid units, between the two boxes.
    pub via: Vec<(f32, f32)>,
    pub label: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub name: &'static str,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Said once instead of drawn many times ("any non-terminal → CANCELLED").
    pub notes: Vec<(&'static str, &'static str)>,
}

impl Diagram {
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.key == key)
    }

    fn points(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        self.nodes
            .iter()
            .map(|n| (n.col, n.row))
            .chain(self.edges.iter().flat_map(|e| e.via.iter().copied()))
    }

    /// The smallest and largest column used by a box or a bend.
    pub fn cols(&self) -> (f32, f32) {
        self.points()
            .fold((f32::MAX, f32::MIN), |(lo, hi), (c, _)| {
                (lo.min(c), hi.max(c))
            })
    }

    /// The smallest and largest row used by a box or a bend.
    pub fn rows(&self) -> (f32, f32) {
        self.points()
            .fold((f32::MAX, f32::MIN), |(lo, hi), (_, r)| {
                (lo.min(r), hi.max(r))
            })
    }
}

fn edge(from: &'static str, to: &'static str) -> Edge {
    Edge {
        from,
        to,
        via: Vec::new(),
        label: None,
    }
}

fn bent(from: &'static str, to: &'static str, via: &[(f32, f32)]) -> Edge {
    Edge {
        via: via.to_vec(),
        ..edge(from, to)
    }
}

fn labelled(mut e: Edge, label: &'static str) -> Edge {
    e.label = Some(label);
    e
}

/// The execution lifecycle (§2): the happy path runs right along the top and
/// back left along the second row; failures fall below it.
pub fn execution() -> Diagram {
    use ExecState as S;
    let at = |s: S, col: f32, row: f32| Node {
        key: s.as_str(),
        col,
        row,
        tone: s.tone(),
    };
    let nodes = vec![
        at(S::BlockedWaiting, 1.5, -0.9),
        at(S::New, 0.0, 0.0),
        at(S::Valid, 1.0, 0.0),
        at(S::Ready, 2.0, 0.0),
        at(S::ResourceDiscovery, 3.0, 0.0),
        at(S::ResourcesDiscovered, 4.0, 0.0),
        at(S::Scheduled, 5.0, 0.0),
        at(S::Locking, 5.0, 1.0),
        at(S::Locked, 4.0, 1.0),
        at(S::Running, 3.0, 1.0),
        at(S::Completed, 2.0, 1.0),
        at(S::CompletedAck, 1.0, 1.0),
        at(S::Error, 3.0, 2.0),
        at(S::Rollback, 2.0, 2.0),
        at(S::FailedSafe, 1.0, 2.0),
        at(S::FailedSafeAck, 0.0, 3.0),
        at(S::FailedUnsafe, 2.0, 3.0),
        at(S::FailedUnsafeAck, 1.0, 3.0),
        at(S::Cancelled, 4.0, 3.0),
        at(S::CancelledAck, 5.0, 3.0),
    ];
    let s = |s: S| s.as_str();
    let edges = vec![
        edge(s(S::New), s(S::Valid)),
        edge(s(S::Valid), s(S::Ready)),
        edge(s(S::Valid), s(S::BlockedWaiting)),
        edge(s(S::BlockedWaiting), s(S::Ready)),
        edge(s(S::Ready), s(S::ResourceDiscovery)),
        edge(s(S::ResourceDiscovery), s(S::ResourcesDiscovered)),
        edge(s(S::ResourcesDiscovered), s(S::Scheduled)),
        bent(s(S::Scheduled), s(S::Locking), &[(4.9, 0.5)]),
        labelled(
            bent(s(S::Locking), s(S::Scheduled), &[(5.1, 0.5)]),
            "unlock",
        ),
        edge(s(S::Locking), s(S::Locked)),
        edge(s(S::Locked), s(S::Running)),
        edge(s(S::Running), s(S::Completed)),
        edge(s(S::Completed), s(S::CompletedAck)),
        labelled(edge(s(S::Running), s(S::Error)), "error"),
        edge(s(S::Error), s(S::Rollback)),
        edge(s(S::Rollback), s(S::FailedSafe)),
        edge(s(S::Rollback), s(S::FailedUnsafe)),
        bent(s(S::Error), s(S::FailedUnsafe), &[(3.0, 3.0)]),
        labelled(
            bent(s(S::FailedUnsafe), s(S::FailedSafe), &[(1.55, 2.5)]),
            "rollback",
        ),
        labelled(bent(s(S::New), s(S::FailedSafe), &[(-0.1, 2.0)]), "invalid"),
        labelled(
            bent(
                s(S::ResourceDiscovery),
                s(S::FailedSafe),
                &[(3.0, 0.5), (0.5, 0.5), (0.5, 2.0)],
            ),
            "missing",
        ),
        edge(s(S::FailedSafe), s(S::FailedSafeAck)),
        edge(s(S::FailedUnsafe), s(S::FailedUnsafeAck)),
        edge(s(S::Cancelled), s(S::CancelledAck)),
    ];
    Diagram {
        name: "execution",
        nodes,
        edges,
        notes: vec![(
            s(S::Cancelled),
            "from any non-terminal state: operator stop or workflow cancelled",
        )],
    }
}

/// The definition lifecycle (§1).
pub fn definition() -> Diagram {
    use WorkflowStatus as W;
    let at = |s: W, col: f32, row: f32, tone: Tone| Node {
        key: s.as_str(),
        col,
        row,
        tone,
    };
    let nodes = vec![
        at(W::Draft, 0.0, 0.0, Tone::Good),
        at(W::Active, 1.0, 0.0, Tone::Good),
        at(W::Paused, 1.0, 1.2, Tone::Warning),
        at(W::Cancelled, 2.0, 1.2, Tone::Warning),
        at(W::Archived, 2.0, 0.0, Tone::Warning),
    ];
    let s = |s: W| s.as_str();
    let edges = vec![
        edge(s(W::Draft), s(W::Active)),
        labelled(bent(s(W::Active), s(W::Paused), &[(0.9, 0.6)]), "pause"),
        labelled(bent(s(W::Paused), s(W::Active), &[(1.1, 0.6)]), "resume"),
        edge(s(W::Paused), s(W::Cancelled)),
        edge(s(W::Active), s(W::Cancelled)),
        edge(s(W::Cancelled), s(W::Archived)),
        edge(s(W::Active), s(W::Archived)),
        bent(s(W::Draft), s(W::Archived), &[(0.0, -0.6), (2.0, -0.6)]),
        bent(
            s(W::Paused),
            s(W::Archived),
            &[(1.0, 1.8), (2.55, 1.8), (2.55, 0.0)],
        ),
    ];
    Diagram {
        name: "definition",
        nodes,
        edges,
        notes: vec![(
            s(W::Archived),
            "from active or paused: only with nothing in progress",
        )],
    }
}

/// The step lifecycle (§3): in progress on the left, finished on the right.
pub fn step() -> Diagram {
    use StepStatus as T;
    let tone = |s: T| match s {
        T::Failed => Tone::Bad,
        T::Pending | T::Skipped | T::Cancelled => Tone::Warning,
        _ => Tone::Good,
    };
    let at = |s: T, col: f32, row: f32| Node {
        key: s.as_str(),
        col,
        row,
        tone: tone(s),
    };
    let nodes = vec![
        at(T::Waiting, 0.0, 0.0),
        at(T::Running, 0.0, 1.0),
        at(T::Pending, 0.0, 2.0),
        at(T::AwaitingDecision, 0.0, 3.0),
        at(T::Completed, 2.0, 0.0),
        at(T::Resolved, 2.0, 1.0),
        at(T::Failed, 2.0, 2.0),
        at(T::Cancelled, 0.0, 4.0),
        at(T::Skipped, 2.0, 4.0),
    ];
    let s = |s: T| s.as_str();
    let edges = vec![
        labelled(edge(s(T::Waiting), s(T::Completed)), "wait over"),
        edge(s(T::Running), s(T::Completed)),
        labelled(edge(s(T::Running), s(T::Resolved)), "ok after failures"),
        labelled(bent(s(T::Running), s(T::Pending), &[(-0.15, 1.5)]), "retry"),
        labelled(
            bent(s(T::Pending), s(T::Running), &[(0.15, 1.5)]),
            "retry due",
        ),
        bent(s(T::AwaitingDecision), s(T::Pending), &[(-0.15, 2.5)]),
        bent(s(T::Pending), s(T::AwaitingDecision), &[(0.15, 2.5)]),
        bent(
            s(T::AwaitingDecision),
            s(T::Completed),
            &[(-0.6, 3.0), (-0.6, -0.6), (2.0, -0.6)],
        ),
        labelled(edge(s(T::Running), s(T::Failed)), "fail"),
        edge(s(T::AwaitingDecision), s(T::Failed)),
    ];
    Diagram {
        name: "step",
        nodes,
        edges,
        notes: vec![
            (
                s(T::Cancelled),
                "from any in-progress status when its execution stops",
            ),
            (s(T::Skipped), "after end_workflow / skip_remaining"),
        ],
    }
}

/// Executions per state, over one workflow or all of them.
pub fn execution_counts(state: &State, wf: Option<WfIx>) -> [u64; ExecState::COUNT] {
    let mut out = [0u64; ExecState::COUNT];
    for (i, w) in state.workflows.iter().enumerate() {
        if wf.is_some_and(|wf| wf.ix() != i) {
            continue;
        }
        for (i, n) in w.counts.iter().enumerate() {
            out[i] += u64::from(*n);
        }
    }
    out
}

/// Workflows per definition status.
pub fn definition_counts(state: &State) -> Vec<(&'static str, u64)> {
    [
        WorkflowStatus::Draft,
        WorkflowStatus::Active,
        WorkflowStatus::Paused,
        WorkflowStatus::Cancelled,
        WorkflowStatus::Archived,
    ]
    .into_iter()
    .map(|s| {
        (
            s.as_str(),
            state.workflows.iter().filter(|w| w.status == s).count() as u64,
        )
    })
    .collect()
}

/// Steps of executions per last status, over one workflow or all of them.
pub fn step_counts(state: &State, wf: Option<WfIx>) -> Vec<(&'static str, u64)> {
    let mut counts = [0u64; StepStatus::ALL.len()];
    let executions: Box<dyn Iterator<Item = _>> = match wf {
        Some(wf) => Box::new(
            state
                .workflow(wf)
                .executions
                .iter()
                .map(|x| state.execution(*x)),
        ),
        None => Box::new(state.executions.iter()),
    };
    for e in executions {
        for run in e.steps.iter() {
            if let Some(s) = run.status() {
                counts[s as usize] += 1;
            }
        }
    }
    StepStatus::ALL
        .iter()
        .map(|s| (s.as_str(), counts[*s as usize]))
        .collect()
}
