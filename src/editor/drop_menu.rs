//! The menu that opens where a link from a port was dropped on empty
//! canvas: it picks the kind of the step to add there, linked from that
//! port (one undo entry, `Doc::add_linked_step`). The arrow keys move,
//! Enter picks; Escape or a press elsewhere closes it and changes nothing.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::edit::Port;
use flowlab_engine::model::StepKind;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_ed, Ed};
use super::geometry::Point;
use super::state::Selection;
use super::summary::{kind_hint, kind_label};
use super::viewport::canvas_size;
use crate::components::icons::KindIcon;

/// The menu's size on screen, roughly, to keep it inside the canvas.
const MENU_W: f64 = 224.0;
const MENU_H: f64 = 7.0 * 36.0 + 10.0;

/// A link dropped on empty canvas, waiting for a kind.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkDrop {
    pub from: String,
    pub port: Port,
    /// Where the link started and was dropped, in canvas coordinates.
    pub origin: Point,
    pub at: Point,
    /// The drop point on screen, relative to the canvas: where the menu opens.
    pub screen: Point,
}

fn items() -> Vec<web_sys::HtmlElement> {
    let Ok(list) = document().query_selector_all("[data-testid=drop-kind-menu] [role=menuitem]")
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

fn focused_index(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = document().active_element()?;
    items.iter().position(|el| {
        let el: &web_sys::Element = el.as_ref();
        *el == active
    })
}

fn choose(ed: Ed, drop: RwSignal<Option<LinkDrop>>, kind: StepKind) {
    let Some(d) = drop.get_untracked() else {
        return;
    };
    drop.set(None);
    if let Some(id) = ed.apply(|doc| doc.add_linked_step(&d.from, d.port, kind, d.at)) {
        ed.view.selection.set(Selection::only(&id));
    }
}

#[component]
pub fn DropKindMenu(drop: RwSignal<Option<LinkDrop>>) -> impl IntoView {
    let ed = use_ed();

    // The first kind has the focus as soon as the menu is there.
    Effect::new(move || {
        if drop.with(Option::is_some) {
            request_animation_frame(|| {
                if let Some(first) = items().first() {
                    let _ = first.focus();
                }
            });
        }
    });
    // A new route (another screen, another workflow, run mode) leaves the
    // canvas the drop was made on: the menu goes with it.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |before: Option<(String, String)>| {
        let now = (location.pathname.get(), location.search.get());
        if before.is_some_and(|b| b != now) {
            drop.set(None);
        }
        now
    });
    let press = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if drop.with_untracked(Option::is_none) {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-testid=drop-kind-menu]").ok().flatten())
            .is_some();
        if !inside {
            drop.set(None);
        }
    });
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && drop.with_untracked(Option::is_some) {
            drop.set(None);
        }
    });
    on_cleanup(move || {
        press.remove();
        key.remove();
    });

    let on_key = move |ev: KeyboardEvent| {
        let all = items();
        let now = focused_index(&all);
        let last = all.len().saturating_sub(1);
        let go = match ev.key().as_str() {
            "ArrowDown" => Some(now.map_or(0, |i| if i >= last { 0 } else { i + 1 })),
            "ArrowUp" => Some(now.map_or(last, |i| if i == 0 { last } else { i - 1 })),
            "Home" => Some(0),
            "End" => Some(last),
            "Enter" | " " => {
                if let Some(kind) = now.and_then(|i| StepKind::ALL.get(i).copied()) {
                    choose(ed, drop, kind);
                }
                None
            }
            "Escape" | "Tab" => {
                drop.set(None);
                None
            }
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(el) = go.and_then(|i| all.get(i)) {
            let _ = el.focus();
        }
    };

    let item = move |kind: StepKind| {
        view! {
            <button type="button" role="menuitem" tabindex="-1"
                class=format!("drop-kind-item kind--{}", kind.as_str())
                data-testid=format!("drop-kind-{}", kind.as_str())
                title=kind_hint(kind)
                on:click=move |_| choose(ed, drop, kind)>
                <span class="palette-icon"><KindIcon kind /></span>
                <span class="palette-name">{kind_label(kind)}</span>
            </button>
        }
    };

    move || {
        drop.get().map(|d| {
            let (w, h) = canvas_size().unwrap_or((f64::MAX, f64::MAX));
            let left = d.screen.x.min(w - MENU_W - 8.0).max(8.0);
            let top = d.screen.y.min(h - MENU_H - 8.0).max(8.0);
            view! {
                <div class="drop-kind-menu" role="menu" data-testid="drop-kind-menu"
                    aria-label=t!("Add a step after {id}", id = d.from.clone())
                    style=format!("left:{left:.0}px;top:{top:.0}px")
                    on:keydown=on_key>
                    <div class="drop-kind-title" aria-hidden="true">{tr("Add a step here")}</div>
                    {StepKind::ALL.into_iter().map(item).collect_view()}
                </div>
            }
        })
    }
}
