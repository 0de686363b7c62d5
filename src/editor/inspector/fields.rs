//! Form fields the inspector is made of. Each commits on `change` (leaving
//! the field or pressing Enter), so one edit of a field is one undo entry;
//! text that does not parse stays in the field with a message under it and
//! changes nothing. `data-field` is the field's path as validation names
//! it, so a problem can focus its field.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::model::DurationSpec;
use flowlab_engine::time::{format_duration, parse_duration};
use leptos::prelude::*;

fn testid(field: &str) -> String {
    format!("field-{field}")
}

#[component]
pub fn TextField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <input class="input" type="text" data-field=field.clone() data-testid=testid(&field)
                placeholder=placeholder list=list
                prop:value=move || value.get()
                on:change=move |ev| on_commit.run(event_target_value(&ev)) />
            {hint.map(|h| view! { <span class="field-hint">{h}</span> })}
        </label>
    }
}

#[component]
pub fn AreaField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<String>,
    /// `Err` keeps the text and shows the message.
    on_commit: Callback<String, Result<(), String>>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <textarea class="input input--area" data-field=field.clone() data-testid=testid(&field)
                placeholder=placeholder rows="3"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                on:change=move |ev| error.set(on_commit.run(event_target_value(&ev)).err())></textarea>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

#[component]
pub fn SelectField(
    label: &'static str,
    field: String,
    /// Reactive, so that a picker of steps follows steps added and renamed.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <select class="input" data-field=field.clone() data-testid=testid(&field)
                prop:value=move || value.get()
                on:change=move |ev| on_commit.run(event_target_value(&ev))>
                {move || options.get().into_iter().map(|(v, l)| {
                    let current = v.clone();
                    view! { <option value=v selected=move || value.get() == current>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn CheckField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<bool>,
    on_commit: Callback<bool>,
    #[prop(optional, into)] hint: Option<TextProp>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" data-field=field.clone() data-testid=testid(&field)
                prop:checked=move || value.get()
                on:change=move |ev| on_commit.run(event_target_checked(&ev)) />
            <span>{label}</span>
            {hint.map(|h| view! { <span class="field-hint" data-testid=format!("hint-{}", testid(&field))>{move || h.get()}</span> })}
        </label>
    }
}

/// A number; empty is `None` when `optional`.
#[component]
pub fn NumberField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<Option<f64>>,
    on_commit: Callback<Option<f64>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] step: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let t = text.trim();
        if t.is_empty() && optional {
            error.set(None);
            on_commit.run(None);
            return;
        }
        match t.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                error.set(None);
                on_commit.run(Some(n));
            }
            _ => error.set(Some(t!("“{text}” is not a number", text = t))),
        }
    };
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <input class="input" type="number" step=step.unwrap_or("1") data-field=field.clone() data-testid=testid(&field)
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get().map(|n| n.to_string()).unwrap_or_default()
                on:change=move |ev| commit(event_target_value(&ev)) />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            {hint.map(|h| view! { <span class="field-hint">{h}</span> })}
        </label>
    }
}

/// A duration written as people write them (`90s`, `1d2h`); empty is
/// `None` when `optional`.
#[component]
pub fn DurationField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<Option<u64>>,
    on_commit: Callback<Option<u64>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let t = text.trim();
        if t.is_empty() && optional {
            error.set(None);
            on_commit.run(None);
            return;
        }
        match parse_duration(t) {
            Ok(ms) => {
                error.set(None);
                on_commit.run(Some(ms));
            }
            Err(e) => error.set(Some(crate::engine_text::duration_error(&e))),
        }
    };
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <input class="input input--mono" type="text" data-field=field.clone() data-testid=testid(&field)
                placeholder=placeholder
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get().map(format_duration).unwrap_or_default()
                on:change=move |ev| commit(event_target_value(&ev)) />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

/// A fixed duration or a random range (`min`–`max`).
#[component]
pub fn DurationSpecField(
    label: &'static str,
    /// The field's path: `duration`, `compensation.duration`.
    field: &'static str,
    #[prop(into)] value: Signal<Option<DurationSpec>>,
    on_commit: Callback<Option<DurationSpec>>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let random = move || matches!(value.get(), Some(DurationSpec::Random { .. }));
    let mode = Signal::derive(move || {
        if random() {
            "random".to_string()
        } else {
            "fixed".to_string()
        }
    });
    let set_mode = Callback::new(move |m: String| {
        let v = value.get_untracked();
        on_commit.run(match (m.as_str(), v) {
            ("random", Some(DurationSpec::Fixed(ms))) => Some(DurationSpec::Random {
                min: ms,
                max: ms.max(1) * 2,
            }),
            ("random", None) => Some(DurationSpec::Random {
                min: 1000,
                max: 30_000,
            }),
            ("fixed", Some(DurationSpec::Random { min, .. })) => Some(DurationSpec::Fixed(min)),
            _ => v,
        });
    });
    let fixed = Signal::derive(move || match value.get() {
        Some(DurationSpec::Fixed(ms)) => Some(ms),
        _ => None,
    });
    let bound = move |max: bool| {
        Signal::derive(move || match value.get() {
            Some(DurationSpec::Random { min, max: hi }) => Some(if max { hi } else { min }),
            _ => None,
        })
    };
    let set_bound = move |max: bool| {
        Callback::new(move |ms: Option<u64>| {
            let Some(ms) = ms else { return };
            if let Some(DurationSpec::Random { min, max: hi }) = value.get_untracked() {
                on_commit.run(Some(if max {
                    DurationSpec::Random { min, max: ms }
                } else {
                    DurationSpec::Random { min: ms, max: hi }
                }));
            }
        })
    };
    view! {
        <div class="field-group">
            <div class="field-row">
                <span class="field-label">{label}</span>
                <div class="segmented" role="group">
                    {["fixed", "random"].into_iter().map(|m| view! {
                        <button type="button" class="segmented-item"
                            class:segmented-item--on=move || mode.get() == m
                            data-testid=format!("field-{field}-{m}")
                            on:click=move |_| set_mode.run(m.to_string())>
                            {if m == "fixed" { tr("Fixed") } else { tr("Random range") }}
                        </button>
                    }).collect_view()}
                </div>
            </div>
            <Show when=move || !random() fallback=move || view! {
                <div class="field-pair">
                    <DurationField label=tr("From") field=format!("{field}.min") value=bound(false) on_commit=set_bound(false) />
                    <DurationField label=tr("To") field=format!("{field}.max") value=bound(true) on_commit=set_bound(true) />
                </div>
            }>
                <DurationField label=tr("Duration") field=field.to_string() value=fixed optional placeholder=if optional { tr("instant") } else { tr("e.g. 1h") }
                    on_commit=Callback::new(move |ms: Option<u64>| on_commit.run(ms.map(DurationSpec::Fixed))) />
            </Show>
        </div>
    }
}
