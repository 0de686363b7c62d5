//! Align and distribute the selected steps (as bpmn.io and n8n do). Every
//! card has the same size, so aligning centres or edges lines up their
//! places, and distributing evens the gaps between the outermost two.

use super::geometry::Point;
use crate::i18n::tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    Left,
    Centre,
    Right,
    Top,
    Middle,
    Bottom,
    Horizontally,
    Vertically,
}

impl Arrangement {
    pub const ALL: [Arrangement; 8] = [
        Arrangement::Left,
        Arrangement::Centre,
        Arrangement::Right,
        Arrangement::Top,
        Arrangement::Middle,
        Arrangement::Bottom,
        Arrangement::Horizontally,
        Arrangement::Vertically,
    ];

    /// The undo entry's label, and the button's name.
    pub fn label(self) -> &'static str {
        match self {
            Arrangement::Left => tr("Align left"),
            Arrangement::Centre => tr("Align centres"),
            Arrangement::Right => tr("Align right"),
            Arrangement::Top => tr("Align top"),
            Arrangement::Middle => tr("Align middles"),
            Arrangement::Bottom => tr("Align bottom"),
            Arrangement::Horizontally => tr("Distribute horizontally"),
            Arrangement::Vertically => tr("Distribute vertically"),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Arrangement::Left => "left",
            Arrangement::Centre => "centre",
            Arrangement::Right => "right",
            Arrangement::Top => "top",
            Arrangement::Middle => "middle",
            Arrangement::Bottom => "bottom",
            Arrangement::Horizontally => "horizontally",
            Arrangement::Vertically => "vertically",
        }
    }

    /// How many steps it needs to do anything.
    pub fn needs(self) -> usize {
        match self {
            Arrangement::Horizontally | Arrangement::Vertically => 3,
            _ => 2,
        }
    }
}

/// The new places of `places` (top left corners of equal-sized cards).
/// Aligning moves every card onto the line of the one furthest that way;
/// distributing keeps the outermost two and spaces the others evenly
/// between them, in the order they stand.
pub fn arrange(places: &[(String, Point)], how: Arrangement) -> Vec<(String, Point)> {
    if places.len() < how.needs() {
        return places.to_vec();
    }
    let xs = places.iter().map(|(_, p)| p.x);
    let ys = places.iter().map(|(_, p)| p.y);
    let (min_x, max_x) = (
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
    );
    let (min_y, max_y) = (
        ys.clone().fold(f64::INFINITY, f64::min),
        ys.fold(f64::NEG_INFINITY, f64::max),
    );
    let set = |f: &dyn Fn(Point) -> Point| -> Vec<(String, Point)> {
        places.iter().map(|(id, p)| (id.clone(), f(*p))).collect()
    };
    match how {
        Arrangement::Left => set(&|p| Point::new(min_x, p.y)),
        Arrangement::Right => set(&|p| Point::new(max_x, p.y)),
        Arrangement::Centre => set(&|p| Point::new(((min_x + max_x) / 2.0).round(), p.y)),
        Arrangement::Top => set(&|p| Point::new(p.x, min_y)),
        Arrangement::Bottom => set(&|p| Point::new(p.x, max_y)),
        Arrangement::Middle => set(&|p| Point::new(p.x, ((min_y + max_y) / 2.0).round())),
        Arrangement::Horizontally => spread(places, |p| p.x, |p, v| Point::new(v, p.y)),
        Arrangement::Vertically => spread(places, |p| p.y, |p, v| Point::new(p.x, v)),
    }
}

fn spread(
    places: &[(String, Point)],
    along: impl Fn(Point) -> f64,
    with: impl Fn(Point, f64) -> Point,
) -> Vec<(String, Point)> {
    let mut order: Vec<&(String, Point)> = places.iter().collect();
    order.sort_by(|a, b| {
        along(a.1)
            .total_cmp(&along(b.1))
            .then_with(|| a.0.cmp(&b.0))
    });
    let first = along(order[0].1);
    let last = along(order[order.len() - 1].1);
    let step = (last - first) / (order.len() - 1) as f64;
    order
        .iter()
        .enumerate()
        .map(|(i, (id, p))| (id.clone(), with(*p, (first + step * i as f64).round())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Vec<(String, Point)> {
        vec![
            ("a".into(), Point::new(0.0, 10.0)),
            ("b".into(), Point::new(400.0, 200.0)),
            ("c".into(), Point::new(100.0, 90.0)),
        ]
    }

    fn at(out: &[(String, Point)], id: &str) -> Point {
        out.iter().find(|(i, _)| i == id).unwrap().1
    }

    #[test]
    fn aligning_puts_every_card_on_the_outermost_line() {
        let left = arrange(&places(), Arrangement::Left);
        assert!(left.iter().all(|(_, p)| p.x == 0.0));
        assert_eq!(
            at(&left, "b").y,
            200.0,
            "aligning left leaves heights alone"
        );
        let bottom = arrange(&places(), Arrangement::Bottom);
        assert!(bottom.iter().all(|(_, p)| p.y == 200.0));
        let centre = arrange(&places(), Arrangement::Centre);
        assert!(centre.iter().all(|(_, p)| p.x == 200.0));
        let middle = arrange(&places(), Arrangement::Middle);
        assert!(middle.iter().all(|(_, p)| p.y == 105.0));
    }

    #[test]
    fn distributing_evens_the_gaps_between_the_outermost_two() {
        let out = arrange(&places(), Arrangement::Horizontally);
        assert_eq!(at(&out, "a").x, 0.0);
        assert_eq!(at(&out, "c").x, 200.0);
        assert_eq!(at(&out, "b").x, 400.0);
        let out = arrange(&places(), Arrangement::Vertically);
        assert_eq!(
            [at(&out, "a").y, at(&out, "c").y, at(&out, "b").y],
            [10.0, 105.0, 200.0]
        );
    }

    #[test]
    fn too_few_steps_change_nothing() {
        let two = &places()[..2];
        assert_eq!(arrange(two, Arrangement::Horizontally), two.to_vec());
        assert_eq!(arrange(&two[..1], Arrangement::Left), two[..1].to_vec());
    }
}
