//! Run mode's controls in the bar: the Design | Run switch and, in run
//! mode, the version picker and live totals (the state is `RunView`, in
//! `run_context.rs`).

use crate::i18n::{plural, tr};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::export_menu::ExportMenu;
use super::run_context::use_run;
use super::run_model::CanvasMode;

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
