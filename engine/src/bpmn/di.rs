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

/// The default place of the `index`-th step that has no `pos`.
pub fn default_pos(index: usize) -> (f64, f64) {
    (200.0 + 180.0 * index as f64, 100.0)
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

pub fn edge(flow: &str, from: Bounds, to: Bounds) -> Tag {
    let (a, b) = (from.right(), to.left());
    Tag::new("bpmndi:BPMNEdge")
        .attr("id", format!("{flow}_di"))
        .attr("bpmnElement", flow)
        .child(waypoint(a))
        .child(waypoint(b))
}

fn waypoint((x, y): (f64, f64)) -> Tag {
    Tag::new("di:waypoint").attr("x", num(x)).attr("y", num(y))
}

/// Shortest text that reads back as the same number.
pub fn num(v: f64) -> String {
    format!("{v}")
}
