//! Positions in the event log, per execution, per operator and per shared
//! approval, built incrementally: each call reads only the events added
//! since the last one, so a page showing one execution does not rescan a
//! log of 200k events on every revision.

use crate::session::LogView;
use flowlab_engine::event::{DecisionTarget, Event, Stamped};
use flowlab_engine::ids::{ExecIx, OperatorIx};

#[derive(Default)]
pub struct LogIndex {
    scanned: usize,
    /// The last event read, to notice a log that was replaced (a new
    /// workspace) rather than extended.
    last: Option<Stamped>,
    by_exec: Vec<Vec<u32>>,
    /// Of `by_exec`, the events the trace has no line for (few).
    unshown_by_exec: Vec<Vec<u32>>,
    /// The `scope: workflow` approvals each execution joined.
    joined_by_exec: Vec<Vec<u32>>,
    by_operator: Vec<Vec<u32>>,
    by_shared: Vec<Vec<u32>>,
}

/// The execution an event is about, when it is about one.
pub fn exec_of(event: &Event) -> Option<ExecIx> {
    Some(match event {
        Event::Enrolled { exec, .. }
        | Event::ExecutionState { exec, .. }
        | Event::StepStatus { exec, .. }
        | Event::StepAttempt { exec, .. }
        | Event::RetryScheduled { exec, .. }
        | Event::FailAction { exec, .. }
        | Event::History { exec, .. }
        | Event::Transition { exec, .. }
        | Event::Notification { exec, .. }
        | Event::Compensation { exec, .. }
        | Event::SharedApprovalJoined { exec, .. }
        | Event::RollbackProgress { exec, .. }
        | Event::OperatorRollbackStarted { exec } => *exec,
        Event::Decision {
            target: DecisionTarget::Execution(exec),
            ..
        } => *exec,
        _ => return None,
    })
}

/// Whether `trace::line` gives a line for an event about an execution
/// (`tests.rs` checks this against the trace).
pub fn has_trace_line(event: &Event) -> bool {
    !matches!(
        event,
        Event::SharedApprovalJoined { .. }
            | Event::RollbackProgress { .. }
            | Event::OperatorRollbackStarted { .. }
    )
}

fn push(lists: &mut Vec<Vec<u32>>, ix: usize, at: u32) {
    if lists.len() <= ix {
        lists.resize_with(ix + 1, Vec::new);
    }
    lists[ix].push(at);
}

impl LogIndex {
    /// Reads the events added since the last call (or everything again when
    /// the log is not the one indexed so far).
    pub fn catch_up(&mut self, log: LogView<'_>) {
        let continues = self.scanned <= log.len()
            && (self.scanned == 0 || self.last.as_ref() == Some(&*log.get(self.scanned - 1)));
        if !continues {
            *self = LogIndex::default();
        }
        for (i, stamped) in log.iter_from(self.scanned).enumerate() {
            let at = (self.scanned + i) as u32;
            if let Some(x) = exec_of(&stamped.event) {
                push(&mut self.by_exec, x.ix(), at);
                if !has_trace_line(&stamped.event) {
                    push(&mut self.unshown_by_exec, x.ix(), at);
                }
                if let Event::SharedApprovalJoined { shared, .. } = &stamped.event {
                    push(&mut self.joined_by_exec, x.ix(), *shared);
                }
            }
            match &stamped.event {
                Event::Notification { operator, .. } | Event::Decision { operator, .. } => {
                    push(&mut self.by_operator, operator.ix(), at)
                }
                _ => {}
            }
            if let Event::Decision {
                target: DecisionTarget::Shared(shared),
                ..
            } = &stamped.event
            {
                push(&mut self.by_shared, *shared as usize, at);
            }
        }
        self.scanned = log.len();
        self.last = log.last().map(|e| e.clone());
    }

    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// Log positions of the events about execution `x`, oldest first.
    pub fn of_exec(&self, x: ExecIx) -> &[u32] {
        self.by_exec.get(x.ix()).map_or(&[], Vec::as_slice)
    }

    /// Positions in `of_exec(x)` the trace has no line for.
    pub fn unshown_of_exec(&self, x: ExecIx) -> &[u32] {
        self.unshown_by_exec.get(x.ix()).map_or(&[], Vec::as_slice)
    }

    /// The `scope: workflow` approvals execution `x` joined.
    pub fn joined_by(&self, x: ExecIx) -> &[u32] {
        self.joined_by_exec.get(x.ix()).map_or(&[], Vec::as_slice)
    }

    /// Notifications to, and decisions by, an operator, oldest first.
    pub fn of_operator(&self, op: OperatorIx) -> &[u32] {
        self.by_operator.get(op.ix()).map_or(&[], Vec::as_slice)
    }

    /// Decisions on a `scope: workflow` approval.
    pub fn of_shared(&self, shared: u32) -> &[u32] {
        self.by_shared
            .get(shared as usize)
            .map_or(&[], Vec::as_slice)
    }
}
