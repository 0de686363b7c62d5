//! Run mode's state, shared through context as `RunView`: the mode and
//! version from the URL, the versions with their executions, and one
//! version's steps as the clock runs (computed once per engine change and
//! read by every node and edge). Also the bar's controls: the Design | Run
//! switch and, in run mode, the version picker and live totals.

use crate::i18n::{plural, tr};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::canvas::fit;
use super::export_menu::ExportMenu;
use super::run_model::{
    choose_version, editor_href, parse_mode, CanvasMode, RunSteps, VersionChoice,
};
use super::state::{Ed, Selection};
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
        let rt = ed.rt;
        let workflow = ed.wf;
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
                ed.viewing.set(now.1);
                ed.selection.set(Selection::default());
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

/// Design | Run, as a segmented switch. Each side is a link, so the mode
/// can be opened in a new tab and bookmarked.
#[component]
pub fn ModeSwitch() -> impl IntoView {
    let run = use_run();
    let button = move |mode: CanvasMode, label: &'static str, title: &'static str| {
        let on = move || run.mode.get() == mode;
        view! {
            <a class="mode-switch-option" class:mode-switch-option--on=on
                href=move || run.href(mode, None)
                data-testid=format!("mode-{}", mode.as_str())
                aria-current=move || on().then_some("page")
                title=title>
                {label}
            </a>
        }
    };
    view! {
        <nav class="mode-switch" data-testid="mode-switch" data-mode=move || run.mode.get().as_str()
            aria-label=tr("Canvas mode")>
            {button(CanvasMode::Design, tr("Design"), tr("Edit the draft"))}
            {button(CanvasMode::Run, tr("Run"), tr("Watch a published version's executions on the canvas"))}
        </nav>
    }
}

/// In run mode, the bar's right side: which version, and how many of its
/// executions there are and are still going.
#[component]
pub fn RunBar() -> impl IntoView {
    let run = use_run();
    let navigate = StoredValue::new_local(use_navigate());
    let shown = move || run.choice.with(|c| c.shown);
    let pick = move |ev: leptos::ev::Event| {
        let Ok(n) = event_target_value(&ev).parse::<u32>() else {
            return;
        };
        let href = run.href(CanvasMode::Run, Some(n));
        navigate.with_value(|go| {
            go(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
    };
    let totals = move || {
        let v = shown()?;
        run.versions
            .with(|vs| vs.iter().find(|r| r.number == v).cloned())
    };
    let latest = move || run.versions.with(|vs| vs.last().map(|v| v.number));
    view! {
        <div class="run-bar" data-testid="run-bar">
            <label class="run-version">
                <span>{tr("Version")}</span>
                <select data-testid="run-version" disabled=move || run.versions.with(Vec::is_empty)
                    prop:value=move || shown().map(|v| v.to_string()).unwrap_or_default()
                    on:change=pick>
                    {move || run.versions.get().into_iter().rev().map(|v| {
                        let tail = if Some(v.number) == latest() { tr(" · latest") } else { "" };
                        view! {
                            <option value=v.number.to_string() selected=Some(v.number) == shown()>
                                {format!("v{} · {}{tail}", v.number, plural("{n} execution|{n} executions", v.executions))}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            {move || totals().map(|t| view! {
                <span class="run-totals" data-testid="run-totals" data-executions=t.executions data-in-flight=t.in_flight>
                    {plural("{n} execution|{n} executions", t.executions)}" · "{plural("{n} in flight|{n} in flight", t.in_flight)}
                </span>
            })}
            <ExportMenu />
        </div>
    }
}
