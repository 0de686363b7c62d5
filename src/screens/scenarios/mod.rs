//! The Scenarios screen: the trainer presets and the sample scenarios, each
//! loaded in one click (after a confirmation: it replaces the workspace);
//! a scenario file from disk, checked before anything changes; and the
//! loaded scenario's note and script, which follow the clock.

mod card;
mod describe;
mod now_playing;

use flowlab_engine::scenario::parse_scenario;

use crate::browser::chosen_file::{chosen_file, chosen_file_text};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen_futures::spawn_local;

use crate::browser::download::download_text;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::file_format::presets::{Preset, PRESETS};
use crate::file_format::samples::SAMPLE_FILES;
use crate::file_format::scenario::{export_scenario, file_name, reproduces};
use crate::host::{use_runtime, Mode};
use crate::i18n::{en, tr};
use crate::sim_time_text::format_sim_time;
use crate::t;
use card::PresetCard;
use now_playing::NowPlaying;

/// A scenario waiting for the person to confirm that it replaces the workspace.
#[derive(Clone)]
struct Pending {
    file: String,
    title: String,
    text: String,
    watch: String,
}

fn samples() -> Vec<Preset> {
    let titles = [
        ("welcome.json", en("Sample: welcome series")),
        ("campaign.json", en("Sample: spring campaign")),
        ("provisioning.json", en("Sample: provisioning")),
    ];
    SAMPLE_FILES
        .iter()
        .map(|f| Preset {
            file: f.name,
            title: titles
                .iter()
                .find(|(n, _)| *n == f.name)
                .map_or(f.name, |(_, t)| t),
            summary: en(
                "A complete sample scenario: contacts, operators, a script and what should happen.",
            ),
            watch: "/runs",
            text: f.text,
        })
        .collect()
}

#[component]
pub fn ScenariosScreen() -> impl IntoView {
    let rt = use_runtime();
    let navigate = StoredValue::new_local(use_navigate());
    let pending = RwSignal::new(None::<Pending>);
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let ready = move || rt.mode() == Mode::Running && !loading.get();

    let ask = Callback::new(move |p: Preset| {
        error.set(None);
        pending.set(Some(Pending {
            file: p.file.to_owned(),
            title: p.shown_title().to_owned(),
            text: p.localized_text().into_owned(),
            watch: p.watch.to_owned(),
        }));
    });

    let confirm = move |_: ()| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        loading.set(true);
        let navigate = navigate.get_value();
        spawn_local(async move {
            let result = rt.load_scenario(&p.file, &p.text).await;
            loading.set(false);
            match result {
                Ok(()) => navigate(&p.watch, Default::default()),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };

    let on_file = move |_| {
        let Some(file) = input.get_untracked().and_then(|el| chosen_file(&el)) else {
            return;
        };
        error.set(None);
        spawn_local(async move {
            let name = file.name();
            let text = match chosen_file_text(&file).await {
                Ok(t) => t,
                Err(e) => return error.set(Some(e)),
            };
            match parse_scenario(&name, &text) {
                Err(e) => error.set(Some(e.to_string())),
                Ok(_) => pending.set(Some(Pending {
                    title: name.clone(),
                    file: name,
                    text,
                    watch: "/scenarios".to_owned(),
                })),
            }
        });
    };

    let exported = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        let made = rt.with_untracked(|s| {
            let note = t!("Exported from Flowlab at {time}: the workspace's workflows and people, the script played so far and {n} command(s) given in the page.", time = format_sim_time(s.clock().now), n = s.journal().len());
            let text = export_scenario(s, &note);
            (file_name(s.clock().now), reproduces(s, &text), text)
        });
        let Some((name, check, text)) = made else {
            return;
        };
        if let Err(e) = download_text(&name, "application/json", &text) {
            web_sys::console::error_1(&e.into());
        }
        exported.set(Some(match check {
            None => Ok(t!(
                "{name}: flowlab-sim run {name} writes this workspace's trace.",
                name = name
            )),
            Some(why) => Err(t!(
                "{name} does not reproduce this workspace exactly: {why}",
                name = name,
                why = why
            )),
        }));
    };

    let pick_file = move |_| {
        if let Some(el) = input.get_untracked() {
            el.set_value("");
            el.click();
        }
    };

    let presets = PRESETS
        .into_iter()
        .map(|preset| view! { <PresetCard preset on_load=ask /> })
        .collect_view();
    let samples = samples()
        .into_iter()
        .map(|preset| view! { <PresetCard preset on_load=ask /> })
        .collect_view();

    view! {
        <div class="page page--wide" data-testid="screen-scenarios">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("Scenarios")}</h1>
                    <p class="page-subtitle">{tr("Load a story into a fresh workspace, press play and narrate: each preset shows one behaviour in a few minutes of simulated time.")}</p>
                </div>
                <div class="page-actions">
                    <button type="button" class="button" data-testid="scenario-file-button" disabled=move || !ready() on:click=pick_file>
                        {tr("Load a scenario file…")}
                    </button>
                    <button type="button" class="button" data-testid="export-scenario" disabled=move || !ready() on:click=export>
                        {tr("Export as scenario")}
                    </button>
                    <input
                        type="file"
                        accept=".json,application/json"
                        class="visually-hidden"
                        tabindex="-1"
                        aria-label=tr("Scenario file to load")
                        data-testid="scenario-file-input"
                        node_ref=input
                        on:change=on_file
                    />
                </div>
            </div>
            <Show when=move || error.get().is_some()>
                <div class="error-banner scenario-error" role="alert" data-testid="scenario-file-error">
                    <div>
                        <strong>{tr("This scenario was not loaded.")}</strong>" "
                        {tr("Nothing in your workspace changed.")}
                        <p class="mono" data-testid="scenario-file-error-message">{move || error.get()}</p>
                    </div>
                    <button type="button" class="banner-close" aria-label=tr("Dismiss") on:click=move |_| error.set(None)>"×"</button>
                </div>
            </Show>
            {move || exported.get().map(|r| {
                let (class, ok, text) = match r {
                    Ok(t) => ("banner banner--info scenario-exported", "true", t),
                    Err(t) => ("banner banner--warning scenario-exported", "false", t),
                };
                view! {
                    <div class=class role="status" data-testid="export-result" data-reproduces=ok>
                        <span>{text}</span>
                        <button type="button" class="banner-close" aria-label=tr("Dismiss") on:click=move |_| exported.set(None)>"×"</button>
                    </div>
                }
            })}
            <NowPlaying />
            <h2 class="section-title scenario-section">{tr("Presets for trainers")}</h2>
            <div class="scenario-grid" data-testid="preset-list">{presets}</div>
            <h2 class="section-title scenario-section">{tr("Samples")}</h2>
            <div class="scenario-grid" data-testid="sample-list">{samples}</div>
            <leptos::portal::Portal>
                <Show when=move || pending.get().is_some()>
                    <ConfirmDialog
                        testid="load-dialog"
                        title=Signal::derive(move || pending.get().map(|p| t!("Load “{title}”?", title = p.title)).unwrap_or_default())
                        body=tr("It replaces every workflow, version, contact and execution in this browser, and puts the clock back to Day 0, paused, ready to play. Export or download the trace first if you want to keep the current workspace.").to_string()
                        cancel_label=tr("Keep my workspace")
                        cancel_testid="load-cancel"
                        confirm_label=tr("Load")
                        confirm_testid="load-confirm"
                        on_cancel=Callback::new(move |_| pending.set(None))
                        on_confirm=Callback::new(confirm)
                    />
                </Show>
            </leptos::portal::Portal>
        </div>
    }
}
