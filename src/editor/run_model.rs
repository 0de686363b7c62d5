//! The canvas in run mode, as plain data: the mode and version read from
//! the URL (`?mode=run&v=2`), what each node and edge shows of one
//! version's executions, and where an edge's count label sits so that no
//! node hides it. Tested natively; `run_mode.rs` and `run_overlay.rs` only
//! render it.

use crate::i18n::{plural, tr};
use crate::t;
use std::collections::HashMap;

use flowlab_engine::edit::Port as EditPort;
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::Port as RunPort;
use thiserror::Error;

use super::geometry::{node_rect, Point, Rect};
use crate::run_view::steps::{EdgeView, StepView};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CanvasMode {
    #[default]
    Design,
    Run,
}

impl CanvasMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CanvasMode::Design => "design",
            CanvasMode::Run => "run",
        }
    }
}

/// Why the URL's `mode` or `v` could not be followed.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RunQueryError {
    #[error("“{0}” is not a mode of the editor (design or run): showing the design")]
    UnknownMode(String),
    #[error("“{asked}” is not a version number: showing v{latest}, the latest")]
    NotANumber { asked: String, latest: u32 },
    #[error("This workflow has no version {asked} (it has v1 to v{latest}): showing v{latest}")]
    NoSuchVersion { asked: u32, latest: u32 },
    #[error("This workflow has no published version yet: publish it, then watch it run here")]
    NoVersion,
}

impl RunQueryError {
    /// The error said in the current language.
    pub fn said(&self) -> String {
        match self {
            RunQueryError::UnknownMode(m) => t!(
                "“{mode}” is not a mode of the editor (design or run): showing the design",
                mode = m
            ),
            RunQueryError::NotANumber { asked, latest } => t!(
                "“{asked}” is not a version number: showing v{latest}, the latest",
                asked = asked,
                latest = latest
            ),
            RunQueryError::NoSuchVersion { asked, latest } => t!(
                "This workflow has no version {asked} (it has v1 to v{latest}): showing v{latest}",
                asked = asked,
                latest = latest
            ),
            RunQueryError::NoVersion => tr(
                "This workflow has no published version yet: publish it, then watch it run here",
            )
            .into(),
        }
    }
}

/// The `mode` query parameter; absent is the design.
pub fn parse_mode(raw: Option<&str>) -> Result<CanvasMode, RunQueryError> {
    match raw {
        None | Some("") | Some("design") => Ok(CanvasMode::Design),
        Some("run") => Ok(CanvasMode::Run),
        Some(other) => Err(RunQueryError::UnknownMode(other.to_string())),
    }
}

/// The version run mode shows, and why it is not the one asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionChoice {
    pub shown: Option<u32>,
    pub problem: Option<RunQueryError>,
}

/// The `v` query parameter against the published `versions` (ascending):
/// absent means the latest; a bad one falls back to the latest and says so.
pub fn choose_version(asked: Option<&str>, versions: &[u32]) -> VersionChoice {
    let Some(&latest) = versions.last() else {
        return VersionChoice {
            shown: None,
            problem: Some(RunQueryError::NoVersion),
        };
    };
    let fallback = |problem| VersionChoice {
        shown: Some(latest),
        problem: Some(problem),
    };
    match asked.map(str::trim).filter(|a| !a.is_empty()) {
        None => VersionChoice {
            shown: Some(latest),
            problem: None,
        },
        Some(a) => match a.trim_start_matches('v').parse::<u32>() {
            Err(_) => fallback(RunQueryError::NotANumber {
                asked: a.to_string(),
                latest,
            }),
            Ok(n) if versions.contains(&n) => VersionChoice {
                shown: Some(n),
                problem: None,
            },
            Ok(n) => fallback(RunQueryError::NoSuchVersion { asked: n, latest }),
        },
    }
}

/// The editor's URL for a mode and version (`None` = follow the latest).
pub fn editor_href(workflow: &str, mode: CanvasMode, version: Option<u32>) -> String {
    match (mode, version) {
        (CanvasMode::Design, _) => format!("/editor/{workflow}"),
        (CanvasMode::Run, None) => format!("/editor/{workflow}?mode=run"),
        (CanvasMode::Run, Some(v)) => format!("/editor/{workflow}?mode=run&v={v}"),
    }
}

/// The editor's port as the engine's edge counts name it.
pub fn run_port(port: EditPort) -> RunPort {
    match port {
        EditPort::Next => RunPort::Next,
        EditPort::Yes => RunPort::Yes,
        EditPort::No => RunPort::No,
        EditPort::Approved => RunPort::Approved,
        EditPort::Rejected => RunPort::Rejected,
        EditPort::Timeout => RunPort::Timeout,
        EditPort::OnFailGoto => RunPort::OnFail,
    }
}

/// One version's steps in run mode, looked up by step id.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RunSteps {
    pub version: u32,
    pub steps: Vec<StepView>,
    index: HashMap<String, usize>,
}

impl RunSteps {
    pub fn new(version: u32, steps: Vec<StepView>) -> RunSteps {
        let index = steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        RunSteps {
            version,
            steps,
            index,
        }
    }

    pub fn step(&self, id: &str) -> Option<&StepView> {
        self.index.get(id).map(|&i| &self.steps[i])
    }

    /// The edge the canvas draws from `from` by `port` to `to`.
    pub fn edge(&self, from: &str, port: EditPort, to: &str) -> Option<&EdgeView> {
        let port = run_port(port);
        self.step(from)?
            .edges
            .iter()
            .find(|e| e.port == port && e.to == to)
    }

    /// Executions at some step now.
    pub fn in_flight(&self) -> u64 {
        self.steps.iter().map(|s| s.current).sum()
    }
}

/// What a node shows of its step's executions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRunState {
    /// No execution of the version has been at the step.
    Idle,
    /// Some have been; none is there now (circled).
    Executed,
    /// Some are there now (blinking).
    Current,
}

impl NodeRunState {
    pub fn of(step: Option<&StepView>) -> NodeRunState {
        match step {
            Some(s) if s.current > 0 => NodeRunState::Current,
            Some(s) if s.executed => NodeRunState::Executed,
            _ => NodeRunState::Idle,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NodeRunState::Idle => "idle",
            NodeRunState::Executed => "executed",
            NodeRunState::Current => "current",
        }
    }
}

/// A count badge on a node: executions whose last status at the step is
/// `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Badge {
    pub status: StepStatus,
    pub count: u64,
    /// What the badge says: the count and a short word.
    pub text: String,
    /// The full sentence, for the tooltip.
    pub title: String,
}

/// The short word on a badge; the tooltip has the full status name.
pub fn short_status(status: StepStatus) -> &'static str {
    match status {
        StepStatus::AwaitingDecision => "awaiting",
        StepStatus::Completed => "done",
        other => other.as_str(),
    }
}

/// The node's badges, non-zero only, in the lifecycle's order.
pub fn badges(step: &StepView) -> Vec<Badge> {
    StepStatus::ALL
        .into_iter()
        .filter(|s| step.count(*s) > 0)
        .map(|status| {
            let count = step.count(status);
            Badge {
                status,
                count,
                text: format!("{count} {}", short_status(status)),
                title: plural(
                    "{n} execution {status} at {step}|{n} executions {status} at {step}",
                    count,
                )
                .replace("{status}", status.as_str())
                .replace("{step}", &step.name),
            }
        })
        .collect()
}

/// The ring's margin round a node, and the height of the badge row above it.
const RING: f64 = 10.0;
const BADGES: f64 = 36.0;

/// Where to centre an edge's port word (`rejected`, `timeout`) in run mode,
/// where count badges sit above the nodes: on the edge when clear, else
/// the nearest clear spot above it, else below.
pub fn tag_anchor(mid: Point, w: f64, h: f64, nodes: &[Point]) -> Point {
    let step = h / 2.0;
    let up = (1..=40).map(|i| mid.offset(0.0, -step * i as f64));
    let down = (1..=40).map(|i| mid.offset(0.0, step * i as f64));
    std::iter::once(mid)
        .chain(up)
        .chain(down)
        .find(|p| !covered(*p, w, h, nodes))
        .unwrap_or(mid)
}

/// Whether a node, its ring or its count badges cover a `w`×`h` box
/// centred on `p`.
fn covered(p: Point, w: f64, h: f64, nodes: &[Point]) -> bool {
    let r = Rect {
        x: p.x - w / 2.0,
        y: p.y - h / 2.0,
        w,
        h,
    };
    nodes.iter().any(|n| {
        let card = node_rect(*n);
        let marks = Rect {
            x: card.x - RING,
            y: card.y - BADGES,
            w: card.w + 2.0 * RING,
            h: card.h + BADGES + RING,
        };
        marks.intersects(r)
    })
}

/// Where to centre a `w`×`h` label meant for `mid` (an edge's midpoint) so
/// that no node, ring or count badge covers it: the midpoint when clear,
/// else the nearest clear spot straight below it (the badges are above the
/// nodes, and labels below read alike), else above.
pub fn label_anchor(mid: Point, w: f64, h: f64, nodes: &[Point]) -> Point {
    let hits = |p: Point| covered(p, w, h, nodes);
    if !hits(mid) {
        return mid;
    }
    let step = h / 2.0;
    let down = (1..=40).map(|i| mid.offset(0.0, step * i as f64));
    let up = (1..=40).map(|i| mid.offset(0.0, -step * i as f64));
    down.chain(up).find(|p| !hits(*p)).unwrap_or(mid)
}

/// A label's width in world units, for `chars` characters of the run
/// label's font.
pub fn label_width(chars: usize, char_w: f64, pad: f64) -> f64 {
    chars as f64 * char_w + 2.0 * pad
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::model::StepKind;

    #[test]
    fn a_port_word_under_the_count_badges_moves_above_them() {
        let nodes = [Point::new(0.0, 0.0), Point::new(300.0, 0.0)];
        // An edge routed over the second node's badges.
        let mid = Point::new(300.0 + NODE_W / 2.0, -BADGES / 2.0);
        let at = tag_anchor(mid, 60.0, 18.0, &nodes);
        assert!(at.y < mid.y, "{at:?}");
        assert!(!covered(at, 60.0, 18.0, &nodes));
        let clear = Point::new(150.0 + NODE_W, -120.0);
        assert_eq!(tag_anchor(clear, 60.0, 18.0, &nodes), clear);
    }

    use crate::editor::geometry::{NODE_H, NODE_W};

    fn step(id: &str, counts: &[(StepStatus, u64)], current: u64) -> StepView {
        let mut c = [0; StepStatus::ALL.len()];
        for (s, n) in counts {
            c[*s as usize] = *n;
        }
        StepView {
            id: id.into(),
            name: format!("Step {id}"),
            kind: StepKind::Action,
            counts: c,
            executed: c.iter().sum::<u64>() > 0,
            current,
            edges: vec![EdgeView {
                port: RunPort::Approved,
                to: "deliver".into(),
                count: 574,
            }],
        }
    }

    #[test]
    fn the_mode_is_design_unless_the_url_asks_for_run_and_nonsense_is_named() {
        assert_eq!(parse_mode(None), Ok(CanvasMode::Design));
        assert_eq!(parse_mode(Some("design")), Ok(CanvasMode::Design));
        assert_eq!(parse_mode(Some("run")), Ok(CanvasMode::Run));
        let err = parse_mode(Some("runn")).unwrap_err();
        assert_eq!(err, RunQueryError::UnknownMode("runn".into()));
        assert!(err.to_string().contains("“runn”"));
    }

    #[test]
    fn the_version_defaults_to_the_latest_and_a_bad_one_falls_back_saying_why() {
        let vs = [1, 2, 3];
        assert_eq!(choose_version(None, &vs).shown, Some(3));
        assert_eq!(choose_version(None, &vs).problem, None);
        assert_eq!(choose_version(Some("2"), &vs).shown, Some(2));
        assert_eq!(choose_version(Some("v1"), &vs).shown, Some(1));

        let missing = choose_version(Some("9"), &vs);
        assert_eq!(missing.shown, Some(3));
        let why = missing.problem.unwrap();
        assert_eq!(
            why,
            RunQueryError::NoSuchVersion {
                asked: 9,
                latest: 3
            }
        );
        assert!(why.to_string().contains("no version 9"), "{why}");

        let junk = choose_version(Some("two"), &vs);
        assert_eq!(junk.shown, Some(3));
        assert!(junk.problem.unwrap().to_string().contains("“two”"));

        let none = choose_version(Some("1"), &[]);
        assert_eq!(none.shown, None);
        assert_eq!(none.problem, Some(RunQueryError::NoVersion));
    }

    #[test]
    fn the_url_carries_the_mode_and_version() {
        assert_eq!(
            editor_href("w", CanvasMode::Run, Some(2)),
            "/editor/w?mode=run&v=2"
        );
        assert_eq!(
            editor_href("w", CanvasMode::Run, None),
            "/editor/w?mode=run"
        );
        assert_eq!(editor_href("w", CanvasMode::Design, Some(2)), "/editor/w");
        for mode in [CanvasMode::Design, CanvasMode::Run] {
            assert_eq!(parse_mode(Some(mode.as_str())), Ok(mode));
        }
    }

    #[test]
    fn every_editor_port_maps_to_the_engine_port_of_the_same_link() {
        for p in EditPort::ALL {
            let run = run_port(p);
            match p {
                EditPort::Timeout => assert_eq!(run.as_str(), "timeout"),
                EditPort::OnFailGoto => assert_eq!(run.as_str(), "on_fail"),
                other => assert_eq!(run.as_str(), other.as_str()),
            }
        }
    }

    #[test]
    fn steps_are_found_by_id_and_edges_by_port_and_target() {
        let steps = RunSteps::new(
            2,
            vec![
                step("validate", &[(StepStatus::Completed, 574)], 0),
                step("deliver", &[(StepStatus::Running, 3)], 3),
            ],
        );
        assert_eq!(steps.step("deliver").unwrap().current, 3);
        assert!(steps.step("nope").is_none());
        let e = steps
            .edge("validate", EditPort::Approved, "deliver")
            .unwrap();
        assert_eq!(e.label(), "574 - Ok");
        assert!(steps
            .edge("validate", EditPort::Rejected, "deliver")
            .is_none());
        assert!(steps.edge("validate", EditPort::Approved, "done").is_none());
        assert_eq!(steps.in_flight(), 3);
    }

    #[test]
    fn a_node_is_current_while_executions_are_at_it_else_executed_once_visited() {
        assert_eq!(NodeRunState::of(None), NodeRunState::Idle);
        assert_eq!(
            NodeRunState::of(Some(&step("a", &[], 0))),
            NodeRunState::Idle
        );
        let done = step("a", &[(StepStatus::Completed, 2)], 0);
        assert_eq!(NodeRunState::of(Some(&done)), NodeRunState::Executed);
        let at = step("a", &[(StepStatus::AwaitingDecision, 5)], 5);
        assert_eq!(NodeRunState::of(Some(&at)).as_str(), "current");
    }

    #[test]
    fn badges_show_non_zero_counts_with_the_full_status_in_the_title() {
        let s = step(
            "validate",
            &[
                (StepStatus::Completed, 570),
                (StepStatus::AwaitingDecision, 1),
                (StepStatus::Failed, 3),
            ],
            1,
        );
        let b = badges(&s);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["1 awaiting", "570 done", "3 failed"]);
        assert_eq!(b[0].title, "1 execution awaiting_decision at Step validate");
        assert_eq!(b[1].title, "570 executions completed at Step validate");
        assert!(badges(&step("x", &[], 0)).is_empty());
    }

    #[test]
    fn a_label_over_a_node_moves_just_clear_of_it() {
        let node = Point::new(100.0, 100.0);
        let clear = Point::new(20.0, 20.0);
        assert_eq!(label_anchor(clear, 60.0, 20.0, &[node]), clear);

        let covered = Point::new(100.0 + NODE_W / 2.0, 100.0 + NODE_H / 2.0);
        let moved = label_anchor(covered, 60.0, 20.0, &[node]);
        assert_eq!(moved.x, covered.x);
        assert!(
            moved.y > covered.y,
            "below first, clear of the badges: {moved:?}"
        );
        let r = Rect {
            x: moved.x - 30.0,
            y: moved.y - 10.0,
            w: 60.0,
            h: 20.0,
        };
        assert!(!node_rect(node).intersects(r));
        assert!(
            (moved.y - covered.y).abs() <= NODE_H / 2.0 + RING + 20.0,
            "it moves no further down than it must: {moved:?}"
        );
        let high = Point::new(covered.x, 100.0 + 8.0);
        assert!(
            label_anchor(high, 60.0, 20.0, &[node]).y > 100.0 + NODE_H,
            "a label near the top goes below rather than over the badges"
        );
    }

    #[test]
    fn label_width_grows_with_the_text() {
        assert!(label_width(8, 9.0, 8.0) > label_width(7, 9.0, 8.0));
        assert_eq!(label_width(0, 9.0, 8.0), 16.0);
    }
}
