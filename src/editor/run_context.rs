//! Run mode's state, shared through context as `RunView`: the mode and
//! version from the URL, the versions with their executions, and one
//! version's steps as the clock runs (computed once per engine change and
//! read by every node and edge).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::context::Ed;
use super::run_model::{
    choose_version, editor_href, parse_mode, CanvasMode, RunSteps, VersionChoice,
};
use super::state::Selection;
use super::viewport::fit;
use crate::run_view::steps::{version_runs, version_steps, VersionRuns};

#[derive(Clone, Copy)]
pub struct RunView {
    pub workflow: StoredValue<String>,
    pub mode: Memo<CanvasMode>,
    pub versions: Memo<Vec<VersionRuns>>,
    pub choice: Memo<VersionChoice>,
    /// What the URL asked that could not be shown, in words.
    pub problem: Memo<Option<String>>,
    /// The shown version's steps; `None` in design mode.
    pub steps: Memo<Option<RunSteps>>,
}

pub fn use_run() -> RunView {
    use_context::<RunView>().expect("the editor provides RunView")
}

impl RunView {
    /// Reads the URL, provides the context, and shows the chosen version
    /// read-only on the canvas while in run mode.
    pub fn provide(ed: Ed) -> RunView {
        let rt = ed.doc.rt;
        let workflow = ed.doc.wf;
        let query = use_query_map();
        let parsed_mode = Memo::new(move |_| query.with(|q| parse_mode(q.get_str("mode"))));
        let mode = Memo::new(move |_| parsed_mode.get().unwrap_or_default());
        let versions = Memo::new(move |_| {
            rt.with_workflows_runs(|s| {
                let state = s.state();
                state
                    .workflow_ix
                    .get(&workflow.get_value())
                    .map(|wf| version_runs(state, *wf))
            })
            .flatten()
            .unwrap_or_default()
        });
        let numbers =
            Memo::new(move |_| versions.with(|v| v.iter().map(|v| v.number).collect::<Vec<u32>>()));
        let choice = Memo::new(move |_| {
            let asked = query.with(|q| q.get("v"));
            numbers.with(|n| choose_version(asked.as_deref(), n))
        });
        let problem = Memo::new(move |_| match parsed_mode.get() {
            Err(e) => Some(e.said()),
            Ok(CanvasMode::Run) => choice.with(|c| c.problem.as_ref().map(|p| p.said())),
            Ok(CanvasMode::Design) => None,
        });
        let shown = Memo::new(move |_| match mode.get() {
            CanvasMode::Run => choice.with(|c| c.shown),
            CanvasMode::Design => None,
        });
        let steps = Memo::new(move |_| {
            let v = shown.get()?;
            rt.with_workflows_runs(|s| {
                let state = s.state();
                let wf = *state.workflow_ix.get(&workflow.get_value())?;
                Some(RunSteps::new(v, version_steps(state, wf, v)))
            })
            .flatten()
        });
        let run = RunView {
            workflow,
            mode,
            versions,
            choice,
            problem,
            steps,
        };
        provide_context(run);

        // Entering or leaving run mode, or another version: show it
        // read-only (or the draft again) and fit it to the screen.
        Effect::new(move |prev: Option<(CanvasMode, Option<u32>)>| {
            let now = (mode.get(), shown.get());
            if prev.is_some_and(|p| p == now) {
                return now;
            }
            let first = prev.is_none();
            if !(first && now.0 == CanvasMode::Design) {
                ed.view.viewing.set(now.1);
                ed.view.selection.set(Selection::default());
                request_animation_frame(move || fit(ed));
            }
            now
        });
        run
    }

    /// In run mode (tracked).
    pub fn active(&self) -> bool {
        self.mode.get() == CanvasMode::Run
    }

    pub fn active_untracked(&self) -> bool {
        self.mode.get_untracked() == CanvasMode::Run
    }

    pub fn href(&self, mode: CanvasMode, version: Option<u32>) -> String {
        editor_href(&self.workflow.get_value(), mode, version)
    }
}
