//! What happens when a step fails: the fail action and its target.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::model::OnFail;
use leptos::prelude::*;

use super::edit::{on_fail_written, set_on_fail};
use super::options::{opts, step_options, workflow_options};
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::SelectField;
use crate::editor::inspector::whole_days::WholeDaysField;

#[component]
pub fn FailActionForm(id: String, default: &'static str, title: &'static str) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let written = Memo::new(move |_| {
        ed.doc
            .step(&sid.get_value())
            .and_then(|s| on_fail_written(&s))
    });
    let action = Signal::derive(move || {
        written
            .get()
            .map(|f| f.action_name().to_string())
            .unwrap_or_default()
    });
    let set_action = Callback::new(move |v: String| {
        let new = match v.as_str() {
            "" => None,
            "continue" => Some(OnFail::Continue),
            "end_workflow" => Some(OnFail::EndWorkflow),
            "skip_remaining" => Some(OnFail::SkipRemaining),
            "branch" => Some(OnFail::Branch { goto: None }),
            "retry" => Some(OnFail::Retry {
                max_retry_days: OnFail::DEFAULT_MAX_RETRY_DAYS,
                retry_interval_days: OnFail::DEFAULT_RETRY_INTERVAL_DAYS,
            }),
            "enroll_workflow" => Some(OnFail::EnrollWorkflow { workflow: None }),
            "fail_workflow" => Some(OnFail::FailWorkflow),
            _ => return,
        };
        if new.as_ref().map(OnFail::action_name)
            != written.get_untracked().as_ref().map(OnFail::action_name)
        {
            ed.update_step(&sid.get_value(), |s| set_on_fail(s, new));
        }
    });
    let set = move |f: OnFail| ed.update_step(&sid.get_value(), |s| set_on_fail(s, Some(f)));
    let options = {
        let mut o = vec![(String::new(), t!("Default ({action})", action = default))];
        o.extend(opts(&[
            ("continue", tr("Continue with the next step")),
            ("end_workflow", tr("End the workflow (completed)")),
            ("skip_remaining", tr("Skip the remaining steps")),
            ("branch", tr("Branch to a step")),
            ("retry", tr("Retry for days")),
            ("enroll_workflow", tr("Enroll in another workflow")),
            ("fail_workflow", tr("Fail the workflow (rollback)")),
        ]));
        o
    };
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{title}</h3>
            <SelectField label=tr("Fail action") field="on_fail".to_string() options value=action on_commit=set_action />
            {move || match written.get() {
                Some(OnFail::Branch { goto }) => view! {
                    <SelectField label=tr("Branch to") field="on_fail.goto".to_string()
                        options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                        value=Signal::derive(move || goto.clone().unwrap_or_default())
                        on_commit=Callback::new(move |v: String| set(OnFail::Branch { goto: (!v.is_empty()).then_some(v) })) />
                    <p class="panel-note">{tr("Or drag from the step's bottom port to the target.")}</p>
                }.into_any(),
                Some(OnFail::Retry { max_retry_days, retry_interval_days }) => view! {
                    <div class="field-pair">
                        <WholeDaysField label=tr("Give up after (days)") field="on_fail.max_retry_days".to_string() min=0
                            value=Signal::derive(move || max_retry_days)
                            on_commit=Callback::new(move |v: u64| set(OnFail::Retry { max_retry_days: v, retry_interval_days })) />
                        <WholeDaysField label=tr("Every (days)") field="on_fail.retry_interval_days".to_string() min=1
                            value=Signal::derive(move || retry_interval_days)
                            on_commit=Callback::new(move |v: u64| set(OnFail::Retry { max_retry_days, retry_interval_days: v })) />
                    </div>
                }.into_any(),
                Some(OnFail::EnrollWorkflow { workflow }) => view! {
                    <SelectField label=tr("Enroll in") field="on_fail.workflow".to_string() options=workflow_options(ed)
                        value=Signal::derive(move || workflow.clone().unwrap_or_default())
                        on_commit=Callback::new(move |v: String| set(OnFail::EnrollWorkflow { workflow: (!v.is_empty()).then_some(v) })) />
                }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}
