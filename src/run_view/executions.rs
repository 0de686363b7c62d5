//! The executions table: rows filtered by workflow, version, state,
//! contact and the time they were enrolled, newest first, one page at a time, with counts per state.

use flowlab_engine::ids::{ExecIx, WfIx};
use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::runtime::state::State;
use flowlab_engine::time::SimTime;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExecFilter {
    pub workflow: Option<String>,
    pub version: Option<u32>,
    pub state: Option<ExecState>,
    /// Part of a contact's id or name, any case; empty matches everyone.
    pub contact: String,
    /// Enrolled at or after this instant.
    pub from: Option<SimTime>,
    /// Enrolled at or before this instant.
    pub to: Option<SimTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExecRow {
    pub id: String,
    pub workflow: String,
    pub workflow_name: String,
    pub version: u32,
    pub contact: String,
    pub contact_name: String,
    pub state: ExecState,
    /// The step it is at (or ended at), and that step's status.
    pub step: Option<(String, Option<StepStatus>)>,
    pub created_at: SimTime,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExecPage {
    pub rows: Vec<ExecRow>,
    /// Executions matching the whole filter.
    pub matching: usize,
    /// Per state, executions matching the filter but its state.
    pub counts: [u32; ExecState::COUNT],
    pub page: usize,
    pub pages: usize,
}

pub fn row(state: &State, x: ExecIx) -> ExecRow {
    let e = state.execution(x);
    let wf = state.workflow(e.wf);
    let contact = &state.contacts[e.contact.ix()];
    let step = e.cursor.map(|s| {
        (
            state.version_of(x).compiled.step(s).id.clone(),
            e.steps[s.ix()].status(),
        )
    });
    ExecRow {
        id: x.name(),
        workflow: wf.draft.id.clone(),
        workflow_name: wf.draft.name.clone(),
        version: e.version,
        contact: contact.id.clone(),
        contact_name: contact.display_name().to_string(),
        state: e.state,
        step,
        created_at: e.created_at,
    }
}

/// One page (0-based) of the executions matching `filter`, newest first.
pub fn query(state: &State, filter: &ExecFilter, page: usize, per_page: usize) -> ExecPage {
    let per_page = per_page.max(1);
    let wf: Option<WfIx> = match &filter.workflow {
        Some(id) => match state.workflow_ix.get(id) {
            Some(wf) => Some(*wf),
            None => return empty(),
        },
        None => None,
    };
    let needle = filter.contact.trim().to_lowercase();
    let contact_ok: Option<Vec<bool>> = (!needle.is_empty()).then(|| {
        state
            .contacts
            .iter()
            .map(|c| {
                c.id.to_lowercase().contains(&needle)
                    || c.name
                        .given()
                        .is_some_and(|n| n.to_lowercase().contains(&needle))
            })
            .collect()
    });
    let candidates: Box<dyn DoubleEndedIterator<Item = ExecIx> + '_> = match wf {
        Some(wf) => Box::new(state.workflow(wf).executions.iter().copied()),
        None => Box::new((0..state.executions.len() as u32).map(ExecIx)),
    };
    let mut counts = [0u32; ExecState::COUNT];
    let mut matching = 0;
    let mut rows = Vec::new();
    let skip = page * per_page;
    for x in candidates.rev() {
        let e = state.execution(x);
        if filter.version.is_some_and(|v| v != e.version)
            || contact_ok.as_ref().is_some_and(|ok| !ok[e.contact.ix()])
            || filter.from.is_some_and(|t| e.created_at < t)
            || filter.to.is_some_and(|t| e.created_at > t)
        {
            continue;
        }
        counts[e.state.index()] += 1;
        if filter.state.is_some_and(|s| s != e.state) {
            continue;
        }
        if matching >= skip && rows.len() < per_page {
            rows.push(row(state, x));
        }
        matching += 1;
    }
    ExecPage {
        rows,
        matching,
        counts,
        page,
        pages: matching.div_ceil(per_page).max(1),
    }
}

fn empty() -> ExecPage {
    ExecPage {
        rows: Vec::new(),
        matching: 0,
        counts: [0; ExecState::COUNT],
        page: 0,
        pages: 1,
    }
}

/// What an operator may do to an execution now (lifecycle.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allowed {
    pub stop: bool,
    pub rollback: bool,
    pub ack: bool,
}

pub fn allowed(state: &State, x: ExecIx) -> Allowed {
    let e = state.execution(x);
    Allowed {
        stop: !e.state.is_terminal(),
        rollback: e.state == ExecState::FailedUnsafe && !e.rollback.get().exhausted.is_empty(),
        ack: e.state.is_terminal() && !e.state.is_acknowledged(),
    }
}
