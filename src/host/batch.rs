//! One write of the saver: what is not stored yet, taken from the session
//! at once (the log's chunks, already encoded), and its transactions.

use flowlab_engine::codec::SnapshotParts;

use super::open::SessionRecord;
use crate::i18n::tr;
use crate::saver::{Stored, WriteError, WriteOutcome};
use crate::session::event_log::CHUNK_EVENTS;
use crate::session::{EventLog, Session};
use crate::storage::{
    plan_segments, JournalAppend, JournalEntryJson, StorageError, Store, StoredEnd, StoredVersion,
};
use crate::t;

/// The log from event `from` up to `upto` as segments to append: its
/// chunks as they are when `from` is where one starts (always, when this
/// tab wrote the log before it), else encoded from the events. Whole chunks
/// only, and at least one.
fn unsaved_segments(log: &mut EventLog, from: usize, upto: usize) -> Vec<crate::storage::Segment> {
    if let Some(chunks) = log.chunks_from(from) {
        let taken = chunks
            .iter()
            .enumerate()
            .take_while(|(i, c)| *i == 0 || c.first + c.count <= upto)
            .count();
        return chunks[..taken]
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
    let events: Vec<_> = log
        .range(from..upto.clamp(from, log.len()))
        .map(|e| e.clone())
        .collect();
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
/// entries not yet stored as they were when the flush began, and the
/// versions published in those events. A snapshot, when one is wanted, is
/// encoded after the append, in slices (`sliced_snapshot.rs`).
pub(super) struct Batch {
    pub(super) segments: Vec<crate::storage::Segment>,
    pub(super) session_json: String,
    /// Journal entries `journal_end - journal.len()` to `journal_end`.
    pub(super) journal: Vec<JournalEntryJson>,
    pub(super) journal_end: usize,
    /// A snapshot of the state at `end` is wanted (the batch reaches the
    /// end of the log).
    pub(super) snapshot: bool,
    pub(super) versions: Vec<StoredVersion>,
    pub(super) end: usize,
}

impl Batch {
    pub(super) fn take(
        session: &mut Session,
        stored: Stored,
        upto: usize,
        snapshot: bool,
    ) -> Batch {
        let segments = unsaved_segments(session.event_log_mut(), stored.events, upto);
        let end = stored.events
            + segments
                .iter()
                .map(|s| s.event_count as usize)
                .sum::<usize>();
        let whole = end == session.event_log().len();
        let record = SessionRecord {
            clock: session.clock(),
            script_done: session.script_done(),
            cursor: session.in_past().then(|| session.position()),
        };
        let state = session.live_state();
        let versions = session
            .published_between(stored.events, end)
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
            snapshot: snapshot && whole,
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
    /// `current()` says the machine still waits for it; then the snapshot
    /// `snapshot` gives, if one is wanted (`None`: it could not be taken).
    pub(super) async fn write(
        &self,
        store: &Store,
        known: Option<StoredEnd>,
        current: impl Fn() -> bool,
        snapshot: impl std::future::Future<Output = Option<SnapshotParts>>,
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
            Ok(end) => {
                let mut done = self.write_versions(store, &current).await;
                if done.is_ok() && self.snapshot && current() {
                    if let Some(snapshot) = snapshot.await.filter(|_| current()) {
                        let parts: Vec<&[u8]> = snapshot.parts().collect();
                        done = store.put_snapshot_parts(self.end as u64, &parts).await;
                    }
                }
                WriteOutcome {
                    appended: Some(end),
                    error: done.err().map(|e| write_error(&e)),
                }
            }
            Err(e) => WriteOutcome {
                appended: None,
                error: Some(write_error(&e)),
            },
        }
    }

    async fn write_versions(
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
    use crate::host::open::builtin;
    use flowlab_engine::command::Command;
    use flowlab_engine::scenario::parse_scenario;
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
        let all = s.whole_log().len();
        let batch = Batch::take(&mut s, stored, all, false);
        assert_eq!(batch.journal_end, 3);
        assert_eq!(
            batch.journal,
            crate::file_format::script::journal_to_json(&s.journal()[1..])
        );
        let record: serde_json::Value = serde_json::from_str(&batch.session_json).unwrap();
        assert_eq!(record.get("journal"), None, "{record}");
        assert_eq!(record["script_done"], s.script_done());
    }

    #[test]
    fn a_batch_takes_whole_chunks_up_to_its_end_and_a_snapshot_only_of_the_whole_log() {
        let text = include_str!("../../../shared/bench/seq10-retry-10k.json")
            .replace("\"count\": 10000", "\"count\": 200");
        let scenario = parse_scenario("seq10.json", &text).unwrap();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        s.advance_to(SimTime(2 * 86_400_000), usize::MAX).unwrap();
        let all = s.whole_log().len();
        assert!(all > 3 * CHUNK_EVENTS, "{all} events: too few to cut");
        let nothing = Stored::default();
        let part = Batch::take(&mut s, nothing, 2 * CHUNK_EVENTS + 1, true);
        assert_eq!(part.end, 2 * CHUNK_EVENTS);
        assert_eq!(part.segments.len(), 2);
        assert!(
            !part.snapshot,
            "the state is not the one at event {}",
            part.end
        );
        let next = Stored {
            events: part.end,
            journal: 0,
        };
        let rest = Batch::take(&mut s, next, all, true);
        assert_eq!(rest.end, all);
        assert_eq!(rest.segments[0].first_event_index, part.end as u64);
        assert!(rest.snapshot);
        let tiny = Batch::take(&mut s, nothing, 1, false);
        assert_eq!(tiny.segments.len(), 1, "at least one chunk");
    }
}
