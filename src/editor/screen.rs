//! `/editor/:id`: the editor screen. It finds the workflow in the running
//! workspace, makes its `Ed`, keeps the working copy in step with the
//! engine's draft, and routes the keyboard.

use crate::i18n::tr;
use crate::t;
use std::collections::BTreeSet;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use wasm_bindgen::JsCast;

use super::canvas::{canvas_size, fit, zoom_by, Canvas};
use super::dialogs::{restore, Dialogs};
use super::doc::Doc;
use super::find;
use super::inspector::Inspector;
use super::keyboard::{key_action, KeyAction};
use super::link_dialog::link_from_selection;
use super::nav::{brought_into_view, neighbour, Direction};
use super::palette::Palette;
use super::problems::Problems;
use super::run_mode::RunView;
use super::run_panel::RunPanel;
use super::shelf;
use super::state::{workflow, Ed, Selection};
use super::toolbar::Toolbar;
use crate::runtime::use_runtime;

pub fn delete_selection(ed: Ed) {
    let (ids, edge) = ed
        .selection
        .with_untracked(|s| (s.steps.iter().cloned().collect::<Vec<_>>(), s.edge.clone()));
    if !ids.is_empty() {
        if ed.apply(|d| d.delete(&ids)).is_some() {
            ed.selection.set(Selection::default());
        }
    } else if let Some(key) = edge {
        let found = ed
            .edges
            .with_untracked(|es| es.iter().find(|e| e.key() == key).cloned());
        if let Some(e) = found {
            ed.apply(|d| d.disconnect(&e));
            ed.selection.set(Selection::default());
        }
    }
}

/// Aligns or distributes the selected steps where they are drawn.
pub fn arrange_selection(ed: Ed, how: super::arrange::Arrangement) {
    let places: Vec<(String, super::geometry::Point)> = ed.selection.with_untracked(|s| {
        ed.nodes.with_untracked(|n| {
            n.list
                .iter()
                .filter(|v| s.steps.contains(&v.id))
                .map(|v| (v.id.clone(), v.pos))
                .collect()
        })
    });
    ed.apply(|d| d.arrange(&places, how));
}

pub fn duplicate(ed: Ed) {
    let ids: Vec<String> = ed
        .selection
        .with_untracked(|s| s.steps.iter().cloned().collect());
    if ids.is_empty() {
        return;
    }
    if let Some(new) = ed.apply(|d| d.duplicate(&ids)) {
        ed.selection.set(Selection {
            steps: new.into_iter().collect(),
            edge: None,
        });
    }
}

pub(super) fn in_form(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el
                    .closest("[contenteditable=true]")
                    .ok()
                    .flatten()
                    .is_some()
        })
}

/// Keys pressed in a modal dialog (the `?` overlay, an import question)
/// are the dialog's.
pub(super) fn in_dialog(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest("dialog[open]").ok().flatten().is_some())
}

/// Whether the key went to the canvas (a step, or the page itself), not to
/// a button or a link, which keep their own keys.
pub(super) fn on_canvas(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.tag_name() == "BODY" || el.closest("[data-testid=canvas]").ok().flatten().is_some()
        })
}

fn node_element(id: &str) -> Option<web_sys::SvgElement> {
    document()
        .query_selector(&format!(
            "[data-testid=canvas] [data-node-id=\"{id}\"][data-testid=node]"
        ))
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Selects the next step that way (the canvas's tab stop when nothing
/// is selected) and gives it the focus.
fn select_towards(ed: Ed, dir: Direction) {
    let current = ed
        .selection
        .with_untracked(|s| s.single().map(str::to_owned));
    let next = match current {
        None => ed.tab_stop.get_untracked(),
        Some(id) => ed.nodes.with_untracked(|n| {
            let from = n.get(&id)?.pos;
            neighbour(n.positions().filter(|(o, _)| *o != id), from, dir).map(str::to_owned)
        }),
    };
    if let Some(id) = next {
        reveal(ed, &id);
    }
}

/// Selects step `id` alone, pans it into view and gives it the focus.
pub(super) fn reveal(ed: Ed, id: &str) {
    ed.selection.set(Selection::only(id));
    let pos = ed.nodes.with_untracked(|n| n.get(id).map(|v| v.pos));
    if let (Some(pos), Some((w, h))) = (pos, canvas_size()) {
        ed.view.update(|v| *v = brought_into_view(*v, pos, w, h));
    }
    focus_step(id);
}

/// Gives step `id`'s node the focus. The canvas pans itself; the browser
/// must not scroll the page to the step before the pan is drawn.
pub(super) fn focus_step(id: &str) {
    if let Some(el) = node_element(id) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

/// Enter on a step: the focus goes to the inspector's first field.
fn open_inspector() {
    let first = document()
        .query_selector(
            "[data-testid=inspector] :is(input, select, textarea, button):not([disabled])",
        )
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}

fn on_key(ed: Ed, run: RunView, ev: &KeyboardEvent, space: RwSignal<bool>) {
    if ev.key() == " " && on_canvas(ev) {
        space.set(true);
        ev.prevent_default();
        return;
    }
    let command = ev.ctrl_key() || ev.meta_key();
    let action = key_action(&ev.key(), command, ev.shift_key(), ev.alt_key());
    // Find is the editor's from anywhere on the screen, a form field
    // included, but not from a dialog.
    if action == Some(KeyAction::Find) && !in_dialog(ev) && ed.dialog.get_untracked().is_none() {
        ev.prevent_default();
        find::open(ed);
        return;
    }
    if in_form(ev) || in_dialog(ev) {
        return;
    }
    let Some(action) = action else {
        return;
    };
    if matches!(
        action,
        KeyAction::Select(_) | KeyAction::Open | KeyAction::Rename
    ) && !on_canvas(ev)
    {
        return;
    }
    if ed.dialog.get_untracked().is_some() {
        if action == KeyAction::Escape {
            ed.dialog.set(None);
        }
        return;
    }
    let viewing_only = matches!(
        action,
        KeyAction::ZoomIn
            | KeyAction::ZoomOut
            | KeyAction::Fit
            | KeyAction::Escape
            | KeyAction::Select(_)
            | KeyAction::Find
    );
    if run.active_untracked() && !viewing_only {
        return;
    }
    if matches!(action, KeyAction::Copy | KeyAction::Paste) {
        return;
    }
    ev.prevent_default();
    match action {
        KeyAction::Undo => ed.undo(),
        KeyAction::Redo => ed.redo(),
        KeyAction::Delete => delete_selection(ed),
        KeyAction::SelectAll => {
            let all: BTreeSet<String> = ed
                .nodes
                .with_untracked(|n| n.list.iter().map(|v| v.id.clone()).collect());
            ed.selection.set(Selection {
                steps: all,
                edge: None,
            });
        }
        KeyAction::Duplicate => duplicate(ed),
        // The page's copy and paste events do these (`clipboard.rs`).
        KeyAction::Copy | KeyAction::Paste => {}
        KeyAction::Escape => {
            if ed.drag.get_untracked().is_some() || ed.overlay.get_untracked().is_some() {
                ed.set_drag(None);
                ed.overlay.set(None);
            } else {
                ed.selection.set(Selection::default());
            }
        }
        KeyAction::Nudge(dx, dy) => {
            let moves: Vec<(String, super::geometry::Point)> = ed.selection.with_untracked(|s| {
                ed.nodes.with_untracked(|n| {
                    s.steps
                        .iter()
                        .filter_map(|id| n.get(id).map(|v| (id.clone(), v.pos.offset(dx, dy))))
                        .collect()
                })
            });
            if !moves.is_empty() {
                ed.apply(|d| d.move_to(&moves));
            }
        }
        KeyAction::Select(dir) => select_towards(ed, dir),
        KeyAction::Open => {
            if ed.selection.with_untracked(|s| s.single().is_some()) {
                open_inspector();
            }
        }
        KeyAction::Link => link_from_selection(ed),
        KeyAction::ZoomIn => zoom_by(ed, 1.2),
        KeyAction::ZoomOut => zoom_by(ed, 1.0 / 1.2),
        KeyAction::Fit => fit(ed),
        KeyAction::Find => find::open(ed),
        KeyAction::Rename => {
            if let Some(id) = ed
                .selection
                .with_untracked(|s| s.single().map(str::to_owned))
            {
                super::rename::start(ed, &id);
            }
        }
    }
}

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
    let draft = rt
        .with_untracked(|s| workflow(s, &id).map(|w| w.draft.clone()))
        .flatten()
        .expect("the screen checked the workflow exists");
    let epoch = rt.workspace_epoch();
    let doc = shelf::take(epoch, &id, &draft).unwrap_or_else(|| Doc::new(draft));
    let ed = Ed::new(rt, id.clone(), doc);
    provide_context(ed);
    {
        let id = id.clone();
        on_cleanup(move || {
            if let Some(doc) = ed.doc.try_get_untracked() {
                shelf::put(epoch, &id, doc);
            }
        });
    }
    let run = RunView::provide(ed);

    // The engine's draft changed by other means (a script command while
    // the clock plays): take it.
    Effect::new(move |_| {
        let changed = rt
            .with_workflows(|s| {
                let w = workflow(s, &ed.id())?;
                (!ed.doc.with_untracked(|d| d.matches(&w.draft))).then(|| w.draft.clone())
            })
            .flatten();
        if let Some(draft) = changed {
            ed.doc.update(|d| d.adopt(&draft));
            ed.prune_selection();
            let why = tr("The draft was changed outside the editor; the undo history starts again");
            ed.notice.set(Some(why.into()));
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
            ed.notice
                .get()
                .map(|_| gloo_timers::callback::Timeout::new(4000, move || ed.notice.set(None)))
        },
    );

    view! {
        <div class="editor" class:editor--run=move || run.active() data-testid="screen-editor" data-workflow-id=id.clone()
            data-readonly=move || ed.readonly().to_string() data-mode=move || run.mode.get().as_str()>
            <Toolbar />
            {move || run.problem.get().map(|p| view! { <div class="viewing-banner run-problem" role="alert" data-testid="run-problem">{p}</div> })}
            <Show when=move || ed.viewing.get().is_some() && !run.active()>
                <div class="viewing-banner" data-testid="viewing-banner">
                    <span>{move || t!("Viewing version {n} — read-only", n = ed.viewing.get().unwrap_or_default())}</span>
                    <button type="button" class="button button--small" data-testid="viewing-restore"
                        on:click=move |_| if let Some(n) = ed.viewing.get_untracked() { restore(ed, n) }>{tr("Restore into the draft")}</button>
                    <button type="button" class="button button--small button--primary" data-testid="viewing-close"
                        on:click=move |_| ed.viewing.set(None)>{tr("Back to the draft")}</button>
                </div>
            </Show>
            <Show when=move || ed.info.with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))>
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
            {move || ed.notice.get().map(|n| view! { <div class="toast" role="status" data-testid="notice">{n}</div> })}
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
