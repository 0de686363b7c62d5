//! One execution: the states it went through (for the diagram), a timeline
//! per step (status spans, attempts, retries) and the length of its history
//! (`history.rs` reads the lines). Built from the events the log index
//! points at; a step's timeline keeps its first and last marks and counts
//! the ones between, so an execution of a million attempts stays small.

use crate::session::touched::Area;
use crate::session::LogView;
use flowlab_engine::event::Event;
use flowlab_engine::ids::{ExecIx, StepIx};
use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::StepKind;
use flowlab_engine::runtime::state::State;
use flowlab_engine::time::SimTime;

use super::history::HistoryPositions;
use std::collections::VecDeque;

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
    /// What is between the first marks kept and the last ones, when there
    /// are more than a timeline can draw.
    pub elided: Option<Elided>,
}

/// Spans, attempts and retries of one step left out of its timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Elided {
    pub from: SimTime,
    pub to: SimTime,
    pub spans: u32,
    pub attempts: u32,
    pub failed: u32,
    pub retries: u32,
}

/// Marks of each sort a step's timeline keeps from its start and its end.
pub const KEPT_FIRST: usize = 60;
pub const KEPT_LAST: usize = 20;

/// The first `KEPT_FIRST` items and the last `KEPT_LAST`, the ones between
/// only counted.
struct Kept<T> {
    first: Vec<T>,
    last: VecDeque<T>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept {
            first: Vec::new(),
            last: VecDeque::new(),
        }
    }
}

impl<T> Kept<T> {
    /// Keeps `item`; gives back the one it pushes out, if any.
    fn push(&mut self, item: T) -> Option<T> {
        if self.first.len() < KEPT_FIRST {
            self.first.push(item);
            return None;
        }
        self.last.push_back(item);
        if self.last.len() > KEPT_LAST {
            return self.last.pop_front();
        }
        None
    }

    fn newest(&mut self) -> Option<&mut T> {
        if self.last.is_empty() {
            self.first.last_mut()
        } else {
            self.last.back_mut()
        }
    }

    fn into_vec(self) -> Vec<T> {
        let mut v = self.first;
        v.extend(self.last);
        v
    }
}

/// A step's timeline while it is built.
#[derive(Default)]
struct Building {
    spans: Kept<Span>,
    attempts: Kept<Attempt>,
    retries: Kept<(SimTime, SimTime)>,
    last: Option<StepStatus>,
    elided: Option<Elided>,
}

/// A step's spans, attempts, retry stretches and counted stretch, done.
type Finished = (
    Vec<Span>,
    Vec<Attempt>,
    Vec<(SimTime, SimTime)>,
    Option<Elided>,
);

impl Building {
    fn elide(&mut self, from: SimTime, to: SimTime) -> &mut Elided {
        let e = self.elided.get_or_insert(Elided {
            from,
            to,
            spans: 0,
            attempts: 0,
            failed: 0,
            retries: 0,
        });
        e.from = e.from.min(from);
        e.to = e.to.max(to);
        e
    }

    fn span(&mut self, sp: Span) {
        if let Some(out) = self.spans.push(sp) {
            let to = out.to.unwrap_or(out.from);
            self.elide(out.from, to).spans += 1;
        }
    }

    fn attempt(&mut self, a: Attempt) {
        if let Some(out) = self.attempts.push(a) {
            let e = self.elide(out.t, out.t);
            e.attempts += 1;
            e.failed += u32::from(!out.ok);
        }
    }

    /// The kept marks that fall inside the counted stretch are counted
    /// too, so the band hides nothing it does not count.
    fn finish(self) -> Finished {
        let (mut spans, mut attempts, mut retries) = (
            self.spans.into_vec(),
            self.attempts.into_vec(),
            self.retries.into_vec(),
        );
        let Some(mut e) = self.elided else {
            return (spans, attempts, retries, None);
        };
        let inside = |a: SimTime, b: SimTime| e.from < a && b < e.to;
        let before = spans.len();
        spans.retain(|sp| !inside(sp.from, sp.to.unwrap_or(SimTime(u64::MAX))));
        let spans_in = (before - spans.len()) as u32;
        let (mut n, mut failed) = (0, 0);
        attempts.retain(|a| {
            let keep = !inside(a.t, a.t);
            if !keep {
                n += 1;
                failed += u32::from(!a.ok);
            }
            keep
        });
        let before = retries.len();
        retries.retain(|r| !inside(r.0, r.1));
        e.spans += spans_in;
        e.attempts += n;
        e.failed += failed;
        e.retries += (before - retries.len()) as u32;
        (spans, attempts, retries, Some(e))
    }

    fn retry(&mut self, r: (SimTime, SimTime)) {
        if let Some(out) = self.retries.push(r) {
            self.elide(out.0, out.1).retries += 1;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExecDetail {
    pub row: super::executions::ExecRow,
    pub moves: Vec<Move>,
    pub steps: Vec<StepTimeline>,
    /// Lines in its history (`history::lines` reads them).
    pub history_len: usize,
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

/// What an execution's page reads: the executions, and the names of
/// workflows and contacts. Not [`Area::Log`]: every event about an
/// execution touches [`Area::Executions`], so its lines in the log change
/// only with that area.
pub const AREAS: [Area; 3] = [Area::Executions, Area::Workflows, Area::People];

pub fn detail(state: &State, log: LogView<'_>, index: &LogIndex, x: ExecIx) -> Option<ExecDetail> {
    if x.ix() >= state.executions.len() {
        return None;
    }
    let e = state.execution(x);
    let version = state.version_of(x);
    let count = version.compiled.steps.len();
    let mut building: Vec<Building> = (0..count).map(|_| Building::default()).collect();
    let mut moves = Vec::new();
    let mut last_t = e.created_at;
    for p in index.of_exec(x) {
        let p = *p as usize;
        if p >= log.len() {
            break;
        }
        let stamped = &*log.get(p);
        let t = stamped.t;
        last_t = last_t.max(t);
        match &stamped.event {
            Event::ExecutionState {
                from, to, reason, ..
            } => moves.push(Move {
                t,
                from: *from,
                to: *to,
                reason: reason
                    .as_ref()
                    .map(|r| super::reason_text::reason_text(state, x, r)),
            }),
            Event::StepStatus { step, to, .. } => {
                let Some(s) = building.get_mut(step.ix()) else {
                    continue;
                };
                if let Some(open) = s.spans.newest().filter(|sp| sp.to.is_none()) {
                    open.to = Some(t);
                }
                s.span(Span {
                    from: t,
                    to: (*to).is_finished().then_some(t),
                    status: *to,
                });
                s.last = Some(*to);
            }
            Event::StepAttempt {
                step, attempt, ok, ..
            }
            | Event::Compensation {
                step, attempt, ok, ..
            } => {
                if let Some(s) = building.get_mut(step.ix()) {
                    s.attempt(Attempt {
                        t,
                        attempt: *attempt,
                        ok: *ok,
                        compensation: matches!(stamped.event, Event::Compensation { .. }),
                    });
                }
            }
            Event::RetryScheduled { step, due, .. } => {
                if let Some(s) = building.get_mut(step.ix()) {
                    s.retry((t, *due));
                }
            }
            _ => {}
        }
    }
    let steps: Vec<StepTimeline> = version
        .compiled
        .steps
        .iter()
        .zip(building)
        .enumerate()
        .map(|(i, (s, b))| {
            let (id, name) = step_label(state, x, StepIx(i as u16));
            let last = b.last;
            let (spans, attempts, retries, elided) = b.finish();
            StepTimeline {
                id,
                name,
                kind: s.kind,
                spans,
                attempts,
                retries,
                last,
                elided,
            }
        })
        .collect();
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
        history_len: HistoryPositions::new(index, x).len(),
        exhausted,
        until,
    })
}
