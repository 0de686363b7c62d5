//! Flowlab's engine: the three lifecycles of `shared/spec/lifecycle.md`
//! (definitions, executions, steps) as a sans-IO state machine. Commands and
//! `now` go in, events come out, and the engine says when it next needs to
//! be woken. It never reads a clock, never does IO, and its state is a fold
//! of the events it emits.

pub mod bpmn;
pub mod canonical;
pub mod codec;
pub mod command;
pub mod diff;
pub mod drive;
pub mod edit;
pub mod event;
pub mod ids;
pub mod limits;
pub mod machines;
pub mod mermaid;
pub mod model;
pub mod retry_preview;
pub mod rng;
pub mod runtime;
pub mod scenario;
pub mod sim;
pub mod time;
pub mod trace;
pub mod validate;
