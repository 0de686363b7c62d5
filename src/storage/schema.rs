//! The database's object stores and their migrations.
//!
//! | store       | key                          | value |
//! |-------------|------------------------------|-------|
//! | `meta`      | `"schema_version"`           | number |
//! |             | `"genesis"`                  | the genesis as JSON text |
//! |             | `"log_end"`                  | `{segments, events, last_t}`: where the log ends |
//! |             | `"session"`                  | the app's clock and script cursor, as JSON text, written with each append |
//! |             | `"journal_end"`              | number of journal entries stored (absent: 0) |
//! | `segments`  | segment number (0, 1, …)     | `{first_event_index, event_count, bytes}` (`Uint8Array`) |
//! | `snapshots` | events it follows            | `{after_events, from_segment, bytes}` (only the latest is kept) |
//! | `versions`  | `[workflow_id, version]`     | `StoredVersion`, written once with `add` |
//! | `settings`  | setting name                 | the value as JSON text |
//! | `journal`   | entry number (0, 1, …)       | `[after, command]` as JSON text: a command a person gave, after the first `after` script entries (since v2; written once with `add`) |
//!
//! Schema 1 kept the journal in the session record (`{…, "journal":
//! [[after, command], …]}`), rewritten whole with every append. `load`
//! still reads it from there while the `journal` store is empty; the next
//! append moves it into the store.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::Error;
use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

pub(super) const SCHEMA_VERSION: u32 = 2;

pub(super) const META: &str = "meta";
pub(super) const SEGMENTS: &str = "segments";
pub(super) const SNAPSHOTS: &str = "snapshots";
pub(super) const VERSIONS: &str = "versions";
pub(super) const SETTINGS: &str = "settings";
pub(super) const JOURNAL: &str = "journal";

pub(super) const KEY_SCHEMA_VERSION: &str = "schema_version";
pub(super) const KEY_GENESIS: &str = "genesis";
pub(super) const KEY_LOG_END: &str = "log_end";
pub(super) const KEY_SESSION: &str = "session";
pub(super) const KEY_JOURNAL_END: &str = "journal_end";

/// Brings a database from `old` (0: new) to `new`, one version at a time,
/// inside the upgrade transaction `tx`. A later schema adds an arm.
pub(super) fn upgrade(
    old: u32,
    new: u32,
    db: &Database,
    tx: &web_sys::IdbTransaction,
) -> Result<(), Error> {
    for version in old + 1..=new {
        match version {
            1 => {
                for store in [META, SEGMENTS, SNAPSHOTS, VERSIONS, SETTINGS] {
                    db.create_object_store(store).build()?;
                }
            }
            2 => {
                db.create_object_store(JOURNAL).build()?;
            }
            other => {
                return Err(
                    JsValue::from_str(&format!("no migration to schema version {other}")).into(),
                )
            }
        }
    }
    tx.object_store(META)?
        .put_with_key(&JsValue::from(new), &JsValue::from_str(KEY_SCHEMA_VERSION))?;
    Ok(())
}
