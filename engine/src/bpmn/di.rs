//! Diagram interchange (BPMNDI): where each element is drawn. Steps sit at
//! their canvas `pos`; the rest is placed around them.

use super::xml::Tag;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Bounds {
    pub fn task(x: f64, y: f64) -> Bounds {
        Bounds {
            x,
            y,
            w: 100.0,
            h: 80.0,
        }
    }

    pub fn event(x: f64, y: f64) -> Bounds {
        Bounds {
            x,
            y,
            w: 36.0,
            h: 36.0,
        }
    }

    pub fn gateway(x: f64, y: f64) -> Bounds {
        Bounds {
            x,
            y,
            w: 50.0,
            h: 50.0,
        }
    }

    fn right(self) -> (f64, f64) {
        (self.x + self.w, self.y + self.h / 2.0)
    }

    fn left(self) -> (f64, f64) {
        (self.x, self.y + self.h / 2.0)
    }
}

/// Between the left edges of two steps laid out one after the other: the
/// canvas's auto-layout column (a 232-wide card and 80 between), so a file
/// without positions opens in bpmn.io spaced as the canvas draws it, with
/// room for the gateway after an approval.
const COLUMN: f64 = 312.0;

/// The default place of the `index`-th step that has no `pos`.
pub fn default_pos(index: usize) -> (f64, f64) {
    (200.0 + COLUMN * index as f64, 100.0)
}

pub fn shape(element: &str, b: Bounds) -> Tag {
    Tag::new("bpmndi:BPMNShape")
        .attr("id", format!("{element}_di"))
        .attr("bpmnElement", element)
        .child(bounds_tag(b))
}

fn bounds_tag(b: Bounds) -> Tag {
    Tag::new("dc:Bounds")
        .attr("x", num(b.x))
        .attr("y", num(b.y))
        .attr("width", num(b.w))
        .attr("height", num(b.h))
}

/// A flow drawn with right angles, as bpmn.io draws them: straight across
/// when the two are level, else across half way, up or down, and across;
/// a flow going back leaves to the right, passes under both and comes in
/// from the left.
pub fn edge(flow: &str, from: Bounds, to: Bounds) -> Tag {
    let mut tag = Tag::new("bpmndi:BPMNEdge")
        .attr("id", format!("{flow}_di"))
        .attr("bpmnElement", flow);
    for point in route(from, to) {
        tag = tag.child(waypoint(point));
    }
    tag
}

/// An edge through the given points (an association, drawn as placed).
pub fn polyline(element: &str, points: &[(f64, f64)]) -> Tag {
    let mut tag = Tag::new("bpmndi:BPMNEdge")
        .attr("id", format!("{element}_di"))
        .attr("bpmnElement", element);
    for point in points {
        tag = tag.child(waypoint(*point));
    }
    tag
}

fn route(from: Bounds, to: Bounds) -> Vec<(f64, f64)> {
    const OUT: f64 = 20.0;
    let (a, b) = (from.right(), to.left());
    if b.0 >= a.0 + 2.0 * OUT {
        if (a.1 - b.1).abs() < 0.5 {
            return vec![a, b];
        }
        let mid = (a.0 + b.0) / 2.0;
        return vec![a, (mid, a.1), (mid, b.1), b];
    }
    let under = (from.y + from.h).max(to.y + to.h) + 30.0;
    vec![
        a,
        (a.0 + OUT, a.1),
        (a.0 + OUT, under),
        (b.0 - OUT, under),
        (b.0 - OUT, b.1),
        b,
    ]
}

fn waypoint((x, y): (f64, f64)) -> Tag {
    Tag::new("di:waypoint").attr("x", num(x)).attr("y", num(y))
}

/// Shortest text that reads back as the same number.
pub fn num(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_are_drawn_with_right_angles() {
        let a = Bounds::task(0.0, 0.0);
        assert_eq!(
            route(a, Bounds::task(200.0, 0.0)),
            [(100.0, 40.0), (200.0, 40.0)]
        );
        assert_eq!(
            route(a, Bounds::event(200.0, 100.0)),
            [(100.0, 40.0), (150.0, 40.0), (150.0, 118.0), (200.0, 118.0)]
        );
        let back = route(Bounds::task(300.0, 0.0), a);
        assert_eq!(back.first(), Some(&(400.0, 40.0)));
        assert_eq!(back.last(), Some(&(0.0, 40.0)));
        assert!(back
            .windows(2)
            .all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1));
        assert!(back.iter().any(|p| p.1 > 80.0), "passes under both");
    }
}
