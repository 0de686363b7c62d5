//! The editor's dialogs: publish (with the diff and the warnings), version
//! history (view, diff, restore), a diff of any two, lifecycle
//! confirmations and cloning.

use super::problems::{issue_place, issue_text};
use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::command::Command;
use flowlab_engine::diff::diff;
use flowlab_engine::machines::definition::DefinitionInput;
use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::diff_view::DiffView;
use super::lifecycle::{actions, label};
use super::link_dialog::LinkDialog;
use super::state::{use_ed, Dialog, Ed, Selection, VersionInfo};
use crate::components::icons::Glyph;
use crate::components::native_dialog::NativeDialog;
use crate::run_view::channels::publish_warnings;
use crate::sim_time_text::format_sim_time;

#[component]
pub(super) fn Modal(
    title: String,
    testid: &'static str,
    children: Children,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let ed = use_ed();
    let label = title.clone();
    view! {
        <NativeDialog class="modal-backdrop" label=label on_close=Callback::new(move |_| ed.dialog.set(None))>
            <div class="modal" class:modal--wide=wide data-testid=testid on:click=|ev| ev.stop_propagation()>
                <header class="modal-head">
                    <h2>{title}</h2>
                    <button type="button" class="icon-button" data-testid="dialog-close" aria-label=tr("Close") on:click=move |_| ed.dialog.set(None)>
                        <Glyph name="close" />
                    </button>
                </header>
                <div class="modal-body">{children()}</div>
            </div>
            <div class="modal-scrim" aria-hidden="true" on:click=move |_| ed.dialog.set(None)></div>
        </NativeDialog>
    }
}

fn short_hash(h: &str) -> String {
    let hex = h.trim_start_matches("sha256:");
    format!("sha256:{}…", &hex[..hex.len().min(10)])
}

/// A version's draft, or the working draft for 0.
fn draft_of(ed: Ed, n: u32) -> Option<WorkflowDraft> {
    if n == 0 {
        return Some(ed.doc.with_untracked(|d| d.draft().clone()));
    }
    ed.info.with_untracked(|i| {
        i.as_ref()?
            .versions
            .iter()
            .find(|v| v.number == n)
            .map(|v| v.draft.clone())
    })
}

fn name_of(n: u32) -> String {
    if n == 0 {
        tr("Draft").into()
    } else {
        format!("v{n}")
    }
}

#[component]
pub fn Dialogs() -> impl IntoView {
    let ed = use_ed();
    move || {
        ed.dialog.get().map(|d| match d {
            Dialog::Publish => view! { <PublishDialog /> }.into_any(),
            Dialog::Versions => view! { <VersionsDialog /> }.into_any(),
            Dialog::Diff(a, b) => view! { <DiffDialog a b /> }.into_any(),
            Dialog::Confirm(input) => view! { <ConfirmDialog input /> }.into_any(),
            Dialog::Clone => view! { <CloneDialog /> }.into_any(),
            Dialog::Link(from) => view! { <LinkDialog from /> }.into_any(),
        })
    }
}

#[component]
fn PublishDialog() -> impl IntoView {
    let ed = use_ed();
    ed.push();
    let info = ed.info.get_untracked();
    let current = info.as_ref().and_then(|i| i.versions.last().cloned());
    let next = current.as_ref().map_or(1, |v| v.number + 1);
    let draft = ed.doc.with_untracked(|d| d.draft().clone());
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
    let report = ed.report.get_untracked();
    let errors = report.errors.clone();
    let warnings = report.warnings.clone();
    let blocked = !errors.is_empty() || unchanged;
    let channels = ed
        .rt
        .with_untracked(|s| publish_warnings(s.state(), &ed.id()))
        .unwrap_or_default();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let publish = move |_| {
        let n = note.get_untracked();
        let note = (!n.trim().is_empty()).then(|| n.trim().to_string());
        match ed.rt.command(Command::Publish {
            workflow: ed.id(),
            note,
        }) {
            Ok(Outcome::Accepted) => {
                ed.rt.dismiss_refusal();
                ed.dialog.set(None);
                ed.notice.set(Some(t!("Published version {n}", n = next)));
            }
            Ok(Outcome::Rejected(why)) => error.set(Some(why)),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let before = current
        .as_ref()
        .map_or("—".to_string(), |v| format!("v{}", v.number));
    view! {
        <Modal title=t!("Publish version {n}", n = next) testid="publish-dialog" wide=true>
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
            <div class="modal-actions">
                <button type="button" class="button" on:click=move |_| ed.dialog.set(None)>{tr("Cancel")}</button>
                <button type="button" class="button button--primary" data-testid="publish-confirm" disabled=blocked on:click=publish>
                    {t!("Publish v{n}", n = next)}
                </button>
            </div>
        </Modal>
    }
}

#[component]
fn VersionsDialog() -> impl IntoView {
    let ed = use_ed();
    let picked = RwSignal::new(Vec::<u32>::new());
    let versions = move || {
        ed.info
            .get()
            .map(|i| i.versions.into_iter().rev().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let row = move |v: VersionInfo| {
        let n = v.number;
        view! {
            <tr data-testid="version-row" data-version=n.to_string()>
                <td><input type="checkbox" data-testid="version-pick" aria-label=t!("Pick version {n} to compare", n = n)
                    prop:checked=move || picked.get().contains(&n)
                    on:change=move |ev| picked.update(|p| { p.retain(|x| *x != n); if event_target_checked(&ev) { p.push(n); } }) /></td>
                <td class="version-number">{format!("v{n}")}</td>
                <td class="version-time">{format_sim_time(v.published_at)}</td>
                <td class="version-note">{v.note.clone().unwrap_or_else(|| "—".into())}
                    {(!v.warnings.is_empty()).then(|| view! { <span class="chip chip--warning" title=v.warnings.join("\n")>{plural("{n} warning|{n} warnings", v.warnings.len() as u64)}</span> })}
                </td>
                <td><code class="version-hash" title=v.hash.clone()>{short_hash(&v.hash)}</code></td>
                <td class="version-actions">
                    <button type="button" class="button button--small" data-testid="version-view"
                        on:click=move |_| { ed.viewing.set(Some(n)); ed.selection.set(Selection::default()); ed.dialog.set(None); }>{tr("View")}</button>
                    <button type="button" class="button button--small" data-testid="version-diff-draft"
                        on:click=move |_| ed.dialog.set(Some(Dialog::Diff(n, 0)))>{tr("Diff with draft")}</button>
                    <button type="button" class="button button--small" data-testid="version-restore"
                        disabled=move || ed.info.with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))
                        on:click=move |_| restore(ed, n)>{tr("Restore")}</button>
                </td>
            </tr>
        }
    };
    view! {
        <Modal title=tr("Version history").to_string() testid="versions-dialog" wide=true>
            <Show when=move || !versions().is_empty() fallback=|| view! {
                <p class="panel-note" data-testid="versions-empty">{tr("No version yet: publish the draft to make version 1.")}</p>
            }>
                <table class="version-table">
                    <thead><tr><th></th><th>{tr("Version")}</th><th>{tr("Published")}</th><th>{tr("Note")}</th><th>{tr("Hash")}</th><th></th></tr></thead>
                    <tbody>{move || versions().into_iter().map(row).collect_view()}</tbody>
                </table>
                <div class="modal-actions">
                    <span class="panel-note">{tr("Pick two versions to compare them.")}</span>
                    <button type="button" class="button button--primary" data-testid="versions-compare"
                        disabled=move || picked.get().len() != 2
                        on:click=move |_| { let mut p = picked.get_untracked(); p.sort(); ed.dialog.set(Some(Dialog::Diff(p[0], p[1]))); }>
                        {tr("Compare")}
                    </button>
                </div>
            </Show>
        </Modal>
    }
}

/// Copies version `n` into the draft: one undo entry here, and the
/// engine's own `restore` (so the log says what happened).
pub fn restore(ed: Ed, n: u32) {
    let Some(v) = draft_of(ed, n) else { return };
    ed.viewing.set(None);
    let mut changed = false;
    ed.doc.update(|d| {
        changed = d
            .replace_content(&t!("Restore version {n}", n = n), &v)
            .unwrap_or(false)
    });
    if changed {
        let _ = ed.rt.command(Command::Restore {
            workflow: ed.id(),
            version: n,
        });
        ed.push();
    }
    ed.dialog.set(None);
    ed.selection.set(Selection::default());
    ed.notice.set(Some(if changed {
        t!(
            "Version {n} restored into the draft (undo with Ctrl+Z)",
            n = n
        )
    } else {
        t!("The draft already holds version {n}", n = n)
    }));
}

#[component]
fn DiffDialog(a: u32, b: u32) -> impl IntoView {
    let ed = use_ed();
    let (old, new) = (draft_of(ed, a), draft_of(ed, b));
    let body = match (old, new) {
        (Some(o), Some(n)) => {
            view! { <DiffView diff=diff(&o, &n) before=name_of(a) after=name_of(b) /> }.into_any()
        }
        _ => view! { <p>{tr("That version does not exist.")}</p> }.into_any(),
    };
    view! {
        <Modal title=format!("{} → {}", name_of(a), name_of(b)) testid="diff-dialog" wide=true>
            {body}
            <div class="modal-actions">
                <button type="button" class="button" data-testid="diff-back" on:click=move |_| ed.dialog.set(Some(Dialog::Versions))>{tr("Back to the history")}</button>
            </div>
        </Modal>
    }
}

#[component]
fn ConfirmDialog(input: DefinitionInput) -> impl IntoView {
    let ed = use_ed();
    let text = ed
        .info
        .get_untracked()
        .and_then(|i| {
            actions(i.status, i.facts())
                .into_iter()
                .find(|a| a.input == input)
        })
        .and_then(|a| a.confirm)
        .unwrap_or_default();
    let verb = label(input);
    view! {
        <Modal title=t!("{action} this workflow?", action = verb) testid="confirm-dialog">
            <p class="confirm-text" data-testid="confirm-text">{text}</p>
            <div class="modal-actions">
                <button type="button" class="button" on:click=move |_| ed.dialog.set(None)>{tr("Keep it")}</button>
                <button type="button" class="button button--danger" data-testid="confirm-ok"
                    on:click=move |_| { ed.dialog.set(None); run_lifecycle(ed, input); }>
                    {t!("{action} workflow", action = verb)}
                </button>
            </div>
        </Modal>
    }
}

pub fn run_lifecycle(ed: Ed, input: DefinitionInput) {
    let workflow = ed.id();
    let command = match input {
        DefinitionInput::Activate => Command::Activate { workflow },
        DefinitionInput::Pause => Command::Pause { workflow },
        DefinitionInput::Resume => Command::Resume { workflow },
        DefinitionInput::Cancel => Command::Cancel { workflow },
        DefinitionInput::Archive => Command::Archive { workflow },
    };
    if let Ok(Outcome::Accepted) = ed.rt.command(command) {
        ed.notice
            .set(Some(t!("{action}: done", action = label(input))));
    }
}

#[component]
fn CloneDialog() -> impl IntoView {
    let ed = use_ed();
    let navigate = use_navigate();
    let new_id = RwSignal::new(format!("{}_copy", ed.id()));
    let error = RwSignal::new(None::<String>);
    let go = move || {
        let id = new_id.get_untracked().trim().to_string();
        match ed.rt.command(Command::Clone {
            workflow: ed.id(),
            new_id: id.clone(),
        }) {
            Ok(Outcome::Accepted) => {
                ed.rt.dismiss_refusal();
                ed.dialog.set(None);
                navigate(&format!("/editor/{id}"), Default::default());
            }
            Ok(Outcome::Rejected(why)) => error.set(Some(why)),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Modal title=tr("Clone workflow").to_string() testid="clone-dialog">
            <p class="panel-note">{tr("A new draft workflow with a copy of this draft. The copy has no versions and starts as a draft.")}</p>
            <form on:submit=move |ev| { ev.prevent_default(); go(); }>
                <label class="ed-field">
                    <span class="field-label">{tr("Id of the copy")}</span>
                    <input class="input input--mono" data-testid="clone-id" prop:value=move || new_id.get()
                        on:input=move |ev| new_id.set(event_target_value(&ev)) />
                </label>
                {move || error.get().map(|e| view! { <div class="callout callout--bad" role="alert">{e}</div> })}
                <div class="modal-actions">
                    <button type="button" class="button" on:click=move |_| ed.dialog.set(None)>{tr("Cancel")}</button>
                    <button type="submit" class="button button--primary" data-testid="clone-confirm">{tr("Clone")}</button>
                </div>
            </form>
        </Modal>
    }
}
