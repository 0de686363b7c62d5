//! The running workspace in the page: a [`Session`] behind signals, moved
//! by the page clock (`page_clock.rs`) and saved to IndexedDB
//! (`persist.rs`). Screens reach it with [`use_runtime`]; everything they
//! show is read from the session's state and log, and everything a person
//! does goes in as an engine command through [`Runtime::command`].

mod areas;
mod batch;
mod language;
mod load;
mod open;
mod page_clock;
mod persist;
mod recover;
mod save_mark;
mod slice_figures;
mod sliced_snapshot;
mod tab_lock;
mod travel;

use flowlab_engine::command::Command;
use flowlab_engine::runtime::Outcome;
use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use crate::engine_text::rejection;
use crate::i18n::{plural, tr};
use crate::session::pause_marks::{pause_marks, resting_at, PauseMark};
use crate::session::touched::Touched;
use crate::session::{Clock, Session, SessionError, Speed};

pub use crate::saver::{ReadOnly, SaveState};
pub use crate::session::touched::Area;
pub use recover::Damaged;
pub use travel::{BranchQuestion, Cursor, Held, MoveProgress};

/// What the page can do with the workspace right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reading the workspace from storage.
    Loading,
    /// This tab runs the engine.
    Running,
    /// Another tab runs the workspace; this one shows it as it was saved.
    ReadOnly(ReadOnly),
    /// The workspace could not be opened at all; the message says why.
    Failed(String),
}

/// What the last "step to next event" did, for the clock bar to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stepped {
    /// The clock jumped to `at` and handled everything due there.
    Handled { at: SimTime, events: usize },
    /// Nothing is due: no script command and no timer is left.
    NothingDue,
}

impl Stepped {
    pub fn describe(self, format_time: impl Fn(SimTime) -> String) -> String {
        match self {
            Stepped::Handled { at, events } => format!(
                "{} · {}",
                format_time(at),
                plural("{n} event|{n} events", events as u64)
            ),
            Stepped::NothingDue => {
                tr("Nothing is due: no timer and no script command is left").into()
            }
        }
    }
}

/// The handle screens use: cheap to copy, shared through context.
#[derive(Clone, Copy)]
pub struct Runtime {
    session: StoredValue<Option<Session>, LocalStorage>,
    /// One signal per area of the session, notified after a change to it;
    /// views that read the session track the areas they read.
    areas: areas::Areas,
    clock: RwSignal<Clock>,
    mode: RwSignal<Mode>,
    save: save_mark::SaveSignal,
    /// The clock is behind where the speed would put it (a long stretch of
    /// events is being worked through in slices).
    catching_up: RwSignal<bool>,
    stepped: RwSignal<Option<Stepped>>,
    /// The last command the engine refused, and why.
    refusal: RwSignal<Option<String>>,
    clock_loop: page_clock::Loop,
    persist: persist::Persist,
    /// The scenario text the workspace started from (its script).
    source: StoredValue<String, LocalStorage>,
    /// Counts the sessions installed (loaded, replaced, taken over).
    epoch: StoredValue<u64>,
    /// The saved workspace's damage, while it could not be opened.
    damaged: RwSignal<Option<Damaged>>,
    /// The good part of the damaged workspace.
    recovery: StoredValue<Option<recover::Recovery>, LocalStorage>,
    /// What someone did in the past, waiting for them to say how to branch.
    held: RwSignal<Option<Held>>,
    /// The "pause here" marks of the workspace's script.
    marks: StoredValue<Vec<PauseMark>>,
    /// A move of the cursor under way in slices.
    travel: travel::MoveUnderWay,
}

pub fn use_runtime() -> Runtime {
    use_context::<Runtime>().expect("App provides the runtime")
}

impl Runtime {
    /// Creates the runtime, provides it as context and starts loading the
    /// saved workspace (or the built-in one).
    pub fn provide() -> Runtime {
        let session = StoredValue::new_local(None);
        let runtime = Runtime {
            session,
            areas: areas::Areas::new(),
            clock: RwSignal::new(Clock::default()),
            mode: RwSignal::new(Mode::Loading),
            save: save_mark::SaveSignal::new(session),
            catching_up: RwSignal::new(false),
            stepped: RwSignal::new(None),
            refusal: RwSignal::new(None),
            clock_loop: page_clock::Loop::new(),
            persist: persist::Persist::new(),
            source: StoredValue::new_local(String::new()),
            epoch: StoredValue::new(0),
            damaged: RwSignal::new(None),
            recovery: StoredValue::new_local(None),
            held: RwSignal::new(None),
            marks: StoredValue::new(Vec::new()),
            travel: travel::MoveUnderWay::new(),
        };
        provide_context(runtime);
        open::start(runtime);
        crate::browser::leaving::watch(move |leaving| {
            if leaving {
                runtime.persist.flush_before_leaving(runtime);
            } else {
                runtime.persist.back_from_leaving(runtime);
            }
        });
        runtime
    }

    /// Reads the session, tracking every change to it. `None` while loading.
    pub fn with<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&Area::ALL, f)
    }

    /// Reads the session, tracking changes to `areas` only: what `f` reads
    /// must lie in them (a new workspace, a move in time or a new language
    /// wakes every area).
    pub fn with_in<R>(&self, areas: &[Area], f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.areas.track_installed();
        for a in areas {
            self.areas.track(*a);
        }
        self.session.with_value(|s| s.as_ref().map(f))
    }

    /// Reads the workflows' definitions, drafts, versions, status and phase.
    pub fn with_workflows<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::Workflows], f)
    }

    /// Reads the executions and what they count.
    pub fn with_executions<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::Executions], f)
    }

    /// Reads the workflows and their executions (counts, steps, versions run).
    pub fn with_workflows_runs<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::Workflows, Area::Executions], f)
    }

    /// Reads the workflows and the people (names, groups, ids in use).
    pub fn with_workflows_people<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::Workflows, Area::People], f)
    }

    /// Reads the contacts and operators.
    pub fn with_people<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::People], f)
    }

    /// Reads the log, the script's progress and the journal.
    pub fn with_log<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.with_in(&[Area::Log], f)
    }

    /// Reads the session without tracking.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.session.with_value(|s| s.as_ref().map(f))
    }

    /// The scenario text the workspace started from, tracking changes.
    pub fn source(&self) -> String {
        self.areas.track_installed();
        self.source.get_value()
    }

    /// Whether the workspace started from scenario `text`, tracking changes.
    pub fn source_is(&self, text: &str) -> bool {
        self.areas.track_installed();
        self.source.with_value(|s| s == text)
    }

    pub fn source_is_untracked(&self, text: &str) -> bool {
        self.source.with_value(|s| s == text)
    }

    pub fn clock(&self) -> Clock {
        self.clock.get()
    }

    pub fn mode(&self) -> Mode {
        self.mode.get()
    }

    /// What is saved; nothing is while the saved workspace cannot be opened.
    pub fn save_state(&self) -> SaveState {
        match self.mode.get() {
            Mode::Failed(_) => SaveState::NotSaving {
                reason: "the saved workspace could not be opened".into(),
                unsaved: 0,
            },
            _ => self.save.get(),
        }
    }

    pub fn catching_up(&self) -> bool {
        self.catching_up.get()
    }

    pub fn stepped(&self) -> Option<Stepped> {
        self.stepped.get()
    }

    pub fn refusal(&self) -> Option<String> {
        self.refusal.get()
    }

    pub fn dismiss_refusal(&self) {
        self.refusal.set(None);
    }

    /// Hands a person's command to the engine at the clock's time. A
    /// refusal is also kept for the page to show.
    pub fn command(&self, command: Command) -> Result<Outcome, SessionError> {
        if let Mode::ReadOnly(_) = self.mode.get_untracked() {
            let why = tr("this tab shows the workspace read-only; take over to change it");
            self.refusal.set(Some(why.into()));
            return Ok(Outcome::Rejected(why.into()));
        }
        if !self.clear_to_act(Held::Command(command.clone())) {
            return Ok(Outcome::Rejected(
                tr("this acts in the past: choose first whether to go on from there").into(),
            ));
        }
        let result = self.mutate(|s| s.command(&command));
        let result = match result {
            None => Ok(Outcome::Rejected(
                tr("the workspace is still loading").into(),
            )),
            Some(Ok(Outcome::Rejected(why))) => Ok(Outcome::Rejected(rejection(&why))),
            Some(other) => other,
        };
        match &result {
            Ok(Outcome::Rejected(why)) => self.refusal.set(Some(why.clone())),
            Ok(Outcome::Accepted) => self.refusal.set(None),
            Err(e) => self.refusal.set(Some(e.to_string())),
        }
        self.changed();
        self.clock_loop.reschedule(*self);
        result
    }

    pub fn play(&self) {
        if !self.clear_to_act(Held::Play) {
            return;
        }
        self.set_clock(|c| {
            c.paused = false;
            if c.stop_at.is_some_and(|t| t <= c.now) {
                c.stop_at = None;
            }
        });
        self.clock_loop.restart(*self);
    }

    pub fn pause(&self) {
        self.set_clock(|c| c.paused = true);
        self.clock_loop.restart(*self);
    }

    pub fn set_speed(&self, speed: Speed) {
        self.set_clock(|c| c.speed = speed);
        self.clock_loop.restart(*self);
    }

    /// Runs until simulated time `t`, then pauses.
    pub fn run_until(&self, t: SimTime) {
        if !self.clear_to_act(Held::RunUntil(t)) {
            return;
        }
        self.set_clock(|c| {
            c.stop_at = Some(t);
            c.paused = false;
        });
        self.clock_loop.restart(*self);
    }

    /// Pauses and jumps to the next instant anything is due, handling all of it.
    pub fn step_to_next(&self) {
        if !self.clear_to_act(Held::Step) {
            return;
        }
        self.set_clock(|c| c.paused = true);
        self.clock_loop.restart(*self);
        let stepped = self.mutate(|s| {
            let before = s.whole_log().len();
            let Some(next) = s.next_input() else {
                return Some(Stepped::NothingDue);
            };
            if let Err(e) = s.advance_to(next, usize::MAX) {
                page_clock::log_error(&e.to_string());
                return None;
            }
            Some(Stepped::Handled {
                at: next,
                events: s.whole_log().len() - before,
            })
        });
        self.stepped.set(stepped.flatten());
        self.changed();
    }

    fn set_clock(&self, f: impl FnOnce(&mut Clock)) {
        self.mutate(|s| f(s.clock_mut()));
        self.changed();
    }

    /// Changes the session; `None` while there is none.
    fn mutate<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        self.session
            .try_update_value(|s| s.as_mut().map(f))
            .flatten()
    }

    /// After any change: the views that read what changed update, and the
    /// change is saved.
    fn changed(&self) {
        if let Some(clock) = self.with_untracked(|s| s.shown_clock()) {
            self.clock.set(clock);
        }
        let epoch = self.epoch.get_value();
        let touched = self
            .mutate(|s| {
                let touched = s.take_touched();
                let place = areas::Place {
                    epoch,
                    position: s.position(),
                    in_past: s.in_past(),
                };
                self.areas.moved_to(place, touched)
            })
            .unwrap_or(Touched::ALL);
        self.areas.notify(touched);
        if self.mode.get_untracked() == Mode::Running {
            self.persist.schedule(*self);
        }
    }

    /// Wakes every view that reads the session (after a change of language).
    pub fn touch_all(&self) {
        self.areas.touch_all();
    }

    /// Which session runs: it changes whenever a session is installed, so
    /// what was derived from an earlier workspace can tell it is stale.
    pub fn workspace_epoch(&self) -> u64 {
        self.epoch.get_value()
    }

    /// The "pause here" mark the clock rests at, if it is paused at the
    /// present right after one (tracking changes).
    pub fn resting_mark(&self) -> Option<PauseMark> {
        if !self.clock.get().paused {
            return None;
        }
        self.with_log(|s| {
            if s.in_past() {
                return None;
            }
            self.marks
                .with_value(|m| resting_at(m, s.script_done(), s.clock().now).cloned())
        })
        .flatten()
    }

    fn install(&self, session: Session, mode: Mode) {
        self.epoch.update_value(|e| *e += 1);
        self.marks.set_value(pause_marks(&self.source.get_value()));
        self.session.set_value(Some(session));
        self.mode.set(mode);
        self.changed();
        self.clock_loop.restart(*self);
    }

    /// Takes the workspace over from the tab that runs it, reading what it saved.
    pub fn take_over(&self) {
        self.persist.take_over(*self);
    }

    /// Stops running the workspace: another tab has it now.
    /// (The mode first: the pause that follows is then not saved as a
    /// change of a running workspace.)
    fn stop_running(&self, why: ReadOnly) {
        self.mode.set(Mode::ReadOnly(why));
        self.set_clock(|c| c.paused = true);
        self.clock_loop.restart(*self);
        self.catching_up.set(false);
    }
}
