//! The page clock: one gloo timer, set for the real moment at which
//! simulated time reaches the session's next input (scaled by the speed),
//! and at most [`DISPLAY_TICK_MS`] away so the shown time moves. When it
//! fires, the session advances to the simulated "now" in slices of at most
//! [`SLICE_MS`] of work, so the page never blocks; a stretch that needs
//! more slices sets `catching_up` and re-anchors the clock where the work
//! got to, instead of falling ever further behind. At max speed and on the
//! way to a "run until" it does not follow the real clock at all: it works
//! through inputs as fast as the slices allow (a run until then pauses at
//! its time). While it plays (not on a run until), a "pause here" mark of
//! the script stops it right after the instant that played the marked entry.

use flowlab_engine::drive::Advanced;
use flowlab_engine::time::SimTime;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::Runtime;

const DISPLAY_TICK_MS: u64 = 250;
const SLICE_MS: f64 = 12.0;
/// Inputs handed over between two looks at the real clock.
const INPUTS_PER_CHECK: usize = 64;

struct State {
    timer: Option<Timeout>,
    /// Real time (ms) and simulated time that correspond; the clock runs
    /// from there at its speed.
    anchor: (f64, SimTime),
}

#[derive(Clone, Copy)]
pub(super) struct Loop {
    state: StoredValue<State, LocalStorage>,
}

fn real_now() -> f64 {
    js_sys::Date::now()
}

impl Loop {
    pub(super) fn new() -> Loop {
        Loop {
            state: StoredValue::new_local(State {
                timer: None,
                anchor: (0.0, SimTime::ZERO),
            }),
        }
    }

    /// After play, pause or a speed change: the clock runs on from here.
    pub(super) fn restart(&self, runtime: Runtime) {
        let now = runtime.clock.get_untracked().now;
        self.state.update_value(|s| s.anchor = (real_now(), now));
        self.reschedule(runtime);
    }

    /// Sets the timer for the next input (or display tick), or clears it
    /// when the clock is paused.
    pub(super) fn reschedule(&self, runtime: Runtime) {
        self.state.update_value(|s| {
            if let Some(t) = s.timer.take() {
                t.cancel();
            }
        });
        let clock = runtime.clock.get_untracked();
        if clock.paused || runtime.mode.get_untracked() != super::Mode::Running {
            return;
        }
        let delay = if clock.jumps() {
            0
        } else {
            let next = runtime.mutate(|s| s.next_input()).flatten();
            let until = next.map_or(DISPLAY_TICK_MS, |t| {
                clock.speed.real_ms(t.0.saturating_sub(clock.now.0))
            });
            until.min(DISPLAY_TICK_MS)
        };
        let this = *self;
        let timer = Timeout::new(delay as u32, move || this.tick(runtime));
        self.state.update_value(|s| s.timer = Some(timer));
    }

    fn tick(&self, runtime: Runtime) {
        let started = real_now();
        let figures = super::slice_figures::wanted().then(super::slice_figures::now);
        let clock = runtime.clock.get_untracked();
        if clock.paused {
            return;
        }
        let (anchor_real, anchor_sim) = self.state.with_value(|s| s.anchor);
        let mut finished = false;
        let mut behind = false;
        let mut at_mark = false;
        runtime.mutate(|session| loop {
            // A run until goes past the marks to its time.
            let mark = clock.stop_at.is_none().then_some(()).and_then(|()| {
                runtime.marks.with_value(|m| {
                    crate::session::pause_marks::next(m, session.script_done())
                        .map(|m| (m.index, m.at))
                })
            });
            let target = match (clock.jumps(), clock.speed.factor()) {
                (false, Some(f)) => {
                    let elapsed = (started - anchor_real).max(0.0) as u64;
                    SimTime(anchor_sim.0 + elapsed * f)
                }
                // As fast as possible: to the run-until time (a few dozen
                // inputs between two looks at the real clock), else to the
                // next input; nothing left and no run-until: stop.
                _ => match clock.stop_at.or_else(|| session.next_input()) {
                    Some(t) => t,
                    None => {
                        finished = true;
                        break;
                    }
                },
            };
            let target = mark.map_or(target, |(_, at)| target.min(at.max(session.clock().now)));
            let advanced = session.advance_to(target, INPUTS_PER_CHECK);
            if let Err(e) = advanced {
                log_error(&e.to_string());
                finished = true;
                break;
            }
            if mark.is_some_and(|(i, at)| session.script_done() > i && session.clock().now >= at) {
                at_mark = true;
                break;
            }
            if clock
                .stop_at
                .is_some_and(|stop| session.clock().now >= stop)
            {
                finished = true;
                break;
            }
            if !clock.jumps() && matches!(advanced, Ok(Advanced::Reached)) {
                break;
            }
            if real_now() - started > SLICE_MS {
                behind = true;
                break;
            }
        });
        if finished {
            runtime.mutate(|s| {
                let c = s.clock_mut();
                c.paused = true;
                c.stop_at = None;
            });
        }
        if at_mark {
            runtime.mutate(|s| s.clock_mut().paused = true);
        }
        let finished = finished || at_mark;
        runtime.catching_up.set(behind && !finished);
        if behind {
            let now = runtime
                .with_untracked(|s| s.clock().now)
                .unwrap_or(anchor_sim);
            self.state.update_value(|s| s.anchor = (real_now(), now));
        }
        if let Some(started) = figures {
            super::slice_figures::slice(started, super::slice_figures::now());
        }
        runtime.changed();
        self.reschedule(runtime);
    }
}

pub(super) fn log_error(message: &str) {
    web_sys::console::error_1(&message.into());
}
