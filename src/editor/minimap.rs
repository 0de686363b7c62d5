//! A minimap for workflows larger than the screen (as bpmn.io and n8n
//! have): every step as a small card, the part on screen as a frame, and a
//! press or drag on it brings that part of the workflow to the centre. It
//! shows only while some step is off screen. The arrow keys and Find step
//! do the same for the keyboard, so it is hidden from assistive technology.
//! A canvas too narrow to spare the room shows none.

use leptos::ev::PointerEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_ed_doc, use_ed_view, EdDoc, EdView};
use super::geometry::{content_bounds, Point, Rect, Viewport, NODE_H, NODE_W};
use super::viewport::canvas_size;

/// The minimap's size on screen.
const SIZE: (f64, f64) = (200.0, 128.0);
/// A canvas narrower than this has no room for the minimap: it would hide
/// the steps it stands for.
const MIN_CANVAS_WIDTH: f64 = 640.0;
/// Room around what it shows, in minimap pixels.
const PAD: f64 = 6.0;

/// What the minimap draws: world rectangles scaled into `SIZE`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The world area shown: the steps and the screen together.
    pub world: Rect,
    pub scale: f64,
}

impl Frame {
    pub fn new(content: Rect, visible: Rect) -> Frame {
        let x = content.x.min(visible.x);
        let y = content.y.min(visible.y);
        let right = (content.x + content.w).max(visible.x + visible.w);
        let bottom = (content.y + content.h).max(visible.y + visible.h);
        let world = Rect {
            x,
            y,
            w: (right - x).max(1.0),
            h: (bottom - y).max(1.0),
        };
        let scale = ((SIZE.0 - 2.0 * PAD) / world.w).min((SIZE.1 - 2.0 * PAD) / world.h);
        Frame { world, scale }
    }

    pub fn to_map(self, p: Point) -> Point {
        Point::new(
            PAD + (p.x - self.world.x) * self.scale,
            PAD + (p.y - self.world.y) * self.scale,
        )
    }

    pub fn to_world(self, m: Point) -> Point {
        Point::new(
            self.world.x + (m.x - PAD) / self.scale,
            self.world.y + (m.y - PAD) / self.scale,
        )
    }
}

/// The world area the canvas shows.
fn visible(view: Viewport, (w, h): (f64, f64)) -> Rect {
    let a = view.to_world(Point::new(0.0, 0.0));
    let b = view.to_world(Point::new(w, h));
    Rect {
        x: a.x,
        y: a.y,
        w: b.x - a.x,
        h: b.y - a.y,
    }
}

/// Whether some part of `content` is outside `visible`.
pub fn overflows(content: Rect, visible: Rect) -> bool {
    content.x < visible.x
        || content.y < visible.y
        || content.x + content.w > visible.x + visible.w
        || content.y + content.h > visible.y + visible.h
}

fn frame(doc: EdDoc, view: EdView) -> Option<(Frame, Rect)> {
    // Read the signals first, so the memo reruns when they change even
    // while the canvas is not on screen yet.
    let viewport = view.viewport.get();
    let content = doc
        .nodes
        .with(|n| content_bounds(n.list.iter().map(|v| v.pos)));
    let size = canvas_size().filter(|(w, _)| *w >= MIN_CANVAS_WIDTH)?;
    let content = content?;
    let shown = visible(viewport, size);
    overflows(content, shown).then(|| (Frame::new(content, shown), shown))
}

/// Centres the canvas on the world point under the pointer.
fn centre_on(view: EdView, f: Frame, ev: &PointerEvent) {
    let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let r = el.get_bounding_client_rect();
    let at = f.to_world(Point::new(
        ev.client_x() as f64 - r.left(),
        ev.client_y() as f64 - r.top(),
    ));
    let Some((w, h)) = canvas_size() else {
        return;
    };
    view.viewport.update(|v| {
        v.x = w / 2.0 - at.x * v.zoom;
        v.y = h / 2.0 - at.y * v.zoom;
    });
}

#[component]
pub fn Minimap() -> impl IntoView {
    let (doc, view) = (use_ed_doc(), use_ed_view());
    let shown = Memo::new(move |_| frame(doc, view));
    // The cards move only when the frame does, not on every pan inside it.
    let frame_only = Memo::new(move |_| shown.get().map(|(f, _)| f));
    let screen = move || {
        shown
            .get()
            .map(|(f, r)| (f.to_map(Point::new(r.x, r.y)), r.w * f.scale, r.h * f.scale))
    };
    let dragging = StoredValue::new(false);
    let follow = move |ev: &PointerEvent| {
        if let Some(f) = frame_only.get_untracked() {
            centre_on(view, f, ev);
        }
    };
    move || {
        frame_only.get().map(|f| {
            let cards = move || doc.nodes.with(|n| {
                n.list
                    .iter()
                    .map(|v| {
                        let p = f.to_map(v.pos);
                        view! {
                            <rect class="minimap-node" data-testid="minimap-node" data-minimap-step=v.id.clone()
                                x=format!("{:.1}", p.x) y=format!("{:.1}", p.y)
                                width=format!("{:.1}", NODE_W * f.scale) height=format!("{:.1}", (NODE_H * f.scale).max(2.0)) rx="1" />
                        }
                    })
                    .collect_view()
            });
            view! {
                <svg class="minimap" data-testid="minimap" aria-hidden="true"
                    width=SIZE.0 height=SIZE.1 viewBox=format!("0 0 {} {}", SIZE.0, SIZE.1)
                    on:pointerdown=move |ev: PointerEvent| {
                        ev.stop_propagation();
                        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                        dragging.set_value(true);
                        follow(&ev);
                    }
                    on:pointermove=move |ev: PointerEvent| {
                        if dragging.get_value() {
                            follow(&ev);
                        }
                    }
                    on:pointerup=move |_| dragging.set_value(false)
                    on:pointercancel=move |_| dragging.set_value(false)
                >
                    {cards}
                    <rect class="minimap-view" data-testid="minimap-view"
                        x=move || screen().map_or(String::new(), |(p, _, _)| format!("{:.1}", p.x))
                        y=move || screen().map_or(String::new(), |(p, _, _)| format!("{:.1}", p.y))
                        width=move || screen().map_or(String::new(), |(_, w, _)| format!("{w:.1}"))
                        height=move || screen().map_or(String::new(), |(_, _, h)| format!("{h:.1}")) />
                </svg>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_holds_the_steps_and_the_screen_and_maps_both_ways() {
        let content = Rect {
            x: 0.0,
            y: 0.0,
            w: 3000.0,
            h: 400.0,
        };
        let screen = Rect {
            x: 100.0,
            y: -100.0,
            w: 800.0,
            h: 500.0,
        };
        let f = Frame::new(content, screen);
        assert_eq!(
            f.world,
            Rect {
                x: 0.0,
                y: -100.0,
                w: 3000.0,
                h: 500.0
            }
        );
        let far = f.to_map(Point::new(3000.0, 400.0));
        assert!(
            far.x <= SIZE.0 - PAD + 1e-9 && far.y <= SIZE.1 - PAD + 1e-9,
            "{far:?}"
        );
        let back = f.to_world(f.to_map(Point::new(1234.0, 56.0)));
        assert!((back.x - 1234.0).abs() < 1e-9 && (back.y - 56.0).abs() < 1e-9);
    }

    #[test]
    fn it_shows_only_when_a_step_is_off_screen() {
        let screen = Rect {
            x: 0.0,
            y: 0.0,
            w: 800.0,
            h: 600.0,
        };
        assert!(!overflows(
            Rect {
                x: 10.0,
                y: 10.0,
                w: 500.0,
                h: 100.0
            },
            screen
        ));
        assert!(overflows(
            Rect {
                x: 10.0,
                y: 10.0,
                w: 900.0,
                h: 100.0
            },
            screen
        ));
        assert!(overflows(
            Rect {
                x: -1.0,
                y: 10.0,
                w: 100.0,
                h: 100.0
            },
            screen
        ));
    }
}
