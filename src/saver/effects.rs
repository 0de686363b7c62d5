//! What the saver asks of the world, and the small vocabularies it shows.

use crate::i18n::tr;
use crate::storage::StoredEnd;

use super::machine::{Stored, WriteId};

/// Whether what the page shows is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Events shown but not written yet.
    Saving {
        unsaved: usize,
    },
    /// Storage cannot be used; the page runs in memory. `reason` says why,
    /// `unsaved` how many events would be lost on closing the tab.
    NotSaving {
        reason: String,
        unsaved: usize,
    },
}

/// Why this tab shows the workspace without running it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another tab was already running the workspace when this one opened.
    OtherTab,
    /// Another tab took the workspace over from this one.
    TakenOver,
    /// Another tab wrote to the workspace while this one ran it.
    Conflict,
}

impl ReadOnly {
    pub fn message(self) -> &'static str {
        match self {
            ReadOnly::OtherTab => tr("This workspace is running in another tab, so this tab shows it read-only, as it was last saved. It takes over by itself when the other tab closes."),
            ReadOnly::TakenOver => tr("Another tab took this workspace over; this tab shows it read-only, saves nothing, and takes it back by itself when that tab closes."),
            ReadOnly::Conflict => tr("Another tab wrote to this workspace while this one was running it; this tab stopped saving. Take over to continue from what is saved."),
        }
    }
}

/// One write to start: the log and journal from `from` on, the session
/// record, the versions published since, and a snapshot if `snapshot`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOrder {
    pub id: WriteId,
    pub from: Stored,
    /// The log's events up to this index at most (whole chunks).
    pub upto: usize,
    /// Where the store ends, when known (this tab's last append, or a write
    /// under way): the write then sends every request before it waits.
    pub after: Option<StoredEnd>,
    pub snapshot: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Show the save state in the header.
    Show(SaveState),
    /// Send a [`super::Event::Wake`] at this real time (replaces any other).
    WakeAt(u64),
    /// Forget the wake-up asked for.
    CancelWake,
    /// Start a write; it answers with `WriteSent` (once its requests are
    /// sent, when the end is known) and `WriteDone`.
    Write(WriteOrder),
    /// The log's first `upto` events are stored: short stored chunks can be
    /// joined.
    JoinStored { upto: usize },
    /// Stop running: pause the clock, show the workspace read-only, why.
    GoReadOnly(ReadOnly),
    /// Let go of the tab lock (a tab that asked for it gets it).
    ReleaseLock,
    /// Queue for the tab lock, to run the workspace when it comes.
    WaitForLock,
    /// Ask the tab holding the lock to save and hand it over.
    AskForLock,
    /// Take the lock without asking, then open the workspace.
    StealLock,
    /// No write is under way: the workspace can be replaced now.
    Replace,
}
