//! One step on the canvas: a card with the kind's icon and colour, the
//! step's title and summary, its input port on the left, its output ports
//! on the right and, for steps whose fail action can branch, the fail port
//! at the bottom. Pointer input is handled by the canvas, which finds the
//! node and port from the `data-` attributes here.

use super::summary::kind_label;
use crate::i18n::tr;
use crate::t;
use flowlab_engine::validate::Severity;
use leptos::prelude::*;

use super::context::use_ed;
use super::geometry::{
    fail_port, out_port, start_tag, Point, FAIL_PORT_HIT_R, IN_PORT_R, NODE_H, NODE_W, PORT_HIT_R,
};
use super::graph::{port_key, port_label};
use super::run_context::use_run;
use super::run_overlay::{node_run, RunNodeMarks};
use super::state::NodeView;
use crate::components::icons::KindIcon;

/// What a screen reader hears of a step besides the words on its card (its
/// name, from the content, is the title and the summary): the kind, and a
/// problem.
fn spoken_extra(n: &NodeView) -> String {
    let mut s = t!(", {kind} step", kind = kind_label(n.kind).to_lowercase());
    match n.issue {
        Some(Severity::Error) => s.push_str(tr(", has an error")),
        Some(Severity::Warning) => s.push_str(tr(", has a warning")),
        None => {}
    }
    s.push_str(". ");
    s
}

#[component]
pub fn Node(id: String) -> impl IntoView {
    let ed = use_ed();
    let run = node_run(&id);
    let run_view = use_run();
    let node = {
        let id = id.clone();
        Memo::new(move |_| ed.doc.nodes.with(|n| n.get(&id).cloned()))
    };
    let pos = {
        let id = id.clone();
        Memo::new(move |_| ed.position(&id).unwrap_or_default())
    };
    let selected = {
        let id = id.clone();
        Memo::new(move |_| ed.view.selection.with(|s| s.steps.contains(&id)))
    };
    let linked = {
        let id = id.clone();
        Memo::new(move |_| {
            ed.doc.edges.with(|es| {
                es.iter()
                    .filter(|e| e.from == id)
                    .map(|e| e.port)
                    .collect::<Vec<_>>()
            })
        })
    };
    let step_kind = Memo::new(move |_| node.with(|n| n.as_ref().map(|n| n.kind)));
    let kind = move || node.with(|n| n.as_ref().map_or("action", |n| n.kind.as_str()));
    let class = move || {
        let mut c = format!("node kind--{}", kind());
        if selected.get() {
            c.push_str(" node--selected");
        }
        match node.with(|n| n.as_ref().and_then(|n| n.issue)) {
            Some(Severity::Error) => c.push_str(" node--error"),
            Some(Severity::Warning) => c.push_str(" node--warning"),
            None => {}
        }
        c
    };
    let issue = move || node.with(|n| n.as_ref().and_then(|n| n.issue));
    let tab_index = {
        let id = id.clone();
        move || {
            if ed.view.tab_stop.with(|t| t.as_deref() == Some(id.as_str())) {
                "0"
            } else {
                "-1"
            }
        }
    };
    let spoken = move || node.with(|n| n.as_ref().map(spoken_extra));
    let ports = move || {
        let Some(n) = node.get() else {
            return Vec::new().into_view();
        };
        let count = n.ports.len();
        let linked = linked.get();
        let mut out: Vec<AnyView> = n
            .ports
            .iter()
            .enumerate()
            .map(|(slot, port)| {
                let at = out_port(Default::default(), slot, count);
                let free = !linked.contains(port);
                // Nothing can be connected in run mode: a free port's word
                // would only lie across the edges leaving the node.
                let label = port_label(*port).filter(|_| free && !run_view.active());
                view! {
                    <g class="port port--out" aria-hidden="true" data-port=port_key(*port) data-node-id=n.id.clone()
                        data-testid=format!("port-{}-{}", n.id, port_key(*port))>
                        <title>{t!("Drag to connect ({port})", port = port_label(*port).unwrap_or(tr("next")))}</title>
                        <circle class="port-hit" cx=at.x cy=at.y r=PORT_HIT_R />
                        <circle class="port-dot" cx=at.x cy=at.y r="5" />
                        {label.map(|l| view! { <text class="port-label" data-testid="port-label" x=at.x + 10.0 y=at.y + 4.0>{l}</text> })}
                    </g>
                }
                .into_any()
            })
            .collect();
        if n.fail_port {
            let at = fail_port(Default::default());
            out.push(
                view! {
                    <g class="port port--fail" aria-hidden="true" data-port="fail" data-node-id=n.id.clone()
                        data-testid=format!("port-{}-fail", n.id)>
                        <title>{tr("Drag to a step to branch there when this step fails")}</title>
                        <circle class="port-hit" cx=at.x cy=at.y r=FAIL_PORT_HIT_R />
                        <circle class="port-dot" cx=at.x cy=at.y r="4.5" />
                    </g>
                }
                .into_any(),
            );
        }
        out.into_view()
    };
    view! {
        <g
            class=class
            data-node-id=id.clone()
            data-step-id=id.clone()
            data-testid="node"
            role="button"
            tabindex=tab_index
            data-kind=kind
            data-selected=move || selected.get().to_string()
            data-run-state=move || run.state()
            data-issue=move || match issue() { Some(Severity::Error) => "error", Some(Severity::Warning) => "warning", None => "" }
            transform=move || { let p = pos.get(); format!("translate({} {})", p.x, p.y) }
        >
            <RunNodeMarks run />
            <rect class="node-frame" width=NODE_W height=NODE_H rx="10" />
            <foreignObject width=NODE_W height=NODE_H>
                <div class="node-card">
                    <span class="node-icon">{move || step_kind.get().map(|kind| view! { <KindIcon kind /> })}</span>
                    <div class="node-text">
                        <div class="node-title" data-testid="node-title">{move || node.with(|n| n.as_ref().map(|n| n.title.clone()))}</div>
                        <div class="node-summary" data-testid="node-summary">{move || node.with(|n| n.as_ref().map(|n| n.summary.clone()))}</div>
                        <span class="visually-hidden">{spoken}</span>
                    </div>
                    <Show when=move || issue().is_some()>
                        <span class=move || format!("node-issue node-issue--{}", if issue() == Some(Severity::Error) { "error" } else { "warning" })
                            data-testid="node-issue"
                            title=move || if issue() == Some(Severity::Error) { tr("This step has an error: see Problems") } else { tr("This step has a warning: see Problems") }>
                            {move || if issue() == Some(Severity::Error) { "!" } else { "?" }}
                        </span>
                    </Show>
                </div>
            </foreignObject>
            <Show when=move || node.with(|n| n.as_ref().is_some_and(|n| n.start))>
                <g class="node-start" data-testid="node-start">
                    {let tag = start_tag(Point::default()); view! { <rect x=tag.x y=tag.y width=tag.w height=tag.h rx="8.5" /> }}
                    <text x="20" y="-10" text-anchor="middle">{tr("Start")}</text>
                </g>
            </Show>
            <circle class="port port--in" aria-hidden="true" cx="0" cy=NODE_H / 2.0 r=IN_PORT_R />
            {ports}
        </g>
    }
}
