//! The workspace menu in the header: download the trace of everything that
//! happened, and start over from the built-in sample workspace.

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::browser::download::download_text;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::dismiss::dismissable;
use crate::components::import_file::ImportFile;
use crate::file_format::trace::trace_text;
use crate::host::{use_runtime, Mode};
use crate::i18n::{plural, tr};

#[component]
pub fn WorkspaceMenu() -> impl IntoView {
    let rt = use_runtime();
    let open = RwSignal::new(false);
    let set_open = open.write_only();
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    dismissable(root, button, open);
    let (confirming, set_confirming) = signal(false);
    // A damaged workspace can still be exported (its good part) and reset.
    let ready = move || rt.mode() == Mode::Running || rt.damaged().is_some();
    let nothing_to_export = move || rt.damaged().is_some_and(|d| d.damage.is_none());
    let download_trace = move |_| {
        set_open.set(false);
        if let Some(text) = rt.with_untracked(trace_text) {
            if let Err(e) = download_text("flowlab-trace.jsonl", "application/x-ndjson", &text) {
                web_sys::console::error_1(&e.into());
            }
        }
    };
    let import_open = RwSignal::new(0u32);
    let export_workspace = move |_| {
        set_open.set(false);
        if let Some(text) = rt.export_workspace() {
            if let Err(e) = download_text("flowlab-workspace.json", "application/json", &text) {
                web_sys::console::error_1(&e.into());
            }
        }
    };
    let summary = move || {
        rt.with(|s| {
            let state = s.state();
            [
                plural("{n} workflow|{n} workflows", state.workflows.len() as u64),
                plural("{n} contact|{n} contacts", state.contacts.len() as u64),
                plural(
                    "{n} execution|{n} executions",
                    state.executions.len() as u64,
                ),
                plural("{n} event|{n} events", s.log().len() as u64),
            ]
            .join(" · ")
        })
    };
    let reset = move |_: ()| {
        set_confirming.set(false);
        spawn_local(async move {
            if let Err(e) = rt.reset().await {
                web_sys::console::error_1(&e.to_string().into());
            }
        });
    };
    view! {
        <div class="ws-menu" node_ref=root>
            <button
                type="button"
                node_ref=button
                class="ws-menu-button"
                data-testid="workspace-menu"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                disabled=move || !ready()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {tr("Workspace")}
            </button>
            <Show when=move || open.get()>
                <div class="ws-menu-list" role="menu" data-testid="workspace-menu-list">
                    <p class="ws-menu-summary" data-testid="workspace-summary">{summary}</p>
                    <button
                        type="button"
                        role="menuitem"
                        data-testid="export-workspace"
                        disabled=nothing_to_export
                        on:click=export_workspace
                    >
                        {move || if nothing_to_export() {
                            tr("Export: nothing of the damaged workspace can be read")
                        } else if rt.damaged().is_some() {
                            tr("Export what can be recovered (.json)")
                        } else {
                            tr("Export workspace (.json)")
                        }}
                    </button>
                    <button
                        type="button"
                        role="menuitem"
                        data-testid="import-file"
                        title=tr("A workspace, a scenario or one workflow (.json), or a BPMN 2.0 process (.bpmn)")
                        on:click=move |_| {
                            set_open.set(false);
                            import_open.update(|n| *n += 1);
                        }
                    >
                        {tr("Import a file…")}
                    </button>
                    <button type="button" role="menuitem" data-testid="download-trace" on:click=download_trace>
                        {tr("Download trace (.jsonl)")}
                    </button>
                    <button
                        type="button"
                        role="menuitem"
                        class="ws-menu-danger"
                        data-testid="reset-workspace"
                        on:click=move |_| {
                            set_open.set(false);
                            set_confirming.set(true);
                        }
                    >
                        {tr("Reset to the sample workspace…")}
                    </button>
                </div>
            </Show>
            <leptos::portal::Portal>
            <ImportFile open=import_open />
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    testid="reset-dialog"
                    title=tr("Reset the workspace?").to_string()
                    body=tr("Every workflow, version, contact and execution in this browser is replaced by the built-in sample workspace, and the clock goes back to Day 0. This cannot be undone; download the trace first if you want to keep a record.").to_string()
                    cancel_label=tr("Keep my workspace")
                    cancel_testid="reset-cancel"
                    confirm_label=tr("Reset")
                    confirm_testid="reset-confirm"
                    danger=true
                    on_cancel=Callback::new(move |_| set_confirming.set(false))
                    on_confirm=Callback::new(reset)
                />
            </Show>
            </leptos::portal::Portal>
        </div>
    }
}
