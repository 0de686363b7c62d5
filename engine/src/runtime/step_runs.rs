//! An execution's step records, stored inside the execution for workflows
//! of up to `INLINE_STEPS` steps (on the heap beyond). A wake reads and
//! writes the current step's record: inside the execution it is a fixed
//! distance from the execution's first cache line, so the timer queue can
//! load it ahead knowing only the cursor, with no pointer to follow.

use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::machines::step::StepStatus;

pub const INLINE_STEPS: usize = 24;

/// One step of one execution: its status and its attempts over all cycles
/// and visits (what `fail_first` counts), packed in 4 bytes, as every
/// execution holds one per step of its version and a wake reads one.
/// Compensation attempts, which only a rollback makes, are kept with the
/// rollback (`RollbackRecord`).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct StepRun(u32);

const STATUS_BITS: u32 = 4;
const STATUS_MASK: u32 = (1 << STATUS_BITS) - 1;
const _: () = assert!(StepStatus::ALL.len() < 1 << STATUS_BITS);

impl StepRun {
    /// Where the attempt count stops: 268 million attempts of one step of
    /// one execution, far beyond any run the engine can make.
    pub const MAX_ATTEMPTS: u32 = u32::MAX >> STATUS_BITS;

    pub fn new(status: Option<StepStatus>, attempts_total: u32) -> StepRun {
        let mut run = StepRun(attempts_total.min(Self::MAX_ATTEMPTS) << STATUS_BITS);
        run.set_status(status);
        run
    }

    pub fn status(self) -> Option<StepStatus> {
        match self.0 & STATUS_MASK {
            0 => None,
            n => StepStatus::ALL.get(n as usize - 1).copied(),
        }
    }

    pub fn attempts_total(self) -> u32 {
        self.0 >> STATUS_BITS
    }

    pub(crate) fn set_status(&mut self, status: Option<StepStatus>) {
        let code = status.map_or(0, |s| s as u32 + 1);
        self.0 = (self.0 & !STATUS_MASK) | code;
    }

    pub(crate) fn count_attempt(&mut self) {
        if self.attempts_total() < Self::MAX_ATTEMPTS {
            self.0 += 1 << STATUS_BITS;
        }
    }
}

impl fmt::Debug for StepRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StepRun")
            .field("status", &self.status())
            .field("attempts_total", &self.attempts_total())
            .finish()
    }
}

#[derive(Clone)]
#[repr(C)]
pub struct StepRuns {
    len: u32,
    /// The records of a workflow longer than `INLINE_STEPS`; `inline` is
    /// then unused.
    spill: Option<Box<[StepRun]>>,
    inline: [StepRun; INLINE_STEPS],
}

impl StepRuns {
    /// `len` records, none started.
    pub fn new(len: usize) -> StepRuns {
        vec![StepRun::default(); len].into()
    }

    /// The records are on the heap: the workflow is longer than `INLINE_STEPS`.
    pub fn spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Where step `s`'s record is when it is inline: for a prefetch, which
    /// must not wait for a load of `len` or `spill`.
    pub fn inline_place(&self, s: usize) -> Option<&StepRun> {
        self.inline.get(s)
    }
}

impl From<Vec<StepRun>> for StepRuns {
    fn from(runs: Vec<StepRun>) -> StepRuns {
        let len = runs.len();
        let mut inline = [StepRun::default(); INLINE_STEPS];
        let spill = if len <= INLINE_STEPS {
            inline[..len].copy_from_slice(&runs);
            None
        } else {
            Some(runs.into_boxed_slice())
        };
        StepRuns {
            len: len as u32,
            spill,
            inline,
        }
    }
}

impl Deref for StepRuns {
    type Target = [StepRun];
    fn deref(&self) -> &[StepRun] {
        match &self.spill {
            Some(runs) => runs,
            None => &self.inline[..self.len as usize],
        }
    }
}

impl DerefMut for StepRuns {
    fn deref_mut(&mut self) -> &mut [StepRun] {
        match &mut self.spill {
            Some(runs) => runs,
            None => &mut self.inline[..self.len as usize],
        }
    }
}

impl PartialEq for StepRuns {
    fn eq(&self, other: &StepRuns) -> bool {
        **self == **other
    }
}

impl fmt::Debug for StepRuns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(n: usize) -> Vec<StepRun> {
        (0..n)
            .map(|i| StepRun::new((i % 2 == 0).then_some(StepStatus::Pending), i as u32))
            .collect()
    }

    #[test]
    fn a_record_keeps_every_status_and_its_attempts() {
        let statuses = std::iter::once(None).chain(StepStatus::ALL.map(Some));
        for (i, status) in statuses.enumerate() {
            let mut run = StepRun::new(status, 1000 + i as u32);
            assert_eq!(
                (run.status(), run.attempts_total()),
                (status, 1000 + i as u32)
            );
            run.count_attempt();
            run.set_status(Some(StepStatus::Failed));
            assert_eq!(
                (run.status(), run.attempts_total()),
                (Some(StepStatus::Failed), 1001 + i as u32)
            );
        }
    }

    #[test]
    fn attempts_stop_at_the_maximum_without_touching_the_status() {
        let mut run = StepRun::new(Some(StepStatus::Cancelled), u32::MAX);
        assert_eq!(run.attempts_total(), StepRun::MAX_ATTEMPTS);
        run.count_attempt();
        assert_eq!(run.attempts_total(), StepRun::MAX_ATTEMPTS);
        assert_eq!(run.status(), Some(StepStatus::Cancelled));
        assert_eq!(size_of::<StepRun>(), 4);
    }

    #[test]
    fn holds_the_records_it_was_given_inline_or_spilled() {
        for n in [0, 1, INLINE_STEPS, INLINE_STEPS + 1, 3 * INLINE_STEPS] {
            let mut held = StepRuns::from(runs(n));
            assert_eq!(&held[..], &runs(n)[..], "{n} records");
            assert_eq!(held.len(), n);
            assert_eq!(held.spilled(), n > INLINE_STEPS);
            if let Some(last) = held.last_mut() {
                last.count_attempt();
            }
            assert_eq!(
                held.last().map(|r| r.attempts_total()),
                n.checked_sub(1).map(|i| i as u32 + 1)
            );
        }
    }

    #[test]
    fn equal_when_the_records_are_equal() {
        assert_eq!(StepRuns::from(runs(30)), StepRuns::from(runs(30)));
        assert_ne!(StepRuns::new(3), StepRuns::new(4));
        let mut changed = StepRuns::new(3);
        changed[2].count_attempt();
        assert_ne!(changed, StepRuns::new(3));
    }

    #[test]
    fn the_inline_place_of_an_inline_record_is_the_record() {
        let held = StepRuns::new(5);
        assert!(std::ptr::eq(held.inline_place(4).unwrap(), &held[4]));
    }
}
