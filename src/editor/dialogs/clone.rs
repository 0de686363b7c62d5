//! Cloning the workflow under a new id, then opening the copy.

use crate::i18n::tr;
use flowlab_engine::command::Command;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::dialog_box::DialogBox;
use crate::editor::context::{use_ed_dialogs, use_ed_doc};

#[component]
pub fn CloneDialog() -> impl IntoView {
    let dialogs = use_ed_dialogs();
    let doc = use_ed_doc();
    let navigate = use_navigate();
    let new_id = RwSignal::new(format!("{}_copy", doc.id()));
    let error = RwSignal::new(None::<String>);
    let go = move || {
        let id = new_id.get_untracked().trim().to_string();
        match doc.rt.command(Command::Clone {
            workflow: doc.id(),
            new_id: id.clone(),
        }) {
            Ok(Outcome::Accepted) => {
                doc.rt.dismiss_refusal();
                dialogs.dialog.set(None);
                navigate(&format!("/editor/{id}"), Default::default());
            }
            Ok(Outcome::Rejected(why)) => error.set(Some(why)),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <DialogBox testid="clone-dialog" title=tr("Clone workflow").to_string() closable=true on_close=dialogs.closer()>
            <p class="panel-note">{tr("A new draft workflow with a copy of this draft. The copy has no versions and starts as a draft.")}</p>
            <form on:submit=move |ev| { ev.prevent_default(); go(); }>
                <label class="ed-field">
                    <span class="field-label">{tr("Id of the copy")}</span>
                    <input class="input input--mono" data-testid="clone-id" prop:value=move || new_id.get()
                        on:input=move |ev| new_id.set(event_target_value(&ev)) />
                </label>
                {move || error.get().map(|e| view! { <div class="callout callout--bad" role="alert">{e}</div> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| dialogs.dialog.set(None)>{tr("Cancel")}</button>
                    <button type="submit" class="button button--primary" data-testid="clone-confirm">{tr("Clone")}</button>
                </div>
            </form>
        </DialogBox>
    }
}
