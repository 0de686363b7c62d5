//! The three lifecycles of lifecycle.md as diagrams: where each state sits
//! on a grid, which arrows join them (with bends where a straight line would
//! cross a box), the tone of each state, and live counts.

use flowlab_engine::ids::WfIx;
use flowlab_engine::machines::definition::WorkflowStatus;
use flowlab_engine::machines::execution::{ExecState, Tone};
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::runtime::state::State;

use crate::i18n::tr;

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
    /// In the current language; a command's name (`pause`) stays as it is.
    pub label: Option<&'static str>,
    /// The label is a command's name, not words to translate.
    pub command: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub name: &'static str,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Said once instead of drawn many times ("any non-terminal → CANCELLED"),
    /// in the current language.
    pub notes: Vec<(&'static str, &'static str)>,
}

/// The drawing's sizes, in SVG units: a grid cell, and a state's box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub col: f32,
    pub row: f32,
    pub box_w: f32,
    pub box_h: f32,
}

impl Sizes {
    pub const NORMAL: Sizes = Sizes {
        col: 184.0,
        row: 86.0,
        box_w: 160.0,
        box_h: 42.0,
    };
    /// Taller boxes for names on two lines of 20 units.
    pub const PROJECTOR: Sizes = Sizes {
        col: 190.0,
        row: 80.0,
        box_w: 150.0,
        box_h: 56.0,
    };
    /// Screen pixels per SVG unit in projector mode: 20-unit text is 18 px.
    pub const PROJECTOR_SCALE: f32 = 0.9;
}

/// A state's name as drawn: on one line, or in projector mode a long name
/// on two, cut at the underscore that keeps the longer line shortest.
pub fn label_lines(key: &str, projector: bool) -> Vec<&str> {
    if !projector || key.len() <= 10 {
        return vec![key];
    }
    key.match_indices('_')
        .map(|(i, _)| i + 1)
        .min_by_key(|i| (*i).max(key.len() - i))
        .map_or(vec![key], |i| vec![&key[..i], &key[i..]])
}

impl Diagram {
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.key == key)
    }

    pub fn has_edge(&self, from: &str, to: &str) -> bool {
        self.edges.iter().any(|e| e.from == from && e.to == to)
    }

    /// An arrow for a move a path took that the diagram does not draw (a
    /// note says it once instead, as "any non-terminal → CANCELLED"):
    /// straight when that crosses no other box, else with the shortest
    /// one or two bends on the half grid that cross none.
    pub fn traced_edge(&self, from: &str, to: &str, sizes: Sizes) -> Option<Edge> {
        let (a, b) = (self.node(from)?, self.node(to)?);
        if self.has_edge(from, to) || from == to {
            return None;
        }
        let others: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| n.key != a.key && n.key != b.key)
            .collect();
        let clear = |via: &[(f32, f32)]| {
            let mut pts = vec![(a.col, a.row)];
            pts.extend_from_slice(via);
            pts.push((b.col, b.row));
            let inside = via
                .iter()
                .any(|p| others.iter().any(|n| in_box(n, *p, sizes)));
            !inside
                && pts
                    .windows(2)
                    .all(|w| others.iter().all(|n| !crosses(n, w[0], w[1], sizes)))
        };
        let traced = |via: Vec<(f32, f32)>| Edge {
            from: a.key,
            to: b.key,
            via,
            label: None,
            command: false,
        };
        if clear(&[]) {
            return Some(traced(Vec::new()));
        }
        let (c0, c1) = self.cols();
        let (r0, r1) = self.rows();
        let halves = |lo: f32, hi: f32| {
            let (lo, hi) = ((lo * 2.0).floor() as i32 - 1, (hi * 2.0).ceil() as i32 + 1);
            (lo..=hi).map(|i| i as f32 / 2.0).collect::<Vec<_>>()
        };
        let (cs, rs) = (halves(c0, c1), halves(r0, r1));
        let points: Vec<(f32, f32)> = cs
            .iter()
            .flat_map(|c| rs.iter().map(move |r| (*c, *r)))
            .collect();
        let length = |via: &[(f32, f32)]| {
            let mut pts = vec![(a.col, a.row)];
            pts.extend_from_slice(via);
            pts.push((b.col, b.row));
            pts.windows(2)
                .map(|w| ((w[1].0 - w[0].0) * sizes.col).hypot((w[1].1 - w[0].1) * sizes.row))
                .sum::<f32>()
        };
        let best = |candidates: Vec<Vec<(f32, f32)>>| {
            candidates
                .into_iter()
                .filter(|v| clear(v))
                .min_by(|x, y| length(x).total_cmp(&length(y)))
        };
        best(points.iter().map(|p| vec![*p]).collect())
            .or_else(|| {
                best(
                    points
                        .iter()
                        .flat_map(|p| points.iter().map(move |q| vec![*p, *q]))
                        .collect(),
                )
            })
            .map(traced)
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

/// A little room around a box that an arrow passing by keeps clear, in pixels.
const CLEARANCE: f32 = 8.0;

fn in_box(n: &Node, p: (f32, f32), s: Sizes) -> bool {
    let (dx, dy) = ((p.0 - n.col) * s.col, (p.1 - n.row) * s.row);
    dx.abs() <= s.box_w / 2.0 + CLEARANCE && dy.abs() <= s.box_h / 2.0 + CLEARANCE
}

/// Whether the segment from `p` to `q` (grid units) crosses `n`'s box
/// (Liang–Barsky clipping, in pixels).
fn crosses(n: &Node, p: (f32, f32), q: (f32, f32), s: Sizes) -> bool {
    let (x0, y0) = ((p.0 - n.col) * s.col, (p.1 - n.row) * s.row);
    let (dx, dy) = ((q.0 - p.0) * s.col, (q.1 - p.1) * s.row);
    let (hw, hh) = (s.box_w / 2.0 + CLEARANCE, s.box_h / 2.0 + CLEARANCE);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (d, dist) in [(-dx, x0 + hw), (dx, hw - x0), (-dy, y0 + hh), (dy, hh - y0)] {
        if d == 0.0 {
            if dist < 0.0 {
                return false;
            }
            continue;
        }
        let t = dist / d;
        if d < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 > t1 {
            return false;
        }
    }
    true
}

fn edge(from: &'static str, to: &'static str) -> Edge {
    Edge {
        from,
        to,
        via: Vec::new(),
        label: None,
        command: false,
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

/// An arrow named by the command or the step of lifecycle.md that takes
/// it (`rollback`, `unlock`), kept as the spec writes it.
fn command(mut e: Edge, name: &'static str) -> Edge {
    e.label = Some(name);
    e.command = true;
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
        command(
            bent(s(S::Locking), s(S::Scheduled), &[(5.1, 0.5)]),
            "unlock",
        ),
        edge(s(S::Locking), s(S::Locked)),
        edge(s(S::Locked), s(S::Running)),
        edge(s(S::Running), s(S::Completed)),
        edge(s(S::Completed), s(S::CompletedAck)),
        labelled(edge(s(S::Running), s(S::Error)), tr("error")),
        edge(s(S::Error), s(S::Rollback)),
        edge(s(S::Rollback), s(S::FailedSafe)),
        edge(s(S::Rollback), s(S::FailedUnsafe)),
        bent(s(S::Error), s(S::FailedUnsafe), &[(3.0, 3.0)]),
        command(
            bent(s(S::FailedUnsafe), s(S::FailedSafe), &[(1.55, 2.5)]),
            "rollback",
        ),
        labelled(
            bent(s(S::New), s(S::FailedSafe), &[(-0.1, 2.0)]),
            tr("invalid"),
        ),
        labelled(
            bent(
                s(S::ResourceDiscovery),
                s(S::FailedSafe),
                &[(3.0, 0.5), (0.5, 0.5), (0.5, 2.0)],
            ),
            tr("missing"),
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
            tr("from any non-terminal state: operator stop or workflow cancelled"),
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
        command(bent(s(W::Active), s(W::Paused), &[(0.9, 0.6)]), "pause"),
        command(bent(s(W::Paused), s(W::Active), &[(1.1, 0.6)]), "resume"),
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
            tr("from active or paused: only with nothing in progress"),
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
        labelled(edge(s(T::Waiting), s(T::Completed)), tr("wait over")),
        edge(s(T::Running), s(T::Completed)),
        labelled(edge(s(T::Running), s(T::Resolved)), tr("ok after failures")),
        labelled(
            bent(s(T::Running), s(T::Pending), &[(-0.15, 1.5)]),
            tr("retry"),
        ),
        labelled(
            bent(s(T::Pending), s(T::Running), &[(0.15, 1.5)]),
            tr("retry due"),
        ),
        bent(s(T::AwaitingDecision), s(T::Pending), &[(-0.15, 2.5)]),
        bent(s(T::Pending), s(T::AwaitingDecision), &[(0.15, 2.5)]),
        bent(
            s(T::AwaitingDecision),
            s(T::Completed),
            &[(-0.6, 3.0), (-0.6, -0.6), (2.0, -0.6)],
        ),
        labelled(edge(s(T::Running), s(T::Failed)), tr("fail")),
        edge(s(T::AwaitingDecision), s(T::Failed)),
    ];
    Diagram {
        name: "step",
        nodes,
        edges,
        notes: vec![
            (
                s(T::Cancelled),
                tr("from any in-progress status when its execution stops"),
            ),
            (s(T::Skipped), tr("after end_workflow / skip_remaining")),
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

#[cfg(test)]
mod traced_tests {
    use super::*;

    fn polyline(d: &Diagram, e: &Edge) -> Vec<(f32, f32)> {
        let (a, b) = (d.node(e.from).unwrap(), d.node(e.to).unwrap());
        let mut pts = vec![(a.col, a.row)];
        pts.extend_from_slice(&e.via);
        pts.push((b.col, b.row));
        pts
    }

    #[test]
    fn a_cancel_from_any_non_terminal_state_gets_an_arrow_around_the_other_boxes() {
        let d = execution();
        let cancelled = ExecState::Cancelled.as_str();
        for sizes in [Sizes::NORMAL, Sizes::PROJECTOR] {
            for s in ExecState::ALL.into_iter().filter(|s| !s.is_terminal()) {
                let e = d
                    .traced_edge(s.as_str(), cancelled, sizes)
                    .unwrap_or_else(|| panic!("{s} → CANCELLED has no arrow"));
                assert_eq!((e.from, e.to), (s.as_str(), cancelled));
                let pts = polyline(&d, &e);
                for n in d.nodes.iter().filter(|n| n.key != e.from && n.key != e.to) {
                    for w in pts.windows(2) {
                        assert!(
                            !crosses(n, w[0], w[1], sizes),
                            "{s} → CANCELLED crosses {}",
                            n.key
                        );
                    }
                }
            }
            let running = d.traced_edge("RUNNING", cancelled, sizes).unwrap();
            assert!(running.via.len() <= 1, "{running:?}");
        }
    }

    #[test]
    fn an_arrow_already_drawn_or_a_state_not_in_the_diagram_gets_none() {
        let d = execution();
        assert_eq!(d.traced_edge("RUNNING", "COMPLETED", Sizes::NORMAL), None);
        assert_eq!(d.traced_edge("RUNNING", "nowhere", Sizes::NORMAL), None);
    }

    #[test]
    fn crossing_is_seen_through_the_box_and_not_beside_it() {
        let n = Node {
            key: "X",
            col: 1.0,
            row: 1.0,
            tone: Tone::Good,
        };
        let s = Sizes::NORMAL;
        assert!(crosses(&n, (0.0, 1.0), (2.0, 1.0), s));
        assert!(crosses(&n, (1.0, 0.0), (1.0, 2.0), s));
        assert!(!crosses(&n, (0.0, 0.0), (2.0, 0.0), s));
        assert!(!crosses(&n, (0.0, 1.0), (0.5, 1.0), s));
    }

    #[test]
    fn long_names_take_two_lines_in_projector_mode_only() {
        assert_eq!(
            label_lines("RESOURCES_DISCOVERED", false),
            ["RESOURCES_DISCOVERED"]
        );
        assert_eq!(
            label_lines("RESOURCES_DISCOVERED", true),
            ["RESOURCES_", "DISCOVERED"]
        );
        assert_eq!(
            label_lines("FAILED_UNSAFE_ACK", true),
            ["FAILED_", "UNSAFE_ACK"]
        );
        assert_eq!(label_lines("SCHEDULED", true), ["SCHEDULED"]);
        let all = execution()
            .nodes
            .into_iter()
            .chain(step().nodes)
            .chain(definition().nodes);
        for n in all {
            let longest = label_lines(n.key, true)
                .iter()
                .map(|l| l.len())
                .max()
                .unwrap();
            assert!(longest <= 11, "{}", n.key);
        }
    }
}
