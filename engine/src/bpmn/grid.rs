//! A diagram drawn in another BPMN tool, placed on Flowlab's canvas. Its
//! tasks are 100 wide and its events 36, where every step on the canvas is
//! a 232-wide card: kept as drawn, the cards overlap. Then (and only then:
//! a diagram that Flowlab wrote keeps its places) the steps keep their
//! columns and rows as drawn (centres that nearly line up share one) and
//! move onto the canvas's auto-layout spacing.

use std::collections::HashMap;
use std::hash::Hash;

/// A step's card on the canvas.
const CARD: (f64, f64) = (232.0, 72.0);

/// Whether two steps' cards, put where their shapes' top left corners are,
/// would overlap.
pub fn cards_overlap<K>(corners: &[(K, (f64, f64))]) -> bool {
    let mut sorted: Vec<(f64, f64)> = corners.iter().map(|(_, c)| *c).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    sorted.iter().enumerate().any(|(i, a)| {
        sorted[i + 1..]
            .iter()
            .take_while(|b| b.0 - a.0 < CARD.0)
            .any(|b| (b.1 - a.1).abs() < CARD.1)
    })
}

/// Between the left edges of two columns (a 232-wide card and 80 between).
const COLUMN: f64 = 312.0;
/// Between the top edges of two rows (a 72-high card and 48 between).
const ROW: f64 = 120.0;
/// Centres closer than this share a column.
const SAME_COLUMN: f64 = 40.0;
/// Centres closer than this share a row.
const SAME_ROW: f64 = 30.0;

/// Each step's place on the canvas, from its shape's centre as drawn; the
/// first column and row stay where the drawing puts them.
pub fn onto_canvas<K: Copy + Eq + Hash>(centres: &[(K, (f64, f64))]) -> HashMap<K, (f64, f64)> {
    let xs = bands(centres.iter().map(|(_, c)| c.0), SAME_COLUMN);
    let ys = bands(centres.iter().map(|(_, c)| c.1), SAME_ROW);
    let (Some(x0), Some(y0)) = (xs.first(), ys.first()) else {
        return HashMap::new();
    };
    let (left, top) = (x0.max(0.0), y0.max(0.0));
    centres
        .iter()
        .map(|&(k, (x, y))| {
            let column = band_of(&xs, x);
            let row = band_of(&ys, y);
            (k, (left + COLUMN * column as f64, top + ROW * row as f64))
        })
        .collect()
}

/// The start of each band of sorted values, a new band where a value is
/// more than `gap` past the one before it.
fn bands(values: impl Iterator<Item = f64>, gap: f64) -> Vec<f64> {
    let mut v: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mut starts: Vec<f64> = Vec::new();
    let mut last = f64::NEG_INFINITY;
    for x in v {
        if x - last > gap {
            starts.push(x);
        }
        last = x;
    }
    starts
}

fn band_of(starts: &[f64], value: f64) -> usize {
    starts.partition_point(|s| *s <= value).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_drawn_tight_is_spread_one_column_apart() {
        // An event (centre 268) then tasks 100 wide, 150 apart, as bpmn.io draws them.
        let placed = onto_canvas(&[
            ("start", (268.0, 120.0)),
            ("a", (370.0, 120.0)),
            ("b", (520.0, 118.0)),
        ]);
        assert_eq!(placed["start"].1, placed["a"].1);
        assert_eq!(placed["a"].1, placed["b"].1);
        assert_eq!(placed["a"].0 - placed["start"].0, COLUMN);
        assert_eq!(placed["b"].0 - placed["a"].0, COLUMN);
    }

    #[test]
    fn branches_keep_their_rows_and_shared_columns() {
        let placed = onto_canvas(&[
            ("gate", (400.0, 200.0)),
            ("yes", (550.0, 100.0)),
            ("no", (555.0, 300.0)),
        ]);
        assert_eq!(placed["yes"].0, placed["no"].0);
        assert!(placed["yes"].1 < placed["gate"].1 && placed["gate"].1 < placed["no"].1);
        assert_eq!(placed["no"].1 - placed["yes"].1, 2.0 * ROW);
    }

    #[test]
    fn cards_overlap_only_when_closer_than_a_card() {
        assert!(cards_overlap(&[("a", (0.0, 0.0)), ("b", (150.0, 10.0))]));
        assert!(!cards_overlap(&[("a", (0.0, 0.0)), ("b", (312.0, 0.0))]));
        assert!(!cards_overlap(&[("a", (0.0, 0.0)), ("b", (100.0, 120.0))]));
        assert!(!cards_overlap::<&str>(&[]));
    }

    #[test]
    fn no_steps_no_places() {
        assert!(onto_canvas::<&str>(&[]).is_empty());
    }
}
