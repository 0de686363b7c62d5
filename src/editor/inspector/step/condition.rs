//! The form of a condition step.

use crate::i18n::tr;
use flowlab_engine::model::{Filter, StepBody};
use leptos::prelude::*;

use super::options::step_options;
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::SelectField;
use crate::editor::inspector::filter::FilterBuilder;

#[component]
pub fn ConditionForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let c = Memo::new(
        move |_| match ed.doc.step(&sid.get_value()).map(|s| s.body) {
            Some(StepBody::Condition(c)) => Some(c),
            _ => None,
        },
    );
    let edit = move |f: Box<dyn FnOnce(&mut flowlab_engine::model::ConditionStep)>| {
        ed.update_step(&sid.get_value(), |s| {
            if let StepBody::Condition(c) = &mut s.body {
                f(c)
            }
        })
    };
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("If the contact matches")}</h3>
            <FilterBuilder field="filter" value=Signal::derive(move || c.get().and_then(|c| c.filter))
                on_commit=Callback::new(move |f: Option<Filter>| edit(Box::new(move |c| c.filter = f))) />
        </section>
        <section class="panel-section">
            <SelectField label=tr("Yes → go to") field="yes".to_string() options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                value=Signal::derive(move || c.get().and_then(|c| c.yes).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.yes = (!v.is_empty()).then_some(v)))) />
            <SelectField label=tr("No → go to") field="no".to_string() options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                value=Signal::derive(move || c.get().and_then(|c| c.no).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.no = (!v.is_empty()).then_some(v)))) />
        </section>
    }
}
