//! The database's object stores and their migrations.
//!
//! | store       | key                          | value |
//! |-------------|------------------------------|-------|
//! | `meta`      | `"schema_version"`           | number |
//! |             | `"genesis"`                  | the genesis as JSON text |
//! |             | `"log_end"`                  | `{segments, events, last_t}`: where the log ends |
//! |             | `"session"`                  | the app's clock and script cursor, as JSON text, written with each append |
//! | `segments`  | segment number (0, 1, …)     | `{first_event_index, event_count, bytes}` (`Uint8Array`) |
//! | `snapshots` | events it follows            | `{after_events, from_segment, bytes}` (only the latest is kept) |
//! | `versions`  | `[workflow_id, version]`     | `StoredVersion`, written once with `add` |
//! | `settings`  | setting name                 | the value as JSON text |

use indexed_db_futures::database::Database;
use indexed_db_futures::error::Error;
use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

pub(super) const SCHEMA_VERSION: u32 = 1;

pub(super) const META: &str = "meta";
pub(super) const SEGMENTS: &str = "segments";
pub(super) const SNAPSHOTS: &str = "snapshots";
pub(super) const VERSIONS: &str = "versions";
pub(super) const SETTINGS: &str = "settings";

pub(super) const KEY_SCHEMA_VERSION: &str = "schema_version";
pub(super) const KEY_GENESIS: &str = "genesis";
pub(super) const KEY_LOG_END: &str = "log_end";
pub(super) const KEY_SESSION: &str = "session";

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
