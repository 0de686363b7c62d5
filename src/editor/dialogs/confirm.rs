//! Confirming a lifecycle action (activate, pause, archive…) in the app's
//! `ConfirmDialog`, and running it.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::command::Command;
use flowlab_engine::machines::definition::DefinitionInput;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::editor::context::{use_ed, Ed};
use crate::editor::lifecycle::{actions, label};

/// The app's `ConfirmDialog`, asking before a lifecycle action.
#[component]
pub fn LifecycleConfirm(input: DefinitionInput) -> impl IntoView {
    let ed = use_ed();
    let text = ed
        .doc
        .info
        .get_untracked()
        .and_then(|i| {
            actions(i.status, i.facts())
                .into_iter()
                .find(|a| a.input == input)
        })
        .and_then(|a| a.confirm)
        .unwrap_or_default();
    let verb = label(input);
    view! {
        <ConfirmDialog
            testid="confirm-dialog"
            title=t!("{action} this workflow?", action = verb)
            body=text
            body_testid="confirm-text"
            cancel_label=tr("Keep it")
            cancel_testid="confirm-cancel"
            confirm_label=t!("{action} workflow", action = verb)
            confirm_testid="confirm-ok"
            danger=true
            on_cancel=ed.dialogs.closer()
            on_confirm=Callback::new(move |_| {
                ed.dialogs.dialog.set(None);
                run_lifecycle(ed, input);
            })
        />
    }
}

pub fn run_lifecycle(ed: Ed, input: DefinitionInput) {
    let workflow = ed.doc.id();
    let command = match input {
        DefinitionInput::Activate => Command::Activate { workflow },
        DefinitionInput::Pause => Command::Pause { workflow },
        DefinitionInput::Resume => Command::Resume { workflow },
        DefinitionInput::Cancel => Command::Cancel { workflow },
        DefinitionInput::Archive => Command::Archive { workflow },
    };
    if let Ok(Outcome::Accepted) = ed.doc.rt.command(command) {
        ed.dialogs
            .notice
            .set(Some(t!("{action}: done", action = label(input))));
    }
}
