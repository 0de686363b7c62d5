//! The form of an approval step.

use crate::i18n::tr;
use flowlab_engine::model::{ApprovalScope, ApprovalStep};
use leptos::prelude::*;

use super::edit::{approval_of, edit_approval};
use super::fail_action::FailActionForm;
use super::options::{opts, step_options};
use super::retry::RetryForm;
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::{DurationField, SelectField, TextField};

#[component]
pub fn ApprovalForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id.clone());
    let a = Memo::new(move |_| ed.doc.step(&sid.get_value()).and_then(|s| approval_of(&s)));
    let edit = move |f: Box<dyn FnOnce(&mut ApprovalStep)>| edit_approval(ed, &sid.get_value(), f);
    let groups = move || {
        ed.doc.world.with(|(_, ops)| {
            let mut g: Vec<String> = ops.iter().flat_map(|o| o.groups.iter().cloned()).collect();
            g.sort();
            g.dedup();
            g
        })
    };
    let port = move |label: &'static str,
                     field: &'static str,
                     get: fn(&ApprovalStep) -> Option<String>,
                     set: fn(&mut ApprovalStep, Option<String>),
                     none: &'static str| {
        view! {
            <SelectField label field=field.to_string() options=step_options(ed, &sid.get_value(), none)
                value=Signal::derive(move || a.get().and_then(|a| get(&a)).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |a| set(a, (!v.is_empty()).then_some(v))))) />
        }
    };
    view! {
        <section class="panel-section">
            <TextField label=tr("Operator group") field="group".to_string() list="approval-groups"
                value=Signal::derive(move || a.get().and_then(|a| a.group).unwrap_or_default())
                on_commit=Callback::new(move |v: String| { let v = v.trim().to_string(); edit(Box::new(move |a| a.group = (!v.is_empty()).then_some(v))) })
                hint=tr("Every member is notified; the first decision wins") />
            <datalist id="approval-groups">{move || groups().into_iter().map(|g| view! { <option value=g /> }).collect_view()}</datalist>
            <SelectField label=tr("Scope") field="scope".to_string()
                options=opts(&[("execution", tr("Each execution waits for its own decision")), ("workflow", tr("One decision for every execution (campaign)"))])
                value=Signal::derive(move || a.get().map(|a| a.scope.as_str().to_string()).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |a| a.scope = if v == "workflow" { ApprovalScope::Workflow } else { ApprovalScope::Execution }))) />
            <DurationField label=tr("Times out after") field="timeout".to_string() optional=true placeholder=tr("never")
                value=Signal::derive(move || a.get().and_then(|a| a.timeout))
                on_commit=Callback::new(move |v: Option<u64>| edit(Box::new(move |a| a.timeout = v))) />
        </section>
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Ports")}</h3>
            {port(tr("Approved → go to"), "approved", |a| a.approved.clone(), |a, v| a.approved = v, tr("The step's next"))}
            {port(tr("Rejected → go to"), "rejected", |a| a.rejected.clone(), |a, v| a.rejected = v, tr("The step's next"))}
            {port(tr("Timed out → go to"), "timeout_to", |a| a.timeout_to.clone(), |a, v| a.timeout_to = v, tr("— none: the step fails —"))}
        </section>
        <RetryForm id=id.clone() />
        <FailActionForm id=id default="continue" title=tr("When it fails") />
    }
}
