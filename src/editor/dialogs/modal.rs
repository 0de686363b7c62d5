//! The frame every editor dialog shares: a native `<dialog>` with a title,
//! a close button and a scrim; closing it clears `Ed::dialog`.

use crate::i18n::tr;
use leptos::prelude::*;

use crate::components::icons::Glyph;
use crate::components::native_dialog::NativeDialog;
use crate::editor::context::use_ed_dialogs;

#[component]
pub fn Modal(
    title: String,
    testid: &'static str,
    children: Children,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let dialogs = use_ed_dialogs();
    let label = title.clone();
    view! {
        <NativeDialog class="modal-backdrop" label=label on_close=Callback::new(move |_| dialogs.dialog.set(None))>
            <div class="modal" class:modal--wide=wide data-testid=testid on:click=|ev| ev.stop_propagation()>
                <header class="modal-head">
                    <h2>{title}</h2>
                    <button type="button" class="icon-button" data-testid="dialog-close" aria-label=tr("Close") on:click=move |_| dialogs.dialog.set(None)>
                        <Glyph name="close" />
                    </button>
                </header>
                <div class="modal-body">{children()}</div>
            </div>
            <div class="modal-scrim" aria-hidden="true" on:click=move |_| dialogs.dialog.set(None)></div>
        </NativeDialog>
    }
}
