//! Where an edge runs when its plain curve would pass under other steps:
//! it leaves its port, turns into a free horizontal lane above or below
//! the steps in the way, and turns back into its target from the left,
//! so neither the line nor its label hides behind a node.

use leptos::prelude::*;

use super::context::Ed;
use super::geometry::{
    edge_controls, edge_point, fail_port, in_port, out_port, tag_rect, Leaving, Point, Rect, TAG_H,
};
use super::graph::Edge;
use super::path::{Path, Seg};
use super::run_model::tag_anchor;

/// Room kept between a lane and the steps it passes.
const CLEARANCE: f64 = 28.0;
/// How far an edge runs straight out of its port and into its target
/// before it turns.
const TURN: f64 = 32.0;
/// Points of the plain curve checked against the steps.
const SAMPLES: usize = 24;

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The line, drawn and hit-tested.
    pub path: Path,
    /// Where the label sits.
    pub label: Point,
}

/// The route from `from` to `to` that avoids `obstacles` (every step but
/// the edge's own two).
pub fn route(from: Point, to: Point, leaving: Leaving, obstacles: &[Rect]) -> Route {
    let plain = || Route {
        path: curve(from, to, leaving),
        label: edge_point(from, to, leaving, 0.5),
    };
    let samples: Vec<Point> = (1..SAMPLES)
        .map(|i| edge_point(from, to, leaving, i as f64 / SAMPLES as f64))
        .collect();
    let reach = samples
        .iter()
        .map(|p| Rect {
            x: p.x,
            y: p.y,
            w: 0.0,
            h: 0.0,
        })
        .reduce(Rect::union)
        .unwrap_or_default();
    let blocked = |r: &Rect| {
        let r = inflate(*r, 6.0);
        r.intersects(reach) && samples.iter().any(|p| r.contains(*p))
    };
    let hit: Vec<Rect> = obstacles.iter().copied().filter(blocked).collect();
    let (x1, x2) = match leaving {
        Leaving::Right => (from.x + TURN, to.x - TURN),
        Leaving::Down => (from.x, to.x - TURN),
    };
    // A lane needs room to run forwards between the turns.
    if hit.is_empty() || x2 - x1 < 2.0 * TURN {
        return plain();
    }
    let span = (x1, x2);
    let above = lane(span, &hit, obstacles, Side::Above);
    let below = lane(span, &hit, obstacles, Side::Below);
    let travel = |y: f64| (from.y - y).abs() + (to.y - y).abs();
    let y = if travel(above) <= travel(below) {
        above
    } else {
        below
    };
    Route {
        path: lane_path(from, to, leaving, y),
        label: Point::new((x1 + TURN + x2 - TURN) / 2.0, y),
    }
}

#[derive(Clone, Copy)]
enum Side {
    Above,
    Below,
}

/// The nearest free lane on `side` of the steps `hit`, across `span`.
fn lane(span: (f64, f64), hit: &[Rect], all: &[Rect], side: Side) -> f64 {
    let mut y = match side {
        Side::Above => hit.iter().map(|r| r.y).fold(f64::INFINITY, f64::min) - CLEARANCE,
        Side::Below => {
            hit.iter()
                .map(|r| r.bottom())
                .fold(f64::NEG_INFINITY, f64::max)
                + CLEARANCE
        }
    };
    // Each pass moves past one more step in the way; there are finitely many.
    for _ in 0..=all.len() {
        let lane = Rect {
            x: span.0,
            y: y - CLEARANCE / 2.0,
            w: span.1 - span.0,
            h: CLEARANCE,
        };
        let Some(r) = all.iter().find(|r| r.intersects(lane)) else {
            break;
        };
        y = match side {
            Side::Above => r.y - CLEARANCE,
            Side::Below => r.bottom() + CLEARANCE,
        };
    }
    y
}

/// The plain curve from a port to a node's left side.
pub fn curve(from: Point, to: Point, leaving: Leaving) -> Path {
    let (c1, c2) = edge_controls(from, to, leaving);
    Path {
        start: from,
        segs: vec![Seg::Cubic { c1, c2, to }],
    }
}

/// Out of the port, a turn into the lane at `y`, along it, and a turn
/// into the target's left side.
fn lane_path(from: Point, to: Point, leaving: Leaving, y: f64) -> Path {
    let enter = to.x - TURN;
    let first = match leaving {
        Leaving::Right => {
            let x = from.x + TURN;
            Seg::Cubic {
                c1: Point::new(x, from.y),
                c2: Point::new(x, y),
                to: Point::new(x + TURN, y),
            }
        }
        Leaving::Down => Seg::Cubic {
            c1: Point::new(from.x, y),
            c2: Point::new(from.x, y),
            to: Point::new(from.x + TURN, y),
        },
    };
    Path {
        start: from,
        segs: vec![
            first,
            Seg::Line {
                to: Point::new(enter - TURN, y),
            },
            Seg::Cubic {
                c1: Point::new(enter, y),
                c2: Point::new(enter, to.y),
                to,
            },
        ],
    }
}

fn inflate(r: Rect, by: f64) -> Rect {
    Rect {
        x: r.x - by,
        y: r.y - by,
        w: r.w + 2.0 * by,
        h: r.h + 2.0 * by,
    }
}

/// Where an edge starts and ends now (a drag included), tracked.
pub fn edge_ends(ed: Ed, edge: &Edge) -> Option<(Point, Point)> {
    let from = ed.position(&edge.from)?;
    let to = ed.position(&edge.to)?;
    let start = if edge.is_fail() {
        fail_port(from)
    } else {
        let (slot, count) = ed.doc.nodes.with(|n| {
            n.get(&edge.from).map_or((0, 1), |v| {
                (
                    v.ports.iter().position(|p| *p == edge.port).unwrap_or(0),
                    v.ports.len(),
                )
            })
        });
        out_port(from, slot, count)
    };
    Some((start, in_port(to)))
}

pub fn leaving(edge: &Edge) -> Leaving {
    if edge.is_fail() {
        Leaving::Down
    } else {
        Leaving::Right
    }
}

/// The edge's way round the other steps, and where its label sits, tracked.
pub fn edge_route(ed: Ed, edge: &Edge) -> Option<Route> {
    let (a, b) = edge_ends(ed, edge)?;
    let obstacles = ed.doc.obstacles(a, b, [&edge.from, &edge.to]);
    Some(route(a, b, leaving(edge), &obstacles))
}

/// The box of an edge's port word `width` wide, centred on its route's
/// `label` point; in run mode moved clear of the count badges. Tracked.
pub fn edge_tag(ed: Ed, label: Point, width: f64, running: bool) -> Rect {
    let at = if running {
        let nodes: Vec<Point> = ed
            .doc
            .nodes
            .with(|n| n.list.iter().map(|v| v.pos).collect());
        tag_anchor(label, width, TAG_H, &nodes)
    } else {
        label
    };
    tag_rect(at, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::{edge_path, in_port, node_rect, out_port};

    /// Three steps in a row, and an edge from the first to the third.
    fn row() -> (Point, Point, Rect) {
        let (a, b, c) = (
            Point::new(0.0, 0.0),
            Point::new(300.0, 0.0),
            Point::new(600.0, 0.0),
        );
        (out_port(a, 0, 1), in_port(c), node_rect(b))
    }

    #[test]
    fn a_clear_edge_keeps_its_plain_curve() {
        let (from, to, _) = row();
        let r = route(from, to, Leaving::Right, &[]);
        assert_eq!(r.path.d(), edge_path(from, to, Leaving::Right));
        assert_eq!(r.label, edge_point(from, to, Leaving::Right, 0.5));
    }

    #[test]
    fn an_edge_over_a_step_takes_a_lane_clear_of_it_and_its_label_too() {
        let (from, to, middle) = row();
        let r = route(from, to, Leaving::Right, &[middle]);
        assert_ne!(r.path.d(), edge_path(from, to, Leaving::Right));
        assert!(!middle.contains(r.label), "the label is not under the step");
        assert!(
            r.label.y <= middle.y - CLEARANCE || r.label.y >= middle.bottom() + CLEARANCE,
            "{:?} runs clear of {middle:?}",
            r.label
        );
        assert!(
            r.path.d().ends_with(&format!("{:.1} {:.1}", to.x, to.y)),
            "it still ends at the target"
        );
    }

    #[test]
    fn the_lane_also_clears_steps_next_to_the_one_in_the_way() {
        let (from, to, middle) = row();
        // A step just above the one in the way: the lane above must pass over both.
        let stacked = Rect {
            y: middle.y - 90.0,
            ..middle
        };
        let below_too = Rect {
            y: middle.y + 90.0,
            ..middle
        };
        let r = route(from, to, Leaving::Right, &[middle, stacked, below_too]);
        for step in [middle, stacked, below_too] {
            assert!(
                r.label.y <= step.y - CLEARANCE / 2.0
                    || r.label.y >= step.bottom() + CLEARANCE / 2.0,
                "{:?} clears {step:?}",
                r.label
            );
        }
    }

    #[test]
    fn steps_too_close_for_a_lane_keep_the_plain_curve() {
        let from = out_port(Point::new(0.0, 0.0), 0, 1);
        let to = in_port(Point::new(240.0, 200.0));
        let between = node_rect(Point::new(120.0, 100.0));
        assert!(
            between.contains(edge_point(from, to, Leaving::Right, 0.5)),
            "in the way"
        );
        let r = route(from, to, Leaving::Right, &[between]);
        assert_eq!(r.path.d(), edge_path(from, to, Leaving::Right));
    }
}
