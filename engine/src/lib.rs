//! Flowlab's engine: the three lifecycles of `shared/spec/lifecycle.md`
//! (definitions, executions, steps) as a sans-IO state machine. Commands and
//! `now` go in, events come out, and the engine says when it next needs to
//! be woken. It never reads a clock, never does IO, and its state is a fold
//! of the events it emits.

pub mod canonical;
pub mod model;
pub mod rng;
pub mod scenario;
pub mod time;
pub mod validate;
pub mod machines;
pub mod event;
pub mod ids;
pub mod runtime;
pub mod trace;
pub mod sim;
pub mod codec;
