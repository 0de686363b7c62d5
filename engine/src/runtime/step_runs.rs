//! An execution's step records, stored inside the execution for workflows
//! of up to `INLINE_STEPS` steps (on the heap beyond). A wake reads and
//! writes the current step's record: inside the execution it is a fixed
//! distance from the execution's first cache line, so the timer queue can
//! load it ahead knowing only the cursor, with no pointer to follow.

use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::runtime::state::StepRun;

pub const INLINE_STEPS: usize = 24;

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
    use crate::machines::step::StepStatus;

    fn runs(n: usize) -> Vec<StepRun> {
        (0..n)
            .map(|i| StepRun {
                attempts_total: i as u32,
                compensation_attempts_total: 0,
                status: (i % 2 == 0).then_some(StepStatus::Pending),
            })
            .collect()
    }

    #[test]
    fn holds_the_records_it_was_given_inline_or_spilled() {
        for n in [0, 1, INLINE_STEPS, INLINE_STEPS + 1, 3 * INLINE_STEPS] {
            let mut held = StepRuns::from(runs(n));
            assert_eq!(&held[..], &runs(n)[..], "{n} records");
            assert_eq!(held.len(), n);
            assert_eq!(held.spilled(), n > INLINE_STEPS);
            if let Some(last) = held.last_mut() {
                last.attempts_total += 100;
            }
            assert_eq!(
                held.last().map(|r| r.attempts_total),
                n.checked_sub(1).map(|i| i as u32 + 100)
            );
        }
    }

    #[test]
    fn equal_when_the_records_are_equal() {
        assert_eq!(StepRuns::from(runs(30)), StepRuns::from(runs(30)));
        assert_ne!(StepRuns::new(3), StepRuns::new(4));
        let mut changed = StepRuns::new(3);
        changed[2].attempts_total = 1;
        assert_ne!(changed, StepRuns::new(3));
    }

    #[test]
    fn the_inline_place_of_an_inline_record_is_the_record() {
        let held = StepRuns::new(5);
        assert!(std::ptr::eq(held.inline_place(4).unwrap(), &held[4]));
    }
}
