//! One timer queue keyed by what it wakes. It is an index over the `Slot`s
//! held in `State` (never state of its own): an entry whose slot has since
//! changed is stale and skipped when it surfaces, and the whole queue can be
//! rebuilt from a replayed state.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::ids::{ExecIx, WfIx};
use crate::runtime::state::{Execution, Slot, State};

/// What a timer wakes. Each kind, with the slot it mirrors:
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimerKey {
    /// An execution's step or compensation timer (`Execution::wake`).
    Exec(ExecIx),
    /// An execution's `execution_timeout` (`Execution::timeout`).
    Timeout(ExecIx),
    /// A `tag_added` trigger's poll (`WorkflowState::next_poll`).
    Poll(WfIx),
    /// The start window opening for blocked executions (`WorkflowState::window_wake`).
    Window(WfIx),
    /// A `scope: workflow` approval's timeout (`SharedApproval::timeout`).
    SharedTimeout(u32),
    /// A shared decision made while paused (`SharedApproval::delivery`).
    SharedDelivery(u32),
}

/// Timers in exact `(due, seq)` order: a small heap of the next ones, fed
/// by a hierarchical timing wheel. Due times never go to the past, so the
/// wheel sorts timers by the digits of their due time (6 bits each) instead
/// of by comparisons: a timer sits on the level of the highest digit in
/// which its due time differs from `origin`, in the slot of its own digit
/// there. When the heap runs dry, the earliest slot of the lowest occupied
/// level is split: its timers due near its earliest one go to the heap, the
/// others down the wheel. So each timer moves a few times along short
/// vectors, where one big heap's sift missed the caches at every level, and
/// the next timer is known early enough to load its execution ahead.
#[derive(Debug, Clone)]
pub struct TimerQueue {
    /// Every timer on the wheel is due in a later 64 ms window than it.
    /// Moves forward only, to the earliest timer of a slot being split.
    origin: u64,
    /// Timers due in `origin`'s 64 ms window, or before it (set by a
    /// command at an instant before a timer the driver had looked at).
    near: BinaryHeap<Reverse<Entry>>,
    /// Bit `s` of `occupied[l]`: the wheel's slot `s` of level `l + 1`
    /// holds a timer.
    occupied: [u64; LEVELS],
    /// `LEVELS` × `SLOTS` vectors of timers, in no order.
    wheel: Vec<Vec<Entry>>,
    len: usize,
    /// The top was found live and no event has been folded since: looking
    /// again (the driver's `poll_timeout`, then `handle_timeout`) needs no
    /// second check against the state.
    top_live: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    due: u64,
    seq: u64,
    timer: TimerKey,
}

impl Entry {
    fn slot(&self) -> Slot {
        Slot {
            due: crate::time::SimTime(self.due),
            seq: self.seq,
        }
    }
}

const SLOT_BITS: u32 = 6;
const SLOTS: usize = 1 << SLOT_BITS;
/// Wheel levels 1 to 10: with the heap's window (level 0), enough 6-bit
/// digits for any `u64` due time.
const LEVELS: usize = 64_usize.div_ceil(SLOT_BITS as usize) - 1;
/// Timers a slot keeps room for once split.
const KEPT_ROOM: usize = 256;
/// Executions loaded ahead from the wheel's earliest slot.
const PREFETCHED: usize = 4;

/// A hint to load `value` (its first two cache lines at most); nothing
/// where there is no such instruction (wasm).
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let p = (value as *const T).cast::<i8>();
        // SAFETY: a prefetch is only a hint: it never faults, and it reads
        // nothing the program can observe.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p);
            if size_of::<T>() > 64 {
                _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(64));
            }
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        use core::mem::MaybeUninit;
        let p = (value as *const T).cast::<MaybeUninit<u8>>();
        // SAFETY: `p` points into `value` (and `p + 64` too when it is
        // longer), and a `MaybeUninit` may be read from padding.
        unsafe {
            let _ = core::ptr::read_volatile(p);
            if size_of::<T>() > 64 {
                let _ = core::ptr::read_volatile(p.add(64));
            }
        }
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "wasm32")))]
    let _ = value;
}

impl Default for TimerQueue {
    fn default() -> TimerQueue {
        TimerQueue {
            origin: 0,
            near: BinaryHeap::new(),
            occupied: [0; LEVELS],
            wheel: vec![Vec::new(); LEVELS * SLOTS],
            len: 0,
            top_live: false,
        }
    }
}

impl TimerQueue {
    /// Adds a timer; it mirrors a slot just set, so it is live: if it becomes
    /// the top, a top found live stays live.
    pub fn push(&mut self, slot: Slot, timer: TimerKey) {
        self.len += 1;
        self.place(Entry {
            due: slot.due.0,
            seq: slot.seq,
            timer,
        });
    }

    /// Puts a timer in the heap or on the wheel, by how far from `origin`.
    #[inline]
    fn place(&mut self, entry: Entry) {
        if entry.due < self.origin || (entry.due ^ self.origin) < SLOTS as u64 {
            self.near.push(Reverse(entry));
            return;
        }
        let digit = (entry.due ^ self.origin).ilog2() / SLOT_BITS;
        let slot = (entry.due >> (digit * SLOT_BITS)) as usize & (SLOTS - 1);
        let level = digit as usize - 1;
        self.occupied[level] |= 1 << slot;
        self.wheel[level * SLOTS + slot].push(entry);
    }

    /// Refills an empty heap from the wheel's earliest slot, splitting
    /// slots down until one yields timers near enough; `false` once both
    /// are empty.
    fn refill(&mut self) -> bool {
        while self.near.is_empty() {
            let Some(level) = self.occupied.iter().position(|&o| o != 0) else {
                return false;
            };
            let slot = self.occupied[level].trailing_zeros() as usize;
            self.occupied[level] &= !(1 << slot);
            let mut timers = std::mem::take(&mut self.wheel[level * SLOTS + slot]);
            self.origin = timers
                .iter()
                .map(|e| e.due)
                .min()
                .expect("an occupied slot");
            for entry in timers.drain(..) {
                self.place(entry);
            }
            // The slot keeps its room for the timers it gets next, unless
            // that is more than a busy slot needs: room kept in every slot
            // would add up to several times the timers held.
            if timers.capacity() <= KEPT_ROOM {
                self.wheel[level * SLOTS + slot] = timers;
            }
        }
        true
    }

    /// The earliest timer, live or stale.
    fn first(&mut self) -> Option<Entry> {
        if !self.refill() {
            return None;
        }
        self.near.peek().map(|Reverse(e)| *e)
    }

    /// Removes the earliest timer, found by `first`.
    fn remove_first(&mut self) -> Entry {
        self.len -= 1;
        self.top_live = false;
        self.near.pop().expect("found by first").0
    }

    /// Removes and returns the earliest timer, live or stale.
    #[cfg(test)]
    fn remove_top(&mut self) -> Entry {
        self.first().expect("not empty");
        self.remove_first()
    }

    /// The earliest live timer, without taking it.
    pub fn peek(&mut self, state: &State) -> Option<(Slot, TimerKey)> {
        while let Some(top) = self.first() {
            if self.top_live || Self::current(state, top.timer) == Some(top.slot()) {
                self.top_live = true;
                return Some((top.slot(), top.timer));
            }
            self.remove_first();
        }
        None
    }

    /// Takes the earliest live timer if it is due at or before `limit`.
    pub fn pop_due(
        &mut self,
        state: &State,
        limit: crate::time::SimTime,
    ) -> Option<(Slot, TimerKey)> {
        let (slot, timer) = self.peek(state)?;
        if slot.due > limit {
            return None;
        }
        self.remove_first();
        self.prefetch_next(state);
        Some((slot, timer))
    }

    /// Starts loading what the next timers need while this one is handled,
    /// two deep: the step record of the next one (its execution was loaded
    /// ahead when this one was taken), and the executions of the timers
    /// that may follow it (its children in the heap, or the wheel's
    /// earliest slot).
    fn prefetch_next(&self, state: &State) {
        let heap = self.near.as_slice();
        if let Some(Reverse(next)) = heap.first() {
            if let Some(e) = Self::execution_of(state, next) {
                prefetch(e);
                if let Some(run) = e.cursor.and_then(|s| e.steps.inline_place(s.ix())) {
                    prefetch(run);
                }
            }
        }
        let after: &[Reverse<Entry>] = heap.get(1..3).unwrap_or(&[]);
        for Reverse(entry) in after {
            if let Some(e) = Self::execution_of(state, entry) {
                prefetch(e);
            }
        }
        if heap.len() < 3 {
            if let Some(level) = self.occupied.iter().position(|&o| o != 0) {
                let slot = self.occupied[level].trailing_zeros() as usize;
                for entry in self.wheel[level * SLOTS + slot].iter().take(PREFETCHED) {
                    if let Some(e) = Self::execution_of(state, entry) {
                        prefetch(e);
                    }
                }
            }
        }
    }

    fn execution_of<'s>(state: &'s State, entry: &Entry) -> Option<&'s Execution> {
        match entry.timer {
            TimerKey::Exec(x) => state.executions.get(x.ix()),
            _ => None,
        }
    }

    /// An event was folded: the top may have gone stale.
    #[inline(always)]
    pub fn state_changed(&mut self) {
        self.top_live = false;
    }

    /// The slot the state holds for `key` now.
    pub fn current(state: &State, key: TimerKey) -> Option<Slot> {
        match key {
            TimerKey::Exec(x) => state.execution(x).wake.map(|(slot, _)| slot),
            TimerKey::Timeout(x) => state.execution(x).timeout,
            TimerKey::Poll(wf) => state.workflow(wf).next_poll,
            TimerKey::Window(wf) => state.workflow(wf).window_wake,
            TimerKey::SharedTimeout(s) => state.shared[s as usize].timeout,
            TimerKey::SharedDelivery(s) => state.shared[s as usize].delivery,
        }
    }

    /// Every live slot of a state, e.g. after a replay.
    pub fn rebuild(state: &State) -> TimerQueue {
        let mut q = TimerQueue::default();
        for (i, e) in state.executions.iter().enumerate() {
            let x = ExecIx(i as u32);
            if let Some((slot, _)) = e.wake {
                q.push(slot, TimerKey::Exec(x));
            }
            if let Some(slot) = e.timeout {
                q.push(slot, TimerKey::Timeout(x));
            }
        }
        for (i, w) in state.workflows.iter().enumerate() {
            let wf = WfIx(i as u32);
            if let Some(slot) = w.next_poll {
                q.push(slot, TimerKey::Poll(wf));
            }
            if let Some(slot) = w.window_wake {
                q.push(slot, TimerKey::Window(wf));
            }
        }
        for (i, s) in state.shared.iter().enumerate() {
            if let Some(slot) = s.timeout {
                q.push(slot, TimerKey::SharedTimeout(i as u32));
            }
            if let Some(slot) = s.delivery {
                q.push(slot, TimerKey::SharedDelivery(i as u32));
            }
        }
        q
    }

    /// Entries held, stale ones included.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorkflowDraft;
    use crate::runtime::state::Genesis;
    use crate::time::SimTime;

    /// A state whose workflow slots mirror what is pushed, so nothing is stale.
    fn state_with_polls(slots: &[Slot]) -> State {
        let draft = crate::scenario::parse_workflow_file(
            "w.json",
            r#"{"id":"w","steps":[{"id":"e","kind":"end"}]}"#,
        )
        .unwrap();
        let workflows: Vec<WorkflowDraft> = slots.iter().map(|_| draft.clone()).collect();
        let mut state = State::new(Genesis {
            seed: 0,
            contacts: vec![],
            operators: vec![],
            workflows,
        });
        for (i, slot) in slots.iter().enumerate() {
            state.workflows[i].next_poll = Some(*slot);
        }
        state
    }

    #[test]
    fn pops_in_due_then_seq_order_and_accepts_later_pushes() {
        let due = [50u64, 10, 10, 70, 30, 10];
        let slots: Vec<Slot> = due
            .iter()
            .enumerate()
            .map(|(i, d)| Slot {
                due: SimTime(*d),
                seq: i as u64 + 1,
            })
            .collect();
        let mut state = state_with_polls(&slots);
        let mut q = TimerQueue::default();
        for (i, slot) in slots.iter().enumerate() {
            q.push(*slot, TimerKey::Poll(crate::ids::WfIx(i as u32)));
        }
        let mut order = Vec::new();
        while let Some((slot, _)) = q.pop_due(&state, SimTime(40)) {
            order.push((slot.due.0, slot.seq));
        }
        assert_eq!(order, vec![(10, 2), (10, 3), (10, 6), (30, 5)]);
        let late = Slot {
            due: SimTime(45),
            seq: 7,
        };
        state.workflows[1].next_poll = Some(late);
        q.push(late, TimerKey::Poll(crate::ids::WfIx(1)));
        while let Some((slot, _)) = q.pop_due(&state, SimTime(1000)) {
            order.push((slot.due.0, slot.seq));
        }
        assert_eq!(&order[4..], &[(45, 7), (50, 1), (70, 4)]);
        assert!(q.is_empty());
    }

    #[test]
    fn many_timers_at_one_instant_come_out_in_seq_order_quickly() {
        let state = state_with_polls(&[]);
        let _ = &state;
        let mut q = TimerQueue::default();
        let n = 200_000u64;
        for seq in 1..=n {
            q.push(
                Slot {
                    due: SimTime(3_600_000),
                    seq,
                },
                TimerKey::Exec(crate::ids::ExecIx(0)),
            );
        }
        for seq in 1..=n {
            let e = q.remove_top();
            assert_eq!((e.due, e.seq), (3_600_000, seq));
        }
        assert!(q.is_empty());
    }

    #[test]
    fn stale_entries_are_skipped() {
        let slots = [
            Slot {
                due: SimTime(5),
                seq: 1,
            },
            Slot {
                due: SimTime(9),
                seq: 2,
            },
        ];
        let mut state = state_with_polls(&slots);
        let mut q = TimerQueue::default();
        q.push(slots[0], TimerKey::Poll(crate::ids::WfIx(0)));
        q.push(slots[1], TimerKey::Poll(crate::ids::WfIx(1)));
        state.workflows[0].next_poll = None;
        assert_eq!(q.peek(&state).map(|(s, _)| s.seq), Some(2));
    }

    #[test]
    fn matches_a_sorted_order_on_many_random_timers() {
        let mut now = 0u64;
        let mut seq = 0u64;
        let mut q = TimerQueue::default();
        let mut reference: Vec<(u64, u64)> = Vec::new();
        let state = state_with_polls(&[]);
        let _ = &state;
        for round in 0..2000u64 {
            for k in 0..3 {
                seq += 1;
                let due = now + crate::rng::mix(round * 7 + k) % 5000;
                reference.push((due, seq));
                q.push(
                    Slot {
                        due: SimTime(due),
                        seq,
                    },
                    TimerKey::Exec(crate::ids::ExecIx(0)),
                );
            }
            reference.sort();
            let expected = reference.remove(0);
            let top = q.remove_top();
            assert_eq!((top.due, top.seq), expected);
            now = expected.0;
        }
    }

    fn exec_slot(due: u64, seq: u64) -> Slot {
        Slot {
            due: SimTime(due),
            seq,
        }
    }

    #[test]
    fn a_timer_set_before_the_top_already_looked_at_comes_first() {
        let mut q = TimerQueue::default();
        q.push(exec_slot(100_000, 1), TimerKey::Exec(crate::ids::ExecIx(0)));
        // Looking at the top moves the wheel's origin to it.
        assert_eq!(q.first().map(|e| e.due), Some(100_000));
        q.push(exec_slot(5_000, 2), TimerKey::Exec(crate::ids::ExecIx(0)));
        q.push(
            exec_slot(100_000 + 64 * 64, 3),
            TimerKey::Exec(crate::ids::ExecIx(0)),
        );
        q.push(exec_slot(99_999, 4), TimerKey::Exec(crate::ids::ExecIx(0)));
        let order: Vec<(u64, u64)> = (0..4)
            .map(|_| q.remove_top())
            .map(|e| (e.due, e.seq))
            .collect();
        assert_eq!(order, [(5_000, 2), (99_999, 4), (100_000, 1), (104_096, 3)]);
        assert!(q.is_empty());
    }

    #[test]
    fn due_times_across_the_whole_range_keep_their_order() {
        let dues = [
            u64::MAX,
            0,
            1 << 63,
            63,
            64,
            u64::MAX,
            (1 << 36) + 5,
            4095,
            4096,
            1 << 60,
            0,
        ];
        let mut q = TimerQueue::default();
        for (i, due) in dues.iter().enumerate() {
            q.push(
                exec_slot(*due, i as u64),
                TimerKey::Exec(crate::ids::ExecIx(0)),
            );
        }
        let mut expected: Vec<(u64, u64)> = dues
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i as u64))
            .collect();
        expected.sort();
        let order: Vec<(u64, u64)> = (0..dues.len())
            .map(|_| q.remove_top())
            .map(|e| (e.due, e.seq))
            .collect();
        assert_eq!(order, expected);
    }

    #[test]
    fn timers_pushed_out_of_seq_order_at_one_instant_come_out_in_seq_order() {
        // As `rebuild` pushes them: by execution, not by when they were set.
        let mut q = TimerQueue::default();
        for (i, seq) in [7u64, 3, 9, 1, 5].iter().enumerate() {
            q.push(
                exec_slot(60_000, *seq),
                TimerKey::Exec(crate::ids::ExecIx(i as u32)),
            );
        }
        q.push(exec_slot(59_999, 8), TimerKey::Exec(crate::ids::ExecIx(9)));
        let order: Vec<u64> = (0..6).map(|_| q.remove_top().seq).collect();
        assert_eq!(order, [8, 1, 3, 5, 7, 9]);
    }
}
