//! A modal `<dialog>` opened with `showModal`: the browser keeps focus
//! inside it and makes the rest of the page inert, Escape asks to close it
//! (`on_close`), and when it goes away the focus returns to the element
//! that had it when it opened. It fills the viewport as the dimmed
//! backdrop (`class`, e.g. `dialog-backdrop`); the visible box is a child.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn NativeDialog(
    #[prop(into)] class: String,
    /// `alertdialog` for a question before something that cannot be undone.
    #[prop(optional)]
    alert: bool,
    /// The id of the element that names the dialog.
    #[prop(optional, into)]
    labelled_by: Option<String>,
    /// The dialog's name, when no element of it says it.
    #[prop(optional, into)]
    label: Option<String>,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let shown: Rc<RefCell<Option<web_sys::HtmlDialogElement>>> = Rc::default();
    let before = SendWrapper::new((
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        shown.clone(),
    ));
    on_cleanup(move || {
        let (el, shown) = before.take();
        // While the dialog is open the rest of the page is inert, and an
        // inert element cannot take the focus: close it first.
        if let Some(d) = shown.borrow_mut().take() {
            d.close();
        }
        if let Some(el) = el.filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    });
    let shown = SendWrapper::new(shown);
    Effect::new(move |_| {
        if let Some(d) = node.get() {
            if !d.open() {
                let _ = d.show_modal();
                *shown.borrow_mut() = Some(d);
            }
        }
    });
    view! {
        <dialog
            node_ref=node
            class=class
            role=if alert { "alertdialog" } else { "dialog" }
            aria-labelledby=labelled_by
            aria-label=label
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            {children()}
        </dialog>
    }
}
