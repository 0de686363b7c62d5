//! The palette: one entry per step kind. Drag an entry onto the canvas to
//! place a step there, or click it to add one next to the selected step
//! (linked from it when its `next` is free) or in the middle of the view.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::edit::Port;
use flowlab_engine::model::StepKind;
use leptos::ev::PointerEvent;
use leptos::prelude::*;

use super::context::{use_ed, Ed};
use super::geometry::{Point, NODE_H, NODE_W};
use super::layout::COLUMN;
use super::state::Selection;
use super::summary::{kind_hint, kind_label};
use crate::components::icons::KindIcon;

/// A palette entry being dragged: its kind, where the pointer is (client
/// coordinates) and whether it has moved far enough to be a drag.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Carry {
    kind: StepKind,
    start: Point,
    at: Point,
    dragging: bool,
}

fn rect_of(testid: &str) -> Option<web_sys::DomRect> {
    document()
        .query_selector(&format!("[data-testid={testid}]"))
        .ok()
        .flatten()
        .map(|e| e.get_bounding_client_rect())
}

fn canvas_rect() -> Option<web_sys::DomRect> {
    rect_of("canvas")
}

/// Adds a step of `kind` as a click does.
pub fn add_by_click(ed: Ed, kind: StepKind) {
    let selected = ed
        .view
        .selection
        .with_untracked(|s| s.single().map(str::to_owned));
    let after = selected.and_then(|id| {
        let pos = ed.doc.nodes.with_untracked(|n| n.get(&id).map(|v| v.pos))?;
        let free = ed.doc.edges.with_untracked(|es| {
            !es.iter()
                .any(|e| e.from == id && e.port == Port::Next && !e.implicit)
        });
        let has_next = ed
            .doc
            .nodes
            .with_untracked(|n| n.get(&id).is_some_and(|v| v.ports.contains(&Port::Next)));
        Some((id, pos, free && has_next))
    });
    let (at, link) = match &after {
        Some((id, pos, true)) => (pos.offset(COLUMN, 0.0), Some((id.as_str(), Port::Next))),
        Some((_, pos, false)) => (pos.offset(0.0, NODE_H + 48.0), None),
        None => {
            let centre = canvas_rect().map_or(Point::new(400.0, 300.0), |r| {
                Point::new(r.width() / 2.0, r.height() / 2.0)
            });
            let w = ed.view.viewport.get_untracked().to_world(centre);
            (w.offset(-NODE_W / 2.0, -NODE_H / 2.0), None)
        }
    };
    if let Some(id) = ed.apply(|d| d.add_step(kind, at, link)) {
        ed.view.selection.set(Selection::only(&id));
    }
}

#[component]
pub fn Palette() -> impl IntoView {
    let ed = use_ed();
    let carry = RwSignal::new(None::<Carry>);

    let moved = window_event_listener(leptos::ev::pointermove, move |ev| {
        if let Some(mut c) = carry.get_untracked() {
            c.at = Point::new(ev.client_x() as f64, ev.client_y() as f64);
            c.dragging |= c.at.distance(c.start) > 4.0;
            carry.set(Some(c));
        }
    });
    let released = window_event_listener(leptos::ev::pointerup, move |ev| {
        let Some(c) = carry.get_untracked() else {
            return;
        };
        carry.set(None);
        if !c.dragging {
            add_by_click(ed, c.kind);
            return;
        }
        let Some(r) = canvas_rect() else {
            return;
        };
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        if x < r.left() || x > r.right() || y < r.top() || y > r.bottom() {
            // Dropped back on the palette: a change of mind, nothing to say.
            let on_palette = rect_of("palette").is_some_and(|p| {
                x >= p.left() && x <= p.right() && y >= p.top() && y <= p.bottom()
            });
            if !on_palette {
                let kind = kind_label(c.kind).to_lowercase();
                let why = t!(
                    "Not added: drop the {kind} step on the canvas, or click it in the palette",
                    kind = kind
                );
                ed.dialogs.notice.set(Some(why));
            }
            return;
        }
        let w = ed
            .view
            .viewport
            .get_untracked()
            .to_world(Point::new(x - r.left(), y - r.top()));
        if let Some(id) =
            ed.apply(|d| d.add_step(c.kind, w.offset(-NODE_W / 2.0, -NODE_H / 2.0), None))
        {
            ed.view.selection.set(Selection::only(&id));
        }
    });
    on_cleanup(move || {
        moved.remove();
        released.remove();
    });

    let entry = move |kind: StepKind| {
        let down = move |ev: PointerEvent| {
            if ev.button() != 0 || ed.readonly() {
                return;
            }
            ev.prevent_default();
            let p = Point::new(ev.client_x() as f64, ev.client_y() as f64);
            carry.set(Some(Carry {
                kind,
                start: p,
                at: p,
                dragging: false,
            }));
        };
        view! {
            <button
                type="button"
                class=format!("palette-item kind--{}", kind.as_str())
                data-testid=format!("palette-{}", kind.as_str())
                title=t!("{hint} — drag onto the canvas, or click to add", hint = kind_hint(kind))
                disabled=move || ed.readonly()
                on:pointerdown=down
                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); add_by_click(ed, kind) }
            >
                <span class="palette-icon"><KindIcon kind /></span>
                <span class="palette-text">
                    <span class="palette-name">{kind_label(kind)}</span>
                    <span class="palette-hint">{kind_hint(kind)}</span>
                </span>
            </button>
        }
    };

    view! {
        <aside class="palette" data-testid="palette" aria-label=tr("Steps")>
            <h2 class="panel-title">{tr("Steps")}</h2>
            {StepKind::ALL.into_iter().map(entry).collect_view()}
            <p class="palette-tip">{tr("Tip: drag from a port on the right of a step to another step to connect them. Shift-drag the background to select several.")}</p>
            {move || carry.get().filter(|c| c.dragging).map(|c| view! {
                <div class=format!("palette-ghost kind--{}", c.kind.as_str()) data-testid="palette-ghost"
                    style=format!("left:{}px;top:{}px", c.at.x - NODE_W / 2.0, c.at.y - NODE_H / 2.0)>
                    <span class="palette-icon"><KindIcon kind=c.kind /></span>
                    <span class="palette-name">{kind_label(c.kind)}</span>
                </div>
            })}
        </aside>
    }
}
