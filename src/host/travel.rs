//! Time travel in the page: moving the cursor through the log, and what
//! happens when someone acts while it is in the past. Acting there (play,
//! a step, a run until, any command) first asks: go on from the cursor
//! and discard what came after it, or save a copy of the whole workspace
//! first. The action asked about then runs on the branch.

use flowlab_engine::command::Command;
use flowlab_engine::time::SimTime;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Mode, Runtime};
use crate::browser::download::download_text;
use crate::browser::yield_now::yield_now;
use crate::session::Session;
use crate::t;

/// An action held back until the person chose how to leave the past.
#[derive(Clone, Debug, PartialEq)]
pub enum Held {
    Play,
    Step,
    RunUntil(SimTime),
    Command(Command),
}

/// What the branch dialog says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchQuestion {
    pub position: usize,
    pub total: usize,
    pub at: SimTime,
    pub discarded: usize,
    pub commands_discarded: usize,
}

/// Where the cursor is, for the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Events the world at the cursor has seen.
    pub position: usize,
    /// Events in the log.
    pub total: usize,
}

impl Cursor {
    fn of(session: &Session) -> Cursor {
        Cursor {
            position: session.position(),
            total: session.whole_log().len(),
        }
    }
}

/// Events folded per task while the cursor moves a long way: about 10 ms.
const MOVE_SLICE: usize = 100_000;

/// A move of the cursor that folds more than [`MOVE_SLICE`] events (the
/// first one into the past of a long log folds it whole, for the
/// checkpoints: about a second at 10 M events) goes in slices, with the
/// page given a turn between them; the cursor lands at the end, where it
/// was last asked to go.
#[derive(Clone, Copy)]
pub(super) struct MoveUnderWay {
    /// Events folded and to fold, while slices are under way.
    progress: RwSignal<Option<(usize, usize)>>,
    /// Where the cursor goes; `None` once someone acted otherwise.
    target: StoredValue<Option<usize>>,
}

impl MoveUnderWay {
    pub(super) fn new() -> MoveUnderWay {
        MoveUnderWay {
            progress: RwSignal::new(None),
            target: StoredValue::new(None),
        }
    }
}

/// A move of the cursor under way, for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveProgress {
    pub to: usize,
    pub percent: u8,
}

impl Runtime {
    /// The move of the cursor under way, if one is (tracking changes).
    pub fn moving(&self) -> Option<MoveProgress> {
        let (done, of) = self.travel.progress.get()?;
        Some(MoveProgress {
            to: self.travel.target.get_value()?,
            percent: (done * 100 / of.max(1)).min(99) as u8,
        })
    }

    /// Where the cursor is, tracking changes.
    pub fn cursor(&self) -> Cursor {
        self.with_log(Cursor::of).unwrap_or_default()
    }

    /// Shows the world after the first `position` events (the present
    /// when it is the whole log). Pauses the clock first.
    pub fn go_to(&self, position: usize) {
        if !self.clock.get_untracked().paused {
            self.pause();
        }
        let work = self.with_untracked(|s| s.move_work(position)).unwrap_or(0);
        if work > MOVE_SLICE {
            self.travel.target.set_value(Some(position));
            let under_way = self.travel.progress.get_untracked().is_some();
            self.travel.progress.set(Some((0, work)));
            if !under_way {
                spawn_local(move_in_slices(*self));
            }
            return;
        }
        self.travel.target.set_value(None);
        self.mutate(|s| s.go_to(position));
        self.stepped.set(None);
        self.changed();
    }

    pub fn step_back(&self) {
        let c = self.cursor_untracked();
        self.go_to(c.position.saturating_sub(1));
    }

    pub fn step_forward(&self) {
        let c = self.cursor_untracked();
        self.go_to((c.position + 1).min(c.total));
    }

    fn cursor_untracked(&self) -> Cursor {
        self.with_untracked(Cursor::of).unwrap_or_default()
    }

    /// Whether `action` may go ahead now. In the past it may not: when
    /// going on from the cursor would discard nothing the cursor simply
    /// returns to the present; otherwise the question is put and the
    /// action waits for the answer.
    pub(super) fn clear_to_act(&self, action: Held) -> bool {
        self.travel.target.set_value(None);
        let (in_past, discarded) = self
            .with_untracked(|s| (s.in_past(), s.discarded_by_branch()))
            .unwrap_or((false, 0));
        if !in_past {
            return true;
        }
        if discarded == 0 {
            self.mutate(|s| s.go_to(usize::MAX));
            self.changed();
            return true;
        }
        self.held.set(Some(action));
        false
    }

    /// The question the branch dialog asks, while an action waits.
    pub fn branch_question(&self) -> Option<BranchQuestion> {
        self.held.with(Option::is_some).then_some(())?;
        self.with_log(|s| {
            let discarded = s.discarded_by_branch();
            let at = s.shown_clock().now;
            BranchQuestion {
                position: s.position(),
                total: s.whole_log().len(),
                at,
                discarded,
                commands_discarded: s.journal().iter().filter(|j| j.entry.at > at).count(),
            }
        })
    }

    /// Leaves the action waiting and stays in the past.
    pub fn cancel_branch(&self) {
        self.held.set(None);
    }

    /// Goes on from the cursor: the later events are discarded, in the page
    /// and in storage, then the waiting action runs. With `keep_copy` the
    /// whole workspace is downloaded first, as it was.
    pub async fn branch(&self, keep_copy: bool) -> Result<(), String> {
        if self.mode.get_untracked() != Mode::Running {
            return Err("this tab shows the workspace read-only".into());
        }
        if keep_copy {
            let text = self
                .export_workspace()
                .ok_or("there is no workspace to copy")?;
            download_text(
                "flowlab-workspace-before-branch.json",
                "application/json",
                &text,
            )?;
        }
        let Some(branch) = self.with_untracked(|s| s.branch()).flatten() else {
            self.mutate(|s| s.go_to(usize::MAX));
            self.changed();
            return self.run_held();
        };
        let source = self.source.get_value();
        self.replace(branch, source).await.map_err(|e| {
            t!(
                "The branch was not saved, nothing changed: {error}",
                error = e
            )
        })?;
        self.run_held()
    }

    fn run_held(&self) -> Result<(), String> {
        let Some(action) = self.held.get_untracked() else {
            return Ok(());
        };
        self.held.set(None);
        match action {
            Held::Play => self.play(),
            Held::Step => self.step_to_next(),
            Held::RunUntil(t) => self.run_until(t),
            Held::Command(c) => {
                self.command(c).map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }
}

/// Moves the cursor in slices toward where it was last asked to go,
/// unless someone acted meanwhile or another workspace came.
async fn move_in_slices(rt: Runtime) {
    let epoch = rt.workspace_epoch();
    loop {
        yield_now().await;
        let Some(target) = rt.travel.target.get_value() else {
            break;
        };
        if rt.workspace_epoch() != epoch {
            break;
        }
        let Some((arrived, left)) =
            rt.mutate(|s| (s.go_toward(target, MOVE_SLICE), s.move_work(target)))
        else {
            break;
        };
        if arrived {
            rt.travel.progress.set(None);
            rt.travel.target.set_value(None);
            rt.stepped.set(None);
            rt.changed();
            return;
        }
        let of = rt
            .travel
            .progress
            .get_untracked()
            .map_or(left, |(_, of)| of.max(left));
        rt.travel.progress.set(Some((of - left, of)));
    }
    rt.mutate(Session::stop_moving);
    rt.travel.progress.set(None);
    rt.travel.target.set_value(None);
}
