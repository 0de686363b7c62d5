//! One timer queue keyed by what it wakes. It is an index over the `Slot`s
//! held in `State` (never state of its own): an entry whose slot has since
//! changed is stale and skipped when it surfaces, and the whole queue can be
//! rebuilt from a replayed state.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

#[derive(Default, Debug, Clone)]
pub struct TimerQueue {
    heap: BinaryHeap<Reverse<(Slot, TimerKey)>>,
}

impl TimerQueue {
    pub fn push(&mut self, slot: Slot, key: TimerKey) {
        self.heap.push(Reverse((slot, key)));
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

    fn drop_stale(&mut self, state: &State) {
        while let Some(Reverse((slot, key))) = self.heap.peek() {
            if Self::current(state, *key) == Some(*slot) {
                return;
            }
            self.heap.pop();
        }
    }

    /// The earliest live timer, without taking it.
    pub fn peek(&mut self, state: &State) -> Option<(Slot, TimerKey)> {
        self.drop_stale(state);
        self.heap.peek().map(|Reverse(entry)| *entry)
    }

    /// Takes the earliest live timer if it is due at or before `limit`.
    pub fn pop_due(&mut self, state: &State, limit: crate::time::SimTime) -> Option<(Slot, TimerKey)> {
        let (slot, key) = self.peek(state)?;
        if slot.due > limit {
            return None;
        }
        self.heap.pop();
        Some((slot, key))
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

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
