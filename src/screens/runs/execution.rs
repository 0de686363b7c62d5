use flowlab_engine::command::Command;
use flowlab_engine::ids::ExecIx;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::index::{use_run_index, use_run_screen_index};
use super::timeline::StepTimelineView;
use super::StateBadge;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::lifecycle_diagram::{Highlight, LifecycleDiagram};
use crate::components::virtual_list::VirtualList;
use crate::host::use_runtime;
use crate::i18n::{current, num, tr, Lang};
use crate::run_view::execution::{detail, AREAS};
use crate::run_view::executions::allowed;
use crate::run_view::history::lines;
use crate::run_view::lifecycle;
use crate::sim_time_text::format_sim_time;
use crate::t;

/// One execution: where it is in the lifecycle and how it got there, its
/// steps over time, its history, and what an operator may do to it.
#[component]
pub fn ExecutionScreen() -> impl IntoView {
    let rt = use_runtime();
    let index = use_run_screen_index();
    let params = use_params_map();
    let id = move || params.read().get("execution").unwrap_or_default();
    let data = Memo::new(move |_| {
        let x = ExecIx::parse(&id())?;
        index
            .with_in(&AREAS, |s, ix| {
                let d = detail(s.state(), s.log(), ix, x)?;
                Some((d, allowed(s.state(), x)))
            })
            .flatten()
    });
    let highlight = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref()
                .map(|(d, _)| Highlight {
                    counts: Vec::new(),
                    lit: Some(d.row.state.as_str().to_string()),
                    path: Some(
                        d.path()
                            .into_iter()
                            .map(|(a, b)| (a.as_str().to_string(), b.as_str().to_string()))
                            .collect(),
                    ),
                    visited: d
                        .visited()
                        .into_iter()
                        .map(|s| s.as_str().to_string())
                        .collect(),
                })
                .unwrap_or_default()
        })
    });
    let act = move |command: Command| {
        let _ = rt.command(command);
    };
    // The execution a Stop waits on a confirmation for, with what it is.
    let stopping = RwSignal::new(None::<(String, String)>);
    view! {
        <div class="page page--wide" data-testid="screen-execution">
            <a class="link back-link" href="/runs" data-testid="back-to-runs">{tr("← All runs")}</a>
            {move || match data.get() {
                None => view! {
                    <div class="page-header"><h1 class="page-title">{t!("No execution {id}", id = id())}</h1></div>
                    <p class="muted" data-testid="execution-missing">{tr("It does not exist in this workspace (yet). Executions are named e1, e2, … in the order they start.")}</p>
                }.into_any(),
                Some((d, can)) => {
                    let ex = d.row.id.clone();
                    let (e1, e2, e3) = (ex.clone(), ex.clone(), ex.clone());
                    let what = t!("{workflow} of {name} ({contact})", workflow = d.row.workflow_name, name = d.row.contact_name, contact = d.row.contact);
                    let reason = d.reason();
                    view! {
                        <div class="page-header">
                            <div>
                                <h1 class="page-title exec-title">
                                    <span class="mono" data-testid="execution-id">{ex.clone()}</span>
                                    <StateBadge state=d.row.state />
                                </h1>
                                <p class="page-subtitle" data-testid="execution-summary">
                                    {t!("{workflow} · v{version} · {name} ({contact}) · enrolled {when}", workflow = d.row.workflow_name, version = d.row.version, name = d.row.contact_name, contact = d.row.contact, when = format_sim_time(d.row.created_at))}
                                </p>
                                {reason.map(|r| view! { <p class="exec-reason" data-testid="execution-reason">{r}</p> })}
                            </div>
                            <div class="exec-actions" role="group" aria-label=tr("Operator actions")>
                                <button type="button" class="button" data-testid="action-stop" disabled=!can.stop
                                    title=tr("Operator stop: CANCELLED (any non-terminal state)")
                                    on:click=move |_| stopping.set(Some((e1.clone(), what.clone())))>{tr("Stop…")}</button>
                                <button type="button" class="button" data-testid="action-rollback" disabled=!can.rollback
                                    title=if can.rollback { t!("Run the exhausted compensations again: {steps}", steps = d.exhausted.join(", ")) } else { tr("Only a FAILED_UNSAFE execution with exhausted compensations can be rolled back").to_string() }
                                    on:click=move |_| act(Command::Rollback { execution: e2.clone() })>{tr("Rollback")}</button>
                                <button type="button" class="button button--primary" data-testid="action-ack" disabled=!can.ack
                                    title=tr("Acknowledge the terminal state")
                                    on:click=move |_| act(Command::Ack { execution: e3.clone() })>{tr("Acknowledge")}</button>
                            </div>
                        </div>
                        <section class="card" data-testid="execution-lifecycle">
                            <h2 class="section-title">{tr("Execution lifecycle")}<span class="muted">{tr(" · the path it took, where it is now")}</span></h2>
                            <LifecycleDiagram diagram=lifecycle::execution() highlight=highlight title=t!("Execution lifecycle of {id}", id = ex) />
                        </section>
                        <section class="card">
                            <h2 class="section-title">{tr("Steps")}</h2>
                            <StepTimelineView steps=d.steps.clone() until=d.until />
                        </section>
                        <section class="card">
                            <h2 class="section-title" data-testid="history-title">{history_title(d.history_len as u64)}</h2>
                            {ExecIx::parse(&ex).map(|x| view! { <HistoryList x=x count=d.history_len /> })}
                        </section>
                    }.into_any()
                }
            }}
            <leptos::portal::Portal>
                <Show when=move || stopping.with(Option::is_some)>
                    <ConfirmDialog
                        testid="stop-dialog"
                        title=Signal::derive(move || t!("Stop {id}?", id = stopping.with(|s| s.as_ref().map(|s| s.0.clone()).unwrap_or_default())))
                        body=Signal::derive(move || stopping.with(|s| s.as_ref().map(|(_, what)| t!("The execution ({what}) is cancelled now: the step it is on stops and no later step runs. It cannot be resumed.",
                            what = what
                        )).unwrap_or_default()))
                        cancel_label=tr("Keep it running")
                        cancel_testid="stop-cancel"
                        confirm_label=tr("Stop")
                        confirm_testid="stop-confirm"
                        danger=true
                        on_cancel=Callback::new(move |_| stopping.set(None))
                        on_confirm=Callback::new(move |_| {
                            if let Some((execution, _)) = stopping.get_untracked() {
                                act(Command::Stop { execution });
                            }
                            stopping.set(None);
                        })
                    />
                </Show>
            </leptos::portal::Portal>
        </div>
    }
}

/// "History · 4000011 lines": English keeps its digits ungrouped, as the
/// million-attempts test reads them; French groups them.
fn history_title(n: u64) -> String {
    let n = match current() {
        Lang::En => n.to_string(),
        Lang::Fr => num(n),
    };
    t!("History · {n} lines", n = n)
}

/// A history line's height, px (`.history-line` in runs.css).
const LINE_PX: f64 = 30.0;
/// The history's height before it scrolls, px.
const HISTORY_PX: f64 = 420.0;

/// The execution's history, only the lines in view read from the log.
#[component]
fn HistoryList(x: ExecIx, count: usize) -> impl IntoView {
    let index = use_run_index();
    let render = Callback::new(move |range: std::ops::Range<usize>| {
        let shown = index
            .with_in(&AREAS, |s, ix| lines(s.state(), s.log(), ix, x, range))
            .unwrap_or_default();
        shown
            .into_iter()
            .map(|h| {
                let text = h
                    .fields
                    .iter()
                    .filter(|(k, _)| k != "execution")
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join("  ");
                view! {
                    <div class="history-line" translate="no" data-testid="history-line" data-type=h.kind.clone() data-index=h.n.to_string() title=text>
                        <span class="history-time mono">{format_sim_time(h.t)}</span>
                        <span class=format!("history-type history-type--{}", h.kind)>{h.kind.clone()}</span>
                        <span class="history-fields">
                            {h.fields.into_iter().filter(|(k, _)| k != "execution").map(|(k, v)| view! {
                                <span class="history-field"><span class="muted">{k}</span>" "<span class="mono">{v}</span></span>
                            }).collect_view()}
                        </span>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    });
    view! {
        <VirtualList count=Signal::stored(count) row_px=LINE_PX view_px=HISTORY_PX testid="execution-history" class="history" render=render />
    }
}
