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

/// Events folded per task while time travel is readied: about 10 ms.
const READY_SLICE: usize = 100_000;

/// The first move into the past of a long log folds it whole, for its
/// checkpoints (about a second at 10 M events): that goes in slices, with
/// the page given a turn between them, and the cursor moves at the end.
#[derive(Clone, Copy)]
pub(super) struct Readying {
    /// Events folded and to fold, while slices are under way.
    progress: RwSignal<Option<(usize, usize)>>,
    /// Where the cursor goes once travel is ready; `None` once someone
    /// acted otherwise meanwhile.
    target: StoredValue<Option<usize>>,
}

impl Readying {
    pub(super) fn new() -> Readying {
        Readying {
            progress: RwSignal::new(None),
            target: StoredValue::new(None),
        }
    }
}

impl Runtime {
    /// How far time travel is readied, in percent, while it is (tracking
    /// changes).
    pub fn travel_readying(&self) -> Option<u8> {
        self.travel
            .progress
            .get()
            .map(|(done, of)| (done * 100 / of.max(1)).min(99) as u8)
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
        let work = self
            .with_untracked(|s| {
                (position < s.whole_log().len())
                    .then(|| s.travel_work())
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        if work > READY_SLICE {
            self.travel.target.set_value(Some(position));
            if self.travel.progress.get_untracked().is_none() {
                self.travel.progress.set(Some((0, work)));
                spawn_local(ready_travel(*self, work));
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

/// Readies time travel in slices, then moves the cursor where it was last
/// asked to go, unless someone acted meanwhile or another workspace came.
async fn ready_travel(rt: Runtime, work: usize) {
    let epoch = rt.workspace_epoch();
    loop {
        yield_now().await;
        if rt.workspace_epoch() != epoch {
            break;
        }
        let Some((ready, left)) = rt.mutate(|s| (s.prepare_travel(READY_SLICE), s.travel_work()))
        else {
            break;
        };
        if ready {
            rt.travel.progress.set(None);
            if let Some(position) = rt.travel.target.get_value() {
                rt.go_to(position);
            }
            return;
        }
        rt.travel
            .progress
            .set(Some((work.saturating_sub(left), work)));
    }
    rt.travel.progress.set(None);
    rt.travel.target.set_value(None);
}
