//! A draft diff as a person reads it: steps added, removed and changed
//! field by field, settings, trigger and order.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::diff::{DraftDiff, FieldChange};
use leptos::prelude::*;
use serde_json::Value;

fn show(v: &Option<Value>) -> String {
    match v {
        None => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn field_rows(changes: Vec<FieldChange>) -> impl IntoView {
    changes
        .into_iter()
        .map(|c| {
            view! {
                <tr data-testid="diff-field" data-field=c.field.clone()>
                    <th scope="row"><code>{c.field.clone()}</code></th>
                    <td class="diff-before">{show(&c.before)}</td>
                    <td class="diff-after">{show(&c.after)}</td>
                </tr>
            }
        })
        .collect_view()
}

/// One line: "2 added · 1 removed · 3 changed".
pub fn headline(d: &DraftDiff) -> String {
    let mut parts = Vec::new();
    let n = |k: usize| k as u64;
    if !d.steps_added.is_empty() {
        parts.push(plural(
            "{n} step added|{n} steps added",
            n(d.steps_added.len()),
        ));
    }
    if !d.steps_removed.is_empty() {
        parts.push(plural(
            "{n} step removed|{n} steps removed",
            n(d.steps_removed.len()),
        ));
    }
    if !d.steps_changed.is_empty() {
        parts.push(plural(
            "{n} step changed|{n} steps changed",
            n(d.steps_changed.len()),
        ));
    }
    if d.order.is_some() {
        parts.push(tr("order changed").into());
    }
    if !d.settings.is_empty() {
        parts.push(tr("settings changed").into());
    }
    if d.trigger.is_some() {
        parts.push(tr("trigger changed").into());
    }
    if parts.is_empty() {
        if d.moved_only.is_empty() {
            tr("No changes").into()
        } else {
            tr("Only positions on the canvas changed").into()
        }
    } else {
        parts.join(" · ")
    }
}

#[component]
pub fn DiffView(diff: DraftDiff, before: String, after: String) -> impl IntoView {
    let headline = headline(&diff);
    let DraftDiff {
        steps_added,
        steps_removed,
        steps_changed,
        order,
        settings,
        trigger,
        moved_only,
    } = diff;
    let chips = |ids: Vec<String>, class: &'static str, testid: &'static str| {
        ids.into_iter()
            .map(|id| view! { <span class=format!("chip {class}") data-testid=testid>{id}</span> })
            .collect_view()
    };
    let has_added = !steps_added.is_empty();
    let has_removed = !steps_removed.is_empty();
    let mut workflow_fields: Vec<FieldChange> = settings;
    workflow_fields.extend(trigger);
    workflow_fields.extend(order);
    view! {
        <div class="diff" data-testid="diff">
            <p class="diff-headline" data-testid="diff-headline">{headline}</p>
            {has_added.then(|| view! {
                <div class="diff-block"><h4>{tr("Added")}</h4><div class="chip-row">{chips(steps_added, "chip--good", "diff-added")}</div></div>
            })}
            {has_removed.then(|| view! {
                <div class="diff-block"><h4>{tr("Removed")}</h4><div class="chip-row">{chips(steps_removed, "chip--bad", "diff-removed")}</div></div>
            })}
            {steps_changed.into_iter().map(|c| view! {
                <div class="diff-block" data-testid="diff-changed" data-step=c.id.clone()>
                    <h4>{tr("Changed ")} <code>{c.id.clone()}</code></h4>
                    <table class="diff-table">
                        <thead><tr><th>{tr("Field")}</th><th>{before.clone()}</th><th>{after.clone()}</th></tr></thead>
                        <tbody>{field_rows(c.fields)}</tbody>
                    </table>
                </div>
            }).collect_view()}
            {(!workflow_fields.is_empty()).then(|| view! {
                <div class="diff-block" data-testid="diff-workflow">
                    <h4>{tr("Workflow")}</h4>
                    <table class="diff-table">
                        <thead><tr><th>{tr("Field")}</th><th>{before.clone()}</th><th>{after.clone()}</th></tr></thead>
                        <tbody>{field_rows(workflow_fields)}</tbody>
                    </table>
                </div>
            })}
            {(!moved_only.is_empty()).then(|| view! {
                <p class="panel-note">{t!("Moved on the canvas only (not part of the version's content): {steps}", steps = moved_only.join(", "))}</p>
            })}
        </div>
    }
}
