//! Flowlab's files, one file per format or purpose. Plain Rust, tested
//! natively; nothing here knows the page, the runtime or storage.
//!
//! - `trace.rs` — the trace (JSON Lines) of a workspace's whole log.

pub mod trace;
