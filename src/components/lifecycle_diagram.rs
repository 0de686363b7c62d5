//! A lifecycle drawn as SVG: states as boxes coloured by tone, arrows with
//! their bends, a live count on each state; optionally one state lit (where
//! an execution is now) and the path it took traced. With `on_pick`, each
//! state box is a button (the Lifecycle screen's state gallery).

use flowlab_engine::machines::execution::Tone;
use leptos::prelude::*;

use crate::run_view::lifecycle::{Diagram, Edge, Node};

const COL: f32 = 184.0;
const ROW: f32 = 86.0;
const W: f32 = 160.0;
const H: f32 = 42.0;
const PAD: f32 = 28.0;

/// What to light up on a diagram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight {
    /// Count per state key; states left out show no count.
    pub counts: Vec<(String, u64)>,
    pub lit: Option<String>,
    /// When set, states and arrows not on the path are dimmed.
    pub path: Option<Vec<(String, String)>>,
    pub visited: Vec<String>,
}

struct Geometry {
    min_col: f32,
    min_row: f32,
}

impl Geometry {
    fn center(&self, col: f32, row: f32) -> (f32, f32) {
        (
            PAD + (col - self.min_col) * COL + W / 2.0,
            PAD + (row - self.min_row) * ROW + H / 2.0,
        )
    }
}

/// Where the segment from a box's centre towards `towards` leaves the box.
fn clip(c: (f32, f32), towards: (f32, f32)) -> (f32, f32) {
    let (dx, dy) = (towards.0 - c.0, towards.1 - c.1);
    let tx = if dx.abs() > f32::EPSILON {
        (W / 2.0 + 3.0) / dx.abs()
    } else {
        f32::MAX
    };
    let ty = if dy.abs() > f32::EPSILON {
        (H / 2.0 + 3.0) / dy.abs()
    } else {
        f32::MAX
    };
    let t = tx.min(ty).min(1.0);
    (c.0 + dx * t, c.1 + dy * t)
}

fn edge_points(g: &Geometry, d: &Diagram, e: &Edge) -> Option<Vec<(f32, f32)>> {
    let (a, b) = (d.node(e.from)?, d.node(e.to)?);
    let mut pts = vec![g.center(a.col, a.row)];
    pts.extend(e.via.iter().map(|(c, r)| g.center(*c, *r)));
    pts.push(g.center(b.col, b.row));
    let n = pts.len();
    pts[0] = clip(pts[0], pts[1]);
    pts[n - 1] = clip(pts[n - 1], pts[n - 2]);
    Some(pts)
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Warning => "warning",
        Tone::Bad => "bad",
    }
}

#[component]
pub fn LifecycleDiagram(
    diagram: Diagram,
    #[prop(into)] highlight: Signal<Highlight>,
    #[prop(into)] title: String,
    /// Called with a state's key when its box is clicked (or Enter/Space).
    #[prop(optional)]
    on_pick: Option<Callback<&'static str>>,
) -> impl IntoView {
    let (min_row, max_row) = diagram.rows();
    let (min_col, max_col) = diagram.cols();
    let g = Geometry { min_col, min_row };
    let width = PAD * 2.0 + (max_col - min_col) * COL + W;
    let height = PAD * 2.0 + (max_row - min_row) * ROW + H + 18.0;
    let marker = format!("lc-arrow-{}", diagram.name);
    let marker_on = format!("lc-arrow-on-{}", diagram.name);
    let on_path = move |from: &str, to: &str| {
        highlight.with(|h| {
            h.path
                .as_ref()
                .map(|p| p.iter().any(|(f, t)| f == from && t == to))
        })
    };
    let edges = diagram
        .edges
        .iter()
        .filter_map(|e| {
            let pts = edge_points(&g, &diagram, e)?;
            let d = pts
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { " L" }))
                .collect::<String>();
            let mid = pts.len() / 2;
            let (a, b) = (pts[mid - 1], pts[mid]);
            let (lx, ly) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            // Beside a vertical stretch, above any other.
            let vertical = (a.0 - b.0).abs() < (a.1 - b.1).abs();
            let (lx, ly, anchor) = if vertical { (lx + 7.0, ly + 4.0, "start") } else { (lx, ly - 6.0, "middle") };
            let (from, to) = (e.from, e.to);
            let label = e.label;
            let (m, m_on) = (marker.clone(), marker_on.clone());
            Some(view! {
                <g
                    class="lc-edge"
                    class:lc-edge--on=move || on_path(from, to) == Some(true)
                    class:lc-edge--off=move || on_path(from, to) == Some(false)
                    data-testid="lc-edge"
                    data-from=from
                    data-to=to
                >
                    <path d=d marker-end=move || format!("url(#{})", if on_path(from, to) == Some(true) { &m_on } else { &m }) />
                    {label.map(|l| view! { <text class="lc-edge-label" x=format!("{lx:.1}") y=format!("{ly:.1}") text-anchor=anchor>{l}</text> })}
                </g>
            })
        })
        .collect_view();
    let nodes = diagram
        .nodes
        .iter()
        .map(|n: &Node| {
            let (cx, cy) = g.center(n.col, n.row);
            let key = n.key;
            let count = move || {
                highlight.with(|h| h.counts.iter().find(|(k, _)| k == key).map(|(_, c)| *c))
            };
            let lit = move || highlight.with(|h| h.lit.as_deref() == Some(key));
            let dim = move || {
                highlight.with(|h| h.path.is_some() && !h.visited.iter().any(|v| v == key))
            };
            let note = diagram
                .notes
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, text)| *text);
            let pick = move || {
                if let Some(cb) = on_pick {
                    cb.run(key);
                }
            };
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                if on_pick.is_some() && (ev.key() == "Enter" || ev.key() == " ") {
                    ev.prevent_default();
                    pick();
                }
            };
            view! {
                <g
                    class=format!("lc-node lc-tone--{}", tone_class(n.tone))
                    class:lc-node--pick=on_pick.is_some()
                    role=on_pick.map(|_| "button")
                    tabindex=on_pick.map(|_| "0")
                    aria-label=on_pick.map(|_| format!("Show an example of {key}"))
                    on:click=move |_| pick()
                    on:keydown=on_key
                    class:lc-node--lit=lit
                    class:lc-node--dim=dim
                    class:lc-node--busy=move || count().is_some_and(|c| c > 0)
                    data-testid="lc-node"
                    data-state=key
                    data-lit=move || lit().to_string()
                    data-count=move || count().map(|c| c.to_string()).unwrap_or_default()
                >
                    <title>{key}</title>
                    <rect class="lc-node-glow" x=cx - W / 2.0 - 5.0 y=cy - H / 2.0 - 5.0 width=W + 10.0 height=H + 10.0 rx="13" />
                    <rect class="lc-node-box" x=cx - W / 2.0 y=cy - H / 2.0 width=W height=H rx="9" />
                    <text class="lc-node-label" x=cx y=cy + 4.0 text-anchor="middle">{key}</text>
                    {move || count().filter(|c| *c > 0).map(|c| {
                        let text = c.to_string();
                        let w = 14.0 + 7.0 * text.len() as f32;
                        view! {
                            <g class="lc-count" data-testid="lc-count">
                                <rect x=cx + W / 2.0 - w + 6.0 y=cy - H / 2.0 - 10.0 width=w height="18" rx="9" />
                                <text x=cx + W / 2.0 - w / 2.0 + 6.0 y=cy - H / 2.0 + 3.0 text-anchor="middle">{text}</text>
                            </g>
                        }
                    })}
                    {note.map(|t| view! { <text class="lc-note" x=cx y=cy + H / 2.0 + 14.0 text-anchor="middle">{t}</text> })}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="lc-diagram"
            data-testid=format!("lc-diagram-{}", diagram.name)
            viewBox=format!("0 0 {width:.0} {height:.0}")
            role="img"
            aria-label=title
            preserveAspectRatio="xMidYMid meet"
        >
            <defs>
                <marker id=marker.clone() viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                    <path class="lc-arrow" d="M0 0 L10 5 L0 10 z" />
                </marker>
                <marker id=marker_on.clone() viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                    <path class="lc-arrow lc-arrow--on" d="M0 0 L10 5 L0 10 z" />
                </marker>
            </defs>
            <g class="lc-edges">{edges}</g>
            <g class="lc-nodes">{nodes}</g>
        </svg>
    }
}
