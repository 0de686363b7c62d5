//! The trace of `scenario-format.md` (JSON Lines, as `flowlab-sim run`
//! writes it) of a workspace: what the workspace menu downloads and what an
//! exported scenario must reproduce.

use flowlab_engine::trace;

use crate::session::Session;

/// The trace of the whole log, wherever the cursor is, without the summary
/// line.
pub fn trace_text(session: &Session) -> String {
    let state = session.live_state();
    let mut out = String::new();
    for stamped in session.whole_log().iter() {
        if let Some(line) = trace::line(state, &stamped) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
