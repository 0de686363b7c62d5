use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use crate::run_view::runs_query::{parse_range, RangeText};

/// "Enrolled from … to …" as durations of simulated time. `apply` gets the
/// bounds while the text is a range, and open bounds while it is not (the
/// error then says why, on its own line under the filters).
#[component]
pub fn RangeFilter(
    text: RwSignal<RangeText>,
    apply: Callback<(Option<SimTime>, Option<SimTime>)>,
) -> impl IntoView {
    let error = Memo::new(move |_| text.with(|t| parse_range(t).err().map(|e| e.to_string())));
    let edit = move |set: fn(&mut RangeText, String), value: String| {
        text.update(|t| set(t, value));
        apply.run(text.with_untracked(|t| parse_range(t).unwrap_or((None, None))));
    };
    let bad_from = move || error.with(|e| e.as_deref().is_some_and(|e| !e.starts_with("To:")));
    let bad_to = move || error.with(|e| e.as_deref().is_some_and(|e| !e.starts_with("From:")));
    view! {
        <div class="runs-range" role="group" aria-label="Enrolled between, simulated time" data-testid="filter-time">
            <label class="field">
                <span>"Enrolled from"</span>
                <input type="text" data-testid="filter-from" placeholder="e.g. 2m" inputmode="text"
                    aria-invalid=move || bad_from().to_string()
                    aria-describedby="runs-range-error"
                    class:input-invalid=bad_from
                    prop:value=move || text.with(|t| t.from.clone())
                    on:input=move |ev| edit(|t, v| t.from = v, event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>"to"</span>
                <input type="text" data-testid="filter-to" placeholder="e.g. 1h30m" inputmode="text"
                    aria-invalid=move || bad_to().to_string()
                    aria-describedby="runs-range-error"
                    class:input-invalid=bad_to
                    prop:value=move || text.with(|t| t.to.clone())
                    on:input=move |ev| edit(|t, v| t.to = v, event_target_value(&ev)) />
            </label>
        </div>
        <p id="runs-range-error" class="field-error runs-range-error" role="alert" data-testid="filter-time-error"
                hidden=move || error.with(Option::is_none)>
            {move || error.get().map(|e| format!("{e}. The time range is not applied."))}
        </p>
    }
}
