//! One link on the canvas: a curve from a port to a node's left side, with
//! its port's label; a `branch` fail action is dashed. A selected edge
//! shows a handle at its end to drag it to another step.

use crate::i18n::tr;
use leptos::prelude::*;

use super::context::use_ed;
use super::geometry::{reconnect_handle, tag_width, HANDLE_R, TAG_H};
use super::graph::{port_key, port_label, Edge};
use super::routing::{edge_ends, edge_route, edge_tag};
use super::run_context::use_run;
use super::run_overlay::edge_run;

#[component]
pub fn EdgeView(edge: Edge) -> impl IntoView {
    let ed = use_ed();
    let key = edge.key();
    let ends = {
        let edge = edge.clone();
        Memo::new(move |_| edge_ends(ed, &edge))
    };
    let run = edge_run(&edge);
    // The canvas hit-tests the same route (`hit.rs`).
    let route = {
        let edge = edge.clone();
        Memo::new(move |_| edge_route(ed, &edge))
    };
    let path =
        Memo::new(move |_| route.with(|r| r.as_ref().map(|r| r.path.d()).unwrap_or_default()));
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
        let width = tag_width(text);
        view! {
            <g class="edge-tag" data-testid="edge-tag" transform=move || {
                let label = route.with(|r| r.as_ref().map(|r| r.label)).unwrap_or_default();
                // Count badges stand above the nodes in run mode.
                let r = edge_tag(ed, label, width, run_view.active());
                format!("translate({:.1} {:.1})", r.x + width / 2.0, r.y + TAG_H / 2.0)
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
            <path class="edge-hit" d=move || path.get() />
            <path class="edge-flow" d=move || path.get() />
            <path class="edge-line" d=move || path.get() marker-end=move || match (selected.get(), fail) {
                (true, _) => "url(#arrow-selected)",
                (false, true) => "url(#arrow-fail)",
                (false, false) => "url(#arrow)",
            } />
            {label_view}
            {handle}
        </g>
    }
}
