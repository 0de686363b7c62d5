//! One link on the canvas: a curve from a port to a node's left side, with
//! its port's label; a `branch` fail action is dashed. A selected edge
//! shows a handle at its end to drag it to another step.

use crate::i18n::tr;
use leptos::prelude::*;

use super::context::use_ed;
use super::geometry::{reconnect_handle, Point, HANDLE_R};
use super::graph::{port_key, port_label, Edge};
use super::routing::{edge_ends, leaving, route};
use super::run_context::use_run;
use super::run_model::tag_anchor;
use super::run_overlay::edge_run;

#[component]
pub fn EdgeView(edge: Edge) -> impl IntoView {
    let ed = use_ed();
    let key = edge.key();
    let ends = {
        let edge = edge.clone();
        Memo::new(move |_| edge_ends(ed, &edge))
    };
    let leaving = leaving(&edge);
    let run = edge_run(&edge);
    let route = {
        let (from, to) = (edge.from.clone(), edge.to.clone());
        Memo::new(move |_| {
            ends.get().map(|(a, b)| {
                let obstacles = ed.doc.obstacles(a, b, [&from, &to]);
                route(a, b, leaving, &obstacles)
            })
        })
    };
    let path = move || route.with(|r| r.as_ref().map(|r| r.path.clone()).unwrap_or_default());
    let selected = {
        let key = key.clone();
        Memo::new(move |_| {
            ed.view
                .selection
                .with(|s| s.edge.as_deref() == Some(key.as_str()))
        })
    };
    let label = port_label(edge.port);
    let fail = edge.is_fail();
    let mut class = String::from("edge");
    if edge.is_fail() {
        class.push_str(" edge--fail");
    }
    if edge.implicit {
        class.push_str(" edge--implicit");
    }
    let run_view = use_run();
    let label_view = label.map(|text| {
        let width = text.len() as f64 * 6.4 + 12.0;
        view! {
            <g class="edge-tag" data-testid="edge-tag" transform=move || {
                let m = route.with(|r| r.as_ref().map(|r| r.label)).unwrap_or_default();
                // Count badges stand above the nodes in run mode.
                let m = if run_view.active() {
                    let nodes: Vec<Point> = ed.doc.nodes.with(|n| n.list.iter().map(|v| v.pos).collect());
                    tag_anchor(m, width, 18.0, &nodes)
                } else {
                    m
                };
                format!("translate({:.1} {:.1})", m.x, m.y)
            }>
                <rect x=-width / 2.0 y="-9" width=width height="18" rx="9" />
                <text text-anchor="middle" y="4">{text}</text>
            </g>
        }
    });
    let handle = {
        let (from, port) = (edge.from.clone(), port_key(edge.port));
        move || {
            (selected.get() && !ed.readonly()).then(|| {
                let end = ends.get().map(|(_, b)| reconnect_handle(b)).unwrap_or_default();
                view! {
                    <circle class="edge-handle" data-edge-handle="" data-node-id=from.clone() data-port=port
                        data-testid="edge-handle" cx=end.x cy=end.y r=HANDLE_R>
                        <title>{tr("Drag to another step to reconnect")}</title>
                    </circle>
                }
            })
        }
    };
    view! {
        <g
            class=move || format!("{class}{}{}", if selected.get() { " edge--selected" } else { "" }, run.class())
            data-edge-key=key.clone()
            data-testid="edge"
            data-from=edge.from.clone()
            data-to=edge.to.clone()
            data-edge-port=port_key(edge.port)
            data-implicit=edge.implicit.to_string()
            data-run-count=move || run.count.get().map(|n| n.to_string())
        >
            <title>{match label { Some(l) => format!("{} → {} ({l})", edge.from, edge.to), None => format!("{} → {}", edge.from, edge.to) }}</title>
            <path class="edge-hit" d=path />
            <path class="edge-flow" d=path />
            <path class="edge-line" d=path marker-end=move || match (selected.get(), fail) {
                (true, _) => "url(#arrow-selected)",
                (false, true) => "url(#arrow-fail)",
                (false, false) => "url(#arrow)",
            } />
            {label_view}
            {handle}
        </g>
    }
}
