//! Moving the selection between steps with the arrow keys. The move is
//! spatial: an arrow goes to the nearest step whose centre lies on that
//! side, favouring steps in line with the current one, so that on the
//! left-to-right layouts Right is the next step and Left the previous.

use super::geometry::{Point, Viewport, NODE_H, NODE_W};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    /// `key` as `KeyboardEvent.key`.
    pub fn from_key(key: &str) -> Option<Direction> {
        Some(match key {
            "ArrowLeft" => Direction::Left,
            "ArrowRight" => Direction::Right,
            "ArrowUp" => Direction::Up,
            "ArrowDown" => Direction::Down,
            _ => return None,
        })
    }
}

fn centre(p: Point) -> Point {
    Point::new(p.x + NODE_W / 2.0, p.y + NODE_H / 2.0)
}

/// The step an arrow moves to from `from`, among `steps` (id and top-left
/// corner); `None` when nothing lies that way.
pub fn neighbour<'a>(
    steps: impl IntoIterator<Item = (&'a str, Point)>,
    from: Point,
    dir: Direction,
) -> Option<&'a str> {
    let c = centre(from);
    let mut best: Option<(f64, &str)> = None;
    for (id, p) in steps {
        let o = centre(p);
        let (dx, dy) = (o.x - c.x, o.y - c.y);
        // Along the arrow, and across it.
        let (along, across) = match dir {
            Direction::Right => (dx, dy),
            Direction::Left => (-dx, dy),
            Direction::Down => (dy, dx),
            Direction::Up => (-dy, dx),
        };
        if along <= 1.0 {
            continue;
        }
        let score = along + 2.0 * across.abs();
        if best.is_none_or(|(s, b)| score < s || (score == s && id < b)) {
            best = Some((score, id));
        }
    }
    best.map(|(_, id)| id)
}

/// The step the canvas's single tab stop sits on: the selected one, else
/// the start step, else the first.
pub fn tab_stop<'a>(
    selected: Option<&'a str>,
    start: Option<&'a str>,
    first: Option<&'a str>,
) -> Option<&'a str> {
    selected.or(start).or(first)
}

/// The viewport panned just enough that the step at `pos` is whole on a
/// canvas of `width` × `height`, with a margin; unchanged when it is.
pub fn brought_into_view(view: Viewport, pos: Point, width: f64, height: f64) -> Viewport {
    const MARGIN: f64 = 24.0;
    let a = view.to_screen(pos);
    let b = view.to_screen(Point::new(pos.x + NODE_W, pos.y + NODE_H));
    let shift = |lo: f64, hi: f64, size: f64| {
        if hi > size - MARGIN {
            (size - MARGIN - hi).max(MARGIN - lo)
        } else if lo < MARGIN {
            MARGIN - lo
        } else {
            0.0
        }
    };
    view.panned(shift(a.x, b.x, width), shift(a.y, b.y, height))
}

#[cfg(test)]
mod tests {
    use super::Direction::*;
    use super::*;

    fn grid() -> Vec<(&'static str, Point)> {
        // a → b → c on a row, with y below b (a branch).
        vec![
            ("a", Point::new(0.0, 0.0)),
            ("b", Point::new(300.0, 0.0)),
            ("c", Point::new(600.0, 10.0)),
            ("y", Point::new(300.0, 200.0)),
        ]
    }

    #[test]
    fn right_and_left_follow_the_row() {
        let g = grid();
        assert_eq!(neighbour(g.clone(), g[0].1, Right), Some("b"));
        assert_eq!(neighbour(g.clone(), g[1].1, Right), Some("c"));
        assert_eq!(neighbour(g.clone(), g[2].1, Left), Some("b"));
        assert_eq!(neighbour(g.clone(), g[0].1, Left), None);
    }

    #[test]
    fn up_and_down_reach_a_branch() {
        let g = grid();
        assert_eq!(neighbour(g.clone(), g[1].1, Down), Some("y"));
        assert_eq!(neighbour(g.clone(), g[3].1, Up), Some("b"));
        assert_eq!(neighbour(g.clone(), g[1].1, Up), None);
    }

    #[test]
    fn a_step_off_the_canvas_is_brought_into_view() {
        let view = Viewport::default();
        let inside = Point::new(100.0, 100.0);
        assert_eq!(brought_into_view(view, inside, 800.0, 600.0), view);
        let right = brought_into_view(view, Point::new(700.0, 100.0), 800.0, 600.0);
        let b = right.to_screen(Point::new(700.0 + NODE_W, 100.0));
        assert!(b.x <= 800.0 - 24.0 + 1e-9 && right.y == view.y);
        let above = brought_into_view(view, Point::new(100.0, -300.0), 800.0, 600.0);
        assert_eq!(above.to_screen(Point::new(100.0, -300.0)).y, 24.0);
    }

    #[test]
    fn the_tab_stop_prefers_the_selection_then_the_start() {
        assert_eq!(tab_stop(Some("b"), Some("a"), Some("c")), Some("b"));
        assert_eq!(tab_stop(None, Some("a"), Some("c")), Some("a"));
        assert_eq!(tab_stop(None, None, Some("c")), Some("c"));
    }
}
