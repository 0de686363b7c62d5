use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use crate::t;

use crate::i18n::tr;
use crate::run_view::runs_query::{parse_range, RangeError, RangeText};

/// "Enrolled from … to …" as durations of simulated time. `apply` gets the
/// bounds while the text is a range, and open bounds while it is not (the
/// error then says why, on its own line under the filters).
#[component]
pub fn RangeFilter(
    text: RwSignal<RangeText>,
    apply: Callback<(Option<SimTime>, Option<SimTime>)>,
) -> impl IntoView {
    let error = Memo::new(move |_| text.with(|t| parse_range(t).err()));
    let edit = move |set: fn(&mut RangeText, String), value: String| {
        text.update(|t| set(t, value));
        apply.run(text.with_untracked(|t| parse_range(t).unwrap_or((None, None))));
    };
    let bad_from = Signal::derive(move || {
        error.with(|e| matches!(e, Some(RangeError::From(_) | RangeError::Reversed { .. })))
    });
    let bad_to = Signal::derive(move || {
        error.with(|e| matches!(e, Some(RangeError::To(_) | RangeError::Reversed { .. })))
    });
    let bound = move |label: &'static str,
                      testid: &'static str,
                      placeholder: &'static str,
                      bad: Signal<bool>,
                      get: fn(&RangeText) -> String,
                      set: fn(&mut RangeText, String)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" data-testid=testid placeholder=placeholder inputmode="text"
                    aria-invalid=move || bad.get().to_string()
                    aria-describedby="runs-range-error"
                    class:input-invalid=bad
                    prop:value=move || text.with(get)
                    on:input=move |ev| edit(set, event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <div class="runs-range" role="group" aria-label=tr("Enrolled between, simulated time") data-testid="filter-time">
            {bound(tr("Enrolled from"), "filter-from", tr("e.g. 2m"), bad_from, |t| t.from.clone(), |t, v| t.from = v)}
            {bound(tr("to"), "filter-to", tr("e.g. 1h30m"), bad_to, |t| t.to.clone(), |t, v| t.to = v)}
        </div>
        <p id="runs-range-error" class="field-error runs-range-error" role="alert" data-testid="filter-time-error"
                hidden=move || error.with(Option::is_none)>
            {move || error.with(|e| e.as_ref().map(|e| t!("{error}. The time range is not applied.", error = e.text())))}
        </p>
    }
}
