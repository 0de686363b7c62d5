use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use super::describe::{describe_marked, MARK_END, MARK_START};
use crate::file_format::presets::PRESETS;
use crate::file_format::samples::SAMPLE_FILES;
use crate::host::use_runtime;
use crate::i18n::samples::localize;
use crate::i18n::{num, tr};
use crate::sim_time_text::format_sim_time;
use crate::t;

/// The loaded scenario: its note to read aloud, and its script with what is
/// done, what comes next (highlighted) and what follows, as the clock runs.
#[component]
pub fn NowPlaying() -> impl IntoView {
    let rt = use_runtime();
    let source = Memo::new(move |_| rt.source());
    let about = Memo::new(move |_| {
        source.with(|text| {
            let title = PRESETS
                .iter()
                .find(|p| p.localized_text() == text.as_str())
                .map(|p| p.shown_title().to_owned())
                .or_else(|| {
                    SAMPLE_FILES
                        .iter()
                        .find(|f| localize(f.text) == text.as_str())
                        .map(|f| f.name.to_owned())
                });
            let note = parse_scenario("loaded.json", text)
                .ok()
                .and_then(|s| s.note().map(str::to_owned));
            (title, note)
        })
    });
    let script = Memo::new(move |_| {
        rt.with_in(&[], |s| {
            s.script()
                .iter()
                .map(|e| (e.at, describe_marked(&e.command)))
                .collect::<Vec<(SimTime, String)>>()
        })
        .unwrap_or_default()
    });
    let done = Memo::new(move |_| rt.with_log(|s| s.script_done()).unwrap_or(0));
    let rows = move || {
        let done = done.get();
        script.with(|entries| {
            entries
                .iter()
                .enumerate()
                .map(|(i, (at, text))| {
                    let state = match i.cmp(&done) {
                        std::cmp::Ordering::Less => "done",
                        std::cmp::Ordering::Equal => "next",
                        std::cmp::Ordering::Greater => "pending",
                    };
                    view! {
                        <li class=format!("script-entry script-entry--{state}") data-testid="script-entry" data-state=state aria-current=(state == "next").then_some("step")>
                            <span class="script-time mono">{format_sim_time(*at)}</span>
                            <span class="script-text">{marked_view(text)}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="now-playing card" data-testid="now-playing" aria-labelledby="now-playing-title">
            <div class="now-playing-head">
                <span class="eyebrow">{tr("Loaded in this workspace")}</span>
                <h2 id="now-playing-title" class="now-playing-title" data-testid="now-playing-title">
                    {move || about.with(|(t, _)| t.clone()).unwrap_or_else(|| tr("Your workspace").to_owned())}
                </h2>
                <p class="now-playing-note" data-testid="now-playing-note">
                    {move || about.with(|(_, n)| n.clone()).unwrap_or_else(|| tr("No note: this workspace was not loaded from a scenario file with one.").to_owned())}
                </p>
            </div>
            <div class="now-playing-script">
                <h3 class="section-title">
                    {tr("Script")}" "
                    <span class="muted" data-testid="script-progress">
                        {move || t!("{n} of {m} played", n = num(done.get() as u64), m = num(script.with(Vec::len) as u64))}
                    </span>
                </h3>
                <Show
                    when=move || script.with(|s| !s.is_empty())
                    fallback=|| view! { <p class="muted">{tr("No scripted commands: what happens next is up to you.")}</p> }
                >
                    <ol class="script-list" data-testid="script-list" tabindex="0" aria-label=tr("The script")>{rows}</ol>
                </Show>
            </div>
        </section>
    }
}

/// A described command, its identifiers marked as not to translate.
fn marked_view(text: &str) -> impl IntoView {
    let mut parts = Vec::new();
    for (i, piece) in text.split(MARK_START).enumerate() {
        let (id, prose) = match piece.split_once(MARK_END) {
            Some((id, prose)) if i > 0 => (Some(id), prose),
            _ => (None, piece),
        };
        if let Some(id) = id {
            parts.push(
                view! { <span class="script-id" translate="no">{id.to_owned()}</span> }.into_any(),
            );
        }
        if !prose.is_empty() {
            parts.push(prose.to_owned().into_any());
        }
    }
    parts
}
