//! The simulated fault of an action or a compensation.

use crate::i18n::tr;
use flowlab_engine::model::Fault;
use leptos::prelude::*;

use super::options::opts;
use crate::editor::inspector::fields::{NumberField, SelectField};

#[component]
pub fn FaultFields(
    field: &'static str,
    #[prop(into)] value: Signal<Option<Fault>>,
    on_commit: Callback<Option<Fault>>,
) -> impl IntoView {
    let mode = Signal::derive(move || {
        match value.get() {
            None | Some(Fault::Always(false)) => "none",
            Some(Fault::FailFirst(_)) => "fail_first",
            Some(Fault::Probability(_)) => "probability",
            Some(Fault::Always(true)) => "always",
        }
        .to_string()
    });
    let set_mode = Callback::new(move |m: String| {
        on_commit.run(match m.as_str() {
            "fail_first" => Some(Fault::FailFirst(2)),
            "probability" => Some(Fault::Probability(0.2)),
            "always" => Some(Fault::Always(true)),
            _ => None,
        })
    });
    view! {
        <SelectField label=tr("Make attempts fail") field=field.to_string()
            options=opts(&[("none", tr("Never (no fault)")), ("fail_first", tr("The first N attempts")), ("probability", tr("With a probability")), ("always", tr("Always"))])
            value=mode on_commit=set_mode />
        {move || match value.get() {
            Some(Fault::FailFirst(n)) => view! {
                <NumberField label=tr("Failing attempts") field=format!("{field}.fail_first") value=Signal::derive(move || Some(n as f64))
                    on_commit=Callback::new(move |v: Option<f64>| on_commit.run(Some(Fault::FailFirst(v.unwrap_or(0.0).max(0.0) as u64))))
                    hint=tr("Counted over every retry cycle of the execution") />
            }.into_any(),
            Some(Fault::Probability(p)) => view! {
                <NumberField label=tr("Chance of failing (0–1)") field=format!("{field}.probability") step="0.05" value=Signal::derive(move || Some(p))
                    on_commit=Callback::new(move |v: Option<f64>| on_commit.run(Some(Fault::Probability(v.unwrap_or(0.0))))) />
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
