use leptos::prelude::*;

use crate::components::icons::PlayIcon;

/// Where the page clock will sit. Nothing drives simulated time yet, so it
/// shows time zero and a disabled play button, and its tooltip says so.
#[component]
pub fn ClockBar() -> impl IntoView {
    let why = "Simulated time. The page clock that plays it arrives with the engine runtime; \
               until then the sandbox stays at time zero.";
    view! {
        <div class="clock-bar" data-testid="clock-bar" title=why>
            <span class="clock-label">"Simulated time"</span>
            <span class="clock-time" data-testid="clock-time">"00:00"</span>
            <button
                class="clock-play"
                data-testid="clock-play"
                type="button"
                disabled=true
                aria-label="Play simulated time (not available yet)"
                title=why
            >
                <PlayIcon />
            </button>
        </div>
    }
}
