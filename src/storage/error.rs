//! `StorageError` and the mapping of IndexedDB failures onto it.

use indexed_db_futures::error::{DomException, Error, OpenDbError};
use wasm_bindgen::JsCast;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// IndexedDB is missing or refuses to open (private mode, disabled, a
    /// database written by a newer Flowlab); the browser's message.
    #[error("storage is unavailable: {0}")]
    Unavailable(String),
    #[error("the browser's storage quota is exceeded")]
    QuotaExceeded,
    /// A workspace too large to store; refused before anything is written.
    #[error(
        "this workspace takes {} MB to store, over the limit of {} MB",
        bytes.div_ceil(1 << 20),
        limit >> 20
    )]
    TooLarge { bytes: usize, limit: usize },
    /// The schema upgrade waits for another tab that holds the database open.
    #[error("another Flowlab tab holds this workspace open with an older version; close it")]
    Blocked,
    #[error("version {version} of workflow `{workflow}` is already published")]
    VersionExists { workflow: String, version: u32 },
    /// An append that would leave a gap in the log or repeat part of it.
    #[error("the log ends at event {expected}; a segment starting at event {got} cannot follow")]
    OutOfOrder { expected: u64, got: u64 },
    /// An append after known ends found those ends taken: another tab
    /// wrote this workspace since this one last saved.
    #[error("another tab wrote this workspace since this tab last saved it")]
    Overtaken,
    /// A journal append that would leave a gap in the journal or repeat part of it.
    #[error("the journal holds {expected} entries; an entry numbered {got} cannot follow")]
    JournalOutOfOrder { expected: u64, got: u64 },
    /// A snapshot of more events than the stored log holds.
    #[error(
        "a snapshot after {after_events} events is ahead of the stored log ({log_events} events)"
    )]
    SnapshotAhead { after_events: u64, log_events: u64 },
    /// A segment handed to `append_segments` that does not decode or does
    /// not hold what it says (refused before anything is written).
    #[error("bad segment: {0}")]
    BadSegment(String),
    /// Stored data that does not decode or does not fit together; names the record.
    #[error("the stored workspace is corrupt: {0}")]
    Corrupt(String),
    #[error("storage error: {0}")]
    Other(String),
}

fn dom_name(e: &DomException) -> String {
    use indexed_db_futures::internals::SystemRepr;
    e.as_sys().name()
}

impl From<Error> for StorageError {
    fn from(e: Error) -> Self {
        match &e {
            Error::DomException(d) if dom_name(d) == "QuotaExceededError" => {
                StorageError::QuotaExceeded
            }
            Error::DomException(d) => {
                StorageError::Other(format!("{}: {}", dom_name(d), d.message()))
            }
            _ => StorageError::Other(e.to_string()),
        }
    }
}

/// Any failure to open is `Unavailable`, with the browser's words.
pub(super) fn open_error(e: OpenDbError) -> StorageError {
    match e {
        OpenDbError::Base(Error::DomException(d)) => {
            StorageError::Unavailable(format!("{}: {}", dom_name(&d), d.message()))
        }
        other => StorageError::Unavailable(other.to_string()),
    }
}

/// Why `indexedDB.open(name, version)` throws. indexed_db_futures 0.6
/// reports every such throw as "Version cannot be zero", so the call is
/// made once more here, where the exception itself can be read (a
/// `SecurityError` in a sandboxed or opaque-origin page, for one). The
/// repeated call throws again for the same reason; should it not, its
/// request is closed as soon as it opens.
pub(super) fn thrown_by_open(name: &str, version: u32) -> StorageError {
    let factory = match web_sys::window().map(|w| w.indexed_db()) {
        None => return StorageError::Unavailable("there is no window".into()),
        Some(Err(e)) => return StorageError::thrown_at_open(&e),
        Some(Ok(None)) => return StorageError::Unavailable("this browser has no IndexedDB".into()),
        Some(Ok(Some(f))) => f,
    };
    match factory.open_with_u32(name, version) {
        Err(e) => StorageError::thrown_at_open(&e),
        Ok(request) => {
            let opened = request.clone();
            let close = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Ok(db) = opened.result() {
                    db.unchecked_into::<web_sys::IdbDatabase>().close();
                }
            });
            request.set_onsuccess(Some(close.unchecked_ref()));
            StorageError::Unavailable("IndexedDB refused to open the database".into())
        }
    }
}

impl StorageError {
    /// What an exception thrown by `indexedDB` or `indexedDB.open` means:
    /// `Unavailable`, with the exception's name and message.
    pub fn thrown_at_open(thrown: &wasm_bindgen::JsValue) -> StorageError {
        match thrown.dyn_ref::<web_sys::DomException>() {
            Some(d) => StorageError::Unavailable(format!("{}: {}", d.name(), d.message())),
            None => StorageError::Unavailable(
                thrown
                    .as_string()
                    .or_else(|| js_sys::JSON::stringify(thrown).ok().map(String::from))
                    .unwrap_or_else(|| "IndexedDB threw an unknown error".into()),
            ),
        }
    }
}

/// What a failed transaction says when its requests did not: the
/// transaction's own error (a quota is reported there) or `fallback`.
pub(super) fn tx_error(tx: &web_sys::IdbTransaction, fallback: Error) -> StorageError {
    match tx.error() {
        Some(d) if d.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        Some(d) => StorageError::Other(format!("{}: {}", d.name(), d.message())),
        None => fallback.into(),
    }
}
