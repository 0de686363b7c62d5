use flowlab_engine::command::Command;
use flowlab_engine::machines::execution::ExecState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::metrics_panel::MetricsPanel;
use super::range_filter::RangeFilter;
use super::steps_panel::StepsPanel;
use super::{tone_class, StateBadge};
use crate::browser::download::download_text;
use crate::host::{use_runtime, Area};
use crate::i18n::{num, plural, tr};
use crate::run_view::executions::{query, ExecFilter, ExecPage, ExecRow};
use crate::run_view::exports::{runs_csv, runs_file};
use crate::run_view::runs_query::{from_query, to_query};
use crate::sim_time_text::format_sim_time;
use crate::t;

const PER_PAGE: usize = 50;

/// Every execution, filtered, with counts per state and bulk ack.
#[component]
pub fn RunsScreen() -> impl IntoView {
    let rt = use_runtime();
    // Every filter is in the query string (`/runs?workflow=id&from=2m`): a
    // preset's link, a reload and a shared link open the same table.
    let location = use_location();
    let read_url = move || {
        location.query.with(|q| {
            from_query(
                |key| q.get(key),
                |id| {
                    rt.with_untracked(|s| s.state().workflow_ix.contains_key(id))
                        .unwrap_or(true)
                },
            )
        })
    };
    let (from_link, range_link) = untrack(read_url);
    let filter = RwSignal::new(from_link);
    let range = RwSignal::new(range_link);
    let page = RwSignal::new(0usize);
    // The URL changed from outside (the Runs link, a preset's link): the
    // filters follow. Our own writes below read back as the filters already
    // are, and `navigate` sets the URL before this runs.
    Effect::new(move |prev: Option<()>| {
        let (f, r) = read_url();
        let current = filter.with_untracked(|x| range.with_untracked(|y| to_query(x, y)));
        if prev.is_some() && to_query(&f, &r) != current {
            range.set(r);
            filter.set(f);
            page.set(0);
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        let wanted = filter.with(|f| range.with(|r| to_query(f, r)));
        let path = location.pathname.get_untracked();
        if path == "/runs"
            && location
                .search
                .with_untracked(|s| wanted.trim_start_matches('?') != s.trim_start_matches('?'))
        {
            navigate(
                &format!("{path}{wanted}"),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let selected = RwSignal::new(Vec::<String>::new());
    let result = Memo::new(move |_| {
        let f = filter.get();
        let p = page.get();
        // Rows name the workflow and the contact.
        let areas = [Area::Executions, Area::Workflows, Area::People];
        rt.with_in(&areas, |s| query(s.state(), &f, p, PER_PAGE))
    });
    let workflows = Memo::new(move |_| {
        rt.with_workflows(|s| {
            s.state()
                .workflows
                .iter()
                .map(|w| {
                    (
                        w.draft.id.clone(),
                        w.draft.name.clone(),
                        w.versions.len() as u32,
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let chosen_workflow = Memo::new(move |_| filter.with(|f| f.workflow.clone()));
    let total = move || {
        rt.with_executions(|s| s.state().executions.len())
            .unwrap_or(0)
    };
    let set_filter = move |f: &dyn Fn(&mut ExecFilter)| {
        filter.update(|x| f(x));
        page.set(0);
    };
    // A link may name a workflow or version this workspace lacks; it is
    // known only once the workspace is open.
    Effect::new(move |_| {
        let (workflow_ok, version_ok) = rt
            .with_workflows(|s| {
                let state = s.state();
                filter.with_untracked(|f| {
                    let wf = f.workflow.as_ref().map(|id| state.workflow_ix.get(id));
                    match wf {
                        None => (true, true),
                        Some(None) => (false, false),
                        Some(Some(wf)) => (
                            true,
                            f.version
                                .is_none_or(|v| v as usize <= state.workflow(*wf).versions.len()),
                        ),
                    }
                })
            })
            .unwrap_or((true, true));
        if !workflow_ok {
            set_filter(&|f| f.workflow = None);
        }
        if !version_ok {
            set_filter(&|f| f.version = None);
        }
    });
    let export_csv = move |_| {
        let f = filter.get_untracked();
        let Some(text) = rt.with_untracked(|s| runs_csv(&query(s.state(), &f, 0, usize::MAX).rows))
        else {
            return;
        };
        if let Err(e) = download_text(runs_file(), "text/csv", &text) {
            web_sys::console::error_1(&e.into());
        }
    };
    let ack_selected = move |_| {
        for id in selected.get_untracked() {
            let _ = rt.command(Command::Ack { execution: id });
        }
        selected.set(Vec::new());
    };
    view! {
        <div class="page page--wide" data-testid="screen-runs">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("Runs")}</h1>
                    <p class="page-subtitle" data-testid="runs-summary">
                        {move || match total() {
                            0 => tr("No executions yet. Press play: the workspace's script publishes, activates and enrolls on simulated time.").to_string(),
                            n => plural("{n} execution on simulated time|{n} executions on simulated time", n as u64),
                        }}
                    </p>
                </div>
            </div>
            <div class="runs-filters" data-testid="runs-filters">
                <label class="field">
                    <span>{tr("Workflow")}</span>
                    <select data-testid="filter-workflow" prop:value=move || filter.with(|f| f.workflow.clone().unwrap_or_default()) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set_filter(&|f| { f.workflow = (!v.is_empty()).then(|| v.clone()); f.version = None; });
                    }>
                        <option value="">{tr("All workflows")}</option>
                        {move || workflows.get().into_iter().map(|(id, name, _)| {
                            let on = filter.with_untracked(|f| f.workflow.as_ref() == Some(&id));
                            view! { <option value=id.clone() selected=on>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{tr("Version")}</span>
                    <select data-testid="filter-version"
                        prop:value=move || filter.with(|f| f.version.map(|v| v.to_string()).unwrap_or_default())
                        disabled=move || filter.with(|f| f.workflow.is_none()) on:change=move |ev| {
                        let v = event_target_value(&ev).parse().ok();
                        set_filter(&|f| f.version = v);
                    }>
                        <option value="">{tr("All")}</option>
                        {move || {
                            let wf = filter.with(|f| f.workflow.clone());
                            let n = workflows.get().into_iter().find(|w| Some(&w.0) == wf.as_ref()).map_or(0, |w| w.2);
                            let chosen = filter.with_untracked(|f| f.version);
                            (1..=n).rev().map(|v| view! { <option value=v.to_string() selected=chosen == Some(v)>{format!("v{v}")}</option> }).collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span>{tr("State")}</span>
                    <select data-testid="filter-state" prop:value=move || filter.with(|f| f.state.map(|s| s.as_str()).unwrap_or_default().to_string()) on:change=move |ev| {
                        let v = ExecState::parse(&event_target_value(&ev));
                        set_filter(&|f| f.state = v);
                    }>
                        <option value="">{tr("Any state")}</option>
                        {ExecState::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.as_str()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field field--grow">
                    <span>{tr("Contact")}</span>
                    <input type="search" data-testid="filter-contact" placeholder=tr("id or name")
                        prop:value=move || filter.with(|f| f.contact.clone())
                        on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set_filter(&|f| f.contact = v.clone());
                    } />
                </label>
                <RangeFilter text=range apply=Callback::new(move |(from, to)| set_filter(&|f| { f.from = from; f.to = to; })) />
            </div>
            <div class="state-chips" data-testid="state-counts" role="group" aria-label=tr("Executions per state")>
                {move || {
                    let counts = result.get().map(|r| r.counts).unwrap_or([0; ExecState::COUNT]);
                    let chosen = filter.with(|f| f.state);
                    ExecState::ALL
                        .into_iter()
                        .filter(|s| counts[s.index()] > 0 || chosen == Some(*s))
                        .map(|s| {
                            let on = chosen == Some(s);
                            view! {
                                <button
                                    type="button"
                                    class=format!("state-chip state--{}", tone_class(s))
                                    class:state-chip--on=on
                                    aria-pressed=on.to_string()
                                    data-testid="state-count"
                                    data-state=s.as_str()
                                    data-count=counts[s.index()].to_string()
                                    on:click=move |_| set_filter(&|f| f.state = if on { None } else { Some(s) })
                                >
                                    <span class="state-chip-name" translate="no">{s.as_str()}</span>
                                    <span class="state-chip-count">{num(counts[s.index()] as u64)}</span>
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            {move || chosen_workflow.get().map(|wf| view! { <MetricsPanel workflow=wf table_version=Signal::derive(move || filter.with(|f| f.version)) /> })}
            {move || filter.with(|f| f.workflow.clone()).map(|wf| view! { <StepsPanel workflow=wf version=Signal::derive(move || filter.with(|f| f.version)) /> })}
            <div class="runs-bulk" data-testid="runs-bulk">
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="ack-selected"
                    disabled=move || selected.with(Vec::is_empty)
                    on:click=ack_selected
                >
                    {move || t!("Acknowledge selected ({n})", n = num(selected.with(Vec::len) as u64))}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="select-ackable"
                    title=tr("Select every execution on this page that waits for an acknowledgement")
                    on:click=move |_| {
                        let ids: Vec<String> = result.get_untracked().map(|r| r.rows.into_iter().filter(ackable).map(|r| r.id).collect()).unwrap_or_default();
                        selected.set(ids);
                    }
                >
                    {tr("Select all to acknowledge")}
                </button>
                <button type="button" class="button" data-testid="runs-export-csv"
                    title=tr("Download every execution matching the filters, all pages, as CSV")
                    on:click=export_csv>
                    {tr("Export CSV")}
                </button>
                <span class="runs-pager">
                    <span class="runs-count" data-testid="runs-matching">
                        {move || result.get().map(|r| t!("{n} matching · page {page} of {pages}", n = num(r.matching as u64), page = num(r.page as u64 + 1), pages = num(r.pages as u64))).unwrap_or_default()}
                    </span>
                    <button type="button" class="button" data-testid="page-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{tr("‹ Newer")}</button>
                    <button type="button" class="button" data-testid="page-next" disabled=move || result.get().is_none_or(|r| r.page + 1 >= r.pages) on:click=move |_| page.update(|p| *p += 1)>{tr("Older ›")}</button>
                </span>
            </div>
            <div class="table runs-table" role="table" aria-label=tr("Executions") data-testid="runs-table">
                <div class="table-head runs-row" role="row">
                    <span role="columnheader" aria-label=tr("Select")></span>
                    <span role="columnheader">{tr("Execution")}</span>
                    <span role="columnheader">{tr("Workflow")}</span>
                    <span role="columnheader">{tr("Contact")}</span>
                    <span role="columnheader">{tr("State")}</span>
                    <span role="columnheader">{tr("Step")}</span>
                    <span role="columnheader">{tr("Enrolled")}</span>
                </div>
                // Keyed by execution: a row stays while its execution is on
                // the page, and a slice rewrites only the cells it changed.
                <For each=move || result.get().map(|r| r.rows).unwrap_or_default() key=|row| row.id.clone() children=move |row| view! { <Row first=row page=result selected /> } />
            </div>
        </div>
    }
}

fn ackable(r: &ExecRow) -> bool {
    r.state.is_terminal() && !r.state.is_acknowledged()
}

/// One execution's row, following it in `page` while it is there.
#[component]
fn Row(
    first: ExecRow,
    page: Memo<Option<ExecPage>>,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let id = first.id.clone();
    let row = {
        let id = id.clone();
        Memo::new(move |previous: Option<&ExecRow>| {
            page.with(|p| {
                p.as_ref()
                    .and_then(|p| p.rows.iter().find(|r| r.id == id).cloned())
            })
            .or_else(|| previous.cloned())
            .unwrap_or_else(|| first.clone())
        })
    };
    let state = Memo::new(move |_| row.with(|r| r.state));
    let checked = {
        let id = id.clone();
        move || selected.with(|s| s.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            selected.update(|s| {
                if let Some(i) = s.iter().position(|x| *x == id) {
                    s.remove(i);
                } else {
                    s.push(id.clone());
                }
            })
        }
    };
    let select_label = t!("Select {id}", id = id.clone());
    let enrolled = row.with_untracked(|r| r.created_at);
    view! {
        <div class="runs-row" role="row" data-testid="run-row" data-execution=id.clone() data-state=move || state.get().as_str() data-enrolled-ms=enrolled.0.to_string()>
            <span role="cell">
                {move || row.with(ackable).then(|| view! {
                    <input type="checkbox" data-testid="run-select" aria-label=select_label.clone() prop:checked=checked.clone() on:change=toggle.clone() />
                })}
            </span>
            <a role="cell" class="link mono" href=format!("/runs/{id}") data-testid="run-link">{id.clone()}</a>
            <span role="cell" class="runs-wf">{move || row.with(|r| r.workflow_name.clone())}<span class="muted">{move || row.with(|r| format!(" · v{}", r.version))}</span></span>
            <span role="cell">{move || row.with(|r| r.contact_name.clone())}<span class="muted mono">{move || row.with(|r| format!(" {}", r.contact))}</span></span>
            <span role="cell">{move || view! { <StateBadge state=state.get() /> }}</span>
            <span role="cell" class="mono runs-step" translate="no">
                {move || row.with(|r| r.step.clone().map(|(step, status)| format!("{step} · {}", status.map(|s| s.as_str()).unwrap_or("-"))))}
            </span>
            <span role="cell" class="muted runs-time">{format_sim_time(enrolled)}</span>
        </div>
    }
}
