//! The Lifecycle screen's state gallery: clicking a state box loads that
//! state's example (`gallery`) into a fresh workspace, the cursor right
//! after the event that put the example in that state, the clock paused,
//! and says what it shows. The example shown is in the address
//! (`/lifecycle?example=execution.CANCELLED`), so it survives a visit to
//! the example's page and a reload.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen_futures::spawn_local;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::file_format::presets::{preset, PRESETS};
use crate::gallery::{self, Example, Machine, Subject};
use crate::host::{use_runtime, Mode, Runtime};
use crate::i18n::{fill, tr};
use crate::t;

/// Goes to a path in the app.
type Go = Box<dyn Fn(&str)>;

/// The gallery's signals, shared by the diagrams and the panel.
#[derive(Clone, Copy)]
pub struct Gallery {
    rt: Runtime,
    /// Shows an example's address.
    go: StoredValue<Go, LocalStorage>,
    /// The example in the address, while the workspace is its preset.
    shown: Memo<Option<&'static Example>>,
    /// An example waiting for the person to confirm replacing the workspace.
    pending: RwSignal<Option<&'static Example>>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

fn query_key(ex: &Example) -> String {
    format!("{}.{}", ex.machine().name(), ex.state)
}

impl Gallery {
    pub fn new() -> Gallery {
        let rt = use_runtime();
        let query = use_query_map();
        let shown = Memo::new(move |_| {
            let key = query.with(|q| q.get("example"))?;
            let (machine, state) = key.split_once('.')?;
            let ex = gallery::example(machine, state)?;
            rt.source_is(&preset(ex.preset)?.localized_text())
                .then_some(ex)
        });
        let navigate = use_navigate();
        Gallery {
            rt,
            go: StoredValue::new_local(
                Box::new(move |to: &str| navigate(to, Default::default())) as Go
            ),
            shown,
            pending: RwSignal::new(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// The state to light on `machine`'s diagram.
    pub fn lit(&self, machine: Machine) -> Option<String> {
        self.shown
            .get()
            .filter(|ex| ex.machine() == machine)
            .map(|ex| ex.state.to_owned())
    }

    /// What a click on one of `machine`'s state boxes does.
    pub fn pick(&self, machine: Machine) -> Callback<&'static str> {
        let g = *self;
        let rt = self.rt;
        Callback::new(move |state: &'static str| {
            let Some(ex) = gallery::example(machine.name(), state) else {
                return;
            };
            g.error.set(None);
            if g.loading.get_untracked() {
                return;
            }
            // Nothing a person did is lost when the workspace is a preset
            // nobody has given a command in (an earlier example).
            let untouched = rt
                .with_untracked(|s| s.journal().is_empty())
                .unwrap_or(false)
                && PRESETS
                    .iter()
                    .any(|p| rt.source_is_untracked(&p.localized_text()));
            if untouched {
                g.show(ex);
            } else {
                g.pending.set(Some(ex));
            }
        })
    }

    fn show(&self, ex: &'static Example) {
        let rt = self.rt;
        if rt.mode() != Mode::Running {
            self.error.set(Some(
                tr("This tab shows the workspace read-only, so it cannot load an example.").into(),
            ));
            return;
        }
        let g = *self;
        g.loading.set(true);
        spawn_local(async move {
            let result = match gallery::open(ex) {
                Err(e) => Err(e.to_string()),
                Ok((session, p, _)) => {
                    let refused = tr("{file} was not loaded: {error}. Nothing was changed.");
                    rt.replace(session, p.localized_text().into_owned())
                        .await
                        .map_err(|e| fill(refused, &[("file", &p.file), ("error", &e)]))
                }
            };
            g.loading.set(false);
            match result {
                Ok(()) => {
                    g.go.with_value(|go| go(&format!("/lifecycle?example={}", query_key(ex))))
                }
                Err(e) => g.error.set(Some(e)),
            }
        });
    }
}

/// A translated `template` with each `{hole}` replaced by `value(hole)`;
/// a hole without a value stays as written.
fn fill_view(template: &str, value: impl Fn(&str) -> Option<AnyView>) -> Vec<AnyView> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let Some(v) = value(&rest[open + 1..close]) else {
            out.push(rest[..=close].to_owned().into_any());
            rest = &rest[close + 1..];
            continue;
        };
        out.push(rest[..open].to_owned().into_any());
        out.push(v);
        rest = &rest[close + 1..];
    }
    out.push(rest.to_owned().into_any());
    out
}

/// A translated `template` whose holes are ids or codes, shown as code.
fn with_codes(template: &str, codes: &[(&str, &'static str)]) -> Vec<AnyView> {
    fill_view(template, |hole| {
        codes
            .iter()
            .find(|(name, _)| *name == hole)
            .map(|(_, v)| view! { <code>{*v}</code> }.into_any())
    })
}

/// The subject named for people, its ids as code.
fn subject_view(subject: Subject) -> Vec<AnyView> {
    match subject {
        Subject::Workflow(id) => with_codes(tr("workflow {id}"), &[("id", id)]),
        Subject::Execution(x) => with_codes(tr("execution {x}"), &[("x", x)]),
        Subject::Step { execution, step } => with_codes(
            tr("step {step} of {execution}"),
            &[("step", step), ("execution", execution)],
        ),
    }
}

fn link(subject: Subject) -> (String, Vec<AnyView>) {
    match subject {
        Subject::Workflow(id) => (
            format!("/editor/{id}"),
            with_codes(tr("Open workflow {id}"), &[("id", id)]),
        ),
        Subject::Execution(x) => (
            format!("/runs/{x}"),
            with_codes(tr("Open execution {x}"), &[("x", x)]),
        ),
        Subject::Step { execution, step } => (
            format!("/runs/{execution}"),
            with_codes(
                tr("Open execution {execution} (step {step})"),
                &[("execution", execution), ("step", step)],
            ),
        ),
    }
}

/// The example shown (`state-example`), the confirmation and any refusal.
#[component]
pub fn StateExample(gallery: Gallery) -> impl IntoView {
    let rt = use_runtime();
    let g = gallery;
    let confirm = move |_: ()| {
        if let Some(ex) = g.pending.get_untracked() {
            g.pending.set(None);
            g.show(ex);
        }
    };
    let panel = move || {
        let ex = g.shown.get()?;
        let p = preset(ex.preset)?;
        let now = rt.with(|s| ex.subject.status_in(s.state())).flatten();
        let (href, label) = link(ex.subject);
        let (workflow, execution, step) = match ex.subject {
            Subject::Workflow(id) => (Some(id), None, None),
            Subject::Execution(x) => (None, Some(x), None),
            Subject::Step { execution, step } => (None, Some(execution), Some(step)),
        };
        let moved = (now != Some(ex.state)).then(|| {
            let template = match now {
                Some(_) => tr("The cursor has moved: here {subject} is {state}."),
                None => tr("The cursor has moved: here {subject} is not there yet."),
            };
            let said = fill_view(template, |hole| match hole {
                "subject" => Some(subject_view(ex.subject).into_any()),
                "state" => now.map(|s| view! { <code>{s}</code> }.into_any()),
                _ => None,
            });
            view! {
                <p class="state-example-moved" data-testid="state-example-moved">{said}</p>
            }
        });
        Some(view! {
            <section
                class="card state-example"
                data-testid="state-example"
                data-state=ex.state
                data-machine=ex.machine().name()
                data-workflow=workflow
                data-execution=execution
                data-step=step
                aria-live="polite"
            >
                <div class="state-example-head">
                    <span class="state-example-state mono" translate="no">{ex.state}</span>
                    <span class="muted">
                        {subject_view(ex.subject)}
                        " · "
                        <span data-testid="state-example-preset">{t!("preset “{title}”", title = p.shown_title())}</span>
                    </span>
                    <a class="link state-example-link" href=href data-testid="state-example-link">{label}</a>
                </div>
                <p class="state-example-say" data-testid="state-example-say">{ex.say()}</p>
                {moved}
            </section>
        })
    };
    view! {
        <Show when=move || g.loading.get()>
            <p class="state-example-loading muted" role="status" data-testid="state-example-loading">{tr("Loading the example…")}</p>
        </Show>
        {move || g.error.get().map(|e| view! {
            <div class="error-banner" role="alert" data-testid="state-example-error">
                <span>{e}</span>
                <button type="button" class="banner-close" aria-label=tr("Dismiss") on:click=move |_| g.error.set(None)>"×"</button>
            </div>
        })}
        {panel}
        <leptos::portal::Portal>
            <Show when=move || g.pending.get().is_some()>
                <ConfirmDialog
                    testid="load-dialog"
                    title=Signal::derive(move || g.pending.get().map(|ex| t!("Show an example of {state}?", state = ex.state)).unwrap_or_default())
                    body=Signal::derive(move || g.pending.get().and_then(|ex| preset(ex.preset)).map(|p| t!("It loads the preset “{title}” in place of every workflow, version, contact and execution in this browser, plays it to the example and pauses there. Export the workspace first if you want to keep it.", title = p.shown_title())).unwrap_or_default())
                    cancel_label=tr("Keep my workspace")
                    cancel_testid="load-cancel"
                    confirm_label=tr("Load the example")
                    confirm_testid="load-confirm"
                    on_cancel=Callback::new(move |_| g.pending.set(None))
                    on_confirm=Callback::new(confirm)
                />
            </Show>
        </leptos::portal::Portal>
    }
}
