//! The running engine: state and its fold, the decider that turns commands
//! and time into events, and the timer queue.

mod advance;
mod approvals;
mod commands;
pub mod compiled;
mod engine;
mod enrollment;
mod rollback;
pub mod rollback_record;
pub mod state;
pub mod step_runs;
mod steps;
pub mod timers;

pub use engine::{Engine, EngineError, Outcome};
