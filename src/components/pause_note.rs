//! The narration of a "pause here" mark, while the clock rests at it.

use leptos::prelude::*;

use crate::host::use_runtime;
use crate::i18n::tr;

#[component]
pub fn PauseNote() -> impl IntoView {
    let rt = use_runtime();
    move || {
        rt.resting_mark().map(|m| {
            view! {
                <div class="banner banner--info pause-note" role="status" data-testid="pause-mark" data-index=m.index>
                    <strong>{tr("Paused here:")}</strong>
                    <span data-testid="pause-mark-say">{m.say}</span>
                    <span class="muted">{tr("Press play to go on.")}</span>
                </div>
            }
        })
    }
}
