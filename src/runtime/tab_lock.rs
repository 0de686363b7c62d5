//! One tab runs a workspace: the Web Locks API's exclusive lock, named
//! after the workspace, is held for as long as the tab runs it. A second
//! tab finds the lock taken and shows the workspace read-only; it can take
//! the lock over (`steal`), and it gets it anyway when the first tab closes.

use futures::channel::oneshot;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How a lock request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acquired {
    /// This tab holds the lock now.
    Held,
    /// Another tab holds it (only for `Request::IfAvailable`).
    Taken,
    /// The browser has no Web Locks; the tab runs as if it held the lock.
    Unsupported,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Take the lock only if nobody holds it.
    IfAvailable,
    /// Wait until the holder lets go (closes its tab).
    Wait,
    /// Take it from the holder, whose request then fails.
    Steal,
}

fn lock_name(workspace: &str) -> String {
    format!("flowlab/{workspace}")
}

/// Requests the workspace's lock. `on_lost` runs if a held lock is later
/// stolen by another tab.
pub async fn acquire(
    workspace: &str,
    request: Request,
    on_lost: impl FnOnce() + 'static,
) -> Acquired {
    let Some(locks) = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null())
    else {
        return Acquired::Unsupported;
    };
    let options = Object::new();
    let flag = match request {
        Request::IfAvailable => Some("ifAvailable"),
        Request::Steal => Some("steal"),
        Request::Wait => None,
    };
    if let Some(flag) = flag {
        let _ = Reflect::set(&options, &flag.into(), &JsValue::TRUE);
    }
    let (tx, rx) = oneshot::channel::<bool>();
    let granted = Closure::once_into_js(move |lock: JsValue| -> Promise {
        let held = !lock.is_null();
        let _ = tx.send(held);
        if held {
            // Never settles: the lock is kept until the tab goes away.
            Promise::new(&mut |_, _| {})
        } else {
            Promise::resolve(&JsValue::UNDEFINED)
        }
    });
    let request_fn = match Reflect::get(&locks, &"request".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        Ok(f) => f,
        Err(_) => return Acquired::Unsupported,
    };
    let promise = match request_fn.call3(&locks, &lock_name(workspace).into(), &options, &granted) {
        Ok(p) => p.unchecked_into::<Promise>(),
        Err(_) => return Acquired::Unsupported,
    };
    let lost = Closure::once(move |_err: JsValue| on_lost());
    let _ = promise.catch(&lost);
    lost.forget();
    match rx.await {
        Ok(true) => Acquired::Held,
        Ok(false) => Acquired::Taken,
        Err(_) => Acquired::Unsupported,
    }
}
