//! Confirming a lifecycle action (activate, pause, archive…), and running it.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::command::Command;
use flowlab_engine::machines::definition::DefinitionInput;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;

use super::modal::Modal;
use crate::editor::context::{use_ed, Ed};
use crate::editor::lifecycle::{actions, label};

#[component]
pub fn ConfirmDialog(input: DefinitionInput) -> impl IntoView {
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
        <Modal title=t!("{action} this workflow?", action = verb) testid="confirm-dialog">
            <p class="confirm-text" data-testid="confirm-text">{text}</p>
            <div class="modal-actions">
                <button type="button" class="button" on:click=move |_| ed.dialogs.dialog.set(None)>{tr("Keep it")}</button>
                <button type="button" class="button button--danger" data-testid="confirm-ok"
                    on:click=move |_| { ed.dialogs.dialog.set(None); run_lifecycle(ed, input); }>
                    {t!("{action} workflow", action = verb)}
                </button>
            </div>
        </Modal>
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
