//! The editor's bar: where you are, the definition status and campaign
//! phase, the unpublished-changes marker, undo/redo, layout, import and
//! export, versions, the lifecycle actions and Publish.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::machines::definition::DefinitionInput;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_ed, Ed};
use super::dialogs::run_lifecycle;
use super::doc::history_label;
use super::export_menu::ExportMenu;
use super::lifecycle::actions;
use super::run_context::use_run;
use super::run_mode::{ModeSwitch, RunBar};
use super::state::{Dialog, Selection};
use crate::browser::chosen_file::{chosen_file, chosen_file_text};
use crate::components::icons::Glyph;
use crate::file_format::import::{read_file, Imported};

/// Reads a workflow file into the draft, as one undoable change.
fn import(ed: Ed, input: web_sys::HtmlInputElement) {
    let Some(file) = chosen_file(&input) else {
        return;
    };
    let name = file.name();
    input.set_value("");
    wasm_bindgen_futures::spawn_local(async move {
        let text = match chosen_file_text(&file).await {
            Ok(t) => t,
            Err(e) => {
                ed.dialogs
                    .notice
                    .set(Some(t!("Not imported: {error}", error = e)));
                return;
            }
        };
        match read_file(&name, &text) {
            Ok(Imported::Workflow(draft)) => {
                let done = ed.apply(|d| d.replace_content(&t!("Import {name}", name = name), &draft));
                ed.view.selection.set(Selection::default());
                ed.dialogs.notice.set(Some(match done {
                    Some(true) => t!("Imported {name} into the draft (undo with Ctrl+Z)", name = name),
                    Some(false) => t!("{name} holds what the draft already holds", name = name),
                    None => t!("{name} was not imported", name = name),
                }));
            }
            Ok(_) => ed.dialogs.notice.set(Some(t!("{name} is a scenario or a workspace, not a workflow: open it from the Workspace menu", name = name))),
            Err(e) => ed.dialogs.notice.set(Some(t!("Not imported: {error}", error = e))),
        }
    });
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let ed = use_ed();
    let run = use_run();
    let info = ed.doc.info;
    let status = move || info.with(|i| i.as_ref().map_or("draft", |i| i.status.as_str()));
    let phase = move || info.with(|i| i.as_ref().map_or("editing", |i| i.phase.as_str()));
    let unpublished = move || info.with(|i| i.as_ref().is_some_and(|i| i.unpublished));
    let version =
        move || info.with(|i| i.as_ref().and_then(|i| i.versions.last().map(|v| v.number)));
    let name = move || ed.doc.session.with(|d| d.draft().name.clone());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let lifecycle = move || {
        let Some(i) = info.get() else {
            return Vec::new();
        };
        actions(i.status, i.facts())
    };
    view! {
        <div class="editor-bar" data-testid="editor-bar">
            <div class="editor-bar-left">
                <nav class="breadcrumb" aria-label=tr("Breadcrumb")>
                    <a href="/" data-testid="breadcrumb-workflows">{tr("Workflows")}</a>
                    <span aria-hidden="true">"/"</span>
                </nav>
                <h1 class="editor-title" data-testid="editor-title">{name}</h1>
                <code class="editor-id" data-testid="editor-workflow-id">{ed.doc.id()}</code>
                <span class=move || format!("badge badge--{}", status()) data-testid="editor-status" translate="no"
                    title=tr("Definition status")>{status}</span>
                <span class="phase" data-testid="editor-phase" translate="no" title=tr("Campaign phase")>{phase}</span>
                <span class="version-chip" data-testid="editor-version">
                    {move || version().map_or(tr("no version yet").to_string(), |n| format!("v{n}"))}
                </span>
                <Show when=unpublished>
                    <span class="unpublished" data-testid="unpublished-marker"
                        title=tr("The draft differs from the current version: publish to make it a version")>
                        {tr("Unpublished changes")}
                    </span>
                </Show>
            </div>
            <div class="editor-bar-right">
                <ModeSwitch />
                <Show when=move || !run.active() fallback=|| view! { <RunBar /> }>
                <div class="button-group">
                    <button type="button" class="icon-button" data-testid="undo"
                        title=move || ed.doc.session.with(|d| d.undo_label().map_or(tr("Nothing to undo").into(), |l| t!("Undo {action} (Ctrl+Z)", action = history_label(l))))
                        disabled=move || ed.readonly() || ed.doc.session.with(|d| d.undo_label().is_none())
                        on:click=move |_| ed.undo()><Glyph name="undo" /></button>
                    <button type="button" class="icon-button" data-testid="redo"
                        title=move || ed.doc.session.with(|d| d.redo_label().map_or(tr("Nothing to redo").into(), |l| t!("Redo {action} (Ctrl+Shift+Z)", action = history_label(l))))
                        disabled=move || ed.readonly() || ed.doc.session.with(|d| d.redo_label().is_none())
                        on:click=move |_| ed.redo()><Glyph name="redo" /></button>
                    <button type="button" class="icon-button" data-testid="auto-layout" title=tr("Auto-layout, left to right")
                        disabled=move || ed.readonly()
                        on:click=move |_| { ed.apply(|d| d.auto_layout()); super::viewport::fit(ed); }><Glyph name="layout" /></button>
                </div>
                <div class="button-group">
                    <input type="file" accept=".json,.bpmn,application/json,application/xml,text/xml" class="visually-hidden" node_ref=file_input
                        tabindex="-1" aria-label=tr("Workflow file to import")
                        data-testid="import-file"
                        on:change=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { import(ed, i) } } />
                    <button type="button" class="icon-button" data-testid="import" title=tr("Import a workflow file (.json) or a BPMN 2.0 file (.bpmn) into the draft")
                        disabled=move || ed.readonly()
                        on:click=move |_| if let Some(i) = file_input.get() { i.click() }><Glyph name="upload" /></button>
                    <ExportMenu />
                    <button type="button" class="icon-button" data-testid="clone" title=tr("Clone this workflow")
                        on:click=move |_| ed.dialogs.dialog.set(Some(Dialog::Clone))><Glyph name="copy" /></button>
                    <button type="button" class="button" data-testid="versions"
                        on:click=move |_| ed.dialogs.dialog.set(Some(Dialog::Versions))>
                        <Glyph name="history" />{tr("Versions")}
                        <span class="count-pill">{move || info.with(|i| i.as_ref().map_or(0, |i| i.versions.len()))}</span>
                    </button>
                </div>
                <div class="button-group lifecycle" data-testid="lifecycle">
                    {move || lifecycle().into_iter().map(|a| {
                        let input = a.input;
                        let confirm = a.confirm.is_some();
                        let title = match &a.allowed { Ok(()) => String::new(), Err(why) => why.clone() };
                        let reason = title.clone();
                        view! {
                            <span class="tip" title=title data-testid=format!("lifecycle-{}-wrap", input.verb())>
                                <button type="button" class="button button--quiet"
                                    class:button--danger-quiet=matches!(input, DefinitionInput::Cancel | DefinitionInput::Archive)
                                    data-testid=format!("lifecycle-{}", input.verb())
                                    data-reason=reason
                                    disabled=a.allowed.is_err()
                                    on:click=move |_| if confirm { ed.dialogs.dialog.set(Some(Dialog::Confirm(input))) } else { run_lifecycle(ed, input) }>
                                    {a.label}
                                </button>
                            </span>
                        }
                    }).collect_view()}
                </div>
                <button type="button" class="button button--primary" data-testid="publish"
                    disabled=move || info.with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_publish())) || ed.view.viewing.get().is_some()
                    title=move || match info.with(|i| i.as_ref().map(|i| i.status).filter(|s| !s.accepts_publish())) {
                        Some(s) => t!("A {status} workflow cannot be published", status = s),
                        None => ed.doc.report.with(|r| if r.errors.is_empty() { tr("Publish the draft as a new version").to_string() } else { plural("{n} error to fix before publishing|{n} errors to fix before publishing", r.errors.len() as u64) }),
                    }
                    on:click=move |_| ed.dialogs.dialog.set(Some(Dialog::Publish))>
                    {tr("Publish")}
                </button>
                </Show>
            </div>
        </div>
    }
}
