//! The inspector when nothing is selected: the workflow's name, trigger
//! and settings.

use crate::i18n::tr;
use flowlab_engine::model::{Filter, Settings, StartWindow, Trigger};
use flowlab_engine::time::{format_clock, parse_clock};
use leptos::prelude::*;

use super::fields::{CheckField, DurationField, NumberField, SelectField, TextField};
use super::filter::FilterBuilder;
use crate::editor::context::use_ed;

#[component]
pub fn WorkflowInspector() -> impl IntoView {
    let ed = use_ed();
    let settings = Memo::new(move |_| ed.doc.session.with(|d| d.draft().settings.clone()));
    let trigger = Memo::new(move |_| ed.doc.session.with(|d| d.draft().trigger.clone()));
    let name = Signal::derive(move || ed.doc.session.with(|d| d.draft().name.clone()));
    let edit = move |f: Box<dyn FnOnce(&mut Settings)>| {
        let mut s = settings.get_untracked();
        f(&mut s);
        ed.apply(|d| d.set_settings(s));
    };
    let set_trigger = move |t: Trigger| {
        ed.apply(|d| d.set_trigger(t));
    };
    let trigger_type = Signal::derive(move || trigger.get().type_name().to_string());
    let window = Signal::derive(move || settings.get().start_window);
    let window_part = move |to: bool| {
        Signal::derive(move || {
            window
                .get()
                .map(|w| format_clock(if to { w.to } else { w.from }))
                .unwrap_or_default()
        })
    };
    let window_error = RwSignal::new(None::<String>);
    let set_window = move |to: bool| {
        Callback::new(move |text: String| {
            let t = text.trim().to_string();
            if t.is_empty() {
                window_error.set(None);
                edit(Box::new(|s| s.start_window = None));
                return;
            }
            match parse_clock(&t) {
                Ok(ms) => {
                    window_error.set(None);
                    edit(Box::new(move |s| {
                        let mut w = s.start_window.unwrap_or(StartWindow {
                            from: 9 * 3_600_000,
                            to: 17 * 3_600_000,
                        });
                        if to {
                            w.to = ms
                        } else {
                            w.from = ms
                        }
                        s.start_window = Some(w);
                    }));
                }
                Err(e) => window_error.set(Some(crate::engine_text::duration_error(&e))),
            }
        })
    };
    view! {
        <div class="inspector-workflow" data-testid="inspector-workflow">
            <header class="inspector-head">
                <span class="inspector-kind">{tr("Workflow")}</span>
                <span class="inspector-hint">{tr("Select a step to edit it")}</span>
            </header>
            <section class="panel-section">
                <TextField label=tr("Name") field="workflow.name".to_string() value=name
                    on_commit=Callback::new(move |v: String| { let v = v.trim().to_string(); if !v.is_empty() { ed.apply(|d| d.set_name(&v)); } }) />
            </section>
            <section class="panel-section">
                <h3 class="ed-section-title">{tr("Trigger")}</h3>
                <SelectField label=tr("Start executions") field="trigger".to_string()
                    options=vec![
                        ("manual".into(), tr("Manually (enroll command)").into()),
                        ("tag_added".into(), tr("When a tag is added").into()),
                        ("audience".into(), tr("Once, for an audience").into()),
                    ]
                    value=trigger_type
                    on_commit=Callback::new(move |v: String| set_trigger(match v.as_str() {
                        "tag_added" => Trigger::TagAdded { tag: "lead".into(), poll: Trigger::DEFAULT_POLL },
                        "audience" => Trigger::Audience { filter: Filter::Tag("lead".into()) },
                        _ => Trigger::Manual,
                    })) />
                {move || match trigger.get() {
                    Trigger::TagAdded { tag, poll } => view! {
                        <div class="field-pair">
                            <TextField label=tr("Tag") field="trigger.tag".to_string() value=Signal::derive({ let tag = tag.clone(); move || tag.clone() })
                                on_commit=Callback::new(move |v: String| set_trigger(Trigger::TagAdded { tag: v.trim().to_string(), poll })) />
                            <DurationField label=tr("Polled every") field="trigger.poll".to_string() value=Signal::derive(move || Some(poll))
                                on_commit=Callback::new(move |v: Option<u64>| set_trigger(Trigger::TagAdded { tag: tag.clone(), poll: v.unwrap_or(Trigger::DEFAULT_POLL) })) />
                        </div>
                        <p class="panel-note">{tr("Between 5m and 15m; enrollment happens at the poll.")}</p>
                    }.into_any(),
                    Trigger::Audience { filter } => view! {
                        <FilterBuilder field="trigger.filter" value=Signal::derive(move || Some(filter.clone()))
                            on_commit=Callback::new(move |f: Option<Filter>| if let Some(f) = f { set_trigger(Trigger::Audience { filter: f }) }) />
                        <p class="panel-note">{tr("Every matching contact is enrolled once, at activation.")}</p>
                    }.into_any(),
                    Trigger::Manual => ().into_any(),
                }}
            </section>
            <section class="panel-section">
                <h3 class="ed-section-title">{tr("Settings")}</h3>
                <CheckField label=tr("Allow re-enrollment") field="settings.allow_reenrollment".to_string()
                    value=Signal::derive(move || settings.get().allow_reenrollment)
                    on_commit=Callback::new(move |v| edit(Box::new(move |s| s.allow_reenrollment = v))) />
                <CheckField label=tr("Acknowledge ended executions automatically") field="settings.auto_ack".to_string()
                    value=Signal::derive(move || settings.get().auto_ack)
                    on_commit=Callback::new(move |v| edit(Box::new(move |s| s.auto_ack = v))) />
                <CheckField label=tr("One execution per contact at a time") field="settings.exclusive_per_contact".to_string()
                    value=Signal::derive(move || settings.get().exclusive_per_contact)
                    on_commit=Callback::new(move |v| edit(Box::new(move |s| s.exclusive_per_contact = v))) />
                <div class="field-pair">
                    <NumberField label=tr("Max concurrent") field="settings.max_concurrent".to_string() optional=true
                        value=Signal::derive(move || settings.get().max_concurrent.map(|n| n as f64))
                        on_commit=Callback::new(move |v: Option<f64>| edit(Box::new(move |s| s.max_concurrent = v.map(|n| n as i64)))) />
                    <DurationField label=tr("Execution timeout") field="settings.execution_timeout".to_string() optional=true placeholder=tr("none")
                        value=Signal::derive(move || settings.get().execution_timeout)
                        on_commit=Callback::new(move |v: Option<u64>| edit(Box::new(move |s| s.execution_timeout = v))) />
                </div>
                <div class="field-pair" data-field="settings.start_window">
                    <TextField label=tr("Start window from") field="settings.start_window.from".to_string() value=window_part(false) on_commit=set_window(false) placeholder=tr("HH:MM") />
                    <TextField label=tr("to") field="settings.start_window.to".to_string() value=window_part(true) on_commit=set_window(true) placeholder=tr("HH:MM") />
                </div>
                {move || window_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <div class="ed-field">
                    <span class="field-label">{tr("Entry filter")}</span>
                    <FilterBuilder field="settings.entry_filter" optional=true value=Signal::derive(move || settings.get().entry_filter)
                        on_commit=Callback::new(move |f: Option<Filter>| edit(Box::new(move |s| s.entry_filter = f))) />
                </div>
            </section>
        </div>
    }
}
