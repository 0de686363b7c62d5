//! The form of an action step.

use crate::i18n::tr;
use flowlab_engine::model::{ActionKind, Compensation};
use leptos::prelude::*;
use serde_json::Value;

use super::compensation::CompensationFields;
use super::edit::{action_of, edit_action, parse_set};
use super::fail_action::FailActionForm;
use super::fault::FaultFields;
use super::options::opts;
use super::retry::RetryForm;
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::{AreaField, CheckField, DurationSpecField, SelectField};

#[component]
pub fn ActionForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id.clone());
    let a = Memo::new(move |_| ed.doc.step(&sid.get_value()).and_then(|s| action_of(&s)));
    let kind = Signal::derive(move || {
        a.get()
            .and_then(|a| a.action)
            .map(|k| k.as_str().to_string())
            .unwrap_or_default()
    });
    let set_kind = Callback::new(move |v: String| {
        edit_action(ed, &sid.get_value(), |a| a.action = ActionKind::parse(&v))
    });
    let is_update = move || {
        a.get()
            .is_some_and(|a| a.action == Some(ActionKind::Update))
    };
    let set_text = Signal::derive(move || {
        a.get()
            .and_then(|a| a.set)
            .map(|m| Value::Object(m).to_string())
            .unwrap_or_default()
    });
    let set_set = Callback::new(move |text: String| -> Result<(), String> {
        let parsed = parse_set(&text)?;
        edit_action(ed, &sid.get_value(), |a| a.set = parsed);
        Ok(())
    });
    let duration = Signal::derive(move || a.get().and_then(|a| a.duration));
    let set_duration =
        Callback::new(move |d| edit_action(ed, &sid.get_value(), |a| a.duration = d));
    let fault = Signal::derive(move || a.get().and_then(|a| a.fault));
    let set_fault = Callback::new(move |f| edit_action(ed, &sid.get_value(), |a| a.fault = f));
    let comp = Signal::derive(move || a.get().and_then(|a| a.compensation));
    view! {
        <section class="panel-section">
            <SelectField label=tr("Action") field="action".to_string()
                options=opts(&[("", tr("— choose —")), ("email", tr("Send an email")), ("sms", tr("Send an SMS")), ("webhook", tr("Call a webhook")), ("update", tr("Update the contact"))])
                value=kind on_commit=set_kind />
            <Show when=is_update>
                <AreaField label=tr("Set attributes (JSON object)") field="set".to_string() value=set_text on_commit=set_set placeholder="{\"plan\": \"pro\"}" />
            </Show>
            <DurationSpecField label=tr("Each attempt takes") field="duration" value=duration on_commit=set_duration optional=true />
        </section>
        <RetryForm id=id.clone() />
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Fault injection")}</h3>
            <FaultFields field="fault" value=fault on_commit=set_fault />
        </section>
        <FailActionForm id=id.clone() default="continue" title=tr("When all attempts fail") />
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Compensation")}</h3>
            <CheckField label=tr("Can be undone in a rollback") field="compensation".to_string()
                value=Signal::derive(move || comp.get().is_some())
                on_commit=Callback::new(move |on: bool| edit_action(ed, &sid.get_value(), |a| {
                    a.compensation = on.then_some(Compensation { action: a.action, set: None, duration: None, fault: None })
                })) />
            <Show when=move || comp.get().is_some()>
                <CompensationFields id=sid.get_value() />
            </Show>
        </section>
    }
}
