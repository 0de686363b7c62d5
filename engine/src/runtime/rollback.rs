//! ROLLBACK: compensations of completed action steps, newest first, each
//! with its step's retry policy; and the operator's retry of the exhausted
//! ones from FAILED_UNSAFE.

use crate::event::{Event, Reason, WakeKind};
use crate::ids::{ExecIx, StepIx};
use crate::machines::execution::{ExecInput, ExecState};
use crate::rng::Purpose;
use crate::runtime::compiled::Body;
use crate::runtime::engine::{Engine, Result};

impl Engine {
    /// Runs compensations until one has to wait, then settles the outcome.
    pub(crate) fn run_rollback(&mut self, x: ExecIx) -> Result<()> {
        loop {
            let Some(&s) = self.state.execution(x).rollback.get().plan.first() else {
                return self.finish_rollback(x);
            };
            let version = self.version(x);
            let Body::Action {
                compensation: Some(comp),
                ..
            } = &version.compiled.step(s).body
            else {
                unreachable!("canRollback checked every step has a compensation")
            };
            let n = self
                .state
                .execution(x)
                .rollback
                .get()
                .compensation_attempts(s);
            let ms = self.duration_of(comp.duration, Purpose::CompensationDuration, x, s, n as u32);
            if ms > 0 {
                self.emit(Event::WakeSet {
                    exec: x,
                    due: self.now.plus(ms),
                    kind: WakeKind::CompensationEnd,
                });
                return Ok(());
            }
            if !self.compensation_attempt(x, s)? {
                return Ok(());
            }
        }
    }

    /// One attempt of the compensation at the head of the plan. Returns
    /// whether the rollback can go on at this instant.
    pub(crate) fn compensation_attempt(&mut self, x: ExecIx, s: StepIx) -> Result<bool> {
        let version = self.version(x);
        let Body::Action {
            compensation: Some(comp),
            retry,
            ..
        } = &version.compiled.step(s).body
        else {
            unreachable!("a step with a compensation")
        };
        let rollback = self.state.execution(x).rollback.get();
        let (attempt, n) = (rollback.attempt, rollback.compensation_attempts(s));
        let ok = !self.faulted(comp.fault, Purpose::CompensationFault, x, s, n as u32);
        self.emit(Event::Compensation {
            exec: x,
            step: s,
            attempt,
            ok,
        });
        if ok {
            self.apply_update(x, comp.action, comp.set.as_ref());
            self.emit(Event::RollbackProgress {
                exec: x,
                exhausted: false,
            });
            return Ok(true);
        }
        let k = attempt + 1;
        let spinning = retry.backoff == 0
            && comp.duration.can_be_zero()
            && k >= crate::limits::MAX_ATTEMPTS_AT_ONE_INSTANT;
        if k < retry.max_attempts && !spinning {
            let due = self.now.plus((k as u64).saturating_mul(retry.backoff));
            self.emit(Event::WakeSet {
                exec: x,
                due,
                kind: WakeKind::CompensationRetry,
            });
            return Ok(false);
        }
        self.emit(Event::RollbackProgress {
            exec: x,
            exhausted: true,
        });
        Ok(true)
    }

    fn finish_rollback(&mut self, x: ExecIx) -> Result<()> {
        let e = self.state.execution(x);
        let exhausted = e.rollback.get().exhausted.len() as u32;
        match (e.state, exhausted) {
            (ExecState::Rollback, 0) => self.move_exec(x, ExecInput::RollbackSucceeded, None)?,
            (ExecState::Rollback, n) => self.move_exec(
                x,
                ExecInput::RollbackFailed,
                Some(Reason::CompensationsExhausted(n)),
            )?,
            (ExecState::FailedUnsafe, 0) => {
                self.move_exec(x, ExecInput::RollbackSucceeded, None)?
            }
            (state, _) => state,
        };
        Ok(())
    }
}
