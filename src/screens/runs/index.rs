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

pub fn use_run_index() -> RunIndex {
    use_context::<RunIndex>().expect("App provides the run index")
}
