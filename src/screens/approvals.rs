//! Operator inboxes: the approval notifications the engine sent each
//! operator, with approve / reject for the ones still open. Only members of
//! an approval's group are notified, so a non-member is never offered one.

use flowlab_engine::command::{Command, DecideTarget, Decision};
use flowlab_engine::ids::OperatorIx;
use leptos::prelude::*;

use crate::host::use_runtime;
use crate::i18n::{num, tr};
use crate::run_view::approvals::{inbox, open_count, InboxItem, Status, AREAS};
use crate::screens::runs::index::use_run_screen_index;
use crate::sim_time_text::format_sim_time;
use crate::t;

#[component]
pub fn ApprovalsScreen() -> impl IntoView {
    let index = use_run_screen_index();
    let chosen = RwSignal::new(0u32);
    let operators = Memo::new(move |_| {
        index
            .with_in(&AREAS, |s, ix| {
                let st = s.state();
                st.operators
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let op = OperatorIx(i as u32);
                        (
                            o.id.clone(),
                            o.name.clone(),
                            o.groups.join(", "),
                            open_count(st, s.log(), ix, op),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let items = Memo::new(move |_| {
        let op = OperatorIx(chosen.get());
        index
            .with_in(&AREAS, |s, ix| {
                (op.ix() < s.state().operators.len()).then(|| inbox(s.state(), s.log(), ix, op))
            })
            .flatten()
            .unwrap_or_default()
    });
    let me = move || operators.with(|o| o.get(chosen.get() as usize).cloned());
    view! {
        <div class="page page--wide" data-testid="screen-approvals">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("Approvals")}</h1>
                    <p class="page-subtitle">{tr("What the engine sent each operator, by email and SMS. The first decision of a group member wins.")}</p>
                </div>
            </div>
            <div class="inbox-layout">
                <nav class="inbox-operators" aria-label=tr("Operators") data-testid="inbox-operators">
                    {move || operators.get().into_iter().enumerate().map(|(i, (id, name, groups, open))| view! {
                        <button
                            type="button"
                            class="inbox-operator"
                            class:inbox-operator--on=move || chosen.get() == i as u32
                            aria-pressed=move || (chosen.get() == i as u32).to_string()
                            data-testid="inbox-operator"
                            data-operator=id.clone()
                            on:click=move |_| chosen.set(i as u32)
                        >
                            <span class="inbox-operator-name">{name}</span>
                            <span class="muted inbox-operator-groups">{if groups.is_empty() { tr("no group").to_string() } else { groups }}</span>
                            {(open > 0).then(|| view! { <span class="inbox-open" data-testid="inbox-open-count">{num(open as u64)}</span> })}
                        </button>
                    }).collect_view()}
                </nav>
                <section class="inbox" data-testid="inbox">
                    {move || me().map(|(id, name, _, _)| view! {
                        <h2 class="section-title">{t!("{name}'s inbox", name = name)}<span class="muted mono">{format!(" {id}")}</span></h2>
                    })}
                    {move || {
                        let list = items.get();
                        if list.is_empty() {
                            view! { <p class="muted inbox-empty" data-testid="inbox-empty">{tr("No notifications. An approval step notifies the operators of its group when an execution reaches it.")}</p> }.into_any()
                        } else {
                            let op = me().map(|m| m.0).unwrap_or_default();
                            list.into_iter().map(|item| view! { <InboxCard item operator=op.clone() /> }).collect_view().into_any()
                        }
                    }}
                </section>
            </div>
        </div>
    }
}

/// A decision's code (`approve`, `reject`) in the page's language.
fn decision_text(code: &'static str) -> &'static str {
    match code {
        "approve" => tr("approve"),
        "reject" => tr("reject"),
        other => other,
    }
}

#[component]
fn InboxCard(item: InboxItem, operator: String) -> impl IntoView {
    let rt = use_runtime();
    let decide = move |execution: String, decision: Decision| {
        let op = operator.clone();
        move |_| {
            let _ = rt.command(Command::Decide {
                target: DecideTarget::Execution(execution.clone()),
                operator: op.clone(),
                decision,
            });
        }
    };
    let status = match &item.status {
        Status::Open => ("open", tr("Waiting for a decision").to_string()),
        Status::Decided { by, decision, at } => (
            "decided",
            t!(
                "{by} chose {decision} at {when}",
                by = by,
                decision = decision_text(decision),
                when = format_sim_time(*at)
            ),
        ),
        Status::Closed => (
            "closed",
            tr("No longer waiting (timed out or the execution ended)").to_string(),
        ),
    };
    let open = item.status == Status::Open;
    let scope = if item.shared {
        t!("Campaign validation: one decision for every execution of v{version} at this step ({n} waiting)", version = item.version, n = num(item.waiting as u64))
    } else {
        t!("For {execution} only", execution = item.execution)
    };
    view! {
        <article class=format!("inbox-card inbox-card--{}", status.0) data-testid="inbox-item" data-execution=item.execution.clone() data-step=item.step.clone() data-status=status.0>
            <div class="inbox-card-head">
                <div class="inbox-channels">
                    {item.channels.iter().map(|c| view! { <span class="channel" data-testid="inbox-channel" data-channel=*c>{if *c == "sms" { tr("SMS") } else { tr("Email") }}</span> }).collect_view()}
                    {item.channels.is_empty().then(|| view! {
                        <span class="channel channel--none" data-testid="inbox-not-notified"
                            title=tr("It opened before this operator joined the group: no notification was sent, but members decide")>{tr("Not notified")}</span>
                    })}
                </div>
                <span class="muted mono">{format_sim_time(item.t)}</span>
            </div>
            <h3 class="inbox-subject">{format!("{} · {}", item.workflow_name, item.step_name)}</h3>
            <p class="muted">
                {t!("Contact {name} · ", name = item.contact_name)}
                <a class="link mono" href=format!("/runs/{}", item.execution)>{item.execution.clone()}</a>
                {format!(" · {scope}")}
            </p>
            <div class="inbox-card-foot">
                <span class="inbox-status" data-testid="inbox-status">{status.1}</span>
                {open.then(|| view! {
                    <div class="inbox-buttons">
                        <button type="button" class="button button--bad" data-testid="inbox-reject" on:click=decide(item.execution.clone(), Decision::Reject)>{tr("Reject")}</button>
                        <button type="button" class="button button--primary" data-testid="inbox-approve" on:click=decide(item.execution.clone(), Decision::Approve)>{tr("Approve")}</button>
                    </div>
                })}
            </div>
        </article>
    }
}
