//! What the canvas shows in run mode for one version of a workflow: per
//! step, executions by status, whether it was executed, how many are at it
//! now, and each edge with its traversal count as `N - Ok`.

use flowlab_engine::ids::{StepIx, WfIx};
use flowlab_engine::machines::step::StepStatus;
use flowlab_engine::model::{Port, StepKind};
use flowlab_engine::runtime::compiled::{Body, CompiledStep, FailAction};
use flowlab_engine::runtime::state::State;

#[derive(Clone, Debug, PartialEq)]
pub struct EdgeView {
    pub port: Port,
    pub to: String,
    pub count: u64,
}

impl EdgeView {
    /// The campaign view's label: `574 - Ok`.
    pub fn label(&self) -> String {
        format!("{} - Ok", self.count)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub id: String,
    pub name: String,
    pub kind: StepKind,
    /// Executions of the version whose last status at this step is each one.
    pub counts: [u64; StepStatus::ALL.len()],
    /// Some execution has been at this step (circled on the canvas).
    pub executed: bool,
    /// Executions at this step now (blinking on the canvas).
    pub current: u64,
    pub edges: Vec<EdgeView>,
}

impl StepView {
    pub fn count(&self, status: StepStatus) -> u64 {
        self.counts[status as usize]
    }
}

/// The edges a step can leave by, as written in the version.
fn ports(step: &CompiledStep) -> Vec<(Port, StepIx)> {
    let mut out = Vec::new();
    let mut add = |port, to: Option<StepIx>| {
        if let Some(to) = to {
            out.push((port, to));
        }
    };
    match &step.body {
        Body::Condition { yes, no, .. } => {
            add(Port::Yes, *yes);
            add(Port::No, *no);
        }
        Body::Approval {
            approved,
            rejected,
            timeout_to,
            ..
        } => {
            add(Port::Approved, approved.or(step.next));
            add(Port::Rejected, rejected.or(step.next));
            add(Port::Timeout, *timeout_to);
        }
        Body::End => {}
        Body::Action { on_fail, .. } | Body::Filter { on_fail, .. } => {
            add(Port::Next, step.next);
            if let FailAction::Branch { goto, .. } = on_fail {
                add(Port::OnFail, *goto);
            }
        }
        Body::Wait { .. } | Body::Enroll { .. } => add(Port::Next, step.next),
    }
    out
}

/// The steps of `version` (1-based) of `wf`, in their order; empty when
/// the version does not exist.
pub fn version_steps(state: &State, wf: WfIx, version: u32) -> Vec<StepView> {
    let w = state.workflow(wf);
    let Some(v) = version
        .checked_sub(1)
        .and_then(|i| w.versions.get(i as usize))
    else {
        return Vec::new();
    };
    let mut views: Vec<StepView> = v
        .compiled
        .steps
        .iter()
        .map(|s| StepView {
            id: s.id.clone(),
            name: v
                .draft
                .steps
                .iter()
                .find(|d| d.id == s.id)
                .and_then(|d| d.name.clone())
                .unwrap_or_else(|| s.id.clone()),
            kind: s.kind,
            counts: [0; StepStatus::ALL.len()],
            executed: false,
            current: 0,
            edges: Vec::new(),
        })
        .collect();
    for x in &w.executions {
        let e = state.execution(*x);
        if e.version != version {
            continue;
        }
        for (i, run) in e.steps.iter().enumerate() {
            if let Some(status) = run.status() {
                let view = &mut views[i];
                view.counts[status as usize] += 1;
                view.executed = true;
                if status.in_progress() && !e.state.is_terminal() {
                    view.current += 1;
                }
            }
        }
    }
    let counts = &w.edge_counts[v.number as usize - 1];
    for (i, step) in v.compiled.steps.iter().enumerate() {
        let mut edges: Vec<(Port, StepIx)> = ports(step);
        for key in &state.edge_order {
            let (kw, kv, from, port, to) = *key;
            if kw == wf && kv == version && from.ix() == i && !edges.contains(&(port, to)) {
                edges.push((port, to));
            }
        }
        views[i].edges = edges
            .into_iter()
            .map(|(port, to)| EdgeView {
                port,
                to: v.compiled.step(to).id.clone(),
                count: counts[i * Port::COUNT + port as usize],
            })
            .collect();
    }
    views
}

/// A published version and how many executions it has had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRuns {
    pub number: u32,
    pub executions: u64,
    /// Executions of it not yet in a terminal state.
    pub in_flight: u64,
}

/// Every published version of `wf`, oldest first, with its executions.
pub fn version_runs(state: &State, wf: WfIx) -> Vec<VersionRuns> {
    let w = state.workflow(wf);
    let mut out: Vec<VersionRuns> = w
        .versions
        .iter()
        .map(|v| VersionRuns {
            number: v.number,
            executions: 0,
            in_flight: 0,
        })
        .collect();
    for x in &w.executions {
        let e = state.execution(*x);
        if let Some(v) = out.get_mut(e.version as usize - 1) {
            v.executions += 1;
            v.in_flight += u64::from(!e.state.is_terminal());
        }
    }
    out
}

#[cfg(test)]
mod version_runs_tests {
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim;
    use flowlab_engine::time::SimTime;

    use super::*;
    use crate::session::Session;

    #[test]
    fn each_version_counts_its_own_executions() {
        let scenario = parse_scenario(
            "workspace.json",
            crate::file_format::samples::SAMPLE_WORKSPACE,
        )
        .expect("parses");
        let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
        s.advance_to(SimTime(3 * 3_600_000), usize::MAX)
            .expect("runs");
        let state = s.state();
        let mut seen = 0;
        for (i, w) in state.workflows.iter().enumerate() {
            let runs = version_runs(state, WfIx(i as u32));
            assert_eq!(runs.len(), w.versions.len());
            for r in &runs {
                let expected = w
                    .executions
                    .iter()
                    .filter(|x| state.execution(**x).version == r.number)
                    .count() as u64;
                assert_eq!(r.executions, expected);
                assert!(r.in_flight <= r.executions);
            }
            seen += runs.iter().map(|r| r.executions).sum::<u64>();
        }
        assert_eq!(seen as usize, state.executions.len());
        assert!(seen > 0);
    }
}
