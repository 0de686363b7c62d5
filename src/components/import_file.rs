//! Importing a file from the workspace menu: the file is read and checked
//! first (`file_format::import::read_file`); a bad one is refused with the
//! reason and nothing changes. A workspace or scenario replaces the
//! workspace after a confirmation; a workflow whose id is taken asks
//! whether to replace that draft or to import a copy.

use flowlab_engine::model::WorkflowDraft;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::browser::chosen_file::{chosen_file, chosen_file_text};
use crate::components::confirm_dialog::{ConfirmDialog, OtherChoice};
use crate::components::dialog_box::DialogBox;
use crate::file_format::import::{read_file, ImportError, Imported};
use crate::file_format::scenario::read_scenario;
use crate::host::{use_runtime, Runtime};
use crate::i18n::tr;
use crate::session::Session;
use crate::t;

enum Pending {
    Replace {
        file: String,
        session: Box<Session>,
        source: String,
    },
    Clash {
        file: String,
        draft: Box<WorkflowDraft>,
    },
}

fn replacing_session(file: &str, imported: Imported) -> Result<Pending, ImportError> {
    Ok(match imported {
        Imported::Workspace { session, source } => Pending::Replace {
            file: file.to_owned(),
            session,
            source,
        },
        Imported::Scenario { source } => Pending::Replace {
            file: file.to_owned(),
            session: Box::new(read_scenario(file, &source)?),
            source,
        },
        Imported::Workflow(draft) => Pending::Clash {
            file: file.to_owned(),
            draft,
        },
    })
}

/// Reads and checks a chosen file. In the split build this is a part of its
/// own (`#[lazy]`), with the BPMN and XML readers, fetched at the first
/// import.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn check_file(name: String, text: String) -> Result<Pending, ImportError> {
    read_file(&name, &text).and_then(|imported| replacing_session(&name, imported))
}

/// The hidden file input, and the dialogs an import may need. `open` is
/// set by the menu to show the browser's file dialog.
#[component]
pub fn ImportFile(open: RwSignal<u32>) -> impl IntoView {
    let rt: Runtime = use_runtime();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = StoredValue::new_local(None::<Pending>);
    let asking = RwSignal::new(None::<(bool, String, String)>);

    Effect::new(move |previous: Option<u32>| {
        let n = open.get();
        if previous.is_some_and(|p| p != n) {
            if let Some(el) = input.get_untracked() {
                el.set_value("");
                el.click();
            }
        }
        n
    });

    let on_change = move |_| {
        let Some(file) = input.get_untracked().and_then(|el| chosen_file(&el)) else {
            return;
        };
        error.set(None);
        done.set(None);
        spawn_local(async move {
            let name = file.name();
            let text = match chosen_file_text(&file).await {
                Ok(t) => t,
                Err(e) => return error.set(Some(e)),
            };
            match check_file(name, text).await {
                Err(e) => error.set(Some(e.to_string())),
                Ok(Pending::Clash { file, draft }) => {
                    let taken = rt
                        .with_untracked(|s| s.state().workflow_ix.contains_key(&draft.id))
                        .unwrap_or(false);
                    if taken {
                        asking.set(Some((false, file.clone(), draft.id.clone())));
                        pending.set_value(Some(Pending::Clash { file, draft }));
                    } else {
                        import_workflow(rt, &draft, &draft.id, done, error);
                    }
                }
                Ok(replace @ Pending::Replace { .. }) => {
                    let Pending::Replace { file, .. } = &replace else {
                        unreachable!()
                    };
                    asking.set(Some((true, file.clone(), String::new())));
                    pending.set_value(Some(replace));
                }
            }
        });
    };

    let confirm = move |as_copy: bool| {
        asking.set(None);
        match pending.try_update_value(|p| p.take()).flatten() {
            Some(Pending::Replace {
                file,
                session,
                source,
            }) => spawn_local(async move {
                match rt.replace(*session, source).await {
                    Ok(()) => done.set(Some(t!(
                        "The workspace now comes from {file}.",
                        file = file
                    ))),
                    Err(e) => error.set(Some(t!(
                        "{file} was not imported: {error}. Nothing was changed.",
                        file = file,
                        error = e
                    ))),
                }
            }),
            Some(Pending::Clash { draft, .. }) => {
                let id = if as_copy {
                    rt.free_workflow_id(&draft.id)
                } else {
                    draft.id.clone()
                };
                import_workflow(rt, &draft, &id, done, error);
            }
            None => {}
        }
    };
    let cancel = move |_: ()| {
        asking.set(None);
        pending.set_value(None);
    };

    view! {
        <input
            type="file"
            accept=".json,.bpmn,application/json,application/xml,text/xml"
            class="visually-hidden"
            tabindex="-1"
            aria-label=tr("File to import")
            data-testid="import-input"
            node_ref=input
            on:change=on_change
        />
        <Show when=move || error.get().is_some()>
            <DialogBox testid="import-error" title_id=Some("import-error-title") title=tr("This file was not imported").to_string()
                alert=true on_close=Callback::new(move |_| error.set(None))>
                <p class="dialog-code" data-testid="import-error-message">{move || error.get()}</p>
                <p>{tr("Nothing in your workspace changed.")}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" data-testid="import-error-close" on:click=move |_| error.set(None)>{tr("Close")}</button>
                </div>
            </DialogBox>
        </Show>
        <Show when=move || done.get().is_some()>
            <div class="banner banner--info import-done" role="status" data-testid="import-done">
                <span>{move || done.get()}</span>
                <button type="button" class="banner-close" aria-label=tr("Dismiss") on:click=move |_| done.set(None)>"×"</button>
            </div>
        </Show>
        <Show when=move || asking.get().is_some()>
            {move || asking.get().map(|(whole, file, id)| if whole {
                view! {
                    <ConfirmDialog
                        testid="import-replace-dialog"
                        title=tr("Replace the workspace?").to_string()
                        body=t!("{file} holds a whole workspace. Importing it replaces every workflow, version, contact and execution here, and the clock. Export this workspace first if you want to keep it.", file = file)
                        cancel_label=tr("Keep mine")
                        cancel_testid="import-cancel"
                        confirm_label=tr("Replace")
                        confirm_testid="import-replace"
                        danger=true
                        on_cancel=Callback::new(move |_| cancel(()))
                        on_confirm=Callback::new(move |_| confirm(false))
                    />
                }.into_any()
            } else {
                view! {
                    <ConfirmDialog
                        testid="import-clash-dialog"
                        title_id="import-clash-title"
                        title=t!("A workflow `{id}` already exists", id = id)
                        body=t!("Replace its draft with the one in {file} (its published versions stay), or import it as a new workflow?", file = file)
                        cancel_label=tr("Cancel")
                        cancel_testid="import-cancel"
                        other=OtherChoice {
                            label: tr("Import as a copy"),
                            testid: "import-as-copy",
                            on_pick: Callback::new(move |_| confirm(true)),
                        }
                        confirm_label=tr("Replace the draft")
                        confirm_testid="import-replace"
                        danger=true
                        on_cancel=Callback::new(move |_| cancel(()))
                        on_confirm=Callback::new(move |_| confirm(false))
                    />
                }.into_any()
            })}
        </Show>
    }
}

fn import_workflow(
    rt: Runtime,
    draft: &WorkflowDraft,
    id: &str,
    done: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
) {
    match rt.import_workflow(draft, id) {
        Ok(flowlab_engine::runtime::Outcome::Accepted) => {
            done.set(Some(t!("Workflow `{id}` imported as a draft.", id = id)))
        }
        Ok(flowlab_engine::runtime::Outcome::Rejected(why)) => error.set(Some(why)),
        Err(e) => error.set(Some(e.to_string())),
    }
}
