//! Figures for `scripts/bench-clock.mjs`, kept only while it asks for them
//! (it sets `window.__flowlabSlices` to `{}` first): per clock slice, the
//! time in the engine and the time from its end to the next task, in which
//! the views that read the session catch up (their effects run as
//! microtasks after the slice).

use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::browser::yield_now::yield_now;

const KEY: &str = "__flowlabSlices";

fn sink() -> Option<js_sys::Object> {
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &KEY.into()).ok()?;
    value.is_object().then(|| value.into())
}

pub(super) fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Whether the figures are asked for.
pub(super) fn wanted() -> bool {
    sink().is_some()
}

fn add(sink: &js_sys::Object, field: &str, value: f64) {
    let old = js_sys::Reflect::get(sink, &field.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(sink, &field.into(), &JsValue::from_f64(old + value));
}

fn keep_max(sink: &js_sys::Object, field: &str, value: f64) {
    let old = js_sys::Reflect::get(sink, &field.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(sink, &field.into(), &JsValue::from_f64(old.max(value)));
}

/// A slice whose engine work ran from `started` to `engine_done` (ms,
/// `performance.now()`); the views' part is measured at the next task.
pub(super) fn slice(started: f64, engine_done: f64) {
    spawn_local(async move {
        yield_now().await;
        let Some(sink) = sink() else { return };
        let views = now() - engine_done;
        add(&sink, "slices", 1.0);
        add(&sink, "engine", engine_done - started);
        add(&sink, "views", views);
        keep_max(&sink, "viewsMax", views);
    });
}
