//! The retry schedule of a step whose every attempt fails, from lifecycle §3:
//! attempt k of a cycle starts k × backoff after the failure before it; after
//! `max_attempts` failures the fail action runs; `retry` starts a new cycle
//! `retry_interval_days` later until the step has been failing for longer
//! than `max_retry_days`, then acts as `continue`. The editor draws it;
//! `tests/retry_preview_agrees.rs` holds the runtime to it.

use crate::model::{OnFail, RetryPolicy};
use crate::time::DAY;

pub use crate::limits::MAX_PREVIEW_EVENTS as MAX_EVENTS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedEvent {
    /// Since the step's first attempt started.
    pub at_ms: u64,
    pub kind: PlannedKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlannedKind {
    /// An attempt starts; it fails `attempt_duration_ms` later.
    Attempt { cycle: u32, attempt: u32 },
    /// The retries of a cycle are exhausted (`at_ms` is the last failure).
    FailAction { action: &'static str },
    /// `retry` schedules `cycle`; its attempt 0 is the next `Attempt`.
    CycleScheduled { cycle: u32 },
    /// `retry` has been failing too long and acts as `continue`.
    GivesUp,
}

/// Events up to `horizon_ms` (included) and at most [`MAX_EVENTS`] of them.
pub fn preview(
    policy: &RetryPolicy,
    attempt_duration_ms: u64,
    on_fail: &OnFail,
    horizon_ms: u64,
) -> Vec<PlannedEvent> {
    let mut plan = Plan {
        events: Vec::new(),
        horizon_ms,
    };
    // A draft can hold max_attempts ≤ 0; the runtime then fails after attempt 0.
    let attempts = policy.max_attempts.clamp(1, u32::MAX as i64) as u32;
    let mut start = 0u64;
    let mut first_failure = None;
    for cycle in 0u32.. {
        let mut failed_at = start;
        for attempt in 0..attempts {
            if attempt > 0 {
                start = failed_at.saturating_add(u64::from(attempt).saturating_mul(policy.backoff));
            }
            if !plan.push(start, PlannedKind::Attempt { cycle, attempt }) {
                return plan.events;
            }
            failed_at = start.saturating_add(attempt_duration_ms);
            first_failure.get_or_insert(failed_at);
        }
        let action = on_fail.action_name();
        if !plan.push(failed_at, PlannedKind::FailAction { action }) {
            return plan.events;
        }
        let OnFail::Retry {
            max_retry_days,
            retry_interval_days,
        } = *on_fail
        else {
            return plan.events;
        };
        let failing_for = failed_at - first_failure.unwrap_or(failed_at);
        if failing_for > max_retry_days.saturating_mul(DAY) {
            plan.push(failed_at, PlannedKind::GivesUp);
            return plan.events;
        }
        if !plan.push(failed_at, PlannedKind::CycleScheduled { cycle: cycle + 1 }) {
            return plan.events;
        }
        start = failed_at.saturating_add(retry_interval_days.saturating_mul(DAY));
    }
    plan.events
}

struct Plan {
    events: Vec<PlannedEvent>,
    horizon_ms: u64,
}

impl Plan {
    fn push(&mut self, at_ms: u64, kind: PlannedKind) -> bool {
        if at_ms > self.horizon_ms || self.events.len() == MAX_EVENTS {
            return false;
        }
        self.events.push(PlannedEvent { at_ms, kind });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::PlannedKind::*;
    use super::*;
    use crate::time::{HOUR, MINUTE, SECOND};

    fn at(events: &[PlannedEvent]) -> Vec<(u64, PlannedKind)> {
        events.iter().map(|e| (e.at_ms, e.kind)).collect()
    }

    const FOREVER: u64 = u64::MAX;

    #[test]
    fn defaults_back_off_one_then_two_minutes() {
        let p = preview(&RetryPolicy::default(), 0, &OnFail::Continue, FOREVER);
        assert_eq!(
            at(&p),
            vec![
                (
                    0,
                    Attempt {
                        cycle: 0,
                        attempt: 0
                    }
                ),
                (
                    MINUTE,
                    Attempt {
                        cycle: 0,
                        attempt: 1
                    }
                ),
                (
                    3 * MINUTE,
                    Attempt {
                        cycle: 0,
                        attempt: 2
                    }
                ),
                (3 * MINUTE, FailAction { action: "continue" }),
            ]
        );
    }

    #[test]
    fn backoff_counts_from_the_end_of_the_failed_attempt() {
        let policy = RetryPolicy {
            max_attempts: 2,
            backoff: 5 * MINUTE,
        };
        let p = preview(&policy, 30 * SECOND, &OnFail::FailWorkflow, FOREVER);
        assert_eq!(
            at(&p),
            vec![
                (
                    0,
                    Attempt {
                        cycle: 0,
                        attempt: 0
                    }
                ),
                (
                    30 * SECOND + 5 * MINUTE,
                    Attempt {
                        cycle: 0,
                        attempt: 1
                    }
                ),
                (
                    60 * SECOND + 5 * MINUTE,
                    FailAction {
                        action: "fail_workflow"
                    }
                ),
            ]
        );
    }

    #[test]
    fn zero_attempts_behave_as_one() {
        let policy = RetryPolicy {
            max_attempts: 0,
            backoff: MINUTE,
        };
        let p = preview(&policy, 0, &OnFail::EndWorkflow, FOREVER);
        assert_eq!(
            at(&p),
            vec![
                (
                    0,
                    Attempt {
                        cycle: 0,
                        attempt: 0
                    }
                ),
                (
                    0,
                    FailAction {
                        action: "end_workflow"
                    }
                )
            ]
        );
    }

    #[test]
    fn retry_cycles_until_failing_longer_than_max_days() {
        let policy = RetryPolicy {
            max_attempts: 1,
            backoff: MINUTE,
        };
        let on_fail = OnFail::Retry {
            max_retry_days: 2,
            retry_interval_days: 1,
        };
        let p = preview(&policy, 0, &on_fail, FOREVER);
        let retry = FailAction { action: "retry" };
        // Failing exactly 2 days is not longer than 2 days: a third cycle runs.
        assert_eq!(
            at(&p),
            vec![
                (
                    0,
                    Attempt {
                        cycle: 0,
                        attempt: 0
                    }
                ),
                (0, retry),
                (0, CycleScheduled { cycle: 1 }),
                (
                    DAY,
                    Attempt {
                        cycle: 1,
                        attempt: 0
                    }
                ),
                (DAY, retry),
                (DAY, CycleScheduled { cycle: 2 }),
                (
                    2 * DAY,
                    Attempt {
                        cycle: 2,
                        attempt: 0
                    }
                ),
                (2 * DAY, retry),
                (2 * DAY, CycleScheduled { cycle: 3 }),
                (
                    3 * DAY,
                    Attempt {
                        cycle: 3,
                        attempt: 0
                    }
                ),
                (3 * DAY, retry),
                (3 * DAY, GivesUp),
            ]
        );
    }

    #[test]
    fn failing_since_is_the_end_of_the_first_failed_attempt() {
        let policy = RetryPolicy {
            max_attempts: 1,
            backoff: MINUTE,
        };
        let on_fail = OnFail::Retry {
            max_retry_days: 2,
            retry_interval_days: 1,
        };
        // Cycle 1 fails at 1d + 40h: 44h after attempt 0 failed (≤ 2d, so
        // cycle 2 runs), though 64h after it started.
        let p = preview(&policy, 20 * HOUR, &on_fail, FOREVER);
        let attempts: Vec<u64> = p
            .iter()
            .filter(|e| matches!(e.kind, Attempt { .. }))
            .map(|e| e.at_ms)
            .collect();
        assert_eq!(attempts, vec![0, 20 * HOUR + DAY, 2 * (20 * HOUR + DAY)]);
        assert_eq!(p.last().unwrap().kind, GivesUp);
    }

    #[test]
    fn the_default_retry_fits_and_the_horizon_cuts() {
        let on_fail = OnFail::Retry {
            max_retry_days: OnFail::DEFAULT_MAX_RETRY_DAYS,
            retry_interval_days: OnFail::DEFAULT_RETRY_INTERVAL_DAYS,
        };
        let all = preview(&RetryPolicy::default(), 0, &on_fail, FOREVER);
        assert_eq!(all.len(), 155);
        assert_eq!(all.last().unwrap().kind, GivesUp);
        let week = preview(&RetryPolicy::default(), 0, &on_fail, 7 * DAY);
        assert!(week.iter().all(|e| e.at_ms <= 7 * DAY));
        assert_eq!(week, all[..week.len()]);
        assert_eq!(week.last().unwrap().at_ms, 6 * DAY + 21 * MINUTE);
    }

    #[test]
    fn a_zero_interval_is_bounded() {
        let on_fail = OnFail::Retry {
            max_retry_days: 1,
            retry_interval_days: 0,
        };
        let policy = RetryPolicy {
            max_attempts: 1,
            backoff: 0,
        };
        assert_eq!(preview(&policy, 0, &on_fail, FOREVER).len(), MAX_EVENTS);
    }
}
