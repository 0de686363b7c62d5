//! The snapshot a write stores, encoded a slice at a time with the page
//! given a turn between slices, so that a large state (100k executions
//! take about 90 ms to encode) never holds the page for long.

use flowlab_engine::codec::{SnapshotEncoder, SnapshotParts};

use super::Runtime;
use crate::browser::yield_now::yield_now;

/// Contacts and executions encoded per slice: a few milliseconds.
const PER_SLICE: usize = 8192;

/// The snapshot of the live state while the log holds `events` events;
/// `None` if the log moved on before it was whole (the clock played, or a
/// command came): the next write at rest takes one.
pub(super) async fn encode(runtime: Runtime, events: usize) -> Option<SnapshotParts> {
    let mut encoder = SnapshotEncoder::new();
    loop {
        let step = runtime.with_untracked(|s| {
            (s.whole_log().len() == events).then(|| encoder.step(s.live_state(), PER_SLICE))
        });
        match step.flatten() {
            None => return None,
            Some(Some(bytes)) => return Some(bytes),
            Some(None) => yield_now().await,
        }
    }
}
