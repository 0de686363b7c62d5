//! The editor's dialogs, one per file: publish (with the diff and the
//! warnings), version history (view, diff, restore), a diff of any two,
//! lifecycle confirmations, cloning and linking from the keyboard, each in
//! the app's `DialogBox` (closable) or `ConfirmDialog`. This file shows the
//! one `Ed::dialog` names.

mod clone;
mod confirm;
mod diff;
mod link;
mod publish;
mod versions;

use leptos::prelude::*;

use super::context::use_ed_dialogs;
use super::state::Dialog;
use clone::CloneDialog;
use confirm::LifecycleConfirm;
use diff::DiffDialog;
use link::LinkDialog;
use publish::PublishDialog;
use versions::VersionsDialog;

pub use confirm::run_lifecycle;
pub use link::link_from_selection;
pub use versions::restore;

#[component]
pub fn Dialogs() -> impl IntoView {
    let dialogs = use_ed_dialogs();
    move || {
        dialogs.dialog.get().map(|d| match d {
            Dialog::Publish => view! { <PublishDialog /> }.into_any(),
            Dialog::Versions => view! { <VersionsDialog /> }.into_any(),
            Dialog::Diff(a, b) => view! { <DiffDialog a b /> }.into_any(),
            Dialog::Confirm(input) => view! { <LifecycleConfirm input /> }.into_any(),
            Dialog::Clone => view! { <CloneDialog /> }.into_any(),
            Dialog::Link(from) => view! { <LinkDialog from /> }.into_any(),
        })
    }
}
