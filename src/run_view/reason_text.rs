//! Why an execution moved, in the page's language. The English is the
//! trace's (`trace::Names::reason`), which stays the file format.

use flowlab_engine::event::{Reason, WorkLimit};
use flowlab_engine::ids::ExecIx;
use flowlab_engine::limits::{
    MAX_ATTEMPTS_AT_ONE_INSTANT, MAX_ATTEMPTS_PER_STEP, MAX_ENTRIES_PER_EXECUTION,
};
use flowlab_engine::runtime::state::State;
use flowlab_engine::trace::Names;

use crate::i18n::tr;
use crate::t;

pub fn reason_text(state: &State, x: ExecIx, reason: &Reason) -> String {
    let names = Names { state };
    let step = |s| names.step(x, s);
    match reason {
        Reason::EntryFilter => tr("entry filter not matched").to_string(),
        Reason::AlreadyEnrolled => tr("already enrolled (re-enrollment is off)").to_string(),
        Reason::MissingEmail => tr("contact has no email").to_string(),
        Reason::MissingPhone => tr("contact has no phone").to_string(),
        Reason::WorkflowPaused => tr("workflow is paused").to_string(),
        Reason::OutsideStartWindow => tr("outside the start window").to_string(),
        Reason::MaxConcurrent(n) => {
            t!("{n} execution(s) already running (max_concurrent)", n = n)
        }
        Reason::LockHeld(holder) => t!("contact is locked by {id}", id = holder.name()),
        Reason::StepFailed { step: s, action } => t!(
            "step {step} failed ({action})",
            step = step(*s),
            action = action.as_str()
        ),
        Reason::ExecutionTimeout => tr("execution timeout").to_string(),
        Reason::NoCompensation(s) => t!("step {step} has no compensation", step = step(*s)),
        Reason::CompensationsExhausted(n) => t!("{n} compensation(s) exhausted", n = n),
        Reason::StoppedByOperator => tr("stopped by operator").to_string(),
        Reason::WorkflowCancelled => tr("workflow cancelled").to_string(),
        Reason::AutoAck => "auto_ack".into(),
        Reason::StepLoop(s) => t!("step loop at {step}", step = step(*s)),
        Reason::WorkLimit { step: s, limit } => {
            let limit = match limit {
                WorkLimit::AttemptsAtOneInstant => t!(
                    "made {n} attempts at one instant, the most a step may",
                    n = MAX_ATTEMPTS_AT_ONE_INSTANT
                ),
                WorkLimit::AttemptsPerStep => t!(
                    "made {n} attempts in this execution, the most a step may",
                    n = MAX_ATTEMPTS_PER_STEP
                ),
                WorkLimit::EntriesPerExecution => t!(
                    "not entered: the execution has entered {n} steps, the most one may",
                    n = MAX_ENTRIES_PER_EXECUTION
                ),
            };
            t!(
                "work_limit: step {step} {limit}",
                step = step(*s),
                limit = limit
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use flowlab_engine::event::{Reason, WorkLimit};
    use flowlab_engine::ids::{ExecIx, StepIx};
    use flowlab_engine::model::FailActionKind;
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim;
    use flowlab_engine::trace::Names;

    use super::reason_text;
    use crate::i18n::{set_current, Lang};

    #[test]
    fn in_english_it_is_the_trace_text_and_in_french_it_is_french() {
        let text = include_str!("../../engine/tests/scenarios/locking-exclusive-fifo.json");
        let scenario = parse_scenario("fifo.json", text).unwrap();
        let mut checked = 0;
        sim::run(&scenario, |engine, _| {
            if checked > 0 || engine.state().executions.is_empty() {
                return;
            }
            let state = engine.state();
            let x = ExecIx(0);
            let s = StepIx(0);
            let all = [
                Reason::EntryFilter,
                Reason::AlreadyEnrolled,
                Reason::MissingEmail,
                Reason::MissingPhone,
                Reason::WorkflowPaused,
                Reason::OutsideStartWindow,
                Reason::MaxConcurrent(3),
                Reason::LockHeld(ExecIx(0)),
                Reason::StepFailed {
                    step: s,
                    action: FailActionKind::Retry,
                },
                Reason::ExecutionTimeout,
                Reason::NoCompensation(s),
                Reason::CompensationsExhausted(2),
                Reason::StoppedByOperator,
                Reason::WorkflowCancelled,
                Reason::AutoAck,
                Reason::StepLoop(s),
                Reason::WorkLimit {
                    step: s,
                    limit: WorkLimit::AttemptsAtOneInstant,
                },
                Reason::WorkLimit {
                    step: s,
                    limit: WorkLimit::AttemptsPerStep,
                },
                Reason::WorkLimit {
                    step: s,
                    limit: WorkLimit::EntriesPerExecution,
                },
            ];
            for r in &all {
                set_current(Lang::En);
                assert_eq!(reason_text(state, x, r), Names { state }.reason(x, r));
                set_current(Lang::Fr);
                let fr = reason_text(state, x, r);
                if *r != Reason::AutoAck {
                    assert_ne!(fr, Names { state }.reason(x, r), "{r:?}");
                }
            }
            set_current(Lang::En);
            checked = all.len();
        })
        .unwrap();
        assert!(checked > 0);
    }
}
