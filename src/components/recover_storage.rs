//! "Recover up to the last good segment" in the banner of a damaged
//! workspace, behind a confirmation that names the events it drops.

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::host::use_runtime;
use crate::i18n::tr;
use crate::t;

#[component]
pub fn RecoverButton() -> impl IntoView {
    let rt = use_runtime();
    let (confirming, set_confirming) = signal(false);
    let (error, set_error) = signal(None::<String>);
    let damage = move || rt.damaged().and_then(|d| d.damage.clone().map(|x| (d, x)));
    let body = Signal::derive(move || {
        match damage() {
        Some((d, x)) => t!("The stored log is damaged at segment {segment}. The workspace is kept up to event {n}, the last one before it, and {loss} will be dropped from storage. This cannot be undone; export the workspace first to keep a copy of what can be read.",
            segment = x.segment,
            n = x.good_events,
            loss = d.loss().unwrap_or_default()
        ),
        None => String::new(),
    }
    });
    let recover = move |_: ()| {
        set_confirming.set(false);
        spawn_local(async move {
            set_error.set(rt.recover().await.err());
        });
    };
    view! {
        <Show when=move || damage().is_some()>
            <button
                type="button"
                class="button"
                data-testid="recover-storage"
                on:click=move |_| set_confirming.set(true)
            >
                {tr("Recover up to the last good segment…")}
            </button>
        </Show>
        <Show when=move || error.get().is_some()>
            <span data-testid="recover-error">{move || error.get()}</span>
        </Show>
        <leptos::portal::Portal>
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    testid="recover-dialog"
                    title=tr("Recover the workspace?").to_string()
                    body=body
                    cancel_label=tr("Not now")
                    cancel_testid="recover-cancel"
                    confirm_label=tr("Drop the damaged part and recover")
                    confirm_testid="recover-confirm"
                    danger=true
                    on_cancel=Callback::new(move |_| set_confirming.set(false))
                    on_confirm=Callback::new(recover)
                />
            </Show>
        </leptos::portal::Portal>
    }
}
