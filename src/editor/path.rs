//! An edge's line as segments: what the SVG path `d` is written from and
//! what a press is measured against, so the line drawn and the line hit
//! are one.

use super::geometry::Point;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    /// A straight run to `to`.
    Line { to: Point },
    /// A cubic curve to `to` through the controls `c1`, `c2`.
    Cubic { c1: Point, c2: Point, to: Point },
}

impl Seg {
    fn end(self) -> Point {
        match self {
            Seg::Line { to } | Seg::Cubic { to, .. } => to,
        }
    }
}

/// A line from `start` through its segments, each from where the last ended.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Path {
    pub start: Point,
    pub segs: Vec<Seg>,
}

impl Path {
    /// The SVG `d` attribute.
    pub fn d(&self) -> String {
        let mut d = format!("M{:.1} {:.1}", self.start.x, self.start.y);
        for seg in &self.segs {
            match seg {
                Seg::Line { to } => d.push_str(&format!("L{:.1} {:.1}", to.x, to.y)),
                Seg::Cubic { c1, c2, to } => d.push_str(&format!(
                    "C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
                    c1.x, c1.y, c2.x, c2.y, to.x, to.y
                )),
            }
        }
        d
    }

    /// The line as straight pieces: each curve flattened finely enough
    /// (a point every few world units) that a distance to it is off by
    /// well under a pixel.
    pub fn polyline(&self) -> Vec<Point> {
        let mut out = vec![self.start];
        let mut at = self.start;
        for seg in &self.segs {
            if let Seg::Cubic { c1, c2, to } = *seg {
                let hull = at.distance(c1) + c1.distance(c2) + c2.distance(to);
                let n = ((hull / 4.0).ceil() as usize).clamp(8, 256);
                out.extend((1..n).map(|i| cubic_at(at, c1, c2, to, i as f64 / n as f64)));
            }
            at = seg.end();
            out.push(at);
        }
        out
    }

    /// How far `p` is from the line.
    pub fn distance(&self, p: Point) -> f64 {
        let points = self.polyline();
        if points.len() == 1 {
            return p.distance(self.start);
        }
        points
            .windows(2)
            .map(|w| segment_distance(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min)
    }
}

/// The point at `t` of a cubic curve.
pub fn cubic_at(a: Point, c1: Point, c2: Point, b: Point, t: f64) -> Point {
    let u = 1.0 - t;
    let (k0, k1, k2, k3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        k0 * a.x + k1 * c1.x + k2 * c2.x + k3 * b.x,
        k0 * a.y + k1 * c1.y + k2 * c2.y + k3 * b.y,
    )
}

/// How far `p` is from the straight piece `a`–`b`.
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_piece_is_measured_square_to_it_and_from_its_ends() {
        let path = Path {
            start: Point::new(0.0, 0.0),
            segs: vec![Seg::Line {
                to: Point::new(100.0, 0.0),
            }],
        };
        assert_eq!(path.distance(Point::new(50.0, 3.0)), 3.0);
        assert_eq!(path.distance(Point::new(50.0, -8.0)), 8.0);
        assert_eq!(path.distance(Point::new(103.0, 4.0)), 5.0, "past the end");
        assert_eq!(path.d(), "M0.0 0.0L100.0 0.0");
    }

    #[test]
    fn a_curve_is_measured_along_the_curve_not_its_controls() {
        // An S: its controls stand far off the curve.
        let (a, c1, c2, b) = (
            Point::new(0.0, 0.0),
            Point::new(200.0, 0.0),
            Point::new(0.0, 100.0),
            Point::new(200.0, 100.0),
        );
        let path = Path {
            start: a,
            segs: vec![Seg::Cubic { c1, c2, to: b }],
        };
        for i in 0..=20 {
            let on = cubic_at(a, c1, c2, b, i as f64 / 20.0);
            assert!(path.distance(on) < 0.5, "{on:?} is on the curve");
        }
        assert!(path.distance(c1) > 40.0, "a control point is off the curve");
        assert_eq!(path.d(), "M0.0 0.0C200.0 0.0 0.0 100.0 200.0 100.0");
    }
}
