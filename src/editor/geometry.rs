//! Canvas geometry: world and screen coordinates, the viewport's pan and
//! zoom, snapping, node and port positions, edge curves and hit-testing.
//! Plain arithmetic, tested natively.

use flowlab_engine::edit::Port;

/// Node size in world units.
pub const NODE_W: f64 = 232.0;
pub const NODE_H: f64 = 72.0;
/// The grid nodes snap to.
pub const GRID: f64 = 16.0;
pub const MIN_ZOOM: f64 = 0.2;
pub const MAX_ZOOM: f64 = 2.5;
/// The smallest zoom fitting to the screen picks.
pub const FIT_MIN_ZOOM: f64 = 0.6;
/// Fitting a read-only view (run mode, a published version) may enlarge
/// it this far, for a room watching on a projector; an editable draft fits
/// at 100 % at most, the size it is edited at.
pub const FIT_MAX_ZOOM_READ_ONLY: f64 = 1.5;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn offset(self, dx: f64, dy: f64) -> Point {
        Point::new(self.x + dx, self.y + dy)
    }

    pub fn minus(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }

    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order.
    pub fn from_corners(a: Point, b: Point) -> Rect {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        }
    }

    pub fn right(self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(self) -> f64 {
        self.y + self.h
    }

    pub fn contains(self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    pub fn intersects(self, o: Rect) -> bool {
        self.x <= o.right() && o.x <= self.right() && self.y <= o.bottom() && o.y <= self.bottom()
    }

    pub fn union(self, o: Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }
}

/// Screen = world × zoom + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            x: 40.0,
            y: 40.0,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    pub fn to_world(self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.x) / self.zoom,
            (screen.y - self.y) / self.zoom,
        )
    }

    pub fn to_screen(self, world: Point) -> Point {
        Point::new(world.x * self.zoom + self.x, world.y * self.zoom + self.y)
    }

    pub fn panned(self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    /// Zooms by `factor` keeping the world point under `screen` in place.
    pub fn zoomed_at(self, screen: Point, factor: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let world = self.to_world(screen);
        Viewport {
            x: screen.x - world.x * zoom,
            y: screen.y - world.y * zoom,
            zoom,
        }
    }

    /// Shows all of `bounds` centred in a `width` × `height` screen, with
    /// `margin` pixels around, never zoomed in past `max_zoom`. Text stays readable:
    /// the zoom never goes below [`FIT_MIN_ZOOM`]; what does not fit then
    /// starts at the left (where the start step is) and is panned to.
    pub fn fitting(bounds: Rect, width: f64, height: f64, margin: f64, max_zoom: f64) -> Viewport {
        let avail_w = (width - 2.0 * margin).max(1.0);
        let avail_h = (height - 2.0 * margin).max(1.0);
        let zoom = (avail_w / bounds.w.max(1.0))
            .min(avail_h / bounds.h.max(1.0))
            .clamp(FIT_MIN_ZOOM, max_zoom.max(FIT_MIN_ZOOM));
        let place = |size: f64, start: f64, screen: f64| {
            if size * zoom <= screen - 2.0 * margin {
                (screen - size * zoom) / 2.0 - start * zoom
            } else {
                margin - start * zoom
            }
        };
        Viewport {
            x: place(bounds.w, bounds.x, width),
            y: place(bounds.h, bounds.y, height),
            zoom,
        }
    }

    /// The SVG `transform` of the world layer.
    pub fn transform(self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.x, self.y, self.zoom
        )
    }
}

pub fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

pub fn snap_point(p: Point) -> Point {
    Point::new(snap(p.x), snap(p.y))
}

pub fn node_rect(pos: Point) -> Rect {
    Rect {
        x: pos.x,
        y: pos.y,
        w: NODE_W,
        h: NODE_H,
    }
}

/// Where edges arrive: the middle of the left side.
pub fn in_port(pos: Point) -> Point {
    Point::new(pos.x, pos.y + NODE_H / 2.0)
}

/// Output `slot` of `count`, spread down the right side.
pub fn out_port(pos: Point, slot: usize, count: usize) -> Point {
    let step = NODE_H / (count as f64 + 1.0);
    Point::new(pos.x + NODE_W, pos.y + step * (slot as f64 + 1.0))
}

/// Where the `branch` fail action leaves: the middle of the bottom side.
pub fn fail_port(pos: Point) -> Point {
    Point::new(pos.x + NODE_W / 2.0, pos.y + NODE_H)
}

/// How an edge leaves its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    Right,
    Down,
}

/// A cubic curve from a port to a node's left side, as an SVG path. Edges
/// that go backwards swing out so they stay readable.
pub fn edge_path(from: Point, to: Point, leaving: Leaving) -> String {
    let (c1, c2) = edge_controls(from, to, leaving);
    format!(
        "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
        from.x, from.y, c1.x, c1.y, c2.x, c2.y, to.x, to.y
    )
}

/// The control points of an edge's plain curve.
pub fn edge_controls(from: Point, to: Point, leaving: Leaving) -> (Point, Point) {
    let dx = to.x - from.x;
    let reach = (dx.abs() / 2.0).max(48.0) + if dx < 0.0 { 60.0 } else { 0.0 };
    let c1 = match leaving {
        Leaving::Right => from.offset(reach, 0.0),
        Leaving::Down => from.offset(0.0, ((to.y - from.y).abs() / 2.0).max(60.0)),
    };
    (c1, to.offset(-reach, 0.0))
}

/// Where a selected edge's reconnect handle sits: on the curve just before
/// its arrow, clear of the target node (which is drawn over the edges).
pub fn reconnect_handle(to: Point) -> Point {
    to.offset(-18.0, 0.0)
}

/// The height of an edge's port word ("yes", "rejected") with its pill.
pub const TAG_H: f64 = 18.0;

/// How wide the pill of the port word `text` is drawn.
pub fn tag_width(text: &str) -> f64 {
    text.len() as f64 * 6.4 + 12.0
}

/// The pill `width` wide centred on `at`.
pub fn tag_rect(at: Point, width: f64) -> Rect {
    Rect {
        x: at.x - width / 2.0,
        y: at.y - TAG_H / 2.0,
        w: width,
        h: TAG_H,
    }
}

/// The curve's midpoint (t = ½), where its label sits.
pub fn edge_midpoint(from: Point, to: Point, leaving: Leaving) -> Point {
    edge_point(from, to, leaving, 0.5)
}

/// The point at `t` (0 = the port, 1 = the arrow) of the edge's curve.
pub fn edge_point(from: Point, to: Point, leaving: Leaving, t: f64) -> Point {
    let (c1, c2) = edge_controls(from, to, leaving);
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        a * from.x + b * c1.x + c * c2.x + d * to.x,
        a * from.y + b * c1.y + c * c2.y + d * to.y,
    )
}

/// The topmost node (the last drawn) under `p`.
pub fn node_at<'a>(p: Point, nodes: impl Iterator<Item = (&'a str, Point)>) -> Option<&'a str> {
    let mut found = None;
    for (id, pos) in nodes {
        if node_rect(pos).contains(p) {
            found = Some(id);
        }
    }
    found
}

/// Radius of an output port's hit circle, as drawn.
pub const PORT_HIT_R: f64 = 11.0;
/// Radius of the fail port's hit circle, as drawn.
pub const FAIL_PORT_HIT_R: f64 = 10.0;
/// Radius of the in port's dot, on the node's left side.
pub const IN_PORT_R: f64 = 4.5;
/// Radius of a selected edge's reconnect handle.
pub const HANDLE_R: f64 = 6.0;

/// The "Start" tag above the first step, relative to its node.
pub fn start_tag(pos: Point) -> Rect {
    Rect {
        x: pos.x - 2.0,
        y: pos.y - 22.0,
        w: 44.0,
        h: 17.0,
    }
}

/// A node as the canvas draws it, for hit-testing.
#[derive(Clone, Copy, Debug)]
pub struct NodeShape<'a> {
    pub id: &'a str,
    pub pos: Point,
    /// Its output ports, top to bottom.
    pub ports: &'a [Port],
    pub fail_port: bool,
    /// It carries the "Start" tag.
    pub start: bool,
}

/// What part of a node a point is on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeHit<'a> {
    Port(&'a str, Port),
    Body(&'a str),
}

/// The topmost node under `p` (the last drawn) and which part of it: a
/// port (drawn over its node) or the rest (frame, in port, Start tag).
pub fn node_hit<'a>(p: Point, nodes: &[NodeShape<'a>]) -> Option<NodeHit<'a>> {
    nodes.iter().rev().find_map(|n| {
        let count = n.ports.len();
        let port = n
            .ports
            .iter()
            .enumerate()
            .find(|(slot, _)| out_port(n.pos, *slot, count).distance(p) <= PORT_HIT_R)
            .map(|(_, port)| *port)
            .or_else(|| {
                (n.fail_port && fail_port(n.pos).distance(p) <= FAIL_PORT_HIT_R)
                    .then_some(Port::OnFailGoto)
            });
        if let Some(port) = port {
            return Some(NodeHit::Port(n.id, port));
        }
        let body = node_rect(n.pos).contains(p)
            || in_port(n.pos).distance(p) <= IN_PORT_R
            || (n.start && start_tag(n.pos).contains(p));
        body.then_some(NodeHit::Body(n.id))
    })
}

/// Whether `p` is on the reconnect handle of an edge that ends at `to`.
pub fn on_handle(p: Point, to: Point) -> bool {
    reconnect_handle(to).distance(p) <= HANDLE_R
}

/// The nodes a rubber band touches.
pub fn nodes_in<'a>(band: Rect, nodes: impl Iterator<Item = (&'a str, Point)>) -> Vec<&'a str> {
    nodes
        .filter(|(_, pos)| band.intersects(node_rect(*pos)))
        .map(|(id, _)| id)
        .collect()
}

/// The box around every node, if there is one.
pub fn bounds(positions: impl Iterator<Item = Point>) -> Option<Rect> {
    positions.map(node_rect).reduce(Rect::union)
}

/// Room right of a node for the word beside a free output port
/// ("approved", "rejected", "timeout"), in world units.
pub const PORT_LABEL_ROOM: f64 = 72.0;

/// What fitting the view must show: every node, and the words beside
/// their free ports, which stick out on the right.
pub fn content_bounds(positions: impl Iterator<Item = Point>) -> Option<Rect> {
    bounds(positions).map(|b| Rect {
        w: b.w + PORT_LABEL_ROOM,
        ..b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes<'a>(ports: &'a [Port]) -> Vec<NodeShape<'a>> {
        vec![
            NodeShape {
                id: "a",
                pos: Point::new(0.0, 0.0),
                ports,
                fail_port: true,
                start: true,
            },
            NodeShape {
                id: "b",
                pos: Point::new(220.0, 10.0),
                ports: &[],
                fail_port: false,
                start: false,
            },
        ]
    }

    #[test]
    fn a_point_hits_the_topmost_node_and_a_port_before_its_node() {
        let ports = [Port::Yes, Port::No];
        let nodes = shapes(&ports);
        // Output ports spread down the right side; their circles reach out.
        let second = out_port(Point::new(0.0, 0.0), 1, 2);
        assert_eq!(
            node_hit(second.offset(PORT_HIT_R - 1.0, 0.0), &nodes[..1]),
            Some(NodeHit::Port("a", Port::No))
        );
        assert_eq!(
            node_hit(
                fail_port(Point::new(0.0, 0.0)).offset(0.0, 9.0),
                &nodes[..1]
            ),
            Some(NodeHit::Port("a", Port::OnFailGoto))
        );
        // Inside both nodes: b is drawn last, so b, even over a's port.
        let first = out_port(Point::new(0.0, 0.0), 0, 2);
        assert_eq!(
            node_hit(first, &nodes[..1]),
            Some(NodeHit::Port("a", Port::Yes))
        );
        assert_eq!(node_hit(first, &nodes), Some(NodeHit::Body("b")));
        assert_eq!(
            node_hit(Point::new(50.0, 20.0), &nodes),
            Some(NodeHit::Body("a"))
        );
        // The in port and the Start tag stick out of the frame.
        assert_eq!(
            node_hit(Point::new(-4.0, NODE_H / 2.0), &nodes),
            Some(NodeHit::Body("a"))
        );
        assert_eq!(
            node_hit(Point::new(10.0, -15.0), &nodes),
            Some(NodeHit::Body("a"))
        );
        assert_eq!(
            node_hit(Point::new(250.0, 0.0), &nodes),
            None,
            "b has no Start tag"
        );
        // Outside everything.
        assert_eq!(node_hit(Point::new(-30.0, -30.0), &nodes), None);
        assert_eq!(
            node_hit(second.offset(PORT_HIT_R + 1.0, 0.0), &nodes[..1]),
            None
        );
    }

    #[test]
    fn the_reconnect_handle_is_hit_within_its_radius() {
        let to = in_port(Point::new(200.0, 0.0));
        let at = reconnect_handle(to);
        assert!(on_handle(at.offset(HANDLE_R - 0.5, 0.0), to));
        assert!(!on_handle(at.offset(0.0, HANDLE_R + 0.5), to));
    }

    #[test]
    fn screen_and_world_round_trip() {
        let v = Viewport {
            x: 100.0,
            y: -20.0,
            zoom: 1.5,
        };
        let p = Point::new(33.0, 47.0);
        let back = v.to_world(v.to_screen(p));
        assert!((back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let v = Viewport::default();
        let cursor = Point::new(300.0, 200.0);
        let before = v.to_world(cursor);
        let z = v.zoomed_at(cursor, 1.25);
        assert_eq!(z.zoom, 1.25);
        let after = z.to_world(cursor);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
    }

    #[test]
    fn zoom_is_clamped() {
        let v = Viewport::default().zoomed_at(Point::default(), 100.0);
        assert_eq!(v.zoom, MAX_ZOOM);
        let v = Viewport::default().zoomed_at(Point::default(), 0.0001);
        assert_eq!(v.zoom, MIN_ZOOM);
    }

    #[test]
    fn fitting_centres_the_bounds_and_never_zooms_past_its_maximum() {
        let b = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        let v = Viewport::fitting(b, 1000.0, 500.0, 20.0, 1.0);
        assert_eq!(v.zoom, 1.0);
        let centre = v.to_screen(Point::new(50.0, 25.0));
        assert_eq!(centre, Point::new(500.0, 250.0));
        let v = Viewport::fitting(b, 1000.0, 500.0, 20.0, FIT_MAX_ZOOM_READ_ONLY);
        assert_eq!(v.zoom, FIT_MAX_ZOOM_READ_ONLY);
        assert_eq!(
            v.to_screen(Point::new(50.0, 25.0)),
            Point::new(500.0, 250.0)
        );

        let wide = Rect { w: 1100.0, ..b };
        let v = Viewport::fitting(wide, 1000.0, 500.0, 20.0, FIT_MAX_ZOOM_READ_ONLY);
        assert!((v.zoom - 960.0 / 1100.0).abs() < 1e-9);
        assert!(v.to_screen(Point::new(0.0, 0.0)).x >= 19.9);
        assert!(v.to_screen(Point::new(1100.0, 0.0)).x <= 980.1);

        let huge = Rect { w: 8000.0, ..b };
        let v = Viewport::fitting(huge, 1000.0, 500.0, 20.0, 1.0);
        assert_eq!(v.zoom, FIT_MIN_ZOOM, "text stays readable");
        assert_eq!(
            v.to_screen(Point::new(0.0, 0.0)).x,
            20.0,
            "the start is in view"
        );
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(snap(7.0), 0.0);
        assert_eq!(snap(8.0), 16.0);
        assert_eq!(snap(-9.0), -16.0);
        assert_eq!(snap_point(Point::new(30.0, 41.0)), Point::new(32.0, 48.0));
    }

    #[test]
    fn ports_sit_on_the_node_sides() {
        let p = Point::new(10.0, 20.0);
        assert_eq!(in_port(p), Point::new(10.0, 20.0 + NODE_H / 2.0));
        let a = out_port(p, 0, 2);
        let b = out_port(p, 1, 2);
        assert_eq!(a.x, 10.0 + NODE_W);
        assert!(a.y < b.y && a.y > 20.0 && b.y < 20.0 + NODE_H);
        assert_eq!(out_port(p, 0, 1).y, in_port(p).y);
        assert_eq!(fail_port(p), Point::new(10.0 + NODE_W / 2.0, 20.0 + NODE_H));
    }

    #[test]
    fn edge_paths_start_and_end_at_the_ports() {
        let d = edge_path(
            Point::new(0.0, 0.0),
            Point::new(200.0, 50.0),
            Leaving::Right,
        );
        assert!(d.starts_with("M0.0 0.0C"), "{d}");
        assert!(d.ends_with("200.0 50.0"), "{d}");
        let mid = edge_midpoint(Point::new(0.0, 0.0), Point::new(200.0, 0.0), Leaving::Right);
        assert_eq!(mid, Point::new(100.0, 0.0));
    }

    #[test]
    fn hit_testing_finds_the_topmost_node_and_the_banded_ones() {
        let nodes = [
            ("a", Point::new(0.0, 0.0)),
            ("b", Point::new(100.0, 0.0)),
            ("c", Point::new(0.0, 400.0)),
        ];
        assert_eq!(
            node_at(Point::new(150.0, 10.0), nodes.iter().copied()),
            Some("b")
        );
        assert_eq!(
            node_at(Point::new(50.0, 10.0), nodes.iter().copied()),
            Some("a")
        );
        assert_eq!(
            node_at(Point::new(50.0, 300.0), nodes.iter().copied()),
            None
        );
        let band = Rect::from_corners(Point::new(-10.0, -10.0), Point::new(20.0, 20.0));
        assert_eq!(nodes_in(band, nodes.iter().copied()), ["a"]);
        let band = Rect::from_corners(Point::new(50.0, 500.0), Point::new(-5.0, 60.0));
        assert_eq!(nodes_in(band, nodes.iter().copied()), ["a", "c"]);
    }

    #[test]
    fn fitting_shows_the_words_beside_the_ports_of_the_rightmost_node() {
        let nodes = [Point::new(0.0, 0.0), Point::new(600.0, 80.0)];
        let b = content_bounds(nodes.into_iter()).unwrap();
        // "approved" at 10.5 px starts 10 units right of the port.
        let word_end = out_port(nodes[1], 0, 3).x + 10.0 + 8.0 * 6.5;
        assert!(b.x + b.w >= word_end, "{b:?} ends before {word_end}");
        let v = Viewport::fitting(b, 1000.0, 500.0, 56.0, 1.5);
        assert!(v.to_screen(Point::new(word_end, 0.0)).x <= 1000.0);
    }

    #[test]
    fn bounds_cover_every_node() {
        assert_eq!(bounds(std::iter::empty()), None);
        let b = bounds([Point::new(0.0, 0.0), Point::new(300.0, 100.0)].into_iter()).unwrap();
        assert_eq!(b.x, 0.0);
        assert_eq!(b.right(), 300.0 + NODE_W);
        assert_eq!(b.bottom(), 100.0 + NODE_H);
    }
}
