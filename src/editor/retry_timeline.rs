//! The retry schedule preview: when attempts 0, 1, 2… happen if every one
//! fails, when the fail action runs and, for the `retry` fail action, the
//! daily cycles until it gives up; drawn from the engine's own
//! `retry_preview::preview`.

use crate::i18n::{plural, tr};
use crate::t;
use flowlab_engine::model::{DurationSpec, OnFail, RetryPolicy};
use flowlab_engine::retry_preview::{preview, PlannedEvent, PlannedKind};
use flowlab_engine::time::{format_duration, DAY};
use leptos::prelude::*;

/// What the timeline draws, worked out from the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The first cycle: (at, label) of each attempt.
    pub attempts: Vec<(u64, String)>,
    /// When the first fail action runs, and which.
    pub fail: Option<(u64, &'static str)>,
    /// `retry` cycles after the first: (cycle, start of its attempt 0).
    pub cycles: Vec<(u32, u64)>,
    /// When `retry` gives up and acts as `continue`.
    pub gives_up: Option<u64>,
    pub attempt_ms: u64,
}

pub fn schedule(policy: RetryPolicy, duration: Option<DurationSpec>, on_fail: &OnFail) -> Schedule {
    let attempt_ms = match duration {
        Some(DurationSpec::Fixed(ms)) => ms,
        Some(DurationSpec::Random { min, .. }) => min,
        None => 0,
    };
    let plan: Vec<PlannedEvent> = preview(&policy, attempt_ms, on_fail, u64::MAX);
    let mut s = Schedule {
        attempts: Vec::new(),
        fail: None,
        cycles: Vec::new(),
        gives_up: None,
        attempt_ms,
    };
    for e in plan {
        match e.kind {
            PlannedKind::Attempt { cycle: 0, attempt } => {
                s.attempts.push((e.at_ms, format!("attempt {attempt}")))
            }
            PlannedKind::Attempt { cycle, attempt: 0 } => s.cycles.push((cycle, e.at_ms)),
            PlannedKind::Attempt { .. } => {}
            PlannedKind::FailAction { action } => {
                s.fail.get_or_insert((e.at_ms, action));
            }
            PlannedKind::CycleScheduled { .. } => {}
            PlannedKind::GivesUp => s.gives_up = Some(e.at_ms),
        }
    }
    s
}

/// The line under "Custom retry policy": the policy a step runs with,
/// the default one when the box is not ticked.
pub fn policy_hint(written: Option<RetryPolicy>) -> String {
    let (on, policy) = match written {
        None => (false, RetryPolicy::default()),
        Some(p) => (true, p),
    };
    let n = policy.max_attempts;
    if n <= 1 {
        return if on {
            t!("On: {n} attempt, no retries", n = n)
        } else {
            t!("Off: the default policy, {n} attempt, no retries", n = n)
        };
    }
    let waits: Vec<String> = (1..n.min(5))
        .map(|k| format_duration(policy.backoff.saturating_mul(k as u64)))
        .collect();
    let more = if n > 5 { ", …" } else { "" };
    let waits = format!("{}{more}", waits.join(", "));
    if on {
        t!(
            "On: {n} attempts, backing off {waits}",
            n = n,
            waits = waits
        )
    } else {
        t!(
            "Off: the default policy, {n} attempts, backing off {waits}",
            n = n,
            waits = waits
        )
    }
}

fn at(ms: u64) -> String {
    if ms == 0 {
        "0s".into()
    } else {
        format!("+{}", format_duration(ms))
    }
}

#[component]
pub fn RetryTimeline(#[prop(into)] schedule: Signal<Schedule>) -> impl IntoView {
    const W: f64 = 288.0;
    let first = move || {
        let s = schedule.get();
        let end = s.fail.map_or(0, |f| f.0).max(1) as f64;
        let x = |ms: u64| 18.0 + (ms as f64 / end) * (W - 44.0);
        let attempts = s
            .attempts
            .iter()
            .enumerate()
            .map(|(i, (ms, label))| {
                let cx = x(*ms);
                let above = i % 2 == 0;
                let anchor = if cx > W - 50.0 { "end" } else if cx < 40.0 { "start" } else { "middle" };
                let tx = match anchor { "end" => cx + 6.0, "start" => cx - 6.0, _ => cx };
                view! {
                    <g class="rt-attempt" data-testid="retry-attempt" data-at=ms.to_string()>
                        <circle cx=cx cy="26" r="5" />
                        <text x=tx y=if above { "14" } else { "46" } text-anchor=anchor>{format!("#{i} {}", at(*ms))}</text>
                        <title>{t!("{label} starts at {time}", label = label, time = at(*ms))}</title>
                    </g>
                }
            })
            .collect_view();
        let fail = s.fail.map(|(ms, action)| {
            let cx = x(ms);
            view! {
                <g class="rt-fail" data-testid="retry-fail" data-at=ms.to_string() data-action=action>
                    <path d=format!("M{cx} 19l7 7-7 7-7-7z") />
                    <title>{t!("fail action {action} at {time}", action = action, time = at(ms))}</title>
                </g>
            }
        });
        view! {
            <svg class="rt-svg" viewBox=format!("0 0 {W} 52") role="img" aria-label=tr("Attempts of the first cycle")>
                <line class="rt-axis" x1="12" y1="26" x2=W - 12.0 y2="26" />
                {attempts}
                {fail}
            </svg>
        }
    };
    let words = move || {
        let s = schedule.get();
        let mut parts: Vec<String> = Vec::new();
        let times: Vec<String> = s.attempts.iter().map(|(ms, _)| at(*ms)).collect();
        parts.push(if s.attempt_ms > 0 {
            t!(
                "Attempts at {times}, each taking {duration}.",
                times = times.join(", "),
                duration = format_duration(s.attempt_ms)
            )
        } else {
            t!("Attempts at {times}.", times = times.join(", "))
        });
        if let Some((ms, action)) = s.fail {
            parts.push(t!(
                "All failed: {action} at {time}.",
                action = action,
                time = at(ms)
            ));
        }
        parts.join(" ")
    };
    let extended = move || {
        let s = schedule.get();
        (!s.cycles.is_empty()).then(|| {
            let last = s.gives_up.unwrap_or(s.cycles.last().map_or(0, |c| c.1)).max(1);
            let x = |ms: u64| 12.0 + (ms as f64 / last as f64) * (W - 24.0);
            let ticks = s
                .cycles
                .iter()
                .map(|(cycle, ms)| {
                    view! {
                        <line class="rt-cycle" data-testid="retry-cycle" x1=x(*ms) x2=x(*ms) y1="8" y2="22">
                            <title>{t!("cycle {cycle}: attempts again from day {day}", cycle = cycle, day = crate::i18n::format::dec(*ms as f64 / DAY as f64, 1))}</title>
                        </line>
                    }
                })
                .collect_view();
            let up = s.gives_up.map(|ms| view! {
                <path class="rt-giveup" data-testid="retry-gives-up" d=format!("M{} 9l6 6-6 6-6-6z", x(ms)) />
            });
            let days = |ms: u64| format!("{:.0}", (ms as f64 / DAY as f64).round());
            view! {
                <div class="rt-extended">
                    <svg class="rt-svg" viewBox=format!("0 0 {W} 30") role="img" aria-label=tr("Retry cycles by day")>
                        <line class="rt-axis" x1="12" y1="15" x2=W - 12.0 y2="15" />
                        {ticks}
                        {up}
                    </svg>
                    <p class="rt-words" data-testid="retry-extended">
                        {plural("Then {n} more cycle a day apart (the last from day {day})|Then {n} more cycles a day apart (the last from day {day})", s.cycles.len() as u64)
                            .replace("{day}", &days(s.cycles.last().map_or(0, |c| c.1)))}
                        {s.gives_up.map(|g| t!("; gives up and continues on day {day}", day = days(g))).unwrap_or_default()}
                        "."
                    </p>
                </div>
            }
        })
    };
    view! {
        <div class="retry-timeline" data-testid="retry-preview">
            <div class="rt-title">{tr("If every attempt fails")}</div>
            {first}
            <p class="rt-words" data-testid="retry-words">{words}</p>
            {extended}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::time::MINUTE;

    #[test]
    fn the_policy_hint_says_what_the_step_runs_with() {
        assert_eq!(
            policy_hint(None),
            "Off: the default policy, 3 attempts, backing off 1m, 2m"
        );
        let custom = |max_attempts, backoff| {
            Some(RetryPolicy {
                max_attempts,
                backoff,
            })
        };
        assert_eq!(
            policy_hint(custom(4, 5 * MINUTE)),
            "On: 4 attempts, backing off 5m, 10m, 15m"
        );
        assert_eq!(policy_hint(custom(1, MINUTE)), "On: 1 attempt, no retries");
        assert_eq!(
            policy_hint(custom(9, MINUTE)),
            "On: 9 attempts, backing off 1m, 2m, 3m, 4m, …"
        );
    }

    #[test]
    fn defaults_back_off_one_then_two_minutes_then_continue() {
        let s = schedule(RetryPolicy::default(), None, &OnFail::Continue);
        let times: Vec<u64> = s.attempts.iter().map(|a| a.0).collect();
        assert_eq!(times, [0, MINUTE, 3 * MINUTE]);
        assert_eq!(s.fail, Some((3 * MINUTE, "continue")));
        assert!(s.cycles.is_empty() && s.gives_up.is_none());
    }

    #[test]
    fn the_retry_fail_action_adds_daily_cycles_until_it_gives_up() {
        let s = schedule(
            RetryPolicy {
                max_attempts: 2,
                backoff: MINUTE,
            },
            Some(DurationSpec::Fixed(1000)),
            &OnFail::Retry {
                max_retry_days: 3,
                retry_interval_days: 1,
            },
        );
        assert_eq!(s.attempts.len(), 2);
        assert_eq!(s.attempt_ms, 1000);
        assert!(s.cycles.len() >= 3, "{s:?}");
        assert!(s.cycles.windows(2).all(|w| w[1].1 > w[0].1 + DAY - 1));
        assert!(s.gives_up.unwrap() > 3 * DAY);
    }
}
