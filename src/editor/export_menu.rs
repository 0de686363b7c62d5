//! The editor's Export menu: the workflow shown (the draft, or the version
//! shown read-only) as a workflow file, BPMN 2.0, an SVG or PNG picture of
//! the canvas, or a Mermaid flowchart.

use crate::i18n::tr;
use crate::t;
use std::sync::Arc;

use flowlab_engine::model::WorkflowDraft;
use leptos::prelude::*;

use super::context::{use_ed, Ed};
use super::picture::{canvas_svg, png};
use crate::browser::download::{download_blob, download_text};
use crate::components::dismiss::dismissable;
use crate::components::icons::Glyph;
use crate::file_format::workflow_file::export_workflow;

/// The workflow the canvas shows: a version shown read-only, or the draft.
fn shown(ed: Ed) -> Arc<WorkflowDraft> {
    let version = ed.view.viewing.get_untracked().and_then(|n| {
        ed.doc.info.with_untracked(|i| {
            i.as_ref()
                .and_then(|i| i.versions.iter().find(|v| v.number == n))
                .map(|v| Arc::new(v.draft.clone()))
        })
    });
    version.unwrap_or_else(|| {
        ed.doc
            .session
            .with_untracked(|d| Arc::new(d.draft().clone()))
    })
}

/// The file name for the shown workflow: its id, `-vN` for a version.
fn file_name(ed: Ed, draft: &WorkflowDraft, extension: &str) -> String {
    match ed.view.viewing.get_untracked() {
        Some(n) => format!("{}-v{n}.{extension}", draft.id),
        None => format!("{}.{extension}", draft.id),
    }
}

fn offer(ed: Ed, file: &str, mime: &str, text: &str) {
    ed.dialogs
        .notice
        .set(Some(match download_text(file, mime, text) {
            Ok(()) => t!("Exported {file}", file = file),
            Err(e) => e,
        }));
}

fn export_json(ed: Ed) {
    let draft = shown(ed);
    offer(
        ed,
        &file_name(ed, &draft, "json"),
        "application/json",
        &export_workflow(&draft),
    );
}

fn export_bpmn(ed: Ed) {
    let draft = shown(ed);
    let xml = flowlab_engine::bpmn::export(&draft);
    offer(ed, &file_name(ed, &draft, "bpmn"), "application/xml", &xml);
}

fn export_mermaid(ed: Ed) {
    let draft = shown(ed);
    let text = flowlab_engine::mermaid::flowchart(&draft);
    offer(ed, &file_name(ed, &draft, "mmd"), "text/plain", &text);
}

fn export_svg(ed: Ed) {
    let draft = shown(ed);
    let file = file_name(ed, &draft, "svg");
    match canvas_svg() {
        Ok(svg) => offer(ed, &file, "image/svg+xml", &svg.text),
        Err(e) => ed.dialogs.notice.set(Some(t!(
            "{file} was not exported: {error}",
            file = file,
            error = e
        ))),
    }
}

fn export_png(ed: Ed) {
    let draft = shown(ed);
    let file = file_name(ed, &draft, "png");
    let svg = match canvas_svg() {
        Ok(svg) => svg,
        Err(e) => {
            return ed.dialogs.notice.set(Some(t!(
                "{file} was not exported: {error}",
                file = file,
                error = e
            )))
        }
    };
    wasm_bindgen_futures::spawn_local(async move {
        ed.dialogs.notice.set(Some(match png(&svg).await {
            Ok(blob) => match download_blob(&file, &blob) {
                Ok(()) => t!("Exported {file}", file = file),
                Err(e) => e,
            },
            Err(e) => t!("{file} was not exported: {error}", file = file, error = e),
        }));
    });
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let ed = use_ed();
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    dismissable(root, button, open);
    let item =
        move |testid: &'static str, label: &'static str, title: &'static str, run: fn(Ed)| {
            view! {
                <button type="button" role="menuitem" data-testid=testid title=title
                    on:click=move |_| { open.set(false); run(ed) }>
                    {label}
                </button>
            }
        };
    view! {
        <div class="ws-menu export-menu" node_ref=root>
            <button type="button" class="icon-button" node_ref=button data-testid="export"
                title=tr("Export the workflow shown: a workflow file, BPMN, a picture or a Mermaid flowchart")
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                <Glyph name="download" />
            </button>
            <Show when=move || open.get()>
                <div class="ws-menu-list" role="menu" data-testid="export-menu">
                    {item("export-json", tr("Workflow JSON (.json)"), tr("The workflow file Flowlab and flowlab-sim read"), export_json)}
                    {item("export-bpmn", tr("BPMN 2.0 (.bpmn)"), tr("For bpmn.io, Camunda Modeler and Zeebe (see docs/bpmn.md)"), export_bpmn)}
                    {item("export-svg", tr("Picture, SVG (.svg)"), tr("The canvas as it looks now, in this theme"), export_svg)}
                    {item("export-png", tr("Picture, PNG (.png)"), tr("The canvas as it looks now, in this theme, at twice its size"), export_png)}
                    {item("export-mermaid", tr("Mermaid flowchart (.mmd)"), tr("For docs and READMEs"), export_mermaid)}
                </div>
            </Show>
        </div>
    }
}
