//! One test per row of the table that matters, named for its rule.

use super::machine::{Event as E, Phase, Then, Writing};
use super::*;
use crate::storage::{LogEnd, StoredEnd};
use flowlab_engine::time::SimTime;

fn held(events: usize, journal: usize) -> Stored {
    Stored { events, journal }
}

fn at(ms: u64, events: usize) -> Moment {
    Moment {
        ms,
        held: held(events, 0),
        at_rest: false,
    }
}

fn end(events: u64) -> StoredEnd {
    StoredEnd {
        log: LogEnd {
            segments: events / 10 + 1,
            events,
            last_t: SimTime(events * 1000),
        },
        journal: 0,
    }
}

fn ok(events: u64) -> WriteOutcome {
    WriteOutcome {
        appended: Some(end(events)),
        error: None,
    }
}

/// A saver that runs the workspace, with `events` of it stored.
fn owner(events: usize) -> Saver {
    let mut s = Saver::new();
    s.step(
        E::Opened {
            stored: held(events, 0),
            owner: true,
        },
        at(0, events),
    );
    assert_eq!(s.phase(), &Phase::Idle);
    s
}

fn write_of(effects: &[Effect]) -> WriteOrder {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Write(order) => Some(*order),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no write in {effects:?}"))
}

fn writes(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Write(_)))
        .count()
}

/// Owner with 10 stored, 15 held, its write of them started.
fn writing() -> (Saver, WriteOrder) {
    let mut s = owner(10);
    s.step(E::Changed, at(100, 15));
    let fx = s.step(E::Wake, at(400, 15));
    (s, write_of(&fx))
}

#[test]
fn a_change_is_written_after_the_delay_together_with_the_next_ones() {
    let mut s = owner(10);
    let fx = s.step(E::Changed, at(100, 12));
    assert_eq!(
        fx,
        vec![
            Effect::Show(SaveState::Saving { unsaved: 2 }),
            Effect::WakeAt(100 + FLUSH_DELAY_MS)
        ]
    );
    let fx = s.step(E::Changed, at(200, 15));
    assert_eq!(fx, vec![Effect::Show(SaveState::Saving { unsaved: 5 })]);
    assert_eq!(s.step(E::Wake, at(399, 15)), vec![Effect::WakeAt(400)]);
    let order = write_of(&s.step(E::Wake, at(400, 15)));
    assert_eq!(order.from, held(10, 0));
    assert_eq!(order.after, None, "nothing appended yet: the end is read");
    assert!(matches!(s.phase(), Phase::Writing(_)));
}

#[test]
fn a_write_that_stores_everything_shows_saved() {
    let (mut s, order) = writing();
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(450, 15),
    );
    assert_eq!(
        fx,
        vec![
            Effect::JoinStored { upto: 15 },
            Effect::Show(SaveState::Saved)
        ]
    );
    assert_eq!(s.phase(), &Phase::Idle);
    assert_eq!(s.stored(), held(15, 0));
    assert_eq!(s.known_end(), Some(end(15)));
    let next = write_of(&{
        s.step(E::Changed, at(500, 16));
        s.step(E::Wake, at(800, 16))
    });
    assert_eq!(
        (next.from, next.after),
        (held(15, 0), Some(end(15))),
        "the next write follows this tab's append without reading"
    );
}

#[test]
fn changes_during_a_write_are_written_after_it() {
    let (mut s, order) = writing();
    s.step(E::Changed, at(420, 18));
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(450, 18),
    );
    assert!(fx.contains(&Effect::Show(SaveState::Saving { unsaved: 3 })));
    assert!(fx.contains(&Effect::WakeAt(450 + FLUSH_DELAY_MS)));
    assert_eq!(
        s.phase(),
        &Phase::Dirty {
            due: 450 + FLUSH_DELAY_MS
        }
    );
}

#[test]
fn a_failed_write_says_why_and_is_tried_again() {
    let (mut s, order) = writing();
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: WriteOutcome {
                appended: None,
                error: Some(WriteError::Storage("the browser's storage is full".into())),
            },
        },
        at(450, 15),
    );
    assert_eq!(
        fx,
        vec![
            Effect::Show(SaveState::NotSaving {
                reason: "the browser's storage is full".into(),
                unsaved: 5
            }),
            Effect::WakeAt(450 + FLUSH_DELAY_MS)
        ]
    );
    assert_eq!(s.stored(), held(10, 0), "nothing was appended");
    assert_eq!(s.known_end(), None, "where the store ends is not known");
    let again = write_of(&s.step(E::Wake, at(750, 15)));
    assert_eq!(again.from, held(10, 0));
    let fx = s.step(
        E::WriteDone {
            id: again.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(800, 15),
    );
    assert!(fx.contains(&Effect::Show(SaveState::Saved)));
}

#[test]
fn a_failure_after_the_append_still_counts_the_append() {
    let mut s = owner(0);
    s.step(E::Changed, at(0, SNAPSHOT_EVERY));
    let mut rest = at(300, SNAPSHOT_EVERY);
    rest.at_rest = true;
    let order = write_of(&s.step(E::Wake, rest));
    assert!(order.snapshot, "a snapshot is due once the clock rests");
    s.step(
        E::WriteDone {
            id: order.id,
            holds: held(SNAPSHOT_EVERY, 1),
            outcome: WriteOutcome {
                appended: Some(end(SNAPSHOT_EVERY as u64)),
                error: Some(WriteError::Storage("full".into())),
            },
        },
        rest,
    );
    assert_eq!(s.stored(), held(SNAPSHOT_EVERY, 1));
    assert_eq!(s.snapshot_at(), 0, "the snapshot was not written");
}

#[test]
fn no_snapshot_while_the_clock_runs() {
    let mut s = owner(0);
    s.step(E::Changed, at(0, SNAPSHOT_EVERY));
    assert!(!write_of(&s.step(E::Wake, at(300, SNAPSHOT_EVERY))).snapshot);
}

#[test]
fn another_tabs_append_found_makes_this_tab_read_only() {
    let (mut s, order) = writing();
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: WriteOutcome {
                appended: None,
                error: Some(WriteError::Conflict),
            },
        },
        at(450, 15),
    );
    assert_eq!(
        fx,
        vec![Effect::CancelWake, Effect::GoReadOnly(ReadOnly::Conflict)]
    );
    assert_eq!(s.phase(), &Phase::ReadOnly(ReadOnly::Conflict));
    assert_eq!(s.step(E::Changed, at(500, 16)), vec![], "nothing is saved");
    assert_eq!(s.step(E::TakeOver, at(600, 16)), vec![Effect::StealLock]);
    assert_eq!(s.phase(), &Phase::Opening);
}

#[test]
fn lock_requested_while_dirty_flushes_first_then_hands_over() {
    let mut s = owner(10);
    s.step(E::Changed, at(100, 15));
    let fx = s.step(E::LockRequested, at(150, 15));
    assert_eq!(
        fx[..2],
        [Effect::CancelWake, Effect::GoReadOnly(ReadOnly::TakenOver)]
    );
    let order = write_of(&fx);
    assert_eq!(order.from, held(10, 0));
    assert!(
        !fx.contains(&Effect::ReleaseLock),
        "the lock is kept until the write is done"
    );
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(200, 15),
    );
    assert_eq!(
        fx,
        vec![
            Effect::JoinStored { upto: 15 },
            Effect::Show(SaveState::Saved),
            Effect::ReleaseLock,
            Effect::WaitForLock
        ]
    );
    assert_eq!(s.phase(), &Phase::ReadOnly(ReadOnly::TakenOver));
}

#[test]
fn lock_requested_during_a_write_sends_the_rest_after_it_then_hands_over() {
    let (mut s, order) = writing();
    s.step(E::Changed, at(410, 18));
    let fx = s.step(E::LockRequested, at(420, 18));
    assert_eq!(fx, vec![Effect::GoReadOnly(ReadOnly::TakenOver)]);
    let fx = s.step(
        E::WriteSent {
            id: order.id,
            end: end(15),
            holds: held(15, 0),
        },
        at(421, 18),
    );
    let rest = write_of(&fx);
    assert_eq!((rest.from, rest.after), (held(15, 0), Some(end(15))));
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(430, 18),
    );
    assert_eq!(
        fx,
        vec![Effect::JoinStored { upto: 15 }],
        "the rest is still being written"
    );
    let fx = s.step(
        E::WriteDone {
            id: rest.id,
            holds: held(18, 0),
            outcome: ok(18),
        },
        at(440, 18),
    );
    assert!(
        fx.ends_with(&[Effect::ReleaseLock, Effect::WaitForLock]),
        "{fx:?}"
    );
    assert_eq!(s.stored(), held(18, 0));
}

#[test]
fn lock_requested_when_all_is_saved_hands_over_at_once() {
    let mut s = owner(10);
    assert_eq!(
        s.step(E::LockRequested, at(0, 10)),
        vec![
            Effect::GoReadOnly(ReadOnly::TakenOver),
            Effect::ReleaseLock,
            Effect::WaitForLock
        ]
    );
}

#[test]
fn a_failed_write_before_a_handover_still_hands_over() {
    let mut s = owner(10);
    s.step(E::Changed, at(100, 15));
    let order = write_of(&s.step(E::LockRequested, at(150, 15)));
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: WriteOutcome {
                appended: None,
                error: Some(WriteError::Storage("full".into())),
            },
        },
        at(200, 15),
    );
    assert!(
        fx.ends_with(&[Effect::ReleaseLock, Effect::WaitForLock]),
        "{fx:?}"
    );
    assert_eq!(writes(&fx), 0, "no endless retry while another tab waits");
}

#[test]
fn a_read_only_tab_ignores_requests_for_a_lock_it_does_not_hold() {
    let mut s = Saver::new();
    s.step(
        E::Opened {
            stored: held(5, 0),
            owner: false,
        },
        at(0, 5),
    );
    assert_eq!(s.phase(), &Phase::ReadOnly(ReadOnly::OtherTab));
    assert_eq!(s.step(E::LockRequested, at(10, 5)), vec![]);
    assert_eq!(s.step(E::LockLost, at(10, 5)), vec![]);
}

#[test]
fn take_over_asks_first_and_takes_the_lock_after_the_grace() {
    let mut s = Saver::new();
    s.step(
        E::Opened {
            stored: held(5, 0),
            owner: false,
        },
        at(0, 5),
    );
    let fx = s.step(E::TakeOver, at(1_000, 5));
    assert_eq!(
        fx,
        vec![
            Effect::AskForLock,
            Effect::WakeAt(1_000 + HANDOVER_GRACE_MS)
        ]
    );
    assert_eq!(
        s.step(E::Wake, at(1_500, 5)),
        vec![Effect::WakeAt(1_000 + HANDOVER_GRACE_MS)]
    );
    assert_eq!(
        s.step(E::Wake, at(1_000 + HANDOVER_GRACE_MS, 5)),
        vec![Effect::StealLock]
    );
}

#[test]
fn take_over_answered_by_a_handover_opens_without_stealing() {
    let mut s = Saver::new();
    s.step(
        E::Opened {
            stored: held(5, 0),
            owner: false,
        },
        at(0, 5),
    );
    s.step(E::TakeOver, at(1_000, 5));
    s.step(E::Reopening, at(1_200, 5));
    s.step(
        E::Opened {
            stored: held(9, 0),
            owner: true,
        },
        at(1_300, 9),
    );
    assert_eq!(s.phase(), &Phase::Idle);
    assert_eq!(s.step(E::Wake, at(1_000 + HANDOVER_GRACE_MS, 9)), vec![]);
}

#[test]
fn a_lock_taken_without_asking_stops_running_and_forgets_the_write() {
    let (mut s, order) = writing();
    let fx = s.step(E::LockLost, at(420, 15));
    assert_eq!(
        fx,
        vec![
            Effect::CancelWake,
            Effect::GoReadOnly(ReadOnly::TakenOver),
            Effect::WaitForLock
        ]
    );
    assert!(!s.awaits(order.id));
    let late = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(450, 15),
    );
    assert_eq!(late, vec![], "a late answer is ignored");
}

#[test]
fn leaving_while_dirty_writes_at_once() {
    let mut s = owner(10);
    s.step(E::Changed, at(100, 15));
    let fx = s.step(E::Leaving, at(150, 15));
    assert_eq!(fx[0], Effect::CancelWake);
    assert_eq!(write_of(&fx).from, held(10, 0));
}

#[test]
fn leaving_while_writing_sends_the_rest_right_after_the_write_under_way() {
    let (mut s, order) = writing();
    s.step(E::Changed, at(410, 20));
    assert_eq!(
        writes(&s.step(E::Leaving, at(420, 20))),
        0,
        "where the write ends is not known yet"
    );
    let fx = s.step(
        E::WriteSent {
            id: order.id,
            end: end(15),
            holds: held(15, 0),
        },
        at(425, 20),
    );
    let rest = write_of(&fx);
    assert_eq!((rest.from, rest.after), (held(15, 0), Some(end(15))));
}

#[test]
fn pagehide_while_writing_with_its_end_known_sends_the_rest_at_once() {
    let (mut s, order) = writing();
    s.step(
        E::WriteSent {
            id: order.id,
            end: end(15),
            holds: held(15, 0),
        },
        at(401, 15),
    );
    s.step(E::Changed, at(410, 20));
    let rest = write_of(&s.step(E::Leaving, at(420, 20)));
    assert_eq!(rest.after, Some(end(15)));
    assert!(!rest.snapshot);
}

#[test]
fn changes_while_leaving_are_written_without_delay() {
    let mut s = owner(10);
    s.step(E::Leaving, at(0, 10));
    assert_eq!(writes(&s.step(E::Changed, at(10, 11))), 1);
    s.step(E::Back, at(20, 11));
    let mut s = owner(10);
    s.step(E::Leaving, at(0, 10));
    s.step(E::Back, at(20, 10));
    assert_eq!(writes(&s.step(E::Changed, at(30, 11))), 0);
}

#[test]
fn storage_unavailable_runs_in_memory_naming_the_real_reason() {
    let mut s = Saver::new();
    let why = "the browser refused storage (SecurityError: access denied)";
    s.step(E::StorageUnavailable { reason: why.into() }, at(0, 0));
    assert_eq!(
        s.step(E::Changed, at(10, 7)),
        vec![Effect::Show(SaveState::NotSaving {
            reason: why.into(),
            unsaved: 7
        })]
    );
    assert_eq!(writes(&s.step(E::Leaving, at(20, 7))), 0);
    assert_eq!(s.step(E::Wake, at(30, 7)), vec![]);
}

#[test]
fn a_replacement_waits_for_the_write_under_way() {
    let (mut s, order) = writing();
    assert_eq!(s.step(E::ReplaceRequested, at(410, 15)), vec![]);
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(15, 0),
            outcome: ok(15),
        },
        at(450, 15),
    );
    assert_eq!(fx, vec![Effect::JoinStored { upto: 15 }, Effect::Replace]);
    assert_eq!(s.phase(), &Phase::Replacing);
    assert_eq!(
        s.step(E::Changed, at(460, 15)),
        vec![],
        "nothing is saved meanwhile"
    );
    assert_eq!(s.step(E::Replaced { ok: true }, at(500, 0)), vec![]);
    assert_eq!(
        (s.phase(), s.stored(), s.known_end()),
        (&Phase::Idle, held(0, 0), None)
    );
}

#[test]
fn a_refused_replacement_keeps_saving_the_old_workspace() {
    let mut s = owner(10);
    assert_eq!(
        s.step(E::ReplaceRequested, at(0, 12)),
        vec![Effect::CancelWake, Effect::Replace]
    );
    let fx = s.step(E::Replaced { ok: false }, at(100, 12));
    assert_eq!(fx[0], Effect::Show(SaveState::Saving { unsaved: 2 }));
    assert_eq!(s.stored(), held(10, 0));
    assert!(matches!(s.phase(), Phase::Dirty { .. }));
}

#[test]
fn reopening_forgets_the_writes_under_way() {
    let (mut s, order) = writing();
    assert_eq!(s.step(E::Reopening, at(410, 15)), vec![Effect::CancelWake]);
    assert!(!s.awaits(order.id));
}

#[test]
fn the_writing_state_keeps_what_follows() {
    let (mut s, _) = writing();
    s.step(E::ReplaceRequested, at(410, 15));
    let Phase::Writing(Writing { then, .. }) = s.phase() else {
        panic!("{:?}", s.phase())
    };
    assert_eq!(*then, Then::Replace);
}

#[test]
fn a_replacement_waiting_for_a_write_goes_ahead_when_the_lock_is_lost() {
    let (mut s, _) = writing();
    s.step(E::ReplaceRequested, at(410, 15));
    let fx = s.step(E::LockLost, at(420, 15));
    assert_eq!(fx.last(), Some(&Effect::Replace), "{fx:?}");
}

fn resting(ms: u64, events: usize) -> Moment {
    Moment {
        at_rest: true,
        ..at(ms, events)
    }
}

#[test]
fn a_change_once_the_clock_rests_is_written_at_once() {
    let mut s = owner(10);
    let fx = s.step(E::Changed, resting(100, 12));
    let order = write_of(&fx);
    assert_eq!((order.from, order.upto), (held(10, 0), 12));
    assert!(matches!(s.phase(), Phase::Writing(_)));
    // Pausing after a change that waits for the delay writes it too.
    let mut s = owner(10);
    s.step(E::Changed, at(100, 12));
    assert_eq!(writes(&s.step(E::Changed, resting(150, 13))), 1);
}

#[test]
fn a_long_backlog_is_written_in_bounded_writes_one_after_another() {
    let mut s = owner(0);
    let backlog = 2 * WRITE_MAX_EVENTS + 5;
    let first = write_of(&s.step(E::Changed, at(0, backlog)));
    assert_eq!(first.upto, WRITE_MAX_EVENTS);
    let fx = s.step(
        E::WriteDone {
            id: first.id,
            holds: held(WRITE_MAX_EVENTS, 0),
            outcome: ok(WRITE_MAX_EVENTS as u64),
        },
        at(320, backlog),
    );
    let second = write_of(&fx);
    assert_eq!(
        (second.from, second.upto),
        (held(WRITE_MAX_EVENTS, 0), 2 * WRITE_MAX_EVENTS),
        "a full write's worth waits: no delay"
    );
    let fx = s.step(
        E::WriteDone {
            id: second.id,
            holds: held(2 * WRITE_MAX_EVENTS, 0),
            outcome: ok(2 * WRITE_MAX_EVENTS as u64),
        },
        at(340, backlog),
    );
    assert_eq!(
        writes(&fx),
        0,
        "5 events wait for the delay, as the clock runs"
    );
    assert!(fx.contains(&Effect::WakeAt(340 + FLUSH_DELAY_MS)));
}

#[test]
fn no_snapshot_with_a_write_that_stops_short_of_the_end() {
    let mut s = owner(0);
    let events = WRITE_MAX_EVENTS + SNAPSHOT_EVERY;
    let order = write_of(&s.step(E::Changed, resting(0, events)));
    assert!(
        !order.snapshot,
        "the state is not the one at event {}",
        order.upto
    );
    let fx = s.step(
        E::WriteDone {
            id: order.id,
            holds: held(order.upto, 0),
            outcome: ok(order.upto as u64),
        },
        resting(20, events),
    );
    let last = write_of(&fx);
    assert_eq!(last.upto, events);
    assert!(last.snapshot, "the write that reaches the end takes it");
}

#[test]
fn a_full_write_s_worth_is_written_while_the_clock_plays() {
    let mut s = owner(0);
    let fx = s.step(E::Changed, at(0, 10));
    assert_eq!(writes(&fx), 0, "a few events wait for the delay");
    let fx = s.step(E::Changed, at(40, WRITE_MAX_EVENTS + 10));
    let order = write_of(&fx);
    assert_eq!(order.upto, WRITE_MAX_EVENTS);
    assert!(fx.contains(&Effect::CancelWake));
    assert!(matches!(s.phase(), Phase::Writing(_)));
}

#[test]
fn a_page_being_left_writes_its_whole_backlog_at_once() {
    let mut s = owner(0);
    let backlog = 3 * WRITE_MAX_EVENTS;
    s.step(E::Changed, at(0, 10));
    let order = write_of(&s.step(E::Leaving, at(10, backlog)));
    assert_eq!(order.upto, backlog, "no second write may come");
}
