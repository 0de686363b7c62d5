//! The timeline under the clock bar: the whole run as a slider, one event
//! back or forward (events of one instant one at a time), the start and
//! the present; "event N of M" and what that event was. In the past every
//! screen shows the world at the cursor.

use leptos::prelude::*;

use crate::components::confirm_dialog::{ConfirmDialog, OtherChoice};
use crate::components::icons::{BackIcon, ForwardIcon, ToEndIcon, ToStartIcon};
use crate::host::use_runtime;
use crate::i18n::{num, plural, tr};
use crate::run_view::event_text::event_text;
use crate::sim_time_text::format_sim_time;
use crate::t;

#[component]
pub fn TravelBar() -> impl IntoView {
    let rt = use_runtime();
    let cursor = move || rt.cursor();
    let in_past = move || {
        let c = cursor();
        c.position < c.total
    };
    let at_start = move || cursor().position == 0;
    let current = move || {
        rt.with_log(|s| {
            let log = s.log();
            log.last().map(|e| event_text(s.state(), &e))
        })
        .flatten()
        .unwrap_or_else(|| tr("nothing has happened yet").into())
    };
    view! {
        <div class="travel" class:travel--past=in_past data-testid="timeline" role="group" aria-label=tr("Timeline of the run")>
            <button type="button" class="travel-button" data-testid="clock-start"
                title=tr("Go to the start, before the first event") aria-label=tr("Go to the start")
                disabled=at_start on:click=move |_| rt.go_to(0)><ToStartIcon /></button>
            <button type="button" class="travel-button" data-testid="clock-back"
                title=tr("One event back") aria-label=tr("One event back")
                disabled=at_start on:click=move |_| rt.step_back()><BackIcon /></button>
            <input
                type="range"
                class="travel-range"
                data-testid="clock-timeline"
                aria-label=tr("Event at the cursor")
                min="0"
                max=move || cursor().total.to_string()
                step="1"
                prop:value=move || cursor().position.to_string()
                aria-valuenow=move || cursor().position.to_string()
                aria-valuemin="0"
                aria-valuemax=move || cursor().total.to_string()
                aria-valuetext=move || position_text(cursor().position, cursor().total)
                on:input=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                        rt.go_to(n);
                    }
                }
            />
            <button type="button" class="travel-button" data-testid="clock-forward"
                title=tr("One event forward") aria-label=tr("One event forward")
                disabled=move || !in_past() on:click=move |_| rt.step_forward()><ForwardIcon /></button>
            <button type="button" class="travel-button" data-testid="clock-end"
                title=tr("Back to the present, after the last event") aria-label=tr("Back to the present")
                disabled=move || !in_past() on:click=move |_| rt.go_to(usize::MAX)><ToEndIcon /></button>
            <span class="travel-position" data-testid="clock-position">
                {move || position_text(cursor().position, cursor().total)}
            </span>
            <span class="travel-event" data-testid="clock-event" title=current>{current}</span>
            {move || rt.moving().map(|m| view! {
                <span class="travel-past" data-testid="clock-moving" data-to=m.to role="status">
                    {t!("going to event {n}… {percent}%", n = num(m.to as u64), percent = m.percent)}
                </span>
            })}
            <Show when=in_past>
                <span class="travel-past" data-testid="clock-in-past" role="status">
                    {move || t!("viewing {time} · play or act to go on from here", time = format_sim_time(rt.clock().now))}
                </span>
            </Show>
        </div>
    }
}

/// Asks how to go on when someone acts while the cursor is in the past.
#[component]
pub fn BranchDialog() -> impl IntoView {
    let rt = use_runtime();
    let error = RwSignal::new(None::<String>);
    let go = move |keep_copy: bool| {
        leptos::task::spawn_local(async move {
            match rt.branch(keep_copy).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Show when=move || rt.branch_question().is_some()>
            {move || rt.branch_question().map(|q| {
                let discarded = if q.commands_discarded == 0 {
                    plural("the {n} event after it|the {n} events after it", q.discarded as u64)
                } else {
                    t!("{events} and {commands} given later",
                        events = plural("the {n} event after it|the {n} events after it", q.discarded as u64),
                        commands = plural("{n} command|{n} commands", q.commands_discarded as u64)
                    )
                };
                view! {
                    <ConfirmDialog
                        testid="branch-dialog"
                        title_id="branch-title"
                        title=tr("Go on from the past?").to_string()
                        body=t!("You are looking at event {n} of {m} ({time}). Going on from here keeps everything up to the end of that instant and discards {discarded}.",
                            n = num(q.position as u64), m = num(q.total as u64), time = format_sim_time(q.at), discarded = discarded
                        )
                        cancel_label=tr("Stay in the past")
                        cancel_testid="branch-cancel"
                        other=OtherChoice {
                            label: tr("Save a copy, then go on"),
                            testid: "branch-copy",
                            on_pick: Callback::new(move |_| go(true)),
                        }
                        confirm_label=tr("Discard later events and go on")
                        confirm_testid="branch-discard"
                        danger=true
                        wide=true
                        on_cancel=Callback::new(move |_| { error.set(None); rt.cancel_branch() })
                        on_confirm=Callback::new(move |_| go(false))
                    >
                        <p class="dialog-note">{tr("To keep the run as it is, save a copy first: it downloads the whole workspace, which Import brings back.")}</p>
                        <Show when=move || error.get().is_some()>
                            <p class="dialog-error" role="alert" data-testid="branch-error">{move || error.get()}</p>
                        </Show>
                    </ConfirmDialog>
                }
            })}
        </Show>
    }
}

/// "event 3 of 12" under the timeline.
fn position_text(position: usize, total: usize) -> String {
    t!(
        "event {n} of {m}",
        n = num(position as u64),
        m = num(total as u64)
    )
}
