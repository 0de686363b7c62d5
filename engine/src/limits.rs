//! Every limit the engine enforces, in one place. Together they make sure no
//! input makes the engine do unbounded work at one instant, or without end
//! over a run: a file is refused (reading), a draft is not published
//! (validation), or the one execution that runs into a limit ends in `ERROR`
//! with a `work limit` reason (the run) while the rest of the run goes on.
//! README.md's "Limits" table says what a user sees for each.

use crate::time::DAY;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Contacts a `generate_contacts` block may ask for.
pub const MAX_GENERATED: u64 = 1_000_000;

/// The latest `run_until` a scenario may ask for: ten years of simulated time.
pub const MAX_RUN_UNTIL_MS: u64 = 3650 * DAY;

/// Steps a workflow may have: a step's index is 16 bits wide in the engine
/// and its snapshots.
pub const MAX_STEPS: usize = u16::MAX as usize;

/// The largest `retry.max_attempts` a step may publish with.
pub const MAX_ATTEMPTS: i64 = 1_000_000;

/// The most attempts a retry policy may make at one instant: with `backoff`
/// 0 and an attempt that can take no time, every attempt falls at the
/// instant of the first, so `max_attempts` above this is refused.
pub const MAX_ATTEMPTS_AT_ONE_INSTANT: u32 = 1_000;

/// Steps one execution may enter at one instant before it is stopped as a
/// loop. Publishing refuses instant cycles; this only guards the engine.
pub const MAX_ENTRIES_PER_INSTANT: u32 = 10_000;

/// Steps one execution may enter over its whole life (a loop through a wait
/// or an approval lets time pass, but must not run without end).
pub const MAX_ENTRIES_PER_EXECUTION: u32 = 100_000;

/// Attempts one step may make in one execution, over all its retry cycles.
pub const MAX_ATTEMPTS_PER_STEP: u32 = 1_000_000;

/// Executions `enroll` steps and `enroll_workflow` fail actions may start
/// in one workspace; later starts are skipped (`enrollment_skipped`). The
/// executions people, triggers and audiences start are bounded by the file.
pub const MAX_STARTS_BY_EXECUTIONS: usize = 100_000;

/// The 33rd start in a chain of starts at one instant is skipped. A chain is
/// every start caused, directly or not, by one execution at one instant, so
/// that two `enroll` steps cannot fork a tree of starts without bound.
pub const MAX_CHAIN: u8 = 32;

/// Events a retry schedule preview lists at most: more than any timeline can
/// draw; the default `retry` (30 days, daily, 3 attempts) needs 155.
pub const MAX_PREVIEW_EVENTS: usize = 512;
