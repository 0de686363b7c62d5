//! The canvas's viewport as the screen sees it: the canvas element's size,
//! fitting the drawing to it, and zooming about its centre.

use leptos::prelude::*;

use super::context::{Ed, EdView};
use super::geometry::{content_bounds, Point, Viewport, FIT_MAX_ZOOM_READ_ONLY};

/// The canvas's size on screen.
pub fn canvas_size() -> Option<(f64, f64)> {
    let el = document()
        .query_selector("[data-testid=canvas]")
        .ok()
        .flatten()?;
    let r = el.get_bounding_client_rect();
    Some((r.width(), r.height()))
}

/// Zooms to show every node (or resets when there is none).
pub fn fit(ed: Ed) {
    let Some((w, h)) = canvas_size() else {
        return;
    };
    let b = ed
        .doc
        .nodes
        .with_untracked(|n| content_bounds(n.list.iter().map(|v| v.pos)));
    ed.view.viewport.set(match b {
        Some(b) => {
            let read_only = ed.view.viewing.get_untracked().is_some();
            let max = if read_only {
                FIT_MAX_ZOOM_READ_ONLY
            } else {
                1.0
            };
            Viewport::fitting(b, w, h, 56.0, max)
        }
        None => Viewport::default(),
    });
}

/// Zooms about the canvas's centre.
pub fn zoom_by(view: EdView, factor: f64) {
    let (w, h) = canvas_size().unwrap_or((800.0, 600.0));
    view.viewport
        .update(|v| *v = v.zoomed_at(Point::new(w / 2.0, h / 2.0), factor));
}
