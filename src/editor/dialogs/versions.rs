//! Version history: each published version, to view, compare or restore.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::command::Command;
use leptos::prelude::*;

use super::diff::draft_of;
use crate::components::dialog_box::{DialogBox, DialogWidth};
use crate::editor::context::{use_ed, Ed};
use crate::editor::state::{Dialog, Selection, VersionInfo};
use crate::sim_time_text::format_sim_time;

#[component]
pub fn VersionsDialog() -> impl IntoView {
    let ed = use_ed();
    let picked = RwSignal::new(Vec::<u32>::new());
    let versions = move || {
        ed.doc
            .info
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
                        on:click=move |_| { ed.view.viewing.set(Some(n)); ed.view.selection.set(Selection::default()); ed.dialogs.dialog.set(None); }>{tr("View")}</button>
                    <button type="button" class="button button--small" data-testid="version-diff-draft"
                        on:click=move |_| ed.dialogs.dialog.set(Some(Dialog::Diff(n, 0)))>{tr("Diff with draft")}</button>
                    <button type="button" class="button button--small" data-testid="version-restore"
                        disabled=move || ed.doc.info.with(|i| i.as_ref().is_some_and(|i| !i.status.accepts_edits()))
                        on:click=move |_| restore(ed, n)>{tr("Restore")}</button>
                </td>
            </tr>
        }
    };
    view! {
        <DialogBox testid="versions-dialog" title=tr("Version history").to_string() width=DialogWidth::Large closable=true on_close=ed.dialogs.closer()>
            <Show when=move || !versions().is_empty() fallback=|| view! {
                <p class="panel-note" data-testid="versions-empty">{tr("No version yet: publish the draft to make version 1.")}</p>
            }>
                <table class="version-table">
                    <thead><tr><th></th><th>{tr("Version")}</th><th>{tr("Published")}</th><th>{tr("Note")}</th><th>{tr("Hash")}</th><th></th></tr></thead>
                    <tbody>{move || versions().into_iter().map(row).collect_view()}</tbody>
                </table>
                <div class="dialog-actions">
                    <span class="panel-note">{tr("Pick two versions to compare them.")}</span>
                    <button type="button" class="button button--primary" data-testid="versions-compare"
                        disabled=move || picked.get().len() != 2
                        on:click=move |_| { let mut p = picked.get_untracked(); p.sort(); ed.dialogs.dialog.set(Some(Dialog::Diff(p[0], p[1]))); }>
                        {tr("Compare")}
                    </button>
                </div>
            </Show>
        </DialogBox>
    }
}

/// Copies version `n` into the draft through the engine's own `restore`,
/// which logs it and keeps it as one undo entry.
pub fn restore(ed: Ed, n: u32) {
    let Some(v) = draft_of(ed.doc, n) else { return };
    ed.view.viewing.set(None);
    ed.doc.push();
    let changed = ed.doc.session.with_untracked(|d| d.differs_in_content(&v));
    if changed {
        let _ = ed.doc.rt.command(Command::Restore {
            workflow: ed.doc.id(),
            version: n,
        });
        ed.doc.follow_engine();
    }
    ed.dialogs.dialog.set(None);
    ed.view.selection.set(Selection::default());
    ed.dialogs.notice.set(Some(if changed {
        t!(
            "Version {n} restored into the draft (undo with Ctrl+Z)",
            n = n
        )
    } else {
        t!("The draft already holds version {n}", n = n)
    }));
}

fn short_hash(h: &str) -> String {
    let hex = h.trim_start_matches("sha256:");
    format!("sha256:{}…", &hex[..hex.len().min(10)])
}
