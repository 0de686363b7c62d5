//! The saver, the tab lock and the read-only/owner mode as one pure state
//! machine ([`Saver`]): events in, together with the [`Moment`] they happen
//! at (real time in ms, how much the page holds, whether the clock rests);
//! the next state and a list of [`Effect`]s out. It never touches the
//! browser and never reads a clock: `host/persist.rs` feeds it and
//! carries its effects out.

mod effects;
mod machine;
#[cfg(test)]
mod tests;

pub use effects::{Effect, ReadOnly, SaveState, WriteOrder};
pub use machine::{
    Event, Moment, Phase, Saver, Stored, WriteError, WriteId, WriteOutcome, FLUSH_DELAY_MS,
    HANDOVER_GRACE_MS, SNAPSHOT_EVERY, WRITE_MAX_EVENTS,
};
