//! A saved workspace with a damaged log: what can still be used of it
//! (export, recovery up to the last good segment) while the page shows
//! why it could not be opened. Reset and import work as for any
//! workspace, since the store stays open for them.

use std::rc::Rc;

use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use super::open::{restore, SessionRecord};
use super::{Mode, Runtime};
use crate::i18n::format::num_thin;
use crate::i18n::tr;
use crate::session::{Clock, Session};
use crate::storage::{Damage, LogEnd, Store, SETTING_SOURCE};
use crate::t;

/// The good part of a damaged workspace, read but not stored yet.
pub(super) struct Recovery {
    store: Rc<Store>,
    session: Session,
    source: String,
    end: LogEnd,
    record: String,
    journal: usize,
}

/// What the page knows of the damage, for the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    /// Where the log is damaged; `None` when nothing of the workspace can
    /// be read back.
    pub damage: Option<Damage>,
}

impl Damaged {
    /// What recovering drops, e.g. "events 1 201–3 400 (from segment 7 on)".
    pub fn loss(&self) -> Option<String> {
        let d = self.damage.as_ref()?;
        Some(t!(
            "events {from}–{to} (segment {segment} and after)",
            from = num_thin(d.good_events + 1),
            to = num_thin(d.stored_events),
            segment = d.segment
        ))
    }
}

/// Reads what is good of the damaged workspace in `store` and keeps it
/// for export and recovery; nothing is written.
pub(super) async fn salvage(runtime: Runtime, store: Rc<Store>) {
    let recovery = read_good_part(&store).await;
    let damage = recovery.as_ref().ok().map(|(_, d)| d.clone());
    runtime.damaged.set(Some(Damaged { damage }));
    runtime.recovery.set_value(recovery.ok().map(|(r, _)| r));
    // Reset and import replace the damaged workspace through it.
    runtime.persist.keep_store(runtime, store);
}

async fn read_good_part(store: &Rc<Store>) -> Result<(Recovery, Damage), String> {
    let salvage = store
        .load_good_prefix()
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no workspace is stored")?;
    let damage = salvage.damage.ok_or("nothing is damaged")?;
    let mut loaded = salvage.loaded;
    let end = loaded.log_end;
    let script = match store.get_setting(SETTING_SOURCE).await {
        Ok(Some(serde_json::Value::String(text))) => parse_scenario("workspace", &text)
            .map(|s| s.script)
            .map_err(|e| e.to_string())?,
        _ => Vec::new(),
    };
    let old: Option<SessionRecord> = loaded
        .session
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok());
    // The script entries due by the last good event were given then.
    let last_t = if end.events == 0 {
        SimTime::ZERO
    } else {
        end.last_t
    };
    let record = SessionRecord {
        clock: Clock {
            now: last_t,
            paused: true,
            stop_at: None,
            ..old.map(|r| r.clock).unwrap_or_default()
        },
        script_done: script.iter().take_while(|e| e.at <= last_t).count(),
        cursor: None,
    };
    let record = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    loaded.session = Some(record.clone());
    let journal = loaded.journal_stored as usize;
    let (session, source) = restore(store, loaded).await?;
    Ok((
        Recovery {
            store: store.clone(),
            session,
            source,
            end,
            record,
            journal,
        },
        damage,
    ))
}

impl Runtime {
    /// The damage of the saved workspace, while it could not be opened.
    pub fn damaged(&self) -> Option<Damaged> {
        self.damaged.get()
    }

    /// The good part of a damaged workspace as a `flowlab-workspace/1`
    /// file; `None` if nothing of it can be read back.
    pub(super) fn export_recovered(&self) -> Option<String> {
        self.recovery.with_value(|r| {
            r.as_ref().map(|r| {
                crate::file_format::workspace_file::export_workspace(&r.session, &r.source)
            })
        })
    }

    /// Makes the good part of the damaged workspace the stored one (the
    /// log cut back to the last good segment, in one transaction) and runs
    /// it. Called only after the person confirmed what is dropped.
    pub async fn recover(&self) -> Result<(), String> {
        let Some((store, end, record)) = self.recovery.with_value(|r| {
            r.as_ref()
                .map(|r| (r.store.clone(), r.end, r.record.clone()))
        }) else {
            return Err(tr("nothing of the saved workspace can be recovered").into());
        };
        store.truncate_to(end, Some(&record)).await.map_err(|e| {
            t!(
                "the workspace was not recovered: {error}. Nothing was changed.",
                error = e
            )
        })?;
        let Some(r) = self.recovery.try_update_value(|r| r.take()).flatten() else {
            return Err(tr("the workspace was replaced meanwhile").into());
        };
        self.persist
            .resume(*self, r.store, r.session.whole_log().len(), r.journal);
        self.source.set_value(r.source);
        self.damaged.set(None);
        self.install(r.session, Mode::Running);
        Ok(())
    }

    /// Forgets the damaged workspace once another one replaced it.
    pub(super) fn forget_damage(&self) {
        self.recovery.set_value(None);
        self.damaged.set(None);
    }
}
