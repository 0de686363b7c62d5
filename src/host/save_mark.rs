//! The save state as a signal, and beside it, as plain text for the crash
//! banner, what is saved for certain: set in the same call, so the figure
//! is the log as it was when the saver said it.

use leptos::prelude::*;

use super::SaveState;
use crate::i18n::{plural, tr};
use crate::session::Session;
use crate::sim_time_text::format_sim_time;
use crate::t;

#[derive(Clone, Copy)]
pub(super) struct SaveSignal {
    state: RwSignal<SaveState>,
    session: StoredValue<Option<Session>, LocalStorage>,
}

impl SaveSignal {
    pub(super) fn new(session: StoredValue<Option<Session>, LocalStorage>) -> SaveSignal {
        SaveSignal {
            state: RwSignal::new(SaveState::Saved),
            session,
        }
    }

    pub(super) fn get(&self) -> SaveState {
        self.state.get()
    }

    pub(super) fn set(&self, state: SaveState) {
        let sentence = self
            .session
            .with_value(|s| s.as_ref().map(|s| saved_sentence(s, &state)));
        if let Some(sentence) = sentence {
            crate::browser::crash::note_saved(&sentence);
        }
        self.state.set(state);
    }
}

/// What is saved: the log minus the events the state says are not.
fn saved_sentence(session: &Session, state: &SaveState) -> String {
    let log = session.log();
    let unsaved = match state {
        SaveState::Saved => 0,
        SaveState::Saving { unsaved } | SaveState::NotSaving { unsaved, .. } => *unsaved,
    };
    let saved = log.len().saturating_sub(unsaved);
    match (state, saved) {
        (SaveState::NotSaving { reason, .. }, 0) => {
            t!(
                "Nothing of this workspace is saved in this browser ({reason}).",
                reason = reason
            )
        }
        (_, 0) => tr("The workspace as it was loaded is saved, before its first event.").into(),
        (_, n) => t!(
            "Everything up to {time} ({events}) is saved.",
            time = format_sim_time(log.get(n - 1).t),
            events = plural("{n} event|{n} events", n as u64)
        ),
    }
}
