//! Giving the browser a turn between slices of work without the 4 ms a
//! nested zero-delay timer is stretched to: a message posted to oneself
//! through a `MessageChannel` runs as the next task.

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Resolves in a later task, after the browser has handled what was queued
/// (input, rendering). Falls back to a zero-delay timer without channels.
pub async fn yield_now() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        gloo_timers::future::TimeoutFuture::new(0).await;
        return;
    };
    let (tx, rx) = oneshot::channel::<()>();
    let on_message = Closure::once(move || {
        let _ = tx.send(());
    });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    if channel.port2().post_message(&JsValue::NULL).is_err() {
        gloo_timers::future::TimeoutFuture::new(0).await;
        return;
    }
    let _ = rx.await;
    channel.port1().set_onmessage(None);
    drop(on_message);
}
