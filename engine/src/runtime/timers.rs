//! One timer queue keyed by what it wakes. It is an index over the `Slot`s
//! held in `State` (never state of its own): an entry whose slot has since
//! changed is stale and skipped when it surfaces, and the whole queue can be
//! rebuilt from a replayed state.

use crate::ids::{ExecIx, WfIx};
use crate::runtime::state::{Slot, State};

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

/// A 4-ary min-heap over `(due, seq)`: half the depth of a binary heap and
/// the four children of a node side by side in memory. Exact `(due, seq)`
/// order; stale entries are dropped when they surface.
#[derive(Debug, Clone, Default)]
pub struct TimerQueue {
    heap: Vec<Entry>,
    /// The top was handed out by `pop_due` but is still in place: the next
    /// push replaces it (one sift instead of two, as handling a timer usually
    /// sets the next one), or the next look at the queue removes it.
    top_taken: bool,
    /// The top was found live and no event has been folded since: looking
    /// again (the driver's `poll_timeout`, then `handle_timeout`) needs no
    /// second check against the state.
    top_live: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    due: u64,
    seq: u64,
    timer: TimerKey,
}

impl Entry {
    /// `(due, seq)` as one number, for cheap comparisons.
    #[inline]
    fn key(&self) -> u128 {
        (self.due as u128) << 64 | self.seq as u128
    }

    fn before(&self, other: &Entry) -> bool {
        self.key() < other.key()
    }

    fn slot(&self) -> Slot {
        Slot {
            due: crate::time::SimTime(self.due),
            seq: self.seq,
        }
    }
}

const ARITY: usize = 4;

/// A hint to load the first two cache lines of `value`; nothing where there
/// is no such instruction (wasm).
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
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(64));
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

impl TimerQueue {
    pub fn push(&mut self, slot: Slot, timer: TimerKey) {
        let entry = Entry {
            due: slot.due.0,
            seq: slot.seq,
            timer,
        };
        if self.top_taken {
            self.top_taken = false;
            self.sift_down_from_top(entry);
            return;
        }
        // The entry is live (it mirrors a slot just set): if it becomes the
        // top, a live top stays live.
        let mut i = self.heap.len();
        self.heap.push(entry);
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if !entry.before(&self.heap[parent]) {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = entry;
    }

    fn settle_top(&mut self) {
        if self.top_taken {
            self.top_taken = false;
            self.remove_top();
        }
    }

    fn remove_top(&mut self) -> Entry {
        self.top_live = false;
        let top = self.heap[0];
        let last = self.heap.pop().expect("not empty");
        if !self.heap.is_empty() {
            self.sift_down_from_top(last);
        }
        top
    }

    /// Puts `entry` in place of the top and sifts it down, bottom-up: the
    /// hole left by the top goes down along the least children to a leaf,
    /// and the entry rises from there. A new timer usually belongs near the
    /// bottom, so this saves comparing it at every level; a full group of
    /// four children is compared without branches, as which child is least
    /// is a coin toss the branch predictor would mostly lose.
    fn sift_down_from_top(&mut self, entry: Entry) {
        let n = self.heap.len();
        let mut i = 0;
        loop {
            let first = i * ARITY + 1;
            let child = if first + ARITY <= n {
                let g = &self.heap[first..first + ARITY];
                let (k0, k1, k2, k3) = (g[0].key(), g[1].key(), g[2].key(), g[3].key());
                let (a, ka) = if k1 < k0 { (1, k1) } else { (0, k0) };
                let (b, kb) = if k3 < k2 { (3, k3) } else { (2, k2) };
                first + if kb < ka { b } else { a }
            } else {
                // The last, partial group: its nodes have no children.
                match (first..n).min_by_key(|&c| self.heap[c].key()) {
                    Some(c) => c,
                    None => break,
                }
            };
            self.heap[i] = self.heap[child];
            i = child;
        }
        let key = entry.key();
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.heap[parent].key() <= key {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = entry;
    }

    /// The earliest live timer, without taking it.
    pub fn peek(&mut self, state: &State) -> Option<(Slot, TimerKey)> {
        self.settle_top();
        if self.top_live {
            let top = self.heap[0];
            return Some((top.slot(), top.timer));
        }
        while let Some(top) = self.heap.first() {
            if Self::current(state, top.timer) == Some(top.slot()) {
                self.top_live = true;
                return Some((top.slot(), top.timer));
            }
            self.remove_top();
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
        self.top_taken = true;
        self.top_live = false;
        self.prefetch_next(state);
        Some((slot, timer))
    }

    /// The next timer to fire is one of the top's four children (or one set
    /// meanwhile): start loading their executions while this one is handled.
    fn prefetch_next(&self, state: &State) {
        for e in self.heap.iter().skip(1).take(ARITY) {
            if let TimerKey::Exec(x) = e.timer {
                if let Some(exec) = state.executions.get(x.ix()) {
                    prefetch(exec);
                }
            }
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

    /// Room for `n` more entries.
    pub fn reserve(&mut self, n: usize) {
        self.heap.reserve(n);
    }

    /// Entries held, stale ones included.
    pub fn len(&self) -> usize {
        self.heap.len() - self.top_taken as usize
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
}
