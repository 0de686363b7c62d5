//! A lifecycle drawn as SVG: states as boxes coloured by tone, arrows with
//! their bends, a live count on each state; optionally one state lit (where
//! an execution is now) and the path it took traced. With `on_pick`, each
//! state box is a button (the Lifecycle screen's state gallery). In
//! projector mode the boxes are taller, long state names take two lines and
//! the notes move under the drawing, so every word can be set at 18 px.

use flowlab_engine::machines::execution::Tone;
use leptos::prelude::*;

use crate::components::projector::projector_on;
use crate::i18n::{current, num, Lang};
use crate::run_view::lifecycle::{label_lines, Diagram, Edge, Node, Sizes};
use crate::t;

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

#[derive(Clone, Copy)]
struct Geometry {
    min_col: f32,
    min_row: f32,
    s: Sizes,
}

impl Geometry {
    fn center(&self, col: f32, row: f32) -> (f32, f32) {
        (
            PAD + (col - self.min_col) * self.s.col + self.s.box_w / 2.0,
            PAD + (row - self.min_row) * self.s.row + self.s.box_h / 2.0,
        )
    }

    /// Where the segment from a box's centre towards `towards` leaves the box.
    fn clip(&self, c: (f32, f32), towards: (f32, f32)) -> (f32, f32) {
        let (dx, dy) = (towards.0 - c.0, towards.1 - c.1);
        let tx = if dx.abs() > f32::EPSILON {
            (self.s.box_w / 2.0 + 3.0) / dx.abs()
        } else {
            f32::MAX
        };
        let ty = if dy.abs() > f32::EPSILON {
            (self.s.box_h / 2.0 + 3.0) / dy.abs()
        } else {
            f32::MAX
        };
        let t = tx.min(ty).min(1.0);
        (c.0 + dx * t, c.1 + dy * t)
    }
}

fn edge_points(g: &Geometry, d: &Diagram, e: &Edge) -> Option<Vec<(f32, f32)>> {
    let (a, b) = (d.node(e.from)?, d.node(e.to)?);
    let mut pts = vec![g.center(a.col, a.row)];
    pts.extend(e.via.iter().map(|(c, r)| g.center(*c, *r)));
    pts.push(g.center(b.col, b.row));
    let n = pts.len();
    pts[0] = g.clip(pts[0], pts[1]);
    pts[n - 1] = g.clip(pts[n - 1], pts[n - 2]);
    Some(pts)
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Warning => "warning",
        Tone::Bad => "bad",
    }
}

/// What joins a state's code to its note.
fn colon() -> &'static str {
    match current() {
        Lang::En => ": ",
        Lang::Fr => "\u{a0}: ",
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
    move || {
        let projector = projector_on();
        let sizes = if projector {
            Sizes::PROJECTOR
        } else {
            Sizes::NORMAL
        };
        drawing(
            diagram.clone(),
            highlight,
            title.clone(),
            sizes,
            projector,
            on_pick,
        )
    }
}

fn drawing(
    diagram: Diagram,
    highlight: Signal<Highlight>,
    title: String,
    s: Sizes,
    projector: bool,
    on_pick: Option<Callback<&'static str>>,
) -> impl IntoView {
    let (min_row, max_row) = diagram.rows();
    let (min_col, max_col) = diagram.cols();
    let g = Geometry {
        min_col,
        min_row,
        s,
    };
    // Notes sit under their box, or under the whole drawing in projector mode.
    let note_room = if projector { 0.0 } else { 18.0 };
    let width = PAD * 2.0 + (max_col - min_col) * s.col + s.box_w;
    let height = PAD * 2.0 + (max_row - min_row) * s.row + s.box_h + note_room;
    let marker = format!("lc-arrow-{}", diagram.name);
    let marker_on = format!("lc-arrow-on-{}", diagram.name);
    let on_path = move |from: &str, to: &str| {
        highlight.with(|h| {
            h.path
                .as_ref()
                .map(|p| p.iter().any(|(f, t)| f == from && t == to))
        })
    };
    let label_dy = if projector { 7.0 } else { 4.0 };
    let edge_view = {
        let (diagram, marker, marker_on) = (diagram.clone(), marker.clone(), marker_on.clone());
        move |e: &Edge, traced: bool| {
            let pts = edge_points(&g, &diagram, e)?;
            let d = pts
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { " L" }))
                .collect::<String>();
            let mid = pts.len() / 2;
            let (a, b) = (pts[mid - 1], pts[mid]);
            let (lx, ly) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            // Beside a vertical stretch (on the side it is bent to, so a
            // pair of arrows keeps its words apart), above any other; in
            // projector mode on the line itself, haloed, as the rows are close.
            let vertical = (a.0 - b.0).abs() < (a.1 - b.1).abs();
            let centre_x = diagram
                .node(e.from)
                .map_or(lx, |n| g.center(n.col, n.row).0);
            let (lx, ly, anchor) = if vertical && lx < centre_x - 1.0 {
                (lx - 7.0, ly + label_dy, "end")
            } else if vertical {
                (lx + 7.0, ly + label_dy, "start")
            } else if projector {
                (lx, ly + label_dy, "middle")
            } else {
                (lx, ly - 6.0, "middle")
            };
            let (from, to) = (e.from, e.to);
            let label = e.label;
            let command = e.command.then_some("no");
            let (m, m_on) = (marker.clone(), marker_on.clone());
            Some(view! {
                <g
                    class="lc-edge"
                    class:lc-edge--traced=traced
                    class:lc-edge--on=move || on_path(from, to) == Some(true)
                    class:lc-edge--off=move || on_path(from, to) == Some(false)
                    data-testid="lc-edge"
                    data-from=from
                    data-to=to
                    data-traced=traced.to_string()
                    data-on=move || (on_path(from, to) == Some(true)).to_string()
                >
                    <path d=d marker-end=move || format!("url(#{})", if on_path(from, to) == Some(true) { &m_on } else { &m }) />
                    {label.map(|l| view! { <text class="lc-edge-label" x=format!("{lx:.1}") y=format!("{ly:.1}") text-anchor=anchor translate=command data-testid="lc-edge-label">{l}</text> })}
                </g>
            })
        }
    };
    let edges = diagram
        .edges
        .iter()
        .filter_map(|e| edge_view(e, false))
        .collect_view();
    // Moves the path took that the diagram only names in a note.
    let traced = {
        let diagram = diagram.clone();
        move || {
            highlight.with(|h| {
                h.path
                    .iter()
                    .flatten()
                    .filter_map(|(f, t)| diagram.traced_edge(f, t, s))
                    .filter_map(|e| edge_view(&e, true))
                    .collect_view()
            })
        }
    };
    let (w, h) = (s.box_w, s.box_h);
    let count_font = if projector { 20.0 } else { 11.5 };
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
                .map(|(_, text)| *text)
                .filter(|_| !projector);
            let lines = label_lines(key, projector);
            let line_h = 22.0;
            let first = cy + label_dy - line_h * (lines.len() as f32 - 1.0) / 2.0;
            let label = lines
                .into_iter()
                .enumerate()
                .map(|(i, part)| view! { <tspan x=cx y=first + line_h * i as f32>{part}</tspan> })
                .collect_view();
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
                    // The state's code is in the title: no English detector
                    // can skip only that word of it.
                    <title translate="no">{if on_pick.is_some() { t!("{state}: show an example", state = key) } else { key.to_string() }}</title>
                    <rect class="lc-node-glow" x=cx - w / 2.0 - 5.0 y=cy - h / 2.0 - 5.0 width=w + 10.0 height=h + 10.0 rx="13" />
                    <rect class="lc-node-box" x=cx - w / 2.0 y=cy - h / 2.0 width=w height=h rx="9" />
                    <text class="lc-node-label" text-anchor="middle" translate="no">{label}</text>
                    {move || count().filter(|c| *c > 0).map(|c| {
                        let text = num(c);
                        let cw = count_font * 1.2 + count_font * 0.62 * text.chars().count() as f32;
                        let ch = count_font + 7.0;
                        view! {
                            <g class="lc-count" data-testid="lc-count">
                                <rect x=cx + w / 2.0 - cw + 6.0 y=cy - h / 2.0 - ch / 2.0 - 1.0 width=cw height=ch rx=ch / 2.0 />
                                <text x=cx + w / 2.0 - cw / 2.0 + 6.0 y=cy - h / 2.0 - 1.0 + count_font * 0.36 text-anchor="middle">{text}</text>
                            </g>
                        }
                    })}
                    {note.map(|t| view! { <text class="lc-note" data-testid="lc-note" x=cx y=cy + h / 2.0 + 14.0 text-anchor="middle">{t}</text> })}
                </g>
            }
        })
        .collect_view();
    let notes_below = projector.then(|| {
        view! {
            <ul class="lc-notes" data-testid="lc-notes">
                {diagram.notes.iter().map(|(k, t)| view! { <li><span class="lc-notes-state" translate="no">{*k}</span>{format!("{}{t}", colon())}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <svg
            class="lc-diagram"
            data-testid=format!("lc-diagram-{}", diagram.name)
            viewBox=format!("0 0 {width:.0} {height:.0}")
            width=projector.then(|| format!("{:.0}", width * Sizes::PROJECTOR_SCALE))
            role=if on_pick.is_some() { "group" } else { "img" }
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
            <g class="lc-edges">{edges}{traced}</g>
            <g class="lc-nodes">{nodes}</g>
        </svg>
        {notes_below}
    }
}
