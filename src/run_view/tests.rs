use flowlab_engine::command::{Command, Decision};
use flowlab_engine::ids::{ExecIx, OperatorIx, WfIx};
use flowlab_engine::machines::execution::{self as exec_machine, ExecInput, ExecState};
use flowlab_engine::machines::step::{self as step_machine, StepInput, StepStatus};
use flowlab_engine::machines::Transition;
use flowlab_engine::model::StepKind;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;
use serde_json::Value;

use super::approvals::{inbox, Status};
use super::execution::{detail, KEPT_FIRST, KEPT_LAST};
use super::executions::{allowed, query, ExecFilter};
use super::history::lines;
use super::lifecycle;
use super::log_index::LogIndex;
use super::log_index::{exec_of, has_trace_line};
use super::steps::version_steps;
use crate::session::Session;

const H: u64 = 3_600_000;

fn workspace() -> Scenario {
    parse_scenario(
        "workspace.json",
        crate::file_format::samples::SAMPLE_WORKSPACE,
    )
    .expect("sample parses")
}

fn session_at(t: u64) -> Session {
    let scenario = workspace();
    let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
    s.advance_to(SimTime(t), usize::MAX).expect("runs");
    s
}

fn index_of(s: &Session) -> LogIndex {
    let mut ix = LogIndex::default();
    ix.catch_up(s.log());
    ix
}

fn trace_of(s: &Session) -> Vec<Value> {
    s.log()
        .iter()
        .filter_map(|e| flowlab_engine::trace::line(s.state(), &e))
        .map(|l| serde_json::from_str(&l).expect("json line"))
        .collect()
}

#[test]
fn counts_per_state_add_up_and_filters_narrow_the_rows() {
    let s = session_at(3 * H);
    let state = s.state();
    let all = query(state, &ExecFilter::default(), 0, 5);
    assert_eq!(all.matching, state.executions.len());
    assert_eq!(
        all.counts.iter().sum::<u32>() as usize,
        state.executions.len()
    );
    assert_eq!(all.rows.len(), 5.min(state.executions.len()));
    assert_eq!(
        all.rows[0].id,
        ExecIx(state.executions.len() as u32 - 1).name(),
        "newest first"
    );

    let failed_safe = ExecFilter {
        state: Some(ExecState::FailedSafe),
        ..ExecFilter::default()
    };
    let page = query(state, &failed_safe, 0, 50);
    assert!(page.matching > 0);
    assert!(page.rows.iter().all(|r| r.state == ExecState::FailedSafe));
    assert_eq!(
        page.counts, all.counts,
        "the state filter does not change the counts"
    );

    let welcome = ExecFilter {
        workflow: Some("welcome".into()),
        ..ExecFilter::default()
    };
    let page = query(state, &welcome, 0, 50);
    let expected = state.executions.iter().filter(|e| e.wf == WfIx(0)).count();
    assert_eq!(page.matching, expected);
    assert!(page.rows.iter().all(|r| r.workflow == "welcome"));

    let ada = ExecFilter {
        contact: "ADA".into(),
        ..ExecFilter::default()
    };
    let page = query(state, &ada, 0, 50);
    assert!(page.matching > 0);
    assert!(page.rows.iter().all(|r| r.contact == "c1"));

    let pages = query(state, &ExecFilter::default(), 1, 3);
    assert_eq!(pages.pages, state.executions.len().div_ceil(3));
    assert_eq!(pages.rows[0].id, all.rows[3].id);
}

#[test]
fn operator_actions_follow_the_state() {
    let s = session_at(3 * H);
    let state = s.state();
    for (i, e) in state.executions.iter().enumerate() {
        let a = allowed(state, ExecIx(i as u32));
        assert_eq!(a.stop, !e.state.is_terminal());
        assert_eq!(a.ack, e.state.is_terminal() && !e.state.is_acknowledged());
        assert!(!a.rollback || e.state == ExecState::FailedUnsafe);
    }
}

#[test]
fn an_execution_detail_traces_its_path_timeline_and_history() {
    let s = session_at(3 * H);
    let ix = index_of(&s);
    let trace = trace_of(&s);
    for (i, _) in s.state().executions.iter().enumerate() {
        let x = ExecIx(i as u32);
        let d = detail(s.state(), s.log(), &ix, x).expect("exists");
        let name = x.name();
        let states: Vec<&str> = trace
            .iter()
            .filter(|l| l["type"] == "execution_state" && l["execution"] == name.as_str())
            .map(|l| l["to"].as_str().unwrap())
            .collect();
        let moved: Vec<&str> = d.moves.iter().map(|m| m.to.as_str()).collect();
        assert_eq!(moved, states, "{name}");
        assert_eq!(d.moves.last().map(|m| m.to), Some(d.row.state));
        let lines = trace
            .iter()
            .filter(|l| l["execution"] == name.as_str())
            .count();
        let history = super::history::lines(s.state(), s.log(), &ix, x, 0..d.history_len + 5);
        assert_eq!(history.len(), d.history_len, "{name}");
        assert!(history.iter().enumerate().all(|(i, h)| h.n == i));
        assert!(
            history.windows(2).all(|w| w[0].t <= w[1].t),
            "{name}: in order"
        );
        let own = history
            .iter()
            .filter(|h| h.fields.iter().any(|(k, v)| k == "execution" && *v == name))
            .count();
        assert_eq!(
            own, lines,
            "{name}: every trace line about it is in its history"
        );
    }
    // welcome's first email fails twice, then resolves.
    let e = s
        .state()
        .executions
        .iter()
        .position(|e| e.wf == WfIx(0))
        .expect("a welcome execution");
    let d = detail(s.state(), s.log(), &ix, ExecIx(e as u32)).unwrap();
    let send = &d.steps[0];
    assert_eq!(send.retries.len(), 2);
    assert_eq!(send.attempts.iter().filter(|a| !a.ok).count(), 2);
    assert_eq!(send.last, Some(StepStatus::Resolved));
    assert!(send.spans.iter().any(|sp| sp.status == StepStatus::Pending));
    assert_eq!(d.steps[1].spans[0].status, StepStatus::Waiting);
    assert!(d.path().contains(&(ExecState::Locked, ExecState::Running)));
}

#[test]
fn a_stopped_and_acknowledged_execution_says_why_it_stopped() {
    let mut s = session_at(30 * 60 * 1000);
    let x = s
        .state()
        .executions
        .iter()
        .position(|e| {
            !e.state.is_terminal()
                && s.state().workflow(e.wf).versions[e.version as usize - 1]
                    .draft
                    .settings
                    .auto_ack
        })
        .map(|i| ExecIx(i as u32))
        .expect("an execution runs in a workflow that acknowledges by itself");
    s.command(&Command::Stop {
        execution: x.name(),
    })
    .expect("stopped");
    let d = detail(s.state(), s.log(), &index_of(&s), x).expect("exists");
    assert_eq!(d.row.state, ExecState::CancelledAck);
    let stop = d
        .moves
        .iter()
        .find(|m| m.to == ExecState::Cancelled)
        .expect("moved to CANCELLED");
    assert!(stop.reason.is_some());
    assert_eq!(d.reason(), stop.reason, "not the acknowledgement's reason");
    assert_ne!(d.reason(), d.moves.last().and_then(|m| m.reason.clone()));
}

#[test]
fn a_failed_provisioning_shows_its_rollback() {
    let s = session_at(3 * H);
    let ix = index_of(&s);
    let state = s.state();
    let x = (0..state.executions.len() as u32)
        .map(ExecIx)
        .find(|x| {
            state.execution(*x).wf == WfIx(2) && state.execution(*x).state == ExecState::FailedSafe
        })
        .expect("a provisioning ended FAILED_SAFE");
    let d = detail(state, s.log(), &ix, x).unwrap();
    let path = d.path();
    assert!(path.contains(&(ExecState::Running, ExecState::Error)));
    assert!(path.contains(&(ExecState::Error, ExecState::Rollback)));
    assert!(path.contains(&(ExecState::Rollback, ExecState::FailedSafe)));
    assert!(d.steps[0].attempts.iter().any(|a| a.compensation));
}

fn defined_pairs() -> Vec<(ExecState, ExecState)> {
    use ExecInput as I;
    let inputs = [
        I::Validated,
        I::Invalid,
        I::ConditionsMet,
        I::ConditionsUnmet,
        I::Discover,
        I::ResourcesFound,
        I::ResourcesMissing,
        I::Lock,
        I::Run,
        I::Unlock,
        I::Success,
        I::Error,
        I::CanRollback,
        I::CannotRollback,
        I::RollbackSucceeded,
        I::RollbackFailed,
        I::Ack,
    ];
    let mut out = Vec::new();
    for from in ExecState::ALL {
        for input in inputs {
            if let Ok(Transition::To(to)) = exec_machine::transition(from, input) {
                if !out.contains(&(from, to)) {
                    out.push((from, to));
                }
            }
        }
    }
    out
}

#[test]
fn the_execution_diagram_draws_exactly_the_engine_transitions() {
    let d = lifecycle::execution();
    for s in ExecState::ALL {
        assert_eq!(
            d.nodes.iter().filter(|n| n.key == s.as_str()).count(),
            1,
            "{s}"
        );
        assert_eq!(d.node(s.as_str()).unwrap().tone, s.tone());
    }
    let drawn: Vec<(&str, &str)> = d.edges.iter().map(|e| (e.from, e.to)).collect();
    let defined = defined_pairs();
    for (from, to) in &defined {
        assert!(
            drawn.contains(&(from.as_str(), to.as_str())),
            "missing {from} → {to}"
        );
    }
    assert_eq!(drawn.len(), defined.len(), "no edge the engine lacks");
    assert!(d.notes.iter().any(|(k, _)| *k == "CANCELLED"));
}

#[test]
fn the_step_diagram_draws_the_engine_transitions() {
    use StepInput as I;
    let d = lifecycle::step();
    let drawn: Vec<(&str, &str)> = d.edges.iter().map(|e| (e.from, e.to)).collect();
    for from in StepStatus::ALL.into_iter().filter(|s| s.in_progress()) {
        for input in [
            I::Succeeded,
            I::SucceededAfterFailure,
            I::RetryScheduled,
            I::RetryDue(StepKind::Action),
            I::RetryDue(StepKind::Approval),
            I::Done,
            I::Failed,
        ] {
            if let Ok(Transition::To(to)) = step_machine::transition(Some(from), input) {
                assert!(
                    drawn.contains(&(from.as_str(), to.as_str())),
                    "missing {from} → {to}"
                );
            }
        }
    }
    for s in StepStatus::ALL {
        assert!(d.node(s.as_str()).is_some(), "{s}");
    }
}

#[test]
fn live_counts_follow_the_state() {
    let s = session_at(3 * H);
    let state = s.state();
    let counts = lifecycle::execution_counts(state, None);
    for st in ExecState::ALL {
        let n = state.executions.iter().filter(|e| e.state == st).count() as u64;
        assert_eq!(counts[st.index()], n, "{st}");
    }
    let defs = lifecycle::definition_counts(state);
    assert_eq!(defs.iter().find(|(k, _)| *k == "active").unwrap().1, 3);
    let steps = lifecycle::step_counts(state, Some(WfIx(0)));
    let resolved = steps.iter().find(|(k, _)| *k == "resolved").unwrap().1;
    let expected = state
        .executions
        .iter()
        .filter(|e| e.wf == WfIx(0) && e.steps[0].status() == Some(StepStatus::Resolved))
        .count() as u64;
    assert_eq!(resolved, expected);
    assert!(resolved > 0);
}

#[test]
fn an_operator_who_joins_the_group_later_finds_the_open_approval_and_may_decide_it() {
    let mut s = session_at(90 * 60_000);
    let noor = OperatorIx(2);
    assert!(inbox(s.state(), s.log(), &index_of(&s), noor).is_empty());
    let mut joined = s.state().operators[noor.ix()].clone();
    joined.groups.push("marketing-leads".into());
    s.command(&Command::UpdateOperator { operator: joined })
        .expect("updated");
    let items = inbox(s.state(), s.log(), &index_of(&s), noor);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].step, "validate");
    assert_eq!(items[0].status, Status::Open);
    assert!(
        items[0].channels.is_empty(),
        "no notification was sent to Noor"
    );
    let sam = inbox(s.state(), s.log(), &index_of(&s), OperatorIx(0));
    assert_eq!(sam.len(), 1, "a notified member's item is not doubled");
    assert_eq!(items[0].t, sam[0].t, "it opened when Sam was notified");

    s.command(&Command::Decide {
        target: flowlab_engine::command::DecideTarget::Execution(items[0].execution.clone()),
        operator: s.state().operators[noor.ix()].id.clone(),
        decision: Decision::Approve,
    })
    .expect("a member decides");
    let items = inbox(s.state(), s.log(), &index_of(&s), noor);
    assert_eq!(items.len(), 1, "the decided approval stays: {items:?}");
    assert!(
        matches!(
            &items[0].status,
            Status::Decided {
                decision: "approve",
                ..
            }
        ),
        "{:?}",
        items[0].status
    );
    assert!(items[0].channels.is_empty());
}

#[test]
fn an_inbox_holds_the_notifications_and_turns_decided() {
    let mut s = session_at(90 * 60_000);
    let ix = index_of(&s);
    let op1 = OperatorIx(0);
    let items = inbox(s.state(), s.log(), &ix, op1);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.step, "validate");
    assert!(item.shared);
    assert_eq!(item.channels, vec!["email", "sms"], "Sam has both");
    assert_eq!(item.status, Status::Open);
    assert!(
        inbox(s.state(), s.log(), &ix, OperatorIx(2)).is_empty(),
        "Noor is not in the group"
    );

    s.command(&Command::Decide {
        target: flowlab_engine::command::DecideTarget::Execution(item.execution.clone()),
        operator: "op2".into(),
        decision: Decision::Approve,
    })
    .unwrap();
    let mut ix2 = LogIndex::default();
    ix2.catch_up(s.log().prefix(s.log().len() / 2));
    ix2.catch_up(s.log());
    let items = inbox(s.state(), s.log(), &ix2, op1);
    assert!(
        matches!(&items[0].status, Status::Decided { by, decision: "approve", .. } if by == "Kim Osei"),
        "{:?}",
        items[0].status
    );
}

#[test]
fn a_replaced_log_is_indexed_from_scratch() {
    let s = session_at(3 * H);
    let mut ix = LogIndex::default();
    ix.catch_up(s.log());
    let other = session_at(2 * 60_000);
    let changed = other.log().prefix(ix.scanned());
    ix.catch_up(changed.prefix(changed.len() - 1));
    assert_eq!(ix.scanned(), changed.len() - 1);
    assert_eq!(ix.of_exec(ExecIx(40)), &[] as &[u32]);
}

#[test]
fn step_views_count_statuses_and_label_edges_from_the_trace() {
    let s = session_at(3 * H);
    let state = s.state();
    let trace = trace_of(&s);
    for (w, wf) in state.workflows.iter().enumerate() {
        let views = version_steps(state, WfIx(w as u32), 1);
        assert_eq!(views.len(), wf.versions[0].compiled.steps.len());
        for v in &views {
            for e in &v.edges {
                let n = trace
                    .iter()
                    .filter(|l| {
                        l["type"] == "transition"
                            && l["from_step"] == v.id.as_str()
                            && l["to_step"] == e.to.as_str()
                            && l["port"] == e.port.as_str()
                            && l["execution"]
                                .as_str()
                                .and_then(ExecIx::parse)
                                .is_some_and(|x| state.execution(x).wf == WfIx(w as u32))
                    })
                    .count() as u64;
                assert_eq!(e.count, n, "{}.{} {}", wf.draft.id, v.id, e.port.as_str());
                assert_eq!(e.label(), format!("{n} - Ok"));
            }
            let total: u64 = v.counts.iter().sum();
            assert_eq!(v.executed, total > 0);
        }
    }
    let campaign = version_steps(state, WfIx(1), 1);
    assert!(
        campaign[0].edges.iter().any(|e| e.count > 0),
        "validate was approved at 2h"
    );
    assert!(version_steps(state, WfIx(0), 9).is_empty());
}

#[test]
fn has_trace_line_agrees_with_the_trace() {
    let s = session_at(3 * H);
    for e in s.log().iter() {
        if exec_of(&e.event).is_some() {
            assert_eq!(
                has_trace_line(&e.event),
                flowlab_engine::trace::line(s.state(), &e).is_some(),
                "{:?}",
                e.event
            );
        }
    }
}

/// One contact, one action that always fails, `attempts` attempts.
fn always_failing(attempts: u32) -> Session {
    let text = format!(
        r#"{{"format": "flowlab-scenario/1", "run_until": "30d",
        "contacts": [{{"id": "c1", "name": "Ada", "email": "ada@example.com"}}],
        "workflows": [{{"id": "w", "name": "Always failing", "trigger": {{"type": "manual"}},
          "steps": [{{"id": "send", "kind": "action", "action": "webhook", "duration": "1s",
            "retry": {{"max_attempts": {attempts}, "backoff": "0s"}}, "fault": {{"always": true}}}}]}}],
        "script": [{{"at": 0, "do": "publish", "workflow": "w"}}, {{"at": 0, "do": "activate", "workflow": "w"}},
          {{"at": 0, "do": "enroll", "workflow": "w", "contacts": ["c1"]}}]}}"#
    );
    let scenario = parse_scenario("failing.json", &text).expect("parses");
    let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
    s.advance_to(SimTime(30 * 24 * H), usize::MAX)
        .expect("runs");
    s
}

#[test]
fn many_attempts_keep_the_timeline_small_and_the_history_whole() {
    let s = always_failing(5_000);
    let ix = index_of(&s);
    let x = ExecIx(0);
    let d = detail(s.state(), s.log(), &ix, x).expect("exists");
    let send = &d.steps[0];
    assert!(send.attempts.len() <= KEPT_FIRST + KEPT_LAST);
    assert!(send.attempts.len() >= KEPT_LAST);
    assert!(send.spans.len() <= KEPT_FIRST + KEPT_LAST);
    assert!(send.retries.len() <= KEPT_FIRST + KEPT_LAST);
    let elided = send.elided.as_ref().expect("the middle is counted");
    assert_eq!(
        elided.attempts as usize + send.attempts.len(),
        5_000,
        "every attempt is drawn or counted"
    );
    assert_eq!(elided.failed, elided.attempts);
    assert!(
        send.attempts
            .iter()
            .all(|a| a.t <= elided.from || a.t >= elided.to),
        "no mark drawn is under the band"
    );
    assert!(send
        .attempts
        .windows(2)
        .all(|w| w[0].attempt < w[1].attempt));
    assert_eq!(send.last, Some(StepStatus::Failed));
    let trace = trace_of(&s);
    let own = trace.iter().filter(|l| l["execution"] == "e1").count();
    assert_eq!(d.history_len, own);
    let tail = lines(
        s.state(),
        s.log(),
        &ix,
        x,
        d.history_len - 3..d.history_len + 3,
    );
    assert_eq!(tail.len(), 3, "the window is cut at the end");
    let attempts = lines(s.state(), s.log(), &ix, x, 0..d.history_len)
        .into_iter()
        .filter(|h| h.kind == "step_attempt")
        .count();
    assert_eq!(attempts, 5_000);
}
