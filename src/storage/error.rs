//! `StorageError` and the mapping of IndexedDB failures onto it.

use indexed_db_futures::error::{DomException, Error, OpenDbError};
use wasm_bindgen::JsCast;

use crate::i18n::{num, tr};
use crate::t;

/// Its text is the app's, in the current language (hence no `thiserror`
/// attributes: they cannot translate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refuses to open (private mode, disabled, a
    /// database written by a newer Flowlab); the browser's message.
    Unavailable(String),
    QuotaExceeded,
    /// A workspace too large to store; refused before anything is written.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// The schema upgrade waits for another tab that holds the database open.
    Blocked,
    VersionExists {
        workflow: String,
        version: u32,
    },
    /// An append that would leave a gap in the log or repeat part of it.
    OutOfOrder {
        expected: u64,
        got: u64,
    },
    /// An append after known ends found those ends taken: another tab
    /// wrote this workspace since this one last saved.
    Overtaken,
    /// A journal append that would leave a gap in the journal or repeat part of it.
    JournalOutOfOrder {
        expected: u64,
        got: u64,
    },
    /// A snapshot of more events than the stored log holds.
    SnapshotAhead {
        after_events: u64,
        log_events: u64,
    },
    /// A segment handed to `append_segments` that does not decode or does
    /// not hold what it says (refused before anything is written).
    BadSegment(String),
    /// Stored data that does not decode or does not fit together; names the record.
    Corrupt(String),
    Other(String),
}

impl std::error::Error for StorageError {}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            StorageError::Unavailable(why) => t!("storage is unavailable: {why}", why = why),
            StorageError::QuotaExceeded => tr("the browser's storage quota is exceeded").into(),
            StorageError::TooLarge { bytes, limit } => t!(
                "this workspace takes {size} MB to store, over the limit of {limit} MB",
                size = num(bytes.div_ceil(1 << 20) as u64),
                limit = num((limit >> 20) as u64)
            ),
            StorageError::Blocked => {
                tr("another Flowlab tab holds this workspace open with an older version; close it")
                    .into()
            }
            StorageError::VersionExists { workflow, version } => t!(
                "version {version} of workflow `{workflow}` is already published",
                version = version,
                workflow = workflow
            ),
            StorageError::OutOfOrder { expected, got } => t!(
                "the log ends at event {expected}; a segment starting at event {got} cannot follow",
                expected = expected,
                got = got
            ),
            StorageError::Overtaken => {
                tr("another tab wrote this workspace since this tab last saved it").into()
            }
            StorageError::JournalOutOfOrder { expected, got } => t!(
                "the journal holds {expected} entries; an entry numbered {got} cannot follow",
                expected = expected,
                got = got
            ),
            StorageError::SnapshotAhead {
                after_events,
                log_events,
            } => t!(
                "a snapshot after {after} events is ahead of the stored log ({log} events)",
                after = after_events,
                log = log_events
            ),
            StorageError::BadSegment(what) => t!("bad segment: {what}", what = what),
            StorageError::Corrupt(what) => {
                t!("the stored workspace is corrupt: {what}", what = what)
            }
            StorageError::Other(what) => t!("storage error: {what}", what = what),
        };
        f.write_str(&text)
    }
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
        None => return StorageError::Unavailable(tr("there is no window").into()),
        Some(Err(e)) => return StorageError::thrown_at_open(&e),
        Some(Ok(None)) => {
            return StorageError::Unavailable(tr("this browser has no IndexedDB").into())
        }
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
            StorageError::Unavailable(tr("IndexedDB refused to open the database").into())
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
                    .unwrap_or_else(|| tr("IndexedDB threw an unknown error").into()),
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

#[cfg(test)]
mod tests {
    use super::StorageError;
    use crate::i18n::{set_current, Lang};

    #[test]
    fn storage_errors_speak_the_page_language() {
        let error = StorageError::TooLarge {
            bytes: 3 << 20,
            limit: 2 << 20,
        };
        assert_eq!(
            error.to_string(),
            "this workspace takes 3 MB to store, over the limit of 2 MB"
        );
        set_current(Lang::Fr);
        let french = (error.to_string(), StorageError::QuotaExceeded.to_string());
        set_current(Lang::En);
        assert_eq!(
            french.0,
            "cet espace de travail occupe 3 Mo à stocker, au-delà de la limite de 2 Mo"
        );
        assert_eq!(french.1, "le quota de stockage du navigateur est dépassé");
    }
}
