//! One write of the saver: what is not stored yet, taken from the session
//! at once (the log's chunks, already encoded), and its transactions.

use flowlab_engine::codec::encode_snapshot;

use super::open::SessionRecord;
use crate::i18n::tr;
use crate::saver::{Stored, WriteError, WriteOutcome};
use crate::session::event_log::CHUNK_EVENTS;
use crate::session::{EventLog, Session};
use crate::storage::{
    plan_segments, JournalAppend, JournalEntryJson, StorageError, Store, StoredEnd, StoredVersion,
};
use crate::t;

/// The log from event `from` on as segments to append: its chunks as they
/// are when `from` is where one starts (always, when this tab wrote the
/// log before it), else encoded from the events.
fn unsaved_segments(log: &mut EventLog, from: usize) -> Vec<crate::storage::Segment> {
    if let Some(chunks) = log.chunks_from(from) {
        return chunks
            .iter()
            .map(|c| crate::storage::Segment {
                first_event_index: c.first as u64,
                event_count: c.count as u32,
                last_t: c.last_t,
                bytes: c.bytes.clone(),
            })
            .collect();
    }
    let base = from
        .checked_sub(1)
        .map_or(flowlab_engine::time::SimTime::ZERO, |i| log.time_of(i));
    let events: Vec<_> = log.range(from..log.len()).map(|e| e.clone()).collect();
    plan_segments(from as u64, base, &events, CHUNK_EVENTS)
}

/// Another tab wrote the workspace since this one read it.
fn is_conflict(e: &StorageError) -> bool {
    matches!(
        e,
        StorageError::OutOfOrder { .. }
            | StorageError::JournalOutOfOrder { .. }
            | StorageError::Overtaken
    )
}

fn write_error(e: &StorageError) -> WriteError {
    if is_conflict(e) {
        WriteError::Conflict
    } else {
        WriteError::Storage(not_saving_reason(e))
    }
}

/// One flush: the events not yet stored (the log's chunks, already
/// encoded: [`EventLog::chunks_from`]), the session record and the journal
/// entries not yet stored as they were when the flush began, maybe a
/// snapshot, and the versions published in those events.
pub(super) struct Batch {
    pub(super) segments: Vec<crate::storage::Segment>,
    pub(super) session_json: String,
    /// Journal entries `journal_end - journal.len()` to `journal_end`.
    pub(super) journal: Vec<JournalEntryJson>,
    pub(super) journal_end: usize,
    pub(super) snapshot: Option<Vec<u8>>,
    pub(super) versions: Vec<StoredVersion>,
    pub(super) end: usize,
}

impl Batch {
    pub(super) fn take(session: &mut Session, stored: Stored, snapshot: bool) -> Batch {
        let end = session.event_log().len();
        let segments = unsaved_segments(session.event_log_mut(), stored.events);
        let record = SessionRecord {
            clock: session.clock(),
            script_done: session.script_done(),
            cursor: session.in_past().then(|| session.position()),
        };
        let snapshot = snapshot.then(|| encode_snapshot(session.live_state()));
        let state = session.live_state();
        let versions = session
            .published_since(stored.events)
            .filter_map(|(wf, version)| {
                let wf = &state.workflows[wf.0 as usize];
                let v = wf.versions.get(version as usize - 1)?;
                Some(StoredVersion {
                    workflow: wf.draft.id.clone(),
                    version: v.number,
                    hash: v.hash.clone(),
                    note: v.note.clone().unwrap_or_default(),
                    published_at: v.published_at.0,
                    draft_json: v.draft.to_json().to_string(),
                })
            })
            .collect();
        Batch {
            segments,
            session_json: serde_json::to_string(&record).expect("a session record serializes"),
            journal: crate::file_format::script::journal_to_json(
                &session.journal()[stored.journal..],
            ),
            journal_end: session.journal().len(),
            snapshot,
            versions,
            end,
        }
    }

    pub(super) fn journal_append(&self) -> JournalAppend<'_> {
        JournalAppend {
            first: (self.journal_end - self.journal.len()) as u64,
            entries: &self.journal,
        }
    }

    /// Writes the batch, one transaction after another, as long as
    /// `current()` says the machine still waits for it.
    pub(super) async fn write(
        &self,
        store: &Store,
        known: Option<StoredEnd>,
        current: impl Fn() -> bool,
    ) -> WriteOutcome {
        let journal = self.journal_append();
        let appended = match known {
            Some(known) => {
                store
                    .append_with_session_after(known, &self.segments, &self.session_json, journal)
                    .await
            }
            None => {
                store
                    .append_with_session(&self.segments, &self.session_json, journal)
                    .await
            }
        };
        match appended {
            Ok(end) => WriteOutcome {
                appended: Some(end),
                error: self
                    .write_versions_and_snapshot(store, current)
                    .await
                    .err()
                    .map(|e| write_error(&e)),
            },
            Err(e) => WriteOutcome {
                appended: None,
                error: Some(write_error(&e)),
            },
        }
    }

    async fn write_versions_and_snapshot(
        &self,
        store: &Store,
        current: impl Fn() -> bool,
    ) -> Result<(), StorageError> {
        for v in &self.versions {
            if !current() {
                return Ok(());
            }
            match store.add_version(v).await {
                Ok(()) | Err(StorageError::VersionExists { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        if let Some(bytes) = self.snapshot.as_ref().filter(|_| current()) {
            store.put_snapshot(self.end as u64, bytes).await?;
        }
        Ok(())
    }
}

pub(super) fn not_saving_reason(e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded => {
            tr("the browser's storage is full, so new events are kept only in this tab").into()
        }
        StorageError::Blocked => tr(
            "another Flowlab tab holds an older version of the workspace open; close it and reload",
        )
        .into(),
        other => t!(
            "{error}; new events are kept only in this tab",
            error = other
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::open::builtin;
    use flowlab_engine::command::Command;
    use flowlab_engine::sim;
    use flowlab_engine::time::SimTime;

    #[test]
    fn a_batch_carries_only_the_journal_entries_not_yet_stored() {
        let (scenario, _) = builtin();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        s.advance_to(SimTime(60_000), usize::MAX).unwrap();
        for e in ["e1", "e2", "e3"] {
            s.command(&Command::Stop {
                execution: e.into(),
            })
            .unwrap();
        }
        let stored = Stored {
            events: s.whole_log().len() - 1,
            journal: 1,
        };
        let batch = Batch::take(&mut s, stored, false);
        assert_eq!(batch.journal_end, 3);
        assert_eq!(
            batch.journal,
            crate::file_format::script::journal_to_json(&s.journal()[1..])
        );
        let record: serde_json::Value = serde_json::from_str(&batch.session_json).unwrap();
        assert_eq!(record.get("journal"), None, "{record}");
        assert_eq!(record["script_done"], s.script_done());
    }
}
