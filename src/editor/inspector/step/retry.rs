//! A retry policy, with its timeline.

use crate::i18n::tr;
use flowlab_engine::model::{OnFail, RetryPolicy};
use flowlab_engine::time::MINUTE;
use leptos::prelude::*;

use super::edit::{action_of, retry_written, set_retry};
use crate::editor::context::use_ed;
use crate::editor::inspector::fields::{CheckField, DurationField, NumberField};
use crate::editor::retry_timeline::{policy_hint, schedule, RetryTimeline};

#[component]
pub fn RetryForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let step = Memo::new(move |_| ed.doc.step(&sid.get_value()));
    let retry = Signal::derive(move || step.get().and_then(|s| retry_written(&s)));
    let edit = move |f: Box<dyn FnOnce(&mut RetryPolicy)>| {
        ed.update_step(&sid.get_value(), |s| {
            let mut r = retry_written(s).unwrap_or_default();
            f(&mut r);
            set_retry(s, Some(r));
        })
    };
    let timeline = Signal::derive(move || {
        let s = step.get();
        let (policy, duration, on_fail) = match &s {
            Some(s) => (
                s.retry_policy(),
                action_of(s).and_then(|a| a.duration),
                s.on_fail(),
            ),
            None => (RetryPolicy::default(), None, OnFail::Continue),
        };
        schedule(policy, duration, &on_fail)
    });
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Retries")}</h3>
            <CheckField label=tr("Custom retry policy") field="retry".to_string()
                value=Signal::derive(move || retry.get().is_some())
                hint=move || policy_hint(retry.get())
                on_commit=Callback::new(move |on: bool| ed.update_step(&sid.get_value(), |s| set_retry(s, on.then(RetryPolicy::default)))) />
            <Show when=move || retry.get().is_some()>
                <div class="field-pair">
                    <NumberField label=tr("Attempts") field="retry.max_attempts".to_string()
                        value=Signal::derive(move || retry.get().map(|r| r.max_attempts as f64))
                        on_commit=Callback::new(move |v: Option<f64>| edit(Box::new(move |r| r.max_attempts = v.unwrap_or(1.0) as i64))) />
                    <DurationField label=tr("Backoff") field="retry.backoff".to_string()
                        value=Signal::derive(move || retry.get().map(|r| r.backoff))
                        on_commit=Callback::new(move |v: Option<u64>| edit(Box::new(move |r| r.backoff = v.unwrap_or(MINUTE)))) />
                </div>
            </Show>
            <RetryTimeline schedule=timeline />
        </section>
    }
}
