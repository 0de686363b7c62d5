//! One execution: the states it went through (for the diagram), a timeline
//! per step (status spans, attempts, retries) and its full history as trace
//! lines. Built from the events the log index points at.

use crate::session::LogView;
use flowlab_engine::event::Event;
use flowlab_engine::ids::{ExecIx, StepIx};
use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::StepKind;
use flowlab_engine::runtime::state::State;
use flowlab_engine::time::SimTime;
use flowlab_engine::trace;
use serde_json::Value;

use super::log_index::LogIndex;
use super::step_label;

/// One move of the execution lifecycle.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    pub t: SimTime,
    pub from: Option<ExecState>,
    pub to: ExecState,
    pub reason: Option<String>,
}

/// A stretch of time a step spent in one status; `to` is `None` while it lasts.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub from: SimTime,
    pub to: Option<SimTime>,
    pub status: StepStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    pub t: SimTime,
    pub attempt: u32,
    pub ok: bool,
    /// A compensation attempt rather than the step's own.
    pub compensation: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepTimeline {
    pub id: String,
    pub name: String,
    pub kind: StepKind,
    pub spans: Vec<Span>,
    pub attempts: Vec<Attempt>,
    /// When each retry was scheduled and when it falls due.
    pub retries: Vec<(SimTime, SimTime)>,
    pub last: Option<StepStatus>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryLine {
    pub t: SimTime,
    pub kind: String,
    /// The trace line's other fields, `key value` joined.
    pub fields: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExecDetail {
    pub row: super::executions::ExecRow,
    pub moves: Vec<Move>,
    pub steps: Vec<StepTimeline>,
    pub history: Vec<HistoryLine>,
    /// Compensations exhausted (what an operator rollback retries).
    pub exhausted: Vec<String>,
    /// Where the timeline ends: the last event, or now while it runs.
    pub until: SimTime,
}

impl ExecDetail {
    /// Every (from, to) the execution took, in order, without repeats.
    pub fn path(&self) -> Vec<(ExecState, ExecState)> {
        let mut out: Vec<(ExecState, ExecState)> = Vec::new();
        for m in &self.moves {
            if let Some(from) = m.from {
                if !out.contains(&(from, m.to)) {
                    out.push((from, m.to));
                }
            }
        }
        out
    }

    /// Why it is where it is: the reason of the move that brought it here,
    /// or, once acknowledged, of the move before (an acknowledgement is
    /// not why an execution was stopped or failed).
    pub fn reason(&self) -> Option<String> {
        let mut moves = self.moves.iter().rev();
        let last = moves.next()?;
        if last.to.is_acknowledged() {
            if let Some(before) = moves.next() {
                return before.reason.clone().or_else(|| last.reason.clone());
            }
        }
        last.reason.clone()
    }

    pub fn visited(&self) -> Vec<ExecState> {
        let mut out: Vec<ExecState> = Vec::new();
        for m in &self.moves {
            if !out.contains(&m.to) {
                out.push(m.to);
            }
        }
        out
    }
}

pub fn detail(state: &State, log: LogView<'_>, index: &LogIndex, x: ExecIx) -> Option<ExecDetail> {
    if x.ix() >= state.executions.len() {
        return None;
    }
    let e = state.execution(x);
    let version = state.version_of(x);
    let names = trace::Names { state };
    let mut steps: Vec<StepTimeline> = version
        .compiled
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (id, name) = step_label(state, x, StepIx(i as u16));
            StepTimeline {
                id,
                name,
                kind: s.kind,
                spans: Vec::new(),
                attempts: Vec::new(),
                retries: Vec::new(),
                last: None,
            }
        })
        .collect();
    let mut moves = Vec::new();
    let mut positions: Vec<u32> = index.of_exec(x).to_vec();
    for p in index.of_exec(x) {
        if let Event::SharedApprovalJoined { shared, .. } = &log.get(*p as usize).event {
            positions.extend_from_slice(index.of_shared(*shared));
        }
    }
    positions.sort_unstable();
    positions.dedup();
    let mut history = Vec::new();
    let mut last_t = e.created_at;
    for p in positions {
        let stamped = &*log.get(p as usize);
        let t = stamped.t;
        last_t = last_t.max(t);
        match &stamped.event {
            Event::ExecutionState {
                from, to, reason, ..
            } => moves.push(Move {
                t,
                from: *from,
                to: *to,
                reason: reason.as_ref().map(|r| names.reason(x, r)),
            }),
            Event::StepStatus { step, to, .. } => {
                let s = &mut steps[step.ix()];
                if let Some(open) = s.spans.last_mut().filter(|sp| sp.to.is_none()) {
                    open.to = Some(t);
                }
                s.spans.push(Span {
                    from: t,
                    to: (*to).is_finished().then_some(t),
                    status: *to,
                });
                s.last = Some(*to);
            }
            Event::StepAttempt {
                step, attempt, ok, ..
            } => steps[step.ix()].attempts.push(Attempt {
                t,
                attempt: *attempt,
                ok: *ok,
                compensation: false,
            }),
            Event::Compensation {
                step, attempt, ok, ..
            } => steps[step.ix()].attempts.push(Attempt {
                t,
                attempt: *attempt,
                ok: *ok,
                compensation: true,
            }),
            Event::RetryScheduled { step, due, .. } => steps[step.ix()].retries.push((t, *due)),
            _ => {}
        }
        if let Some(line) = trace::line(state, stamped) {
            history.push(history_line(t, &line));
        }
    }
    let until = if e.state.is_terminal() {
        last_t
    } else {
        state.now.max(last_t)
    };
    let exhausted = e
        .rollback
        .get()
        .exhausted
        .iter()
        .map(|s| version.compiled.step(*s).id.clone())
        .collect();
    Some(ExecDetail {
        row: super::executions::row(state, x),
        moves,
        steps,
        history,
        exhausted,
        until,
    })
}

fn history_line(t: SimTime, line: &str) -> HistoryLine {
    let mut kind = String::new();
    let mut fields = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(line) {
        for (k, v) in map {
            match k.as_str() {
                "t" => {}
                "type" => kind = v.as_str().unwrap_or_default().to_owned(),
                _ => fields.push((
                    k,
                    match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    },
                )),
            }
        }
    }
    HistoryLine { t, kind, fields }
}
