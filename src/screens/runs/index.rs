//! The log index the run screens share, kept across screens and revisions.

use leptos::prelude::*;

use crate::host::use_runtime;
use crate::run_view::log_index::LogIndex;
use crate::session::touched::Area;
use crate::session::Session;

#[derive(Clone, Copy)]
pub struct RunIndex(StoredValue<LogIndex, LocalStorage>);

impl RunIndex {
    pub fn provide() {
        provide_context(RunIndex(StoredValue::new_local(LogIndex::default())));
    }

    /// Catches the index up at every change of the log, a slice's events
    /// at a time, while the views reading it wake only for their own areas
    /// (else their first wake after a long quiet would index a whole run's
    /// events in one task). For the screen, once: its parts read the index
    /// with `use_run_index`.
    fn follow_log(self) {
        let rt = use_runtime();
        Effect::new(move |_| {
            rt.with_in(&[Area::Log], |s| {
                self.0.update_value(|ix| ix.catch_up(s.log()));
            });
        });
    }

    /// Reads the session with the index caught up to its log, tracking
    /// changes to `areas` only: what `f` reads must lie in them (see
    /// `Runtime::with_in`).
    pub fn with_in<R>(
        &self,
        areas: &[Area],
        f: impl FnOnce(&Session, &LogIndex) -> R,
    ) -> Option<R> {
        let rt = use_runtime();
        let index = self.0;
        rt.with_in(areas, move |s| {
            index.update_value(|ix| ix.catch_up(s.log()));
            index.with_value(|ix| f(s, ix))
        })
    }
}

/// The run index for a screen that reads it, kept caught up with the log
/// while the screen is open (`RunIndex::follow_log`).
pub fn use_run_screen_index() -> RunIndex {
    let index = use_run_index();
    index.follow_log();
    index
}

pub fn use_run_index() -> RunIndex {
    use_context::<RunIndex>().expect("App provides the run index")
}
