//! One tab runs a workspace: the Web Locks API's exclusive lock, named
//! after the workspace, is held for as long as the tab runs it. A second
//! tab finds the lock taken and shows the workspace read-only. To take it
//! over, it asks the holder on a `BroadcastChannel` (the holder saves,
//! then lets go) and takes it anyway (`steal`) if no answer comes; it gets
//! the lock by itself when the first tab closes.

use std::cell::RefCell;

use futures::channel::oneshot;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, BroadcastChannel};

/// The lock as this tab holds it; [`HeldLock::release`] lets it go.
pub struct HeldLock {
    release: Function,
}

impl HeldLock {
    /// Lets go of the lock: the next tab waiting for it gets it.
    pub fn release(self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

/// How a lock request ended.
pub enum Acquired {
    /// This tab holds the lock now.
    Held(HeldLock),
    /// Another tab holds it (only for `Request::IfAvailable`), or the wait
    /// was given up.
    Taken,
    /// The browser has no Web Locks; the tab runs as if it held the lock.
    Unsupported,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Take the lock only if nobody holds it.
    IfAvailable,
    /// Wait until the holder lets go (hands over or closes its tab).
    Wait,
    /// Take it from the holder, whose request then fails.
    Steal,
}

fn lock_name(workspace: &str) -> String {
    format!("flowlab/{workspace}")
}

const ASK: &str = "hand-over";

thread_local! {
    static CHANNEL: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Calls `on_request` whenever another tab asks for the workspace's lock.
pub fn listen_for_requests(workspace: &str, on_request: impl Fn() + 'static) {
    let Ok(channel) = BroadcastChannel::new(&lock_name(workspace)) else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |m: web_sys::MessageEvent| {
            if m.data().as_string().as_deref() == Some(ASK) {
                on_request();
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL.with(|c| *c.borrow_mut() = Some(channel));
}

/// Asks the tab that holds the lock to save and let go. `false` when it
/// cannot be asked (no channel, or no Web Locks to hand over).
pub fn ask_holder() -> bool {
    if locks().is_none() {
        return false;
    }
    CHANNEL.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|c| c.post_message(&ASK.into()).is_ok())
    })
}

fn locks() -> Option<JsValue> {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null())
}

/// Requests the workspace's lock. `on_lost` runs if a held lock is later
/// stolen by another tab (or the request is given up through `abort`).
pub async fn acquire(
    workspace: &str,
    request: Request,
    abort: Option<AbortController>,
    on_lost: impl FnOnce() + 'static,
) -> Acquired {
    let Some(locks) = locks() else {
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
    if let Some(abort) = &abort {
        let _ = Reflect::set(&options, &"signal".into(), &abort.signal());
    }
    let (tx, rx) = oneshot::channel::<Option<Function>>();
    let granted = Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            let _ = tx.send(None);
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        // Settles when the tab lets go: the lock is kept until then.
        let mut release = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        let _ = tx.send(release);
        held
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
        Ok(Some(release)) => Acquired::Held(HeldLock { release }),
        Ok(None) => Acquired::Taken,
        Err(_) if abort.is_some() => Acquired::Taken,
        Err(_) => Acquired::Unsupported,
    }
}
