use leptos::prelude::*;

use crate::presets::{Facts, Preset};

/// One preset or sample: what it shows, its size, and a Load button.
#[component]
pub fn PresetCard(preset: Preset, on_load: Callback<Preset>) -> impl IntoView {
    let facts = preset.parse().ok().map(|s| Facts::of(&s));
    let chips = facts.map(|f| {
        let mut chips = vec![
            plural(f.workflows, "workflow"),
            plural(f.contacts, "contact"),
        ];
        if f.operators > 0 {
            chips.push(plural(f.operators, "operator"));
        }
        chips.push(plural(f.commands, "scripted command"));
        chips.push(format!("until {}", f.run_until));
        chips
            .into_iter()
            .map(|c| view! { <li>{c}</li> })
            .collect_view()
    });
    view! {
        <article class="scenario-card" data-testid="preset-card" data-file=preset.file>
            <h2 class="scenario-title">{preset.title}</h2>
            <p class="scenario-note">{preset.summary}</p>
            <ul class="scenario-chips" data-testid="preset-facts">{chips}</ul>
            <div class="scenario-card-actions">
                <span class="mono muted scenario-file">{preset.file}</span>
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="preset-load"
                    data-file=preset.file
                    on:click=move |_| on_load.run(preset)
                >
                    "Load"
                </button>
            </div>
        </article>
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
