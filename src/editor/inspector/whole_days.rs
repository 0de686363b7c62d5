//! A number of whole days (`on_fail.max_retry_days`,
//! `on_fail.retry_interval_days`): the spec allows no fraction of a day.

use leptos::prelude::*;

use crate::t;

/// Reads a whole number of days at least `min`; the message names the field.
pub fn parse_whole_days(text: &str, field: &str, min: u64) -> Result<u64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(t!("{field} needs a number of days", field = field));
    }
    let n: f64 = t
        .parse()
        .map_err(|_| t!("{field}: “{text}” is not a number", field = field, text = t))?;
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(t!(
            "{field}: whole days only, not “{text}”",
            field = field,
            text = t
        ));
    }
    if n < min as f64 {
        return Err(t!("{field} is at least {min}", field = field, min = min));
    }
    if n > u32::MAX as f64 {
        return Err(t!(
            "{field}: “{text}” is too many days",
            field = field,
            text = t
        ));
    }
    Ok(n as u64)
}

/// An integer-only input: a fraction, a negative number or less than `min`
/// is refused with a message and nothing is committed.
#[component]
pub fn WholeDaysField(
    label: &'static str,
    field: String,
    #[prop(into)] value: Signal<u64>,
    on_commit: Callback<u64>,
    min: u64,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let name = field.clone();
    let commit = move |text: String| match parse_whole_days(&text, &name, min) {
        Ok(days) => {
            error.set(None);
            on_commit.run(days);
        }
        Err(e) => error.set(Some(e)),
    };
    view! {
        <label class="ed-field">
            <span class="field-label">{label}</span>
            <input class="input" type="number" step="1" min=min.to_string() inputmode="numeric"
                data-field=field.clone() data-testid=format!("field-{field}")
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get().to_string()
                on:change=move |ev| commit(event_target_value(&ev)) />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert" data-testid="field-error">{e}</span> })}
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_whole_days;

    const F: &str = "on_fail.retry_interval_days";

    #[test]
    fn whole_days_pass_and_fractions_are_refused_by_name() {
        assert_eq!(parse_whole_days(" 3 ", F, 1), Ok(3));
        assert_eq!(parse_whole_days("2.0", F, 1), Ok(2));
        let e = parse_whole_days("1.5", F, 1).unwrap_err();
        assert!(e.contains(F) && e.contains("whole days"), "{e}");
        assert!(parse_whole_days("0", F, 1)
            .unwrap_err()
            .contains("at least 1"));
        assert!(parse_whole_days("-1", "on_fail.max_retry_days", 0).is_err());
        assert!(parse_whole_days("abc", F, 1).is_err());
        assert!(parse_whole_days("", F, 1).is_err());
    }
}
