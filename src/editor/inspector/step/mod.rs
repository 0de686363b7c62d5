//! The inspector of one step: the fields every step has, then a form for
//! its kind covering every field of the scenario format.

mod action;
mod approval;
mod compensation;
mod condition;
mod edit;
mod fail_action;
mod fault;
mod options;
mod retry;

use crate::i18n::tr;
use flowlab_engine::model::{DurationSpec, Filter, Next, StepBody};
use leptos::prelude::*;

use crate::editor::context::use_ed;
use crate::editor::inspector::fields::{DurationSpecField, SelectField, TextField};
use crate::editor::inspector::filter::FilterBuilder;
use crate::editor::summary::{kind_hint, kind_label};
use action::ActionForm;
use approval::ApprovalForm;
use condition::ConditionForm;
use fail_action::FailActionForm;
use options::{step_options, workflow_options};

#[component]
pub fn StepInspector(id: String) -> impl IntoView {
    let ed = use_ed();
    let step = {
        let id = id.clone();
        Memo::new(move |_| ed.doc.step(&id))
    };
    let kind = step.get_untracked().map(|s| s.kind());
    let Some(kind) = kind else {
        return view! { <p class="panel-note">{tr("This step is gone.")}</p> }.into_any();
    };
    let sid = StoredValue::new(id.clone());
    let name = Signal::derive(move || step.get().and_then(|s| s.name).unwrap_or_default());
    let set_name = Callback::new(move |v: String| {
        let v = v.trim().to_string();
        ed.update_step(&sid.get_value(), |s| s.name = (!v.is_empty()).then_some(v));
    });
    let step_id = Signal::derive(move || step.get().map(|s| s.id).unwrap_or_default());
    let set_id = Callback::new(move |v: String| {
        let v = v.trim().to_string();
        if v.is_empty() {
            ed.dialogs.notice.set(Some(tr("A step needs an id").into()));
            return;
        }
        ed.update_step(&sid.get_value(), |s| s.id = v);
    });
    let is_start = Memo::new(move |_| {
        ed.doc
            .session
            .with(|d| d.draft().steps.first().map(|s| &s.id) == Some(&sid.get_value()))
    });
    let has_next = !matches!(
        kind,
        flowlab_engine::model::StepKind::End | flowlab_engine::model::StepKind::Condition
    );
    let next_value = Signal::derive(move || match step.get().map(|s| s.next) {
        Some(Next::To(t)) => t,
        Some(Next::Stop) => "__stop".into(),
        _ => String::new(),
    });
    let set_next = Callback::new(move |v: String| {
        ed.update_step(&sid.get_value(), |s| {
            s.next = match v.as_str() {
                "" => Next::Following,
                "__stop" => Next::Stop,
                other => Next::To(other.to_string()),
            }
        })
    });
    let next_options = {
        let steps = step_options(ed, &sid.get_value(), tr("The step below it in the list"));
        Signal::derive(move || {
            let mut o = steps.get();
            o.insert(
                1,
                (
                    "__stop".into(),
                    tr("Nothing: the execution completes").into(),
                ),
            );
            o
        })
    };

    let body = match kind {
        flowlab_engine::model::StepKind::Action => view! { <ActionForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Wait => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Wait(w)) => w.duration,
                _ => None,
            });
            view! {
                <section class="panel-section">
                    <DurationSpecField label=tr("Wait for") field="duration" value
                        on_commit=Callback::new(move |d: Option<DurationSpec>| ed.update_step(&sid.get_value(), |s| if let StepBody::Wait(w) = &mut s.body { w.duration = d })) />
                </section>
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::Condition => view! { <ConditionForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Filter => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Filter(f)) => f.filter,
                _ => None,
            });
            view! {
                <section class="panel-section">
                    <h3 class="ed-section-title">{tr("Let through only if")}</h3>
                    <FilterBuilder field="filter" value
                        on_commit=Callback::new(move |f: Option<Filter>| ed.update_step(&sid.get_value(), |s| if let StepBody::Filter(x) = &mut s.body { x.filter = f })) />
                </section>
                <FailActionForm id=id.clone() default="end_workflow" title=tr("Otherwise") />
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::Approval => view! { <ApprovalForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Enroll => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Enroll(e)) => e.workflow.unwrap_or_default(),
                _ => String::new(),
            });
            view! {
                <section class="panel-section">
                    <SelectField label=tr("Enroll the contact in") field="workflow".to_string() options=workflow_options(ed) value
                        on_commit=Callback::new(move |w: String| ed.update_step(&sid.get_value(), |s| if let StepBody::Enroll(e) = &mut s.body { e.workflow = (!w.is_empty()).then_some(w) })) />
                    <p class="panel-note">{tr("Only an active workflow enrolls; otherwise the execution goes on and the trace says why.")}</p>
                </section>
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::End => view! {
            <section class="panel-section"><p class="panel-note">{tr("Reaching this step completes the execution.")}</p></section>
        }
        .into_any(),
    };

    view! {
        <div class="inspector-step" data-testid="inspector-step" data-step-id=id.clone()>
            <header class=format!("inspector-head kind--{}", kind.as_str())>
                <span class="inspector-kind">{kind_label(kind)}</span>
                <span class="inspector-hint">{kind_hint(kind)}</span>
            </header>
            <section class="panel-section">
                <TextField label=tr("Name") field="name".to_string() value=name on_commit=set_name placeholder=tr("Shown on the canvas") />
                <TextField label=tr("Id") field="id".to_string() value=step_id on_commit=set_id hint=tr("Unique in the workflow; links follow a rename") />
                {has_next.then(|| view! {
                    <SelectField label=tr("Then") field="next".to_string() options=next_options value=next_value on_commit=set_next />
                })}
                <div class="start-row">
                    <Show when=move || is_start.get() fallback=move || view! {
                        <button type="button" class="link-button" data-testid="make-start"
                            on:click=move |_| { ed.apply(|d| d.make_start(&sid.get_value())); }>{tr("Make this the start step")}</button>
                    }>
                        <span class="chip chip--accent" data-testid="is-start">{tr("Start step: executions begin here")}</span>
                    </Show>
                </div>
            </section>
            {body}
        </div>
    }
    .into_any()
}
