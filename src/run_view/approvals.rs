//! An operator's inbox: the approval notifications the engine sent them
//! (one item per approval, with the channels it came by), whether each is
//! still open, and who decided it. Membership is judged when a decision is
//! made, so approvals of the operator's groups that opened before they
//! joined are in the inbox too, with no channel: they may decide them.

use crate::session::touched::Area;
use crate::session::LogView;
use flowlab_engine::event::{DecisionTarget, Event, Stamped};
use flowlab_engine::ids::{ExecIx, OperatorIx, StepIx};
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::ApprovalScope;
use flowlab_engine::runtime::compiled::Body;
use flowlab_engine::runtime::state::State;
use flowlab_engine::time::SimTime;

use super::log_index::LogIndex;
use super::step_label;

/// What an inbox reads: the approval tasks (their lines in the log
/// included), the operators and contacts, and the workflows' names.
pub const AREAS: [Area; 3] = [Area::Inbox, Area::People, Area::Workflows];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Waiting for a decision: the operator may decide it.
    Open,
    Decided {
        by: String,
        decision: &'static str,
        at: SimTime,
    },
    /// No longer waiting, without a decision (timed out, stopped, cancelled).
    Closed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InboxItem {
    pub t: SimTime,
    pub exec: ExecIx,
    pub execution: String,
    pub workflow: String,
    pub workflow_name: String,
    pub version: u32,
    pub step: String,
    pub step_name: String,
    pub contact_name: String,
    /// `scope: workflow`: one decision releases every execution waiting there.
    pub shared: bool,
    pub waiting: usize,
    pub channels: Vec<&'static str>,
    pub status: Status,
}

/// Operator `op`'s notifications, newest first.
pub fn inbox(state: &State, log: LogView<'_>, index: &LogIndex, op: OperatorIx) -> Vec<InboxItem> {
    let mut items: Vec<InboxItem> = Vec::new();
    let mut decided = Vec::new();
    for p in index.of_operator(op) {
        let stamped = &*log.get(*p as usize);
        let Event::Notification {
            channel,
            exec,
            step,
            ..
        } = &stamped.event
        else {
            if let Event::Decision { target, step, .. } = &stamped.event {
                decided.push((stamped.t, *target, *step));
            }
            continue;
        };
        if let Some(last) = items.last_mut().filter(|i| {
            i.exec == *exec && i.t == stamped.t && i.step == step_label(state, *exec, *step).0
        }) {
            last.channels.push(channel.as_str());
            continue;
        }
        items.push(item(
            state,
            log,
            index,
            stamped.t,
            *exec,
            *step,
            channel.as_str(),
        ));
    }
    items.reverse();
    // Decisions on approvals the operator was never notified of.
    for (t, target, step) in decided {
        let exec = match target {
            DecisionTarget::Execution(x) => Some(x),
            DecisionTarget::Shared(i) => {
                let sa = &state.shared[i as usize];
                state.workflow(sa.wf).executions.iter().copied().find(|x| {
                    let e = state.execution(*x);
                    e.version == sa.version && e.steps[step.ix()].status().is_some()
                })
            }
        };
        if let Some(x) = exec {
            let new = unnotified(item(state, log, index, t, x, step, ""));
            if !items.iter().any(|i| same_approval(i, &new)) {
                items.push(new);
            }
        }
    }
    items.extend(joined_later(state, log, index, op, &items));
    items.sort_by_key(|i| std::cmp::Reverse(i.t));
    items
}

/// Open approvals of `op`'s groups that `op` was not notified of (they
/// joined the group, or were added, after the approval opened).
fn joined_later(
    state: &State,
    log: LogView<'_>,
    index: &LogIndex,
    op: OperatorIx,
    notified: &[InboxItem],
) -> Vec<InboxItem> {
    let groups = &state.operators[op.ix()].groups;
    let mut out: Vec<InboxItem> = Vec::new();
    for (i, e) in state.executions.iter().enumerate() {
        let Some(step) = e.cursor else { continue };
        if e.state.is_terminal()
            || e.decided
            || e.steps[step.ix()].status() != Some(StepStatus::AwaitingDecision)
        {
            continue;
        }
        let x = ExecIx(i as u32);
        let Body::Approval { group, .. } = &state.version_of(x).compiled.step(step).body else {
            continue;
        };
        if !groups.contains(group) {
            continue;
        }
        let opened = index
            .of_exec(x)
            .iter()
            .rev()
            .find_map(|p| match &*log.get(*p as usize) {
                Stamped {
                    t,
                    event:
                        Event::StepStatus {
                            step: s,
                            to: StepStatus::AwaitingDecision,
                            ..
                        },
                } if *s == step => Some(*t),
                _ => None,
            })
            .unwrap_or(SimTime::ZERO);
        let new = unnotified(item(state, log, index, opened, x, step, ""));
        if new.status == Status::Open
            && !notified.iter().chain(&out).any(|i| same_approval(i, &new))
        {
            out.push(new);
        }
    }
    out
}

fn unnotified(mut item: InboxItem) -> InboxItem {
    item.channels.clear();
    item
}

/// The same approval: one execution's, or a campaign's shared by all.
fn same_approval(a: &InboxItem, b: &InboxItem) -> bool {
    a.step == b.step
        && a.workflow == b.workflow
        && a.version == b.version
        && (a.shared || a.exec == b.exec)
}

fn item(
    state: &State,
    log: LogView<'_>,
    index: &LogIndex,
    t: SimTime,
    x: ExecIx,
    step: StepIx,
    channel: &'static str,
) -> InboxItem {
    let e = state.execution(x);
    let wf = state.workflow(e.wf);
    let (step_id, step_name) = step_label(state, x, step);
    let shared_scope = matches!(
        &state.version_of(x).compiled.step(step).body,
        Body::Approval {
            scope: ApprovalScope::Workflow,
            ..
        }
    );
    let shared = shared_scope
        .then(|| state.shared_by_key.get(&(e.wf, e.version, step)).copied())
        .flatten();
    let decision_in = |positions: &[u32], target: DecisionTarget| {
        positions.iter().find_map(|p| {
            let s = &*log.get(*p as usize);
            match &s.event {
                Event::Decision {
                    target: tg,
                    step: st,
                    operator,
                    decision,
                } if *tg == target && *st == step && s.t >= t => Some(Status::Decided {
                    by: state.operators[operator.ix()].name.clone(),
                    decision: decision.as_str(),
                    at: s.t,
                }),
                _ => None,
            }
        })
    };
    let (status, waiting) = match shared {
        Some(i) => {
            let sa = &state.shared[i as usize];
            let status = decision_in(index.of_shared(i), DecisionTarget::Shared(i)).unwrap_or(
                if sa.outcome.is_none() {
                    Status::Open
                } else {
                    Status::Closed
                },
            );
            (status, sa.waiting.len())
        }
        None => {
            let waiting_here = e.cursor == Some(step)
                && e.steps[step.ix()].status() == Some(StepStatus::AwaitingDecision)
                && !e.decided;
            let status = decision_in(index.of_exec(x), DecisionTarget::Execution(x)).unwrap_or(
                if waiting_here {
                    Status::Open
                } else {
                    Status::Closed
                },
            );
            (status, usize::from(waiting_here))
        }
    };
    InboxItem {
        t,
        exec: x,
        execution: x.name(),
        workflow: wf.draft.id.clone(),
        workflow_name: wf.draft.name.clone(),
        version: e.version,
        step: step_id,
        step_name,
        contact_name: state.contacts[e.contact.ix()].display_name().to_string(),
        shared: shared_scope,
        waiting,
        channels: vec![channel],
        status,
    }
}

/// Open items per operator (for the tabs).
pub fn open_count(state: &State, log: LogView<'_>, index: &LogIndex, op: OperatorIx) -> usize {
    inbox(state, log, index, op)
        .iter()
        .filter(|i| i.status == Status::Open)
        .count()
}
