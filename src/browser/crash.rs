//! When the app stops: a panic hook that logs the message and puts a banner
//! over the page with plain DOM calls (the reactive system may be unusable
//! by then). Traps that are not panics (an `unreachable` after a failed
//! allocation) reach the `error` listener in `index.html`, which shows the
//! same banner. Both read what is saved from `window.__flowlabSaved`, a
//! plain sentence the runtime keeps true ([`note_saved`]).

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::i18n::tr;
use crate::t;

const SAVED_KEY: &str = "__flowlabSaved";

/// Installs the panic hook; call once, before mounting the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Flowlab stopped unexpectedly: {message}").into());
        show_banner(&message);
    }));
}

/// Keeps the sentence the crash banner shows about what is saved.
pub fn note_saved(sentence: &str) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &SAVED_KEY.into(), &sentence.into());
    }
}

fn saved_sentence() -> String {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &SAVED_KEY.into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| tr("What was saved before this page opened is kept.").into())
}

fn show_banner(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("[data-testid=crash-banner]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let build = || -> Result<(), JsValue> {
        let banner = document.create_element("div")?;
        banner.set_class_name("crash-banner");
        banner.set_attribute("role", "alert")?;
        banner.set_attribute("data-testid", "crash-banner")?;
        let card = document.create_element("div")?;
        card.set_class_name("crash-card");
        let text = document.create_element("p")?;
        text.set_attribute("data-testid", "crash-message")?;
        text.set_text_content(Some(&t!(
            "Flowlab stopped unexpectedly. {saved}",
            saved = saved_sentence()
        )));
        let why = document.create_element("p")?;
        why.set_class_name("crash-detail");
        why.set_text_content(Some(detail));
        let reload = document.create_element("button")?;
        reload.set_class_name("button button--primary");
        reload.set_attribute("type", "button")?;
        reload.set_attribute("data-testid", "crash-reload")?;
        // A page handler, not a Rust closure: the wasm instance is stopping.
        reload.set_attribute("onclick", "location.reload()")?;
        reload.set_text_content(Some(tr("Reload")));
        card.append_child(&text)?;
        card.append_child(&why)?;
        card.append_child(&reload)?;
        banner.append_child(&card)?;
        document
            .body()
            .ok_or_else(|| JsValue::from_str("no body"))?
            .append_child(&banner)?;
        Ok(())
    };
    let _ = build();
}

/// Stops the app with a panic, to see the crash banner
/// (`window.wasmBindings.debug_panic()`); nothing in the app calls it.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic was called");
}
