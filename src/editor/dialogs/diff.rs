//! A diff of two versions (0 = the working draft).

use crate::i18n::tr;
use flowlab_engine::diff::diff;
use flowlab_engine::model::WorkflowDraft;
use leptos::prelude::*;

use crate::components::dialog_box::{DialogBox, DialogWidth};
use crate::editor::context::{use_ed_dialogs, use_ed_doc, EdDoc};
use crate::editor::diff_view::DiffView;
use crate::editor::state::Dialog;

#[component]
pub fn DiffDialog(a: u32, b: u32) -> impl IntoView {
    let (doc, dialogs) = (use_ed_doc(), use_ed_dialogs());
    let (old, new) = (draft_of(doc, a), draft_of(doc, b));
    let body = match (old, new) {
        (Some(o), Some(n)) => {
            view! { <DiffView diff=diff(&o, &n) before=name_of(a) after=name_of(b) /> }.into_any()
        }
        _ => view! { <p>{tr("That version does not exist.")}</p> }.into_any(),
    };
    view! {
        <DialogBox testid="diff-dialog" title=format!("{} → {}", name_of(a), name_of(b)) width=DialogWidth::Large closable=true on_close=dialogs.closer()>
            {body}
            <div class="dialog-actions">
                <button type="button" class="button" data-testid="diff-back" on:click=move |_| dialogs.dialog.set(Some(Dialog::Versions))>{tr("Back to the history")}</button>
            </div>
        </DialogBox>
    }
}

/// A version's draft, or the working draft for 0.
pub fn draft_of(doc: EdDoc, n: u32) -> Option<WorkflowDraft> {
    if n == 0 {
        return Some(doc.session.with_untracked(|d| d.draft().clone()));
    }
    doc.info.with_untracked(|i| {
        i.as_ref()?
            .versions
            .iter()
            .find(|v| v.number == n)
            .map(|v| v.draft.clone())
    })
}

fn name_of(n: u32) -> String {
    if n == 0 {
        tr("Draft").into()
    } else {
        format!("v{n}")
    }
}
