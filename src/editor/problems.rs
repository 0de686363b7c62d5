//! Problems: validation's errors and warnings (lifecycle §5), live as the
//! draft changes. Clicking one selects its step and focuses its field.

use flowlab_engine::machines::definition::WorkflowStatus;
use flowlab_engine::validate::{Issue, Severity};
use leptos::prelude::*;

use super::context::{use_ed_doc, use_ed_view};
use super::state::Selection;
use crate::components::icons::Glyph;
use crate::i18n::{fill, tr, Lang};
use crate::t;

/// The issue's message in the current language: the engine's English
/// template translated, with its values put back (lists joined by `and` are
/// joined by the language's word).
pub fn issue_text(issue: &Issue) -> String {
    let french = crate::i18n::current() == Lang::Fr;
    let values: Vec<String> = issue
        .args
        .iter()
        .map(|(_, v)| {
            if french {
                v.replace(" and ", " et ")
            } else {
                v.clone()
            }
        })
        .collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> = issue
        .args
        .iter()
        .zip(&values)
        .map(|((name, _), value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    fill(tr(issue.template), &args)
}

/// Where an issue is: `s3 · next`, the step's id and the field's path.
pub fn issue_place(issue: &Issue) -> String {
    match (&issue.step, &issue.field) {
        (Some(s), Some(f)) => format!("{s} · {f}"),
        (Some(s), None) => s.clone(),
        (None, Some(f)) => f.clone(),
        (None, None) => tr("workflow").into(),
    }
}

/// What the panel says when validation finds nothing: whether the draft
/// can be published, and why not when the workflow's status forbids it.
pub fn all_clear(status: Option<WorkflowStatus>) -> String {
    match status {
        None | Some(WorkflowStatus::Draft | WorkflowStatus::Active | WorkflowStatus::Paused) => {
            tr("No problems: this draft can be published.").into()
        }
        Some(s) => t!("No problems in the draft, but it cannot be published: the workflow is {status}, and only a draft, active or paused workflow publishes. Clone it to publish these steps as a new workflow.", status = s),
    }
}

#[component]
pub fn Problems() -> impl IntoView {
    let doc = use_ed_doc();
    let view = use_ed_view();
    let open = RwSignal::new(true);
    let counts = Memo::new(move |_| doc.report.with(|r| (r.errors.len(), r.warnings.len())));
    let go = move |issue: Issue| {
        view.viewing.set(None);
        match &issue.step {
            Some(id) => view.selection.set(Selection::only(id)),
            None => view.selection.set(Selection::default()),
        }
        view.focus.set(Some(match (&issue.step, &issue.field) {
            (_, Some(f)) => f.clone(),
            (Some(_), None) => "name".into(),
            (None, None) => "workflow.name".into(),
        }));
    };
    let row = move |issue: Issue| {
        let sev = match issue.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = issue_place(&issue);
        let message = issue_text(&issue);
        view! {
            <li>
                <button type="button" class=format!("problem problem--{sev}") data-testid="problem"
                    data-severity=sev data-step=issue.step.clone().unwrap_or_default() data-field=issue.field.clone().unwrap_or_default()
                    on:click=move |_| go(issue.clone())>
                    <span class="problem-icon"><Glyph name=sev /></span>
                    <span class="problem-text">
                        <span class="problem-message">{message}</span>
                        <span class="problem-place" translate="no">{place}</span>
                    </span>
                </button>
            </li>
        }
    };
    view! {
        <section class="problems" class:problems--open=move || open.get() data-testid="problems">
            <button type="button" class="problems-head" data-testid="problems-toggle" on:click=move |_| open.update(|o| *o = !*o)
                aria-expanded=move || open.get().to_string()>
                <span class="panel-title">{tr("Problems")}</span>
                <span class="problems-counts">
                    <span class="count count--error" data-testid="problem-errors" class:count--zero=move || counts.get().0 == 0>
                        <Glyph name="error" />{move || counts.get().0}
                    </span>
                    <span class="count count--warning" data-testid="problem-warnings" class:count--zero=move || counts.get().1 == 0>
                        <Glyph name="warning" />{move || counts.get().1}
                    </span>
                </span>
            </button>
            <Show when=move || open.get()>
                <Show when=move || counts.get() != (0, 0) fallback=move || view! {
                    <p class="problems-none" data-testid="problems-none">
                        {move || all_clear(doc.info.with(|i| i.as_ref().map(|i| i.status)))}
                    </p>
                }>
                    <ul class="problem-list">
                        {move || doc.report.with(|r| r.errors.iter().chain(&r.warnings).cloned().collect::<Vec<_>>())
                            .into_iter().map(row).collect_view()}
                    </ul>
                </Show>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::validate::{validate, ValidationContext};

    #[test]
    fn an_issue_reads_in_french_with_its_values() {
        let text = r#"{"id": "w", "name": "W", "trigger": {"type": "manual"}, "steps": [
            {"id": "a", "kind": "wait", "duration": "1h", "next": "nowhere"},
            {"id": "b", "kind": "wait", "duration": "1h"},
            {"id": "b", "kind": "end"}
        ]}"#;
        let draft = flowlab_engine::scenario::parse_workflow_file("w.json", text).unwrap();
        let report = validate(&draft, &ValidationContext::default());
        let texts = |lang| {
            crate::i18n::set_current(lang);
            let out: Vec<String> = report.errors.iter().map(issue_text).collect();
            crate::i18n::set_current(Lang::En);
            out
        };
        let english: Vec<&str> = report.errors.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(texts(Lang::En), english);
        assert_eq!(
            texts(Lang::Fr),
            [
                "désigne l’étape \"nowhere\", qui n’existe pas",
                "2 étapes ont cet identifiant (positions 2 et 3 dans la liste)\u{202f}; les identifiants doivent être uniques",
            ]
        );
    }

    #[test]
    fn a_workflow_that_cannot_publish_says_why() {
        assert_eq!(
            all_clear(Some(WorkflowStatus::Active)),
            "No problems: this draft can be published."
        );
        for status in [WorkflowStatus::Archived, WorkflowStatus::Cancelled] {
            let line = all_clear(Some(status));
            assert!(line.contains("cannot be published"), "{line}");
            assert!(
                line.contains(&format!("the workflow is {status}")),
                "{line}"
            );
        }
    }
}
