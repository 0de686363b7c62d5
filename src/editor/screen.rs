//! `/editor/:id`: the editor screen. It finds the workflow in the running
//! workspace, makes its `Ed`, keeps the working copy in step with the
//! engine's draft, and lays out the editor's parts (keys are routed by
//! `shortcuts.rs`, gestures live in `gestures.rs`).

use crate::i18n::tr;
use crate::t;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::canvas::Canvas;
use super::context::{workflow, Ed};
use super::dialogs::{restore, Dialogs};
use super::doc::Doc;
use super::inspector::Inspector;
use super::palette::Palette;
use super::problems::Problems;
use super::run_context::RunView;
use super::run_panel::RunPanel;
use super::shelf;
use super::shortcuts::on_key;
use super::toolbar::Toolbar;
use super::viewport::fit;
use crate::host::use_runtime;

#[component]
pub fn EditorScreen() -> impl IntoView {
    let rt = use_runtime();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // Whether the workflow exists: None while the workspace loads.
    let exists = Memo::new(move |_| {
        let id = id.get();
        rt.with_workflows(|s| s.state().workflow_ix.contains_key(&id))
    });
    move || {
        // Read first, so that moving to another workflow's editor (after a
        // clone) always builds a new editor.
        let current = id.get();
        match exists.get() {
        None => view! {
            <div class="page" data-testid="screen-editor-loading"><p class="panel-note">{tr("Opening the workspace…")}</p></div>
        }
        .into_any(),
        Some(false) => view! { <UnknownWorkflow id=id.get_untracked() /> }.into_any(),
        Some(true) => view! { <Editor id=current /> }.into_any(),
    }
    }
}

#[component]
fn Editor(id: String) -> impl IntoView {
    let rt = use_runtime();
    let (draft, history) = rt
        .with_untracked(|s| workflow(s, &id).map(|w| (w.draft.clone(), w.history.clone())))
        .flatten()
        .expect("the screen checked the workflow exists");
    let epoch = rt.workspace_epoch();
    let doc = shelf::take(epoch, &id, &draft).unwrap_or_else(|| Doc::opened(draft, history));
    let ed = Ed::new(rt, id.clone(), doc);
    ed.provide();
    {
        let id = id.clone();
        on_cleanup(move || {
            if let Some(doc) = ed.doc.session.try_get_untracked() {
                shelf::put(epoch, &id, doc);
            }
        });
    }
    let run = RunView::provide(ed);

    // The engine's draft changed by other means (a script command while
    // the clock plays, a time travel): take it, with its undo history.
    Effect::new(move |_| {
        let outside = rt
            .with_workflows(|s| {
                let w = workflow(s, &ed.doc.id())?;
                Some(!ed.doc.session.with_untracked(|d| d.matches(&w.draft)))
            })
            .flatten()
            .unwrap_or(false);
        if ed.doc.follow_engine() && outside {
            ed.prune_selection();
            let why = tr("The draft was changed outside the editor");
            ed.dialogs.notice.set(Some(why.into()));
        }
    });

    let space = RwSignal::new(false);
    let down = window_event_listener(leptos::ev::keydown, move |ev| on_key(ed, run, &ev, space));
    let up = window_event_listener(leptos::ev::keyup, move |ev| {
        if ev.key() == " " {
            space.set(false);
        }
    });
    on_cleanup(move || {
        down.remove();
        up.remove();
    });
    super::clipboard::listen(ed, run);

    // Fit the drawing to the canvas once it is on screen.
    request_animation_frame(move || fit(ed));

    // Notices fade after a while.
    Effect::new(
        move |prev: Option<Option<gloo_timers::callback::Timeout>>| {
            drop(prev);
            ed.dialogs.notice.get().map(|_| {
                gloo_timers::callback::Timeout::new(4000, move || ed.dialogs.notice.set(None))
            })
        },
    );

    view! {
        <div class="editor" class:editor--run=move || run.active() data-testid="screen-editor" data-workflow-id=id.clone()
            data-readonly=move || ed.readonly().to_string() data-mode=move || run.mode.get().as_str()>
            <Toolbar />
            {move || run.problem.get().map(|p| view! { <div class="viewing-banner run-problem" role="alert" data-testid="run-problem">{p}</div> })}
            <Show when=move || ed.view.viewing.get().is_some() && !run.active()>
                <div class="viewing-banner" data-testid="viewing-banner">
                    <span>{move || t!("Viewing version {n} — read-only", n = ed.view.viewing.get().unwrap_or_default())}</span>
                    <button type="button" class="button button--small" data-testid="viewing-restore"
                        on:click=move |_| if let Some(n) = ed.view.viewing.get_untracked() { restore(ed, n) }>{tr("Restore into the draft")}</button>
                    <button type="button" class="button button--small button--primary" data-testid="viewing-close"
                        on:click=move |_| ed.view.viewing.set(None)>{tr("Back to the draft")}</button>
                </div>
            </Show>
            <Show when=move || ed.doc.info.with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))>
                <div class="viewing-banner" data-testid="archived-banner">
                    {tr("This workflow is archived: it is read-only. Clone it to work on a copy.")}
                </div>
            </Show>
            <div class="editor-body" class:editor-body--run=move || run.active()>
                <Show when=move || !run.active()><Palette /></Show>
                <Canvas space=space />
                <aside class="editor-side">
                    <Show when=move || !run.active() fallback=|| view! { <RunPanel /> }>
                        <Inspector />
                        <Problems />
                    </Show>
                </aside>
            </div>
            <Dialogs />
            {move || ed.dialogs.notice.get().map(|n| view! { <div class="toast" role="status" data-testid="notice">{n}</div> })}
        </div>
    }
}

#[component]
fn UnknownWorkflow(id: String) -> impl IntoView {
    view! {
        <div class="page" data-testid="screen-editor-missing">
            <section class="empty-state">
                <h2 class="empty-state-title">{tr("No such workflow")}</h2>
                <p class="empty-state-body">
                    {tr("This workspace has no workflow with the id ")} <code>{id}</code> "."
                </p>
                <a class="link" href="/">{tr("Back to the workflows")}</a>
            </section>
        </div>
    }
}
