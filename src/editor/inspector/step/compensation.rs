//! An action's compensation: what undoes it when a later step fails.

use crate::i18n::tr;
use flowlab_engine::model::{ActionKind, Compensation};
use leptos::prelude::*;
use serde_json::Value;

use super::edit::{action_of, edit_action, parse_set};
use super::fault::FaultFields;
use super::options::opts;
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::{AreaField, DurationSpecField, SelectField};

#[component]
pub fn CompensationFields(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let c = Memo::new(move |_| {
        ed.doc
            .step(&sid.get_value())
            .and_then(|s| action_of(&s))
            .and_then(|a| a.compensation)
    });
    let edit = move |f: Box<dyn FnOnce(&mut Compensation)>| {
        edit_action(ed, &sid.get_value(), |a| {
            if let Some(c) = &mut a.compensation {
                f(c)
            }
        })
    };
    let kind = Signal::derive(move || {
        c.get()
            .and_then(|c| c.action)
            .map(|k| k.as_str().to_string())
            .unwrap_or_default()
    });
    let set_text = Signal::derive(move || {
        c.get()
            .and_then(|c| c.set)
            .map(|m| Value::Object(m).to_string())
            .unwrap_or_default()
    });
    view! {
        <div class="subform">
            <SelectField label=tr("Undo with") field="compensation.action".to_string()
                options=opts(&[("", tr("— choose —")), ("email", tr("Email")), ("sms", tr("SMS")), ("webhook", tr("Webhook")), ("update", tr("Update the contact"))])
                value=kind on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.action = ActionKind::parse(&v)))) />
            <Show when=move || c.get().is_some_and(|c| c.action == Some(ActionKind::Update))>
                <AreaField label=tr("Set attributes (JSON object)") field="compensation.set".to_string() value=set_text
                    on_commit=Callback::new(move |t: String| -> Result<(), String> { let p = parse_set(&t)?; edit(Box::new(move |c| c.set = p)); Ok(()) }) />
            </Show>
            <DurationSpecField label=tr("Takes") field="compensation.duration" optional=true
                value=Signal::derive(move || c.get().and_then(|c| c.duration))
                on_commit=Callback::new(move |d| edit(Box::new(move |c| c.duration = d))) />
            <FaultFields field="compensation.fault" value=Signal::derive(move || c.get().and_then(|c| c.fault))
                on_commit=Callback::new(move |f| edit(Box::new(move |c| c.fault = f))) />
            <p class="panel-note">{tr("Runs with this step's retry policy, newest completed step first.")}</p>
        </div>
    }
}
