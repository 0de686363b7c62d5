//! What a press on the canvas is on, from the shapes as drawn: a step's
//! port or body (steps are drawn over the edges), else the selected edge's
//! reconnect handle, else an edge's line as routed (`routing.rs`) — on it
//! or a few pixels from it at any zoom, or on its port word — else the
//! background.

use flowlab_engine::edit::Port;

use super::geometry::{node_hit, on_handle, NodeHit, NodeShape, Point, Rect};
use super::path::Path;
use super::pointer::Hit;

/// How far from a line a press still hits it, in pixels on screen: the
/// same at every zoom, so a line stays as easy to press zoomed out.
pub const EDGE_HIT_PX: f64 = 7.0;

/// An edge as the canvas draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnEdge {
    /// `Edge::key`.
    pub key: String,
    pub line: Path,
    /// The box of its port word, when it has one.
    pub tag: Option<Rect>,
}

/// The selected edge's reconnect handle, shown while the draft is editable:
/// pressing it starts a new link from the edge's port.
#[derive(Clone, Debug, PartialEq)]
pub struct Handle {
    pub node: String,
    pub port: Port,
    /// Where the edge ends.
    pub end: Point,
}

/// What is under world point `p` at `zoom`, topmost first. The edges are
/// asked for only when no step or handle is hit: routing them all costs.
pub fn press_hit(
    p: Point,
    zoom: f64,
    nodes: &[NodeShape],
    handle: Option<Handle>,
    edges: impl FnOnce() -> Vec<DrawnEdge>,
) -> Hit {
    if let Some(hit) = step_hit(p, nodes) {
        return hit;
    }
    if let Some(h) = handle.filter(|h| on_handle(p, h.end)) {
        return Hit::Port {
            node: h.node,
            port: h.port,
        };
    }
    match edge_hit(p, &edges(), zoom) {
        Some(key) => Hit::Edge(key.to_owned()),
        None => Hit::Background,
    }
}

/// The step's part under `p`, the topmost step's.
pub fn step_hit(p: Point, nodes: &[NodeShape]) -> Option<Hit> {
    node_hit(p, nodes).map(|h| match h {
        NodeHit::Port(id, port) => Hit::Port {
            node: id.to_owned(),
            port,
        },
        NodeHit::Body(id) => Hit::Node {
            id: id.to_owned(),
            pos: nodes
                .iter()
                .rev()
                .find(|n| n.id == id)
                .map(|n| n.pos)
                .unwrap_or_default(),
        },
    })
}

/// The edge under world point `p` at `zoom`: the closest line within
/// [`EDGE_HIT_PX`], a word counting as on its line; between equally
/// close ones the topmost (the last drawn).
pub fn edge_hit(p: Point, edges: &[DrawnEdge], zoom: f64) -> Option<&str> {
    let tolerance = EDGE_HIT_PX / zoom;
    let mut best: Option<(f64, &str)> = None;
    for e in edges {
        let d = if e.tag.is_some_and(|t| t.contains(p)) {
            0.0
        } else {
            e.line.distance(p)
        };
        if d <= tolerance && best.is_none_or(|(b, _)| d <= b) {
            best = Some((d, &e.key));
        }
    }
    best.map(|(_, key)| key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::{in_port, out_port, reconnect_handle, Leaving};
    use crate::editor::path::Seg;
    use crate::editor::routing::route;

    fn straight(a: Point, b: Point) -> Path {
        Path {
            start: a,
            segs: vec![Seg::Line { to: b }],
        }
    }

    fn one(key: &str, line: &Path) -> DrawnEdge {
        DrawnEdge {
            key: key.into(),
            line: line.clone(),
            tag: None,
        }
    }

    #[test]
    fn a_press_on_a_line_or_near_it_hits_it_and_one_beyond_the_tolerance_misses() {
        let line = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let edges = [one("a:next", &line)];
        assert_eq!(
            edge_hit(Point::new(100.0, 0.0), &edges, 1.0),
            Some("a:next")
        );
        assert_eq!(
            edge_hit(Point::new(100.0, EDGE_HIT_PX - 0.5), &edges, 1.0),
            Some("a:next")
        );
        assert_eq!(
            edge_hit(Point::new(100.0, -(EDGE_HIT_PX + 0.5)), &edges, 1.0),
            None
        );
        assert_eq!(
            edge_hit(Point::new(200.0 + EDGE_HIT_PX + 0.5, 0.0), &edges, 1.0),
            None,
            "past its end"
        );
    }

    #[test]
    fn the_tolerance_is_pixels_on_screen_whatever_the_zoom() {
        let line = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let edges = [one("a:next", &line)];
        // 10 world units off the line: 20 px at 200 %, 5 px at 50 %.
        let off = Point::new(100.0, 10.0);
        assert_eq!(edge_hit(off, &edges, 2.0), None);
        assert_eq!(edge_hit(off, &edges, 0.5), Some("a:next"));
        assert_eq!(edge_hit(off, &edges, 1.0), None);
    }

    #[test]
    fn a_routed_line_is_hit_along_its_lane_and_at_its_bends_not_where_the_plain_curve_ran() {
        // A step in the way sends the edge round it on a lane.
        let (a, b, c) = (
            Point::new(0.0, 0.0),
            Point::new(300.0, 0.0),
            Point::new(600.0, 0.0),
        );
        let (from, to) = (out_port(a, 0, 1), in_port(c));
        let middle = crate::editor::geometry::node_rect(b);
        let r = route(from, to, Leaving::Right, &[middle]);
        let edges = [one("a:next", &r.path)];
        assert_eq!(r.path.segs.len(), 3, "out, along the lane, in");
        // On the lane, where the label sits.
        assert_eq!(edge_hit(r.label, &edges, 1.0), Some("a:next"));
        // At the bends: where the first curve meets the lane, and the lane the last.
        let Seg::Cubic { to: bend, .. } = r.path.segs[0] else {
            panic!("a curve out of the port")
        };
        assert_eq!(edge_hit(bend, &edges, 1.0), Some("a:next"));
        assert_eq!(
            edge_hit(bend.offset(-3.0, 3.0), &edges, 1.0),
            Some("a:next"),
            "inside the bend"
        );
        let Seg::Line { to: bend } = r.path.segs[1] else {
            panic!("a straight lane")
        };
        assert_eq!(edge_hit(bend, &edges, 1.0), Some("a:next"));
        // The straight way across, which the line no longer takes.
        assert_eq!(edge_hit(Point::new(450.0, from.y), &edges, 1.0), None);
        // Both ends.
        assert_eq!(edge_hit(from, &edges, 1.0), Some("a:next"));
        assert_eq!(edge_hit(to, &edges, 1.0), Some("a:next"));
    }

    #[test]
    fn of_two_crossing_lines_the_closer_wins_and_at_the_crossing_the_topmost() {
        let down = straight(Point::new(0.0, 0.0), Point::new(100.0, 100.0));
        let up = straight(Point::new(0.0, 100.0), Point::new(100.0, 0.0));
        let edges = [one("down", &down), one("up", &up)];
        assert_eq!(
            edge_hit(Point::new(50.0, 50.0), &edges, 1.0),
            Some("up"),
            "drawn last"
        );
        let flipped = [one("up", &up), one("down", &down)];
        assert_eq!(
            edge_hit(Point::new(50.0, 50.0), &flipped, 1.0),
            Some("down")
        );
        // Near the crossing, within both tolerances, nearer the `down` line.
        let p = Point::new(52.0, 50.5);
        assert!(down.distance(p) < up.distance(p));
        assert!(up.distance(p) <= EDGE_HIT_PX);
        assert_eq!(edge_hit(p, &edges, 1.0), Some("down"));
    }

    #[test]
    fn a_press_on_an_edge_s_word_hits_it_even_nearer_another_line() {
        let line = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let other = straight(Point::new(0.0, 12.0), Point::new(200.0, 12.0));
        let tag = Rect {
            x: 80.0,
            y: -9.0,
            w: 60.0,
            h: 18.0,
        };
        let with_word = [
            DrawnEdge {
                key: "a:yes".into(),
                line: line.clone(),
                tag: Some(tag),
            },
            one("b:next", &other),
        ];
        let without = [one("a:yes", &line), one("b:next", &other)];
        // On the word's lower edge: 8 from its own line, 4 from the other.
        let p = Point::new(130.0, 8.0);
        assert_eq!(edge_hit(p, &with_word, 1.0), Some("a:yes"));
        assert_eq!(edge_hit(p, &without, 1.0), Some("b:next"));
    }

    fn shape(id: &str, pos: Point) -> NodeShape<'_> {
        NodeShape {
            id,
            pos,
            ports: &[Port::Next],
            fail_port: false,
            start: false,
        }
    }

    #[test]
    fn a_step_drawn_over_an_edge_wins_and_the_edges_are_not_even_routed() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(600.0, 0.0));
        let line = route(out_port(a, 0, 1), in_port(b), Leaving::Right, &[]).path;
        let edges = || vec![one("a:next", &line)];
        let on_line = Point::new(300.0, out_port(a, 0, 1).y);
        assert!(line.distance(on_line) < 1.0);
        let apart = [shape("a", a), shape("b", b)];
        assert_eq!(
            press_hit(on_line, 1.0, &apart, None, edges),
            Hit::Edge("a:next".into())
        );
        // A step moved onto the line: the press is on the step.
        let over = Point::new(250.0, -10.0);
        let covered = [shape("a", a), shape("b", b), shape("c", over)];
        let hit = press_hit(on_line, 1.0, &covered, None, || {
            panic!("no edge is routed when a step is hit")
        });
        assert_eq!(
            hit,
            Hit::Node {
                id: "c".into(),
                pos: over
            }
        );
        // The target's left side, where the line arrives: the step's in port.
        assert_eq!(
            press_hit(in_port(b).offset(2.0, 0.0), 1.0, &apart, None, edges),
            Hit::Node {
                id: "b".into(),
                pos: b
            }
        );
        // Off everything.
        assert_eq!(
            press_hit(Point::new(300.0, 200.0), 1.0, &apart, None, edges),
            Hit::Background
        );
    }

    #[test]
    fn the_selected_edge_s_handle_is_over_its_line_and_starts_a_link_from_its_port() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(600.0, 0.0));
        let line = route(out_port(a, 0, 1), in_port(b), Leaving::Right, &[]).path;
        let nodes = [shape("a", a), shape("b", b)];
        let handle = Handle {
            node: "a".into(),
            port: Port::Next,
            end: in_port(b),
        };
        let at = reconnect_handle(in_port(b));
        assert_eq!(
            press_hit(at, 1.0, &nodes, Some(handle), || vec![one("a:next", &line)]),
            Hit::Port {
                node: "a".into(),
                port: Port::Next
            }
        );
        assert_eq!(
            press_hit(at, 1.0, &nodes, None, || vec![one("a:next", &line)]),
            Hit::Edge("a:next".into()),
            "no handle (not selected, or read-only): the line"
        );
    }

    #[test]
    fn no_edges_no_hit() {
        assert_eq!(edge_hit(Point::new(0.0, 0.0), &[], 1.0), None);
    }
}
