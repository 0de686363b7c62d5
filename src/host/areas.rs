//! The signals behind [`Runtime::with_in`](super::Runtime::with_in): one
//! per [`Area`] of the session, notified after a change only when the
//! events and commands since the last one touched it. A new workspace or a
//! move of the travel cursor changes what every area shows, so it wakes
//! them all, as does [`Runtime::touch_all`](super::Runtime::touch_all).

use leptos::prelude::*;

use crate::session::touched::{Area, Touched};

/// Where the session was at a change: which workspace, and the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place {
    pub epoch: u64,
    pub position: usize,
    pub in_past: bool,
}

/// What to wake after a change that touched `touched` and left the session
/// at `now`, when it was at `before`: everything when the workspace or the
/// world shown changed otherwise than by events added at the present.
pub(super) fn to_wake(before: Option<Place>, now: Place, touched: Touched) -> Touched {
    let Some(before) = before else {
        return Touched::ALL;
    };
    let moved = before.epoch != now.epoch
        || before.in_past != now.in_past
        || (now.in_past && before.position != now.position);
    if moved {
        Touched::ALL
    } else {
        touched
    }
}

#[derive(Clone, Copy)]
pub(super) struct Areas {
    workflows: Trigger,
    executions: Trigger,
    people: Trigger,
    log: Trigger,
    inbox: Trigger,
    /// Notified when everything is (a workspace is installed, among others).
    installed: Trigger,
    place: StoredValue<Option<Place>>,
}

impl Areas {
    pub(super) fn new() -> Areas {
        Areas {
            workflows: Trigger::new(),
            executions: Trigger::new(),
            people: Trigger::new(),
            log: Trigger::new(),
            inbox: Trigger::new(),
            installed: Trigger::new(),
            place: StoredValue::new(None),
        }
    }

    fn trigger(&self, area: Area) -> Trigger {
        match area {
            Area::Workflows => self.workflows,
            Area::Executions => self.executions,
            Area::People => self.people,
            Area::Log => self.log,
            Area::Inbox => self.inbox,
        }
    }

    pub(super) fn track(&self, area: Area) {
        self.trigger(area).track();
    }

    pub(super) fn track_installed(&self) {
        self.installed.track();
    }

    /// Records where the session is now and says what to wake.
    pub(super) fn moved_to(&self, now: Place, touched: Touched) -> Touched {
        let before = self.place.get_value();
        self.place.set_value(Some(now));
        to_wake(before, now, touched)
    }

    pub(super) fn notify(&self, touched: Touched) {
        if touched == Touched::ALL {
            self.installed.notify();
        }
        for area in Area::ALL {
            if touched.has(area) {
                self.trigger(area).notify();
            }
        }
    }

    /// Wakes every area (the next change wakes them all again).
    pub(super) fn touch_all(&self) {
        self.place.set_value(None);
        self.notify(Touched::ALL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_view::approvals;
    use flowlab_engine::event::{Channel, Event};
    use flowlab_engine::ids::{ExecIx, OperatorIx, StepIx};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    struct Runs(Arc<AtomicU32>);

    impl Runs {
        fn get(&self) -> u32 {
            self.0.load(Ordering::Relaxed)
        }
    }

    /// A memo over `areas` and how many times it ran.
    fn reader(areas: Areas, reads: &'static [Area]) -> (Memo<u32>, Runs) {
        let runs = Arc::new(AtomicU32::new(0));
        let counted = runs.clone();
        let memo = Memo::new(move |_| {
            for a in reads {
                areas.track(*a);
            }
            counted.fetch_add(1, Ordering::Relaxed) + 1
        });
        (memo, Runs(runs))
    }

    #[test]
    fn a_change_to_one_area_does_not_wake_a_reader_of_another() {
        let owner = Owner::new();
        owner.set();
        let areas = Areas::new();
        let (workflows, workflow_runs) = reader(areas, &[Area::Workflows]);
        let (executions, execution_runs) = reader(areas, &[Area::Executions]);
        let (both, both_runs) = reader(areas, &[Area::Workflows, Area::People]);
        let (approvals, approval_runs) = reader(areas, &approvals::AREAS);
        let read = || {
            (
                workflows.get(),
                executions.get(),
                both.get(),
                approvals.get(),
            )
        };
        read();
        let at = Place {
            epoch: 1,
            position: 0,
            in_past: false,
        };
        let wake = areas.moved_to(at, Touched::of(Area::Executions));
        areas.notify(wake);
        read();
        assert_eq!(wake, Touched::ALL, "the first change wakes everything");
        assert_eq!(
            (workflow_runs.get(), execution_runs.get(), both_runs.get()),
            (2, 2, 2)
        );
        let slice = Touched::of(Area::Executions).with(Area::Log);
        let wake = areas.moved_to(Place { position: 9, ..at }, slice);
        areas.notify(wake);
        read();
        assert_eq!(
            workflow_runs.get(),
            2,
            "a workflow reader slept through an engine slice"
        );
        assert_eq!(both_runs.get(), 2);
        assert_eq!(execution_runs.get(), 3);
        assert_eq!(approval_runs.get(), 2);

        // An attempt touches executions but no one's approvals; a
        // notification does.
        let attempt = Touched::by(&Event::StepAttempt {
            exec: ExecIx(0),
            step: StepIx(1),
            attempt: 1,
            ok: true,
        });
        areas.notify(areas.moved_to(Place { position: 10, ..at }, attempt));
        read();
        assert_eq!(execution_runs.get(), 4);
        assert_eq!(
            approval_runs.get(),
            2,
            "Approvals slept through an event that touches no inbox"
        );
        let notified = Touched::by(&Event::Notification {
            operator: OperatorIx(0),
            channel: Channel::Email,
            exec: ExecIx(0),
            step: StepIx(1),
        });
        areas.notify(areas.moved_to(Place { position: 11, ..at }, notified));
        read();
        assert_eq!((execution_runs.get(), approval_runs.get()), (5, 3));
        areas.notify(Touched::of(Area::People));
        read();
        assert_eq!(
            (workflow_runs.get(), execution_runs.get(), both_runs.get()),
            (2, 5, 3)
        );
        assert_eq!(approval_runs.get(), 4, "operators are in an inbox");
        areas.touch_all();
        read();
        assert_eq!(
            (workflow_runs.get(), execution_runs.get(), both_runs.get()),
            (3, 6, 4)
        );
        assert_eq!(approval_runs.get(), 5);
    }

    const AT: Place = Place {
        epoch: 1,
        position: 10,
        in_past: false,
    };

    #[test]
    fn events_at_the_present_wake_what_they_touched_only() {
        let now = Place { position: 20, ..AT };
        let t = Touched::of(Area::Executions).with(Area::Log);
        assert_eq!(to_wake(Some(AT), now, t), t);
        assert_eq!(to_wake(Some(AT), AT, Touched::NONE), Touched::NONE);
    }

    #[test]
    fn a_new_workspace_or_a_move_in_time_wakes_everything() {
        let first = to_wake(None, AT, Touched::NONE);
        assert_eq!(first, Touched::ALL);
        let other = Place { epoch: 2, ..AT };
        assert_eq!(to_wake(Some(AT), other, Touched::NONE), Touched::ALL);
        let past = Place {
            position: 4,
            in_past: true,
            ..AT
        };
        assert_eq!(to_wake(Some(AT), past, Touched::NONE), Touched::ALL);
        let further = Place {
            position: 3,
            ..past
        };
        assert_eq!(to_wake(Some(past), further, Touched::NONE), Touched::ALL);
        assert_eq!(to_wake(Some(past), AT, Touched::NONE), Touched::ALL);
        assert_eq!(to_wake(Some(past), past, Touched::NONE), Touched::NONE);
    }
}

#[cfg(test)]
mod session_tests {
    use super::super::open::builtin;
    use crate::session::touched::{Area, Touched};
    use crate::session::Session;
    use flowlab_engine::command::Command;
    use flowlab_engine::sim;
    use flowlab_engine::time::SimTime;

    #[test]
    fn a_session_says_what_its_events_and_commands_touched() {
        let (scenario, _) = builtin();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        assert_eq!(s.take_touched(), Touched::ALL, "a new session");
        assert_eq!(s.take_touched(), Touched::NONE, "nothing since");
        s.command(&Command::Stop {
            execution: "nobody".into(),
        })
        .unwrap();
        assert_eq!(s.take_touched(), Touched::of(Area::Log), "a refusal");
        s.command(&Command::Create {
            workflow: "fresh".into(),
            name: "Fresh".into(),
        })
        .unwrap();
        let created = s.take_touched();
        assert!(created.has(Area::Workflows), "{created:?}");
        assert!(!created.has(Area::Executions) && !created.has(Area::People));
        s.advance_to(SimTime(86_400_000), usize::MAX).unwrap();
        let ran = s.take_touched();
        assert!(ran.has(Area::Executions) && ran.has(Area::Log), "{ran:?}");
    }
}
