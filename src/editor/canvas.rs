//! The SVG canvas: grid, edges, nodes, and every pointer gesture on them.
//! One set of handlers on the `<svg>` finds what was hit from `data-`
//! attributes (a port, an edge handle, a node, an edge, the background)
//! and runs the gesture: link, drag, select, rubber band or pan; the
//! wheel zooms at the pointer.

use crate::i18n::tr;
use std::collections::BTreeSet;
use std::sync::Arc;

use flowlab_engine::edit::Port;
use leptos::ev::{MouseEvent, PointerEvent, WheelEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::use_ed;
use super::drop_menu::{DropKindMenu, LinkDrop};
use super::edge::EdgeView;
use super::find::FindStep;
use super::geometry::{node_at, nodes_in, snap_point, Point, Rect, Viewport, GRID};
use super::graph::port_from_key;
use super::icons::Glyph;
use super::minimap::Minimap;
use super::node::Node;
use super::rename::{self, RenameStep};
use super::run_context::use_run;
use super::run_overlay::RunEdgeLabels;
use super::state::{DragOffset, Overlay, Selection};
use super::viewport::{fit, zoom_by};

/// Pointer travel (px) below which a press is a click.
const CLICK_SLOP: f64 = 4.0;

#[derive(Clone)]
enum Gesture {
    Pan {
        start: Point,
        view: Viewport,
        moved: bool,
    },
    Drag {
        id: String,
        ids: Arc<BTreeSet<String>>,
        start: Point,
        anchor: Point,
        moved: bool,
        toggled: bool,
    },
    Link {
        from: String,
        port: Port,
        origin: Point,
    },
    Band {
        start: Point,
        additive: bool,
    },
}

/// The canvas element's position on the page, to turn client coordinates
/// into canvas ones.
fn local(ev: &web_sys::MouseEvent) -> Point {
    let rect = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_bounding_client_rect());
    let (left, top) = rect.map_or((0.0, 0.0), |r| (r.left(), r.top()));
    Point::new(ev.client_x() as f64 - left, ev.client_y() as f64 - top)
}

fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Whether the pointer is over any part of a step (its ports included),
/// whatever has captured it.
fn on_a_step(ev: &web_sys::MouseEvent) -> bool {
    document()
        .element_from_point(ev.client_x() as f32, ev.client_y() as f32)
        .and_then(|el| el.closest("[data-node-id]").ok().flatten())
        .is_some()
}

#[component]
pub fn Canvas(#[prop(into)] space: Signal<bool>) -> impl IntoView {
    let ed = use_ed();
    let run_view = use_run();
    let gesture = StoredValue::new_local(None::<Gesture>);
    let link_drop = RwSignal::new(None::<LinkDrop>);

    let on_down = move |ev: PointerEvent| {
        if ev.button() != 0 && ev.button() != 1 {
            return;
        }
        // The press's default is prevented, so the browser does not take
        // the focus from the rename field or the find box: leaving them
        // commits or closes them.
        if ed.view.renaming.get_untracked().is_some() || ed.view.finding.get_untracked() {
            if let Some(el) = document()
                .active_element()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.blur();
            }
        }
        let e: &web_sys::Event = ev.as_ref();
        let m: &web_sys::MouseEvent = ev.as_ref();
        let p = local(m);
        let view = ed.view.viewport.get_untracked();
        let w = view.to_world(p);
        let readonly = untrack(|| ed.readonly());
        let shift = ev.shift_key();
        let g = if ev.button() == 1 || space.get_untracked() {
            Gesture::Pan {
                start: p,
                view,
                moved: false,
            }
        } else if let (Some(port_el), false) = (closest(e, "[data-port]"), readonly) {
            let from = port_el.get_attribute("data-node-id").unwrap_or_default();
            let port = port_el
                .get_attribute("data-port")
                .and_then(|k| port_from_key(&k))
                .unwrap_or(Port::Next);
            let origin = w;
            ed.view.overlay.set(Some(Overlay::Link {
                from: origin,
                to: w,
            }));
            Gesture::Link { from, port, origin }
        } else if let Some(node_el) = closest(e, "[data-node-id]") {
            let id = node_el.get_attribute("data-node-id").unwrap_or_default();
            if let Ok(svg) = node_el.dyn_into::<web_sys::SvgElement>() {
                let _ = svg.focus();
            }
            let was = ed.view.selection.with_untracked(|s| s.steps.contains(&id));
            let mut toggled = false;
            if shift {
                toggled = true;
                ed.view.selection.update(|s| {
                    s.edge = None;
                    if !s.steps.remove(&id) {
                        s.steps.insert(id.clone());
                    }
                });
            } else if !was {
                ed.view.selection.set(Selection::only(&id));
            }
            let ids = Arc::new(ed.view.selection.with_untracked(|s| s.steps.clone()));
            if readonly || !ids.contains(&id) {
                return;
            }
            let anchor = ed
                .doc
                .nodes
                .with_untracked(|n| n.get(&id).map(|v| v.pos))
                .unwrap_or_default();
            Gesture::Drag {
                id,
                ids,
                start: w,
                anchor,
                moved: false,
                toggled,
            }
        } else if let Some(edge_el) = closest(e, "[data-edge-key]") {
            let key = edge_el.get_attribute("data-edge-key");
            ed.view.selection.set(Selection {
                steps: BTreeSet::new(),
                edge: key,
            });
            return;
        } else if shift {
            ed.view.overlay.set(Some(Overlay::Band { a: w, b: w }));
            Gesture::Band {
                start: w,
                additive: true,
            }
        } else {
            Gesture::Pan {
                start: p,
                view,
                moved: false,
            }
        };
        gesture.set_value(Some(g));
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        ev.prevent_default();
    };

    let on_move = move |ev: PointerEvent| {
        let Some(mut g) = gesture.get_value() else {
            return;
        };
        let m: &web_sys::MouseEvent = ev.as_ref();
        let p = local(m);
        let w = ed.view.viewport.get_untracked().to_world(p);
        match &mut g {
            Gesture::Pan { start, view, moved } => {
                if p.distance(*start) > CLICK_SLOP {
                    *moved = true;
                }
                ed.view
                    .viewport
                    .set(view.panned(p.x - start.x, p.y - start.y));
            }
            Gesture::Drag {
                ids,
                start,
                anchor,
                moved,
                ..
            } => {
                let zoom = ed.view.viewport.get_untracked().zoom;
                if !*moved && w.distance(*start) * zoom <= CLICK_SLOP {
                    return;
                }
                *moved = true;
                let to = snap_point(anchor.offset(w.x - start.x, w.y - start.y));
                let offset = DragOffset {
                    ids: ids.clone(),
                    dx: to.x - anchor.x,
                    dy: to.y - anchor.y,
                };
                ed.view.set_drag(Some(offset));
            }
            Gesture::Link { origin, .. } => {
                ed.view.overlay.set(Some(Overlay::Link {
                    from: *origin,
                    to: w,
                }));
            }
            Gesture::Band { start, .. } => {
                ed.view.overlay.set(Some(Overlay::Band { a: *start, b: w }));
            }
        }
        gesture.set_value(Some(g));
    };

    let on_up = move |ev: PointerEvent| {
        let Some(g) = gesture.get_value() else {
            return;
        };
        gesture.set_value(None);
        let m: &web_sys::MouseEvent = ev.as_ref();
        let w = ed.view.viewport.get_untracked().to_world(local(m));
        match g {
            Gesture::Pan { moved, .. } => {
                if !moved {
                    ed.view.selection.set(Selection::default());
                }
            }
            Gesture::Drag {
                id,
                ids,
                moved,
                toggled,
                ..
            } => {
                let offset = ed.view.drag.get_untracked();
                match offset {
                    Some(o) if moved => {
                        let moves: Vec<(String, Point)> = ed.doc.nodes.with_untracked(|n| {
                            ids.iter()
                                .filter_map(|i| {
                                    n.get(i).map(|v| (i.clone(), v.pos.offset(o.dx, o.dy)))
                                })
                                .collect()
                        });
                        ed.apply(|d| d.move_to(&moves));
                    }
                    _ if !moved && !toggled => ed.view.selection.set(Selection::only(&id)),
                    _ => {}
                }
                ed.view.set_drag(None);
            }
            Gesture::Link { from, port, origin } => {
                if ed.view.overlay.get_untracked().is_none() {
                    return;
                }
                ed.view.overlay.set(None);
                let target = ed
                    .doc
                    .nodes
                    .with_untracked(|n| node_at(w, n.positions()).map(str::to_owned));
                let zoom = ed.view.viewport.get_untracked().zoom;
                match target {
                    Some(to) if to != from => {
                        ed.apply(|d| d.connect(&from, port, &to));
                    }
                    None if !on_a_step(m) && w.distance(origin) * zoom > CLICK_SLOP => {
                        link_drop.set(Some(LinkDrop {
                            from,
                            port,
                            origin,
                            at: w,
                            screen: local(m),
                        }));
                    }
                    _ => {}
                }
            }
            Gesture::Band { start, additive } => {
                ed.view.overlay.set(None);
                let band = Rect::from_corners(start, w);
                let hit: BTreeSet<String> = ed.doc.nodes.with_untracked(|n| {
                    nodes_in(band, n.positions())
                        .into_iter()
                        .map(str::to_owned)
                        .collect()
                });
                ed.view.selection.update(|s| {
                    s.edge = None;
                    if additive {
                        s.steps.extend(hit);
                    } else {
                        s.steps = hit;
                    }
                });
            }
        }
    };

    let on_cancel = move |_: PointerEvent| {
        gesture.set_value(None);
        ed.view.set_drag(None);
        ed.view.overlay.set(None);
    };

    // The double click's target is the canvas (the pointer is captured
    // on it), so the step is found by position.
    let on_double = move |ev: MouseEvent| {
        if run_view.active_untracked() {
            return;
        }
        let w = ed.view.viewport.get_untracked().to_world(local(&ev));
        let hit = ed
            .doc
            .nodes
            .with_untracked(|n| node_at(w, n.positions()).map(str::to_owned));
        if let Some(id) = hit {
            ev.prevent_default();
            rename::start(ed, &id);
        }
    };

    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let m: &web_sys::MouseEvent = ev.as_ref();
        let p = local(m);
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = (-ev.delta_y() * unit * 0.0015).exp();
        ed.view.viewport.update(|v| *v = v.zoomed_at(p, factor));
    };

    let node_ids = move || {
        ed.doc
            .nodes
            .with(|n| n.list.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
    };
    let edge_list = move || ed.doc.edges.get();
    let grid = 2.0 * GRID;

    view! {
        <div class="canvas-wrap" class:canvas-wrap--panning=move || space.get()>
            <svg
                class="canvas"
                data-testid="canvas"
                role="group"
                aria-roledescription=tr("workflow canvas")
                aria-label=tr("Workflow canvas: the arrow keys move between steps, Enter edits, L links, ? lists every key")
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
                on:wheel=on_wheel
                on:dblclick=on_double
                data-zoom=move || format!("{:.3}", ed.view.viewport.get().zoom)
            >
                <defs>
                    <pattern id="canvas-grid" width=grid height=grid patternUnits="userSpaceOnUse"
                        patternTransform=move || ed.view.viewport.get().transform()>
                        <circle class="grid-dot" cx="1" cy="1" r="1" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrow" d="M0 1L9 5L0 9z" />
                    </marker>
                    <marker id="arrow-fail" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrow arrow--fail" d="M0 1L9 5L0 9z" />
                    </marker>
                    <marker id="arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrow arrow--selected" d="M0 1L9 5L0 9z" />
                    </marker>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#canvas-grid)" />
                <g class="world" transform=move || ed.view.viewport.get().transform()>
                    <g class="edges">
                        <For
                            each=edge_list
                            key=|e| format!("{}>{}:{}", e.key(), e.to, e.implicit)
                            children=move |edge| view! { <EdgeView edge /> }
                        />
                    </g>
                    <g class="nodes">
                        <For each=node_ids key=|id| id.clone() children=move |id| view! { <Node id /> } />
                    </g>
                    <RunEdgeLabels />
                    {move || ed.view.overlay.get().map(|o| match o {
                        Overlay::Link { from, to } => view! {
                            <path class="link-preview" data-testid="link-preview"
                                d=format!("M{:.1} {:.1}L{:.1} {:.1}", from.x, from.y, to.x, to.y) />
                        }.into_any(),
                        Overlay::Band { a, b } => {
                            let r = Rect::from_corners(a, b);
                            view! { <rect class="band" data-testid="rubber-band" x=r.x y=r.y width=r.w height=r.h /> }.into_any()
                        }
                    })}
                    {move || link_drop.get().map(|d| view! {
                        <path class="link-preview" data-testid="link-preview-held"
                            d=format!("M{:.1} {:.1}L{:.1} {:.1}", d.origin.x, d.origin.y, d.at.x, d.at.y) />
                    })}
                </g>
            </svg>
            <DropKindMenu drop=link_drop />
            <Show when=move || ed.doc.nodes.with(|n| n.list.is_empty())>
                <div class="canvas-empty" data-testid="canvas-empty">
                    <strong>{tr("An empty canvas")}</strong>
                    <span>{tr("Drag a step from the palette, or click one to add it. The first step is where executions start.")}</span>
                </div>
            </Show>
            <FindStep />
            <RenameStep />
            <Minimap />
            <div class="zoom-bar" role="group" aria-label=tr("Zoom")>
                <button type="button" class="icon-button" data-testid="zoom-out" title=tr("Zoom out (−)") on:click=move |_| zoom_by(ed, 1.0 / 1.2)>
                    <Glyph name="minus" />
                </button>
                <button type="button" class="zoom-level" data-testid="zoom-level" title=tr("Reset to 100%")
                    on:click=move |_| zoom_by(ed, 1.0 / ed.view.viewport.get_untracked().zoom)>
                    {move || format!("{:.0}%", ed.view.viewport.get().zoom * 100.0)}
                </button>
                <button type="button" class="icon-button" data-testid="zoom-in" title=tr("Zoom in (+)") on:click=move |_| zoom_by(ed, 1.2)>
                    <Glyph name="plus" />
                </button>
                <button type="button" class="icon-button" data-testid="zoom-fit" title=tr("Fit to screen (Shift+1)") on:click=move |_| fit(ed)>
                    <Glyph name="fit" />
                </button>
            </div>
        </div>
    }
}
