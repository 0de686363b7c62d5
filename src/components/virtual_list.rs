//! A scrolling list that puts in the page only the rows in view and a
//! margin around them: rows have one fixed height, a spacer gives the list
//! its whole height, and scrolling picks the rows to render. Past what a
//! browser lets an element be tall, the scroll position is scaled.

use std::ops::Range;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Rows rendered above and below those in view.
const MARGIN: usize = 30;
/// The tallest spacer, in px (Chromium draws nothing past about 33 million).
const MAX_SPACER_PX: f64 = 8_000_000.0;

/// Which rows to render and where, for a scroll position.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub rows: Range<usize>,
    /// The top of the first row, in the spacer's px.
    pub top: f64,
    /// The spacer's height, px.
    pub height: f64,
}

/// The rows to render for `count` rows of `row_px`, a viewport of
/// `view_px` scrolled to `scroll_top`.
pub fn window(count: usize, row_px: f64, view_px: f64, scroll_top: f64) -> Window {
    let whole = count as f64 * row_px;
    let height = whole.min(MAX_SPACER_PX);
    // Virtual px per px scrolled: 1 unless the list is taller than the spacer.
    let ratio = if whole > height && height > view_px {
        (whole - view_px) / (height - view_px)
    } else {
        1.0
    };
    let scroll_top = scroll_top.clamp(0.0, (height - view_px).max(0.0));
    let virtual_top = scroll_top * ratio;
    let in_view = (view_px / row_px).ceil() as usize + 1;
    let first = ((virtual_top / row_px).floor() as usize).min(count);
    let start = first.saturating_sub(MARGIN);
    let end = (first + in_view + MARGIN).min(count);
    let top = scroll_top - (virtual_top - start as f64 * row_px);
    Window {
        rows: start..end,
        top: top.max(0.0),
        height,
    }
}

/// `render` gets the rows to show and returns them, each `row_px` tall.
#[component]
pub fn VirtualList(
    #[prop(into)] count: Signal<usize>,
    row_px: f64,
    /// The list's height in px when it has enough rows to fill it.
    view_px: f64,
    testid: &'static str,
    #[prop(optional)] class: &'static str,
    render: Callback<Range<usize>, AnyView>,
) -> impl IntoView {
    let scroll_top = RwSignal::new(0.0_f64);
    let win = Memo::new(move |_| window(count.get(), row_px, view_px, scroll_top.get()));
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            scroll_top.set(el.scroll_top() as f64);
        }
    };
    view! {
        <div
            class=format!("vlist {class}")
            style=format!("max-height:{view_px}px")
            data-testid=testid
            data-count=move || count.get().to_string()
            on:scroll=on_scroll
        >
            <div class="vlist-spacer" style=move || format!("height:{}px", win.with(|w| w.height))>
                <div class="vlist-rows" style=move || format!("transform:translateY({}px)", win.with(|w| w.top))>
                    {move || render.run(win.get().rows)}
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_renders_whole() {
        let w = window(10, 24.0, 420.0, 0.0);
        assert_eq!(w.rows, 0..10);
        assert_eq!(w.height, 240.0);
        assert_eq!(w.top, 0.0);
    }

    #[test]
    fn a_long_list_renders_the_rows_in_view_and_a_margin() {
        let w = window(1000, 24.0, 420.0, 24.0 * 500.0);
        assert_eq!(w.rows.start, 500 - MARGIN);
        assert!(w.rows.contains(&510) && w.rows.len() < 100);
        assert_eq!(w.top, (500 - MARGIN) as f64 * 24.0);
    }

    #[test]
    fn four_million_rows_scroll_to_the_last() {
        let n = 4_000_000;
        let w = window(n, 24.0, 420.0, f64::MAX);
        assert_eq!(w.height, MAX_SPACER_PX);
        assert_eq!(w.rows.end, n);
        // The last row ends at the bottom of the viewport.
        let bottom = w.top + (w.rows.len() as f64) * 24.0;
        assert!((bottom - MAX_SPACER_PX).abs() < 24.0, "{bottom}");
        let mid = window(n, 24.0, 420.0, MAX_SPACER_PX / 2.0);
        assert!(mid.rows.start.abs_diff(n / 2) < 100);
        assert!(
            mid.top <= MAX_SPACER_PX / 2.0
                && mid.top + mid.rows.len() as f64 * 24.0 >= MAX_SPACER_PX / 2.0 + 420.0
        );
    }
}
