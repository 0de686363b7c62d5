//! The page clock in the header: simulated time, play/pause, speeds, step to
//! the next event, run until a time, and whether everything shown is saved.

use flowlab_engine::time::{parse_duration, SimTime};
use leptos::prelude::*;

use crate::components::icons::{PauseIcon, PlayIcon, StepIcon};
use crate::runtime::{use_runtime, Mode, SaveState};
use crate::session::Speed;

/// "Day 2 · 13:05:09" for simulated time.
pub fn format_sim_time(t: SimTime) -> String {
    let s = t.0 / 1000;
    let day = s / 86_400;
    let (h, m, sec) = ((s % 86_400) / 3600, (s % 3600) / 60, s % 60);
    format!("Day {day} · {h:02}:{m:02}:{sec:02}")
}

#[component]
pub fn ClockBar() -> impl IntoView {
    let rt = use_runtime();
    let ready = move || rt.mode() == Mode::Running;
    let paused = move || rt.clock().paused;
    let toggle = move |_| {
        if paused() {
            rt.play()
        } else {
            rt.pause()
        }
    };
    let (until_text, set_until_text) = signal(String::new());
    let (until_error, set_until_error) = signal(None::<String>);
    let run_until = move || {
        let text = until_text.get_untracked();
        match parse_duration(text.trim()) {
            Ok(ms) if SimTime(ms) > rt.clock().now => {
                set_until_error.set(None);
                rt.run_until(SimTime(ms));
            }
            Ok(_) => set_until_error.set(Some(format!(
                "{} is not after the clock ({})",
                text.trim(),
                format_sim_time(rt.clock().now)
            ))),
            Err(e) => set_until_error.set(Some(format!("“{}”: {e}", text.trim()))),
        }
    };
    view! {
        <div class="clock-bar" data-testid="clock-bar">
            <span
                class="clock-time"
                data-testid="clock-time"
                data-ms=move || rt.clock().now.0.to_string()
                title="Simulated time since the workspace's instant 0"
            >
                {move || format_sim_time(rt.clock().now)}
            </span>
            <button
                class="clock-play"
                data-testid="clock-play"
                type="button"
                disabled=move || !ready()
                aria-label=move || if paused() { "Play simulated time" } else { "Pause simulated time" }
                title=move || if paused() { "Play" } else { "Pause" }
                on:click=toggle
            >
                {move || if paused() { view! { <PlayIcon /> }.into_any() } else { view! { <PauseIcon /> }.into_any() }}
            </button>
            <button
                class="clock-step"
                data-testid="clock-step"
                type="button"
                disabled=move || !ready()
                title="Jump to the next instant something is due, and handle it"
                aria-label="Step to the next event"
                on:click=move |_| rt.step_to_next()
            >
                <StepIcon />
            </button>
            <div class="clock-speeds" role="group" aria-label="Speed" data-testid="clock-speeds">
                {Speed::ALL
                    .iter()
                    .map(|&speed| {
                        view! {
                            <button
                                type="button"
                                class="clock-speed"
                                class:clock-speed--on=move || rt.clock().speed == speed
                                aria-pressed=move || (rt.clock().speed == speed).to_string()
                                data-testid=format!("clock-speed-{}", speed.key())
                                title=if speed == Speed::Max { "As fast as possible".to_string() } else { format!("{} real time", speed.label()) }
                                on:click=move |_| rt.set_speed(speed)
                            >
                                {speed.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <form
                class="clock-until"
                data-testid="clock-until"
                on:submit=move |ev| {
                    ev.prevent_default();
                    run_until();
                }
            >
                <input
                    data-testid="clock-until-input"
                    aria-label="Run until (simulated time, e.g. 1d2h)"
                    placeholder="run until…"
                    prop:value=until_text
                    on:input=move |ev| set_until_text.set(event_target_value(&ev))
                    aria-invalid=move || until_error.get().is_some().to_string()
                    title=move || until_error.get().unwrap_or_else(|| "Run until a simulated time, e.g. 1d2h or 90m".into())
                />
            </form>
            <Show when=move || rt.catching_up()>
                <span class="clock-busy" data-testid="clock-catching-up" role="status">"simulating…"</span>
            </Show>
            <SaveBadge />
        </div>
        <Show when=move || until_error.get().is_some()>
            <p class="clock-error" role="alert" data-testid="clock-until-error">{move || until_error.get()}</p>
        </Show>
        <Show when=move || rt.stepped().is_some()>
            <p class="clock-stepped" role="status" data-testid="clock-stepped">
                {move || rt.stepped().map(|s| s.describe(format_sim_time))}
            </p>
        </Show>
    }
}

#[component]
fn SaveBadge() -> impl IntoView {
    let rt = use_runtime();
    let text = move || match rt.save_state() {
        SaveState::Saved => "saved".to_string(),
        SaveState::Saving { unsaved: 0 } => "saving…".to_string(),
        SaveState::Saving { unsaved } => format!("saving {unsaved}…"),
        SaveState::NotSaving { unsaved, .. } => format!("not saved ({unsaved})"),
    };
    let class = move || match rt.save_state() {
        SaveState::Saved => "save-badge save-badge--saved",
        SaveState::Saving { .. } => "save-badge save-badge--saving",
        SaveState::NotSaving { .. } => "save-badge save-badge--off",
    };
    let title = move || match rt.save_state() {
        SaveState::Saved => "Everything shown is saved in this browser".to_string(),
        SaveState::Saving { unsaved } => format!("{unsaved} events are not written yet"),
        SaveState::NotSaving { reason, unsaved } => {
            format!("Not saving: {reason}. {unsaved} events exist only in this tab.")
        }
    };
    view! {
        <span class=class data-testid="save-state" data-state=move || match rt.save_state() {
            SaveState::Saved => "saved",
            SaveState::Saving { .. } => "saving",
            SaveState::NotSaving { .. } => "off",
        } title=title>{text}</span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulated_time_reads_as_day_and_clock() {
        assert_eq!(format_sim_time(SimTime(0)), "Day 0 · 00:00:00");
        assert_eq!(format_sim_time(SimTime(90_061_000)), "Day 1 · 01:01:01");
    }
}
