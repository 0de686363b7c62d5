//! The areas each run view reads (`approvals::AREAS`, `execution::AREAS`)
//! hold everything it shows: in every preset and the sample workspace, an
//! event that touches none of a view's areas leaves that view as it was.

use flowlab_engine::ids::{ExecIx, OperatorIx};
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use flowlab_engine::time::SimTime;

use super::approvals::{self, inbox, InboxItem, Status};
use super::execution::{self, detail, ExecDetail};
use super::log_index::{exec_of, LogIndex};
use crate::file_format::presets::PRESETS;
use crate::session::touched::{Area, Touched};
use crate::session::Session;

fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> = PRESETS
        .iter()
        .map(|p| (p.file.to_string(), p.parse().expect("preset parses")))
        .collect();
    let workspace = crate::file_format::samples::SAMPLE_WORKSPACE;
    let parsed = parse_scenario("workspace.json", workspace).expect("sample parses");
    all.push(("workspace.json".into(), parsed));
    all
}

fn inboxes(s: &Session, ix: &LogIndex) -> Vec<Vec<InboxItem>> {
    (0..s.state().operators.len())
        .map(|op| inbox(s.state(), s.log(), ix, OperatorIx(op as u32)))
        .collect()
}

/// Every execution's page, but for where its timeline ends: "now" moves
/// with the clock, which no area follows.
fn details(s: &Session, ix: &LogIndex) -> Vec<ExecDetail> {
    (0..s.state().executions.len())
        .filter_map(|x| detail(s.state(), s.log(), ix, ExecIx(x as u32)))
        .map(|d| ExecDetail {
            until: SimTime::ZERO,
            ..d
        })
        .collect()
}

fn reads(areas: &[Area], touched: Touched) -> bool {
    areas.iter().any(|a| touched.has(*a))
}

#[test]
fn a_view_changes_only_with_the_areas_it_reads() {
    let (mut inbox_checks, mut detail_checks, mut open_seen) = (0, 0, false);
    for (name, scenario) in scenarios() {
        let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
        s.advance_to(scenario.run_until, usize::MAX).expect("runs");
        let events: Vec<_> = s.log().iter().map(|e| e.event.clone()).collect();
        let mut ix = LogIndex::default();
        s.go_to(0);
        ix.catch_up(s.log());
        let mut was_inbox = inboxes(&s, &ix);
        // Event by event: the world after each, from time travel.
        for (n, event) in events.iter().enumerate() {
            let touched = Touched::by(event);
            let was_detail = (!reads(&execution::AREAS, touched)).then(|| details(&s, &ix));
            s.go_to(n + 1);
            ix.catch_up(s.log());
            let inbox_now = inboxes(&s, &ix);
            open_seen |= inbox_now.iter().flatten().any(|i| i.status == Status::Open);
            if !reads(&approvals::AREAS, touched) {
                inbox_checks += 1;
                assert!(
                    inbox_now == was_inbox,
                    "{name}, event {n}: an inbox changed with {event:?}"
                );
            }
            if let Some(was) = was_detail {
                detail_checks += 1;
                assert!(
                    details(&s, &ix) == was,
                    "{name}, event {n}: an execution changed with {event:?}"
                );
            }
            was_inbox = inbox_now;
        }
    }
    assert!(open_seen, "no approval was ever open");
    eprintln!("{inbox_checks} events left the inboxes alone, {detail_checks} the executions");
    assert!(
        inbox_checks > 1000,
        "{inbox_checks} events left the inboxes alone"
    );
    assert!(detail_checks > 0, "no event left the executions alone");
}

#[test]
fn every_event_about_an_execution_or_an_inbox_touches_the_executions() {
    for (name, scenario) in scenarios() {
        let mut s = Session::new(sim::genesis(&scenario), scenario.script.clone());
        s.advance_to(scenario.run_until, usize::MAX).expect("runs");
        for e in s.log().iter() {
            let t = Touched::by(&e.event);
            if exec_of(&e.event).is_some() || t.has(Area::Inbox) {
                assert!(t.has(Area::Executions), "{name}: {:?}", e.event);
            }
        }
    }
}
