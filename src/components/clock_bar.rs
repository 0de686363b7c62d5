//! The page clock in the header: simulated time, play/pause, speeds, step to
//! the next event, run until a time, and whether everything shown is saved.

use flowlab_engine::time::{parse_duration, SimTime};
use leptos::prelude::*;

use crate::components::icons::{PauseIcon, PlayIcon, StepIcon};
use crate::host::{use_runtime, Mode, SaveState};
use crate::i18n::{num, plural, tr};
use crate::session::Speed;
use crate::sim_time_text::format_sim_time;
use crate::t;

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
            Ok(_) => set_until_error.set(Some(t!(
                "{time} is not after the clock ({now})",
                time = text.trim(),
                now = format_sim_time(rt.clock().now)
            ))),
            Err(e) => set_until_error.set(Some(t!(
                "“{text}”: {error}",
                text = text.trim(),
                error = crate::engine_text::duration_error(&e)
            ))),
        }
    };
    view! {
        <div class="clock-bar" data-testid="clock-bar">
            <span
                class="clock-time"
                data-testid="clock-time"
                data-ms=move || rt.clock().now.0.to_string()
                title=tr("Simulated time since the workspace's instant 0")
            >
                {move || format_sim_time(rt.clock().now)}
            </span>
            <button
                class="clock-play"
                data-testid="clock-play"
                type="button"
                disabled=move || !ready()
                aria-label=move || if paused() { tr("Play simulated time") } else { tr("Pause simulated time") }
                title=move || if paused() { tr("Play") } else { tr("Pause") }
                on:click=toggle
            >
                {move || if paused() { view! { <PlayIcon /> }.into_any() } else { view! { <PauseIcon /> }.into_any() }}
            </button>
            <button
                class="clock-step"
                data-testid="clock-step"
                type="button"
                disabled=move || !ready()
                title=tr("Jump to the next instant something is due, and handle it")
                aria-label=tr("Step to the next event")
                on:click=move |_| rt.step_to_next()
            >
                <StepIcon />
            </button>
            <div class="clock-speeds" role="group" aria-label=tr("Speed") data-testid="clock-speeds">
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
                                title=if speed == Speed::Max { tr("As fast as possible").to_string() } else { t!("{speed} real time", speed = speed.label()) }
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
                    aria-label=tr("Run until (simulated time, e.g. 1d2h)")
                    placeholder=tr("run until…")
                    prop:value=until_text
                    on:input=move |ev| set_until_text.set(event_target_value(&ev))
                    aria-invalid=move || until_error.get().is_some().to_string()
                    title=move || until_error.get().unwrap_or_else(|| tr("Run until a simulated time, e.g. 1d2h or 90m").into())
                />
            </form>
            <Show when=move || rt.catching_up()>
                <span class="clock-busy" data-testid="clock-catching-up" role="status">{tr("simulating…")}</span>
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
        SaveState::Saved => tr("saved").to_string(),
        SaveState::Saving { unsaved: 0 } => tr("saving…").to_string(),
        SaveState::Saving { unsaved } => t!("saving {n}…", n = num(unsaved as u64)),
        SaveState::NotSaving { unsaved, .. } => t!("not saved ({n})", n = num(unsaved as u64)),
    };
    let class = move || match rt.save_state() {
        SaveState::Saved => "save-badge save-badge--saved",
        SaveState::Saving { .. } => "save-badge save-badge--saving",
        SaveState::NotSaving { .. } => "save-badge save-badge--off",
    };
    let title = move || match rt.save_state() {
        SaveState::Saved => tr("Everything shown is saved in this browser").to_string(),
        SaveState::Saving { unsaved } => plural(
            "{n} event is not written yet|{n} events are not written yet",
            unsaved as u64,
        ),
        SaveState::NotSaving { reason, unsaved } => {
            t!(
                "Not saving: {reason}. {events} only in this tab.",
                reason = reason,
                events = plural("{n} event exists|{n} events exist", unsaved as u64)
            )
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
