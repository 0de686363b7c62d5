//! What an execution's rollbacks have done and have left to do. Most
//! executions never roll back, so the record is on the heap and made on
//! first use: an execution holds only a pointer, which keeps the wake-up
//! path's fields together.

use std::fmt;

use crate::ids::StepIx;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollbackRecord {
    /// Compensations still to run, next first.
    pub plan: Vec<StepIx>,
    /// The attempt counter of the compensation at the head of the plan.
    pub attempt: u32,
    /// Compensations that ran out of attempts (what an operator rollback
    /// runs again).
    pub exhausted: Vec<StepIx>,
    /// Per step, compensation attempts over all rollbacks (what a
    /// compensation's `fail_first` counts); empty until the first one.
    compensation_attempts: Vec<u16>,
}

impl RollbackRecord {
    pub fn compensation_attempts(&self, s: StepIx) -> u16 {
        self.compensation_attempts.get(s.ix()).copied().unwrap_or(0)
    }

    pub(crate) fn count_compensation_attempt(&mut self, s: StepIx) {
        if self.compensation_attempts.len() <= s.ix() {
            self.compensation_attempts.resize(s.ix() + 1, 0);
        }
        let n = &mut self.compensation_attempts[s.ix()];
        *n = n.saturating_add(1);
    }

    /// Restores the counts a snapshot holds, one per step.
    pub(crate) fn set_compensation_attempts(&mut self, counts: Vec<u16>) {
        self.compensation_attempts = counts;
        self.normalize_counts();
    }

    fn normalize_counts(&mut self) {
        while self.compensation_attempts.last() == Some(&0) {
            self.compensation_attempts.pop();
        }
    }
}

/// An execution's `RollbackRecord`, made on first write. Compares and
/// prints as the record, so an execution that never rolled back equals one
/// whose record is empty (as a snapshot restores it).
#[derive(Clone, Default)]
pub struct RollbackSlot(Option<Box<RollbackRecord>>);

static EMPTY: RollbackRecord = RollbackRecord {
    plan: Vec::new(),
    attempt: 0,
    exhausted: Vec::new(),
    compensation_attempts: Vec::new(),
};

impl RollbackSlot {
    pub fn get(&self) -> &RollbackRecord {
        self.0.as_deref().unwrap_or(&EMPTY)
    }

    pub(crate) fn get_mut(&mut self) -> &mut RollbackRecord {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<RollbackRecord> for RollbackSlot {
    fn from(record: RollbackRecord) -> RollbackSlot {
        RollbackSlot((record != EMPTY).then(|| Box::new(record)))
    }
}

impl PartialEq for RollbackSlot {
    fn eq(&self, other: &RollbackSlot) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RollbackSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unused_slot_holds_nothing_and_equals_an_empty_record() {
        let slot = RollbackSlot::default();
        assert_eq!(slot.get(), &RollbackRecord::default());
        assert_eq!(slot, RollbackSlot::from(RollbackRecord::default()));
        assert!(RollbackSlot::from(RollbackRecord::default()).0.is_none());
    }

    #[test]
    fn counts_compensation_attempts_per_step() {
        let mut slot = RollbackSlot::default();
        slot.get_mut().count_compensation_attempt(StepIx(3));
        slot.get_mut().count_compensation_attempt(StepIx(3));
        slot.get_mut().count_compensation_attempt(StepIx(1));
        let record = slot.get();
        assert_eq!(
            [0, 1, 2, 3].map(|s| record.compensation_attempts(StepIx(s))),
            [0, 1, 0, 2]
        );
        assert_ne!(slot, RollbackSlot::default());
    }

    #[test]
    fn restored_counts_equal_counted_ones() {
        let mut counted = RollbackSlot::default();
        counted.get_mut().count_compensation_attempt(StepIx(1));
        let mut restored = RollbackRecord::default();
        restored.set_compensation_attempts(vec![0, 1, 0, 0]);
        assert_eq!(counted, RollbackSlot::from(restored));
    }
}
