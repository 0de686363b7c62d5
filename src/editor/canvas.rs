//! The SVG canvas: grid, edges, nodes, and the pointer gestures on them.
//! One set of handlers on the `<svg>` finds what a press hit (from the
//! geometry the nodes and the edges' routed lines are drawn with) and
//! feeds the pointer machine (`pointer.rs`), then carries out its effects;
//! the wheel zooms at the pointer.

use crate::i18n::tr;
use leptos::ev::{MouseEvent, PointerEvent, WheelEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_ed, Ed};
use super::dom::focus_step;
use super::drop_menu::{DropKindMenu, LinkDrop};
use super::edge::EdgeView;
use super::find::FindStep;
use super::geometry::{node_at, tag_width, NodeShape, Point, Rect, GRID};
use super::gestures;
use super::graph::port_label;
use super::hit::{press_hit, step_hit, DrawnEdge, Handle};
use super::minimap::Minimap;
use super::node::Node;
use super::pointer::{step, Button, Effect, Hit, Input, PointerState};
use super::rename::{self, RenameStep};
use super::routing::{edge_ends, edge_route, edge_tag};
use super::run_context::use_run;
use super::run_overlay::RunEdgeLabels;
use super::state::Overlay;
use super::viewport::{fit, zoom_by};
use crate::components::icons::Glyph;

/// The pointer's position relative to the canvas element.
fn local(ev: &web_sys::MouseEvent) -> Point {
    let rect = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_bounding_client_rect());
    let (left, top) = rect.map_or((0.0, 0.0), |r| (r.left(), r.top()));
    Point::new(ev.client_x() as f64 - left, ev.client_y() as f64 - top)
}

/// The steps as drawn, for hit-testing.
fn with_shapes<T>(ed: Ed, f: impl FnOnce(&[NodeShape]) -> T) -> T {
    ed.doc.nodes.with_untracked(|n| {
        let shapes: Vec<NodeShape> = n
            .list
            .iter()
            .map(|v| NodeShape {
                id: &v.id,
                pos: v.pos,
                ports: v.ports,
                fail_port: v.fail_port,
                start: v.start,
            })
            .collect();
        f(&shapes)
    })
}

/// Every edge's line as routed now, and its port word's box.
fn drawn_edges(ed: Ed, running: bool) -> Vec<DrawnEdge> {
    let edges = ed.doc.edges.get_untracked();
    untrack(|| {
        edges
            .iter()
            .filter_map(|e| {
                let route = edge_route(ed, e)?;
                let tag = port_label(e.port)
                    .map(|text| edge_tag(ed, route.label, tag_width(text), running));
                Some(DrawnEdge {
                    key: e.key(),
                    line: route.path,
                    tag,
                })
            })
            .collect()
    })
}

/// What a press at world point `w` hit (`hit::press_hit`).
fn hit_at(ed: Ed, w: Point, zoom: f64, readonly: bool, running: bool) -> Hit {
    let selected = ed.view.selection.with_untracked(|s| s.edge.clone());
    let handle = selected
        .filter(|_| !readonly)
        .and_then(|key| {
            ed.doc
                .edges
                .with_untracked(|es| es.iter().find(|e| e.key() == key).cloned())
        })
        .and_then(|edge| {
            let (_, end) = untrack(|| edge_ends(ed, &edge))?;
            Some(Handle {
                node: edge.from,
                port: edge.port,
                end,
            })
        });
    with_shapes(ed, |nodes| {
        press_hit(w, zoom, nodes, handle, || drawn_edges(ed, running))
    })
}

#[component]
pub fn Canvas(#[prop(into)] space: Signal<bool>) -> impl IntoView {
    let ed = use_ed();
    let run_view = use_run();
    let pointer = StoredValue::new(PointerState::Idle);
    let link_drop = RwSignal::new(None::<LinkDrop>);

    let carry_out = move |effects: Vec<Effect>, ev: &PointerEvent| {
        for effect in effects {
            match effect {
                Effect::Capture => {
                    if let Some(el) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = el.set_pointer_capture(ev.pointer_id());
                    }
                    ev.prevent_default();
                }
                Effect::Focus(id) => focus_step(&id),
                Effect::Select(s) => ed.view.selection.set(s),
                Effect::SetView(v) => ed.view.viewport.set(v),
                Effect::SetDrag(d) => ed.view.set_drag(d),
                Effect::SetOverlay(o) => ed.view.overlay.set(o),
                Effect::MoveSteps { ids, dx, dy } => gestures::move_by(ed, ids.iter(), dx, dy),
                Effect::Connect { from, port, to } => gestures::connect(ed, &from, port, &to),
                Effect::OfferStep {
                    from,
                    port,
                    origin,
                    at,
                    screen,
                } => link_drop.set(Some(LinkDrop {
                    from,
                    port,
                    origin,
                    at,
                    screen,
                })),
                Effect::SelectBand { band, additive } => gestures::select_band(ed, band, additive),
            }
        }
    };
    let feed = move |input: Input, ev: &PointerEvent| {
        let (next, effects) = step(pointer.get_value(), input);
        pointer.set_value(next);
        carry_out(effects, ev);
    };

    let on_down = move |ev: PointerEvent| {
        let button = match ev.button() {
            0 => Button::Primary,
            1 => Button::Middle,
            _ => return,
        };
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
        let m: &web_sys::MouseEvent = ev.as_ref();
        let screen = local(m);
        let view = ed.view.viewport.get_untracked();
        let world = view.to_world(screen);
        let readonly = untrack(|| ed.readonly());
        let input = Input::Down {
            button,
            screen,
            world,
            view,
            hit: hit_at(ed, world, view.zoom, readonly, run_view.active_untracked()),
            shift: ev.shift_key(),
            space: space.get_untracked(),
            readonly,
            selected: ed.view.selection.with_untracked(|s| s.steps.clone()),
        };
        feed(input, &ev);
    };

    let on_move = move |ev: PointerEvent| {
        if pointer.with_value(|p| *p == PointerState::Idle) {
            return;
        }
        let m: &web_sys::MouseEvent = ev.as_ref();
        let screen = local(m);
        let view = ed.view.viewport.get_untracked();
        let input = Input::Move {
            screen,
            world: view.to_world(screen),
            zoom: view.zoom,
        };
        feed(input, &ev);
    };

    let on_up = move |ev: PointerEvent| {
        if pointer.with_value(|p| *p == PointerState::Idle) {
            return;
        }
        let m: &web_sys::MouseEvent = ev.as_ref();
        let screen = local(m);
        let view = ed.view.viewport.get_untracked();
        let world = view.to_world(screen);
        let input = Input::Up {
            screen,
            world,
            zoom: view.zoom,
            target: ed
                .doc
                .nodes
                .with_untracked(|n| node_at(world, n.positions()).map(str::to_owned)),
            on_a_step: with_shapes(ed, |nodes| step_hit(world, nodes).is_some()),
            drag: ed.view.drag.get_untracked().map(|o| (o.dx, o.dy)),
            overlay: ed.view.overlay.get_untracked().is_some(),
        };
        feed(input, &ev);
    };

    let on_cancel = move |ev: PointerEvent| feed(Input::Cancel, &ev);

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
                <button type="button" class="icon-button" data-testid="zoom-out" title=tr("Zoom out (−)") on:click=move |_| zoom_by(ed.view, 1.0 / 1.2)>
                    <Glyph name="minus" />
                </button>
                <button type="button" class="zoom-level" data-testid="zoom-level" title=tr("Reset to 100%")
                    on:click=move |_| zoom_by(ed.view, 1.0 / ed.view.viewport.get_untracked().zoom)>
                    {move || format!("{:.0}%", ed.view.viewport.get().zoom * 100.0)}
                </button>
                <button type="button" class="icon-button" data-testid="zoom-in" title=tr("Zoom in (+)") on:click=move |_| zoom_by(ed.view, 1.2)>
                    <Glyph name="plus" />
                </button>
                <button type="button" class="icon-button" data-testid="zoom-fit" title=tr("Fit to screen (Shift+1)") on:click=move |_| fit(ed)>
                    <Glyph name="fit" />
                </button>
            </div>
        </div>
    }
}
