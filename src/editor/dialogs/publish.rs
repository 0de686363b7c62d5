//! Publish: the diff against the last version, the errors that block it
//! and the warnings kept with the new version.

use crate::editor::problems::{issue_place, issue_text};
use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::command::Command;
use flowlab_engine::diff::diff;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;

use crate::components::dialog_box::{DialogBox, DialogWidth};
use crate::editor::context::{use_ed_dialogs, use_ed_doc};
use crate::editor::diff_view::DiffView;
use crate::run_view::channels::publish_warnings;

#[component]
pub fn PublishDialog() -> impl IntoView {
    let dialogs = use_ed_dialogs();
    let doc = use_ed_doc();
    doc.push();
    let info = doc.info.get_untracked();
    let current = info.as_ref().and_then(|i| i.versions.last().cloned());
    let next = current.as_ref().map_or(1, |v| v.number + 1);
    let draft = doc.session.with_untracked(|d| d.draft().clone());
    let base = current
        .as_ref()
        .map(|v| v.draft.clone())
        .unwrap_or_else(|| {
            let mut empty = draft.clone();
            empty.steps.clear();
            empty.written.steps = serde_json::Value::Array(Vec::new());
            empty
        });
    let changes = diff(&base, &draft);
    let unchanged = current.is_some() && !changes.changes_content();
    let report = doc.report.get_untracked();
    let errors = report.errors.clone();
    let warnings = report.warnings.clone();
    let blocked = !errors.is_empty() || unchanged;
    let channels = doc
        .rt
        .with_untracked(|s| publish_warnings(s.state(), &doc.id()))
        .unwrap_or_default();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let publish = move |_| {
        let n = note.get_untracked();
        let note = (!n.trim().is_empty()).then(|| n.trim().to_string());
        match doc.rt.command(Command::Publish {
            workflow: doc.id(),
            note,
        }) {
            Ok(Outcome::Accepted) => {
                doc.rt.dismiss_refusal();
                dialogs.dialog.set(None);
                dialogs
                    .notice
                    .set(Some(t!("Published version {n}", n = next)));
            }
            Ok(Outcome::Rejected(why)) => error.set(Some(why)),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let before = current
        .as_ref()
        .map_or("—".to_string(), |v| format!("v{}", v.number));
    view! {
        <DialogBox testid="publish-dialog" title=t!("Publish version {n}", n = next) width=DialogWidth::Large closable=true on_close=dialogs.closer()>
            {(!errors.is_empty()).then(|| view! {
                <div class="callout callout--bad" data-testid="publish-errors">
                    <strong>{plural("{n} error must be fixed first|{n} errors must be fixed first", errors.len() as u64)}</strong>
                    <ul>{errors.iter().map(|e| view! { <li><code class="issue-place">{issue_place(e)}</code>" — "{issue_text(e)}</li> }).collect_view()}</ul>
                </div>
            })}
            {unchanged.then(|| view! {
                <div class="callout" data-testid="publish-unchanged">{t!("Nothing changed since version {n}.", n = next - 1)}</div>
            })}
            <h3 class="ed-section-title">{match &current { Some(v) => t!("Changes since version {n}", n = v.number), None => tr("The first version").to_string() }}</h3>
            <DiffView diff=changes before=before after=format!("v{next}") />
            {(!warnings.is_empty()).then(|| view! {
                <div class="callout callout--warning" data-testid="publish-warnings">
                    <strong>{plural("{n} warning (kept with the version)|{n} warnings (kept with the version)", warnings.len() as u64)}</strong>
                    <ul>{warnings.iter().map(|w| view! { <li><code class="issue-place">{issue_place(w)}</code>" — "{issue_text(w)}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!channels.is_empty()).then(|| view! {
                <div class="callout callout--warning" data-testid="publish-channels">
                    <strong>{tr("Some contacts it would enroll lack a channel it needs")}</strong>
                    <ul>{channels.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            <label class="ed-field">
                <span class="field-label">{tr("Note (optional)")}</span>
                <input class="input" data-testid="publish-note" placeholder=tr("What changed, for the history")
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! { <div class="callout callout--bad" role="alert" data-testid="publish-refused">{e}</div> })}
            <p class="panel-note">{tr("Published versions never change. New enrollments use the newest; running executions keep theirs.")}</p>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| dialogs.dialog.set(None)>{tr("Cancel")}</button>
                <button type="button" class="button button--primary" data-testid="publish-confirm" disabled=blocked on:click=publish>
                    {t!("Publish v{n}", n = next)}
                </button>
            </div>
        </DialogBox>
    }
}
