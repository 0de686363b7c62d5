use leptos::prelude::*;

use flowlab_engine::time::parse_duration;

use crate::file_format::presets::{Facts, Preset};
use crate::i18n::{duration, plural, tr};
use crate::t;

/// One preset or sample: what it shows, its size, and a Load button.
#[component]
pub fn PresetCard(preset: Preset, on_load: Callback<Preset>) -> impl IntoView {
    let facts = preset.parse().ok().map(|s| Facts::of(&s));
    let chips = facts.map(|f| {
        let mut chips = vec![
            plural("{n} workflow|{n} workflows", f.workflows as u64),
            plural("{n} contact|{n} contacts", f.contacts as u64),
        ];
        if f.operators > 0 {
            chips.push(plural("{n} operator|{n} operators", f.operators as u64));
        }
        chips.push(plural(
            "{n} scripted command|{n} scripted commands",
            f.commands as u64,
        ));
        let until = parse_duration(&f.run_until).map_or(f.run_until, duration);
        chips.push(t!("until {time}", time = until));
        chips
            .into_iter()
            .map(|c| view! { <li>{c}</li> })
            .collect_view()
    });
    view! {
        <article class="scenario-card" data-testid="preset-card" data-file=preset.file>
            <h2 class="scenario-title">{preset.shown_title()}</h2>
            <p class="scenario-note">{preset.shown_summary()}</p>
            <ul class="scenario-chips" data-testid="preset-facts">{chips}</ul>
            <div class="scenario-card-actions">
                <span class="mono muted scenario-file" translate="no">{preset.file}</span>
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="preset-load"
                    data-file=preset.file
                    on:click=move |_| on_load.run(preset)
                >
                    {tr("Load")}
                </button>
            </div>
        </article>
    }
}
