//! What run mode draws over the canvas: a ring round executed steps, a
//! blinking halo round steps with executions at them now, count badges by
//! status, and on each traversed edge its `N - Ok` label, in a layer above
//! the nodes so that none hides it. Nothing here in design mode.

use leptos::prelude::*;

use super::context::{use_ed, use_ed_doc};
use super::geometry::{Point, NODE_H, NODE_W};
use super::graph::{port_key, port_label, Edge};
use super::routing::edge_route;
use super::run_context::use_run;
use super::run_model::{badges, label_anchor, label_width, NodeRunState};
use crate::run_view::steps::StepView;
use crate::t;

/// The run label's font metrics, in world units (see `run-mode.css`).
const LABEL_CHAR_W: f64 = 9.6;
const LABEL_PAD: f64 = 10.0;
const LABEL_H: f64 = 28.0;
const LABEL_H_WITH_PORT: f64 = 42.0;

/// One node's step in run mode: `None` in design mode.
#[derive(Clone, Copy)]
pub struct NodeRun {
    step: Memo<Option<Option<StepView>>>,
}

pub fn node_run(id: &str) -> NodeRun {
    let run = use_run();
    let id = id.to_string();
    NodeRun {
        step: Memo::new(move |_| run.steps.with(|r| r.as_ref().map(|r| r.step(&id).cloned()))),
    }
}

impl NodeRun {
    /// `idle`, `executed` or `current` in run mode, else nothing.
    pub fn state(&self) -> Option<&'static str> {
        self.step
            .with(|s| s.as_ref().map(|s| NodeRunState::of(s.as_ref()).as_str()))
    }
}

/// Drawn before the node's frame: the ring or halo behind it, and the
/// count badges above it.
#[component]
pub fn RunNodeMarks(run: NodeRun) -> impl IntoView {
    let ring = move || {
        run.state()
            .filter(|s| *s != NodeRunState::Idle.as_str())
            .map(|s| {
                view! {
                    <rect class=format!("run-ring run-ring--{s}") data-testid="node-run-ring" data-run-state=s
                        x="-9" y="-9" width=NODE_W + 18.0 height=NODE_H + 18.0 rx="18" />
                }
            })
    };
    let badge_row = move || {
        let list = run.step.with(|s| s.as_ref()?.as_ref().map(badges))?;
        (!list.is_empty()).then(|| {
            view! {
                <foreignObject class="run-badges-box" x="40" y="-62" width=NODE_W - 40.0 + 24.0 height="52">
                    <div class="run-badges" data-testid="node-run-badges">
                        {list.into_iter().map(|b| view! {
                            <span class=format!("run-badge run-badge--{}", b.status.as_str())
                                data-testid="node-count" data-status=b.status.as_str() data-count=b.count
                                title=b.title>
                                {b.text}
                            </span>
                        }).collect_view()}
                    </div>
                </foreignObject>
            }
        })
    };
    view! {
        {ring}
        {badge_row}
    }
}

/// An edge's traversals in run mode: `None` in design mode.
#[derive(Clone, Copy)]
pub struct EdgeRun {
    pub count: Memo<Option<u64>>,
}

pub fn edge_run(edge: &Edge) -> EdgeRun {
    let run = use_run();
    let (from, port, to) = (edge.from.clone(), edge.port, edge.to.clone());
    EdgeRun {
        count: Memo::new(move |_| {
            run.steps.with(|r| {
                r.as_ref()
                    .map(|r| r.edge(&from, port, &to).map_or(0, |e| e.count))
            })
        }),
    }
}

impl EdgeRun {
    /// The edge's extra class: traversed (thick) or unused (dimmed).
    pub fn class(&self) -> &'static str {
        match self.count.get() {
            None => "",
            Some(0) => " edge--unused",
            Some(_) => " edge--traversed",
        }
    }
}

/// Every traversed edge's label, drawn above the nodes.
#[component]
pub fn RunEdgeLabels() -> impl IntoView {
    let doc = use_ed_doc();
    let run = use_run();
    view! {
        <Show when=move || run.active()>
            <g class="run-labels" data-testid="run-labels">
                <For
                    each=move || doc.edges.get()
                    key=|e| format!("{}>{}", e.key(), e.to)
                    children=move |edge| view! { <RunEdgeLabel edge /> }
                />
            </g>
        </Show>
    }
}

#[component]
fn RunEdgeLabel(edge: Edge) -> impl IntoView {
    let ed = use_ed();
    let run = use_run();
    let count = edge_run(&edge).count;
    let text = {
        let edge = edge.clone();
        Memo::new(move |_| {
            count.get().filter(|n| *n > 0)?;
            run.steps.with(|r| {
                r.as_ref()?
                    .edge(&edge.from, edge.port, &edge.to)
                    .map(|e| e.label())
            })
        })
    };
    let word = port_label(edge.port);
    let height = if word.is_some() {
        LABEL_H_WITH_PORT
    } else {
        LABEL_H
    };
    let width = move || {
        let chars = text.with(|t| t.as_ref().map_or(0, String::len));
        label_width(chars.max(word.map_or(0, str::len)), LABEL_CHAR_W, LABEL_PAD)
    };
    let anchor = {
        let edge = edge.clone();
        Memo::new(move |_| {
            let mid = edge_route(ed, &edge)?.label;
            let nodes: Vec<Point> = ed
                .doc
                .nodes
                .with(|n| n.list.iter().map(|v| v.pos).collect());
            Some(label_anchor(mid, width(), height, &nodes))
        })
    };
    let (from, to, port) = (edge.from.clone(), edge.to.clone(), port_key(edge.port));
    move || {
        let label = text.get()?;
        let at = anchor.get()?;
        let w = width();
        let top = -height / 2.0;
        Some(view! {
            <g class="run-label" data-testid="edge-run-label" data-from=from.clone() data-to=to.clone()
                data-port=port data-count=count.get().unwrap_or(0)
                transform=format!("translate({:.1} {:.1})", at.x, at.y)>
                <title>{t!("{from} → {to}: traversed {label}", from = from, to = to, label = label)}</title>
                <rect class="run-label-box" x=-w / 2.0 y=top width=w height=height rx="8" />
                {word.map(|wd| view! { <text class="run-label-port" text-anchor="middle" y=top + 14.0>{wd}</text> })}
                <text class="run-label-count" data-testid="edge-run-label-text" text-anchor="middle"
                    y=if word.is_some() { top + 34.0 } else { 5.5 }>{label}</text>
            </g>
        })
    }
}
