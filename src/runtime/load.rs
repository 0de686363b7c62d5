//! Replacing the whole workspace: with a scenario file (a preset, an
//! imported file) or with the built-in sample workspace (reset). The file
//! is parsed before anything changes; a file that does not parse changes
//! nothing, in the page or in storage.

use flowlab_engine::scenario::{parse_scenario, FileError};
use flowlab_engine::sim;
use leptos::prelude::*;

use super::Runtime;
use crate::session::Session;
use crate::workspace::SAMPLE_WORKSPACE;

/// Scenario files bigger than this are refused before they are read.
pub const MAX_SCENARIO_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("{name} is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        name: String,
        size: usize,
        limit: usize,
    },
    #[error(transparent)]
    File(#[from] FileError),
}

impl Runtime {
    /// Starts the workspace over from scenario `text`: its workflows,
    /// people and script, the clock paused at instant 0.
    pub async fn load_scenario(&self, name: &str, text: &str) -> Result<(), LoadError> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(LoadError::TooLarge {
                name: name.to_owned(),
                size: text.len(),
                limit: MAX_SCENARIO_BYTES,
            });
        }
        let scenario = parse_scenario(name, text)?;
        self.pause();
        let session = Session::new(sim::genesis(&scenario), scenario.script.clone());
        self.persist.start_over(&scenario, text).await;
        self.install(session, super::Mode::Running);
        self.stepped.set(None);
        self.refusal.set(None);
        Ok(())
    }

    /// Puts back the built-in sample workspace.
    pub async fn reset(&self) {
        self.load_scenario("workspace.json", SAMPLE_WORKSPACE)
            .await
            .expect("the built-in workspace parses");
    }
}
