//! Replacing the whole workspace: with a scenario file (a preset, an
//! imported file), an imported workspace, or the built-in sample workspace
//! (reset); and bringing one workflow in from a file. Files are read and
//! checked before anything changes; a bad one changes nothing, in the page
//! or in storage.

use flowlab_engine::command::{Command, DraftEdit};
use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::runtime::Outcome;
use flowlab_engine::scenario::FileError;
use leptos::prelude::*;

use super::{Mode, Runtime};
use crate::file_format::samples::sample_workspace;
use crate::file_format::scenario::read_scenario;
use crate::file_format::workspace_file;
use crate::session::{Session, SessionError};
use crate::storage::StorageError;
use crate::t;

/// Why a scenario did not become the workspace; nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", crate::engine_text::file_error(.0))]
    File(#[from] FileError),
    #[error("{}", not_stored(file, reason))]
    NotStored { file: String, reason: StorageError },
}

fn not_stored(file: &str, reason: &StorageError) -> String {
    t!(
        "{file} was not loaded: {reason}. Nothing was changed.",
        file = file,
        reason = reason
    )
}

impl Runtime {
    /// Starts the workspace over from scenario `text`: its workflows,
    /// people and script, the clock paused at instant 0.
    pub async fn load_scenario(&self, name: &str, text: &str) -> Result<(), LoadError> {
        let session = read_scenario(name, text)?;
        self.replace(session, text.to_owned())
            .await
            .map_err(|e| LoadError::NotStored {
                file: name.to_owned(),
                reason: e,
            })
    }

    /// Puts back the built-in sample workspace.
    pub async fn reset(&self) -> Result<(), LoadError> {
        self.load_scenario("workspace.json", &sample_workspace())
            .await
    }

    /// Makes `session` the workspace, in storage (one transaction) and
    /// then in the page. If storage refuses it, nothing changes in either.
    pub async fn replace(&self, session: Session, source: String) -> Result<(), StorageError> {
        self.pause();
        self.persist
            .start_over(*self, session.genesis(), &source)
            .await?;
        self.forget_damage();
        self.source.set_value(source);
        self.install(session, Mode::Running);
        self.stepped.set(None);
        self.refusal.set(None);
        Ok(())
    }

    /// The whole workspace as a `flowlab-workspace/1` file; for a damaged
    /// one, the part that can be read back (`None` if none can).
    pub fn export_workspace(&self) -> Option<String> {
        let source = self.source.get_value();
        self.with_untracked(|s| workspace_file::export_workspace(s, &source))
            .or_else(|| self.export_recovered())
    }

    /// Brings a workflow from a file in as workflow `id`: a new draft
    /// workflow when `id` is free, otherwise its draft is replaced.
    pub fn import_workflow(
        &self,
        draft: &WorkflowDraft,
        id: &str,
    ) -> Result<Outcome, SessionError> {
        let exists = self
            .with_untracked(|s| s.state().workflow_ix.contains_key(id))
            .unwrap_or(false);
        if !exists {
            let created = self.command(Command::Create {
                workflow: id.to_owned(),
                name: draft.name.clone(),
            })?;
            if created != Outcome::Accepted {
                return Ok(created);
            }
        }
        self.command(Command::Edit {
            workflow: id.to_owned(),
            edit: Box::new(DraftEdit {
                steps: Some(draft.steps.clone()),
                settings: Some(draft.settings.clone()),
                trigger: Some(draft.trigger.clone()),
                name: Some(draft.name.clone()),
                written: draft.written.clone(),
            }),
        })
    }

    /// A workflow id not in use yet: `id`, or `id_copy`, `id_copy2`, …
    pub fn free_workflow_id(&self, id: &str) -> String {
        self.with_untracked(|s| {
            let taken = |c: &str| s.state().workflow_ix.contains_key(c);
            if !taken(id) {
                return id.to_owned();
            }
            (1..)
                .map(|n| {
                    if n == 1 {
                        format!("{id}_copy")
                    } else {
                        format!("{id}_copy{n}")
                    }
                })
                .find(|c| !taken(c))
                .expect("some id is free")
        })
        .unwrap_or_else(|| id.to_owned())
    }
}
