//! Flowlab's files in the app, one file per format or purpose. The formats
//! themselves (scenario and workflow files, BPMN, the trace line) are the
//! engine's (`flowlab_engine::scenario`, `bpmn`, `trace`); this module
//! writes and tells apart what the page imports and exports. Plain Rust,
//! tested natively; nothing here knows the page, the runtime or storage.
//!
//! - `import.rs` — `read_file`: what a chosen file is (workspace, scenario,
//!   workflow or BPMN), checked whole before anything changes; `ImportError`.
//! - `scenario.rs` — scenario files (`flowlab-scenario/1`): `read_scenario`
//!   (a workspace at instant 0) and `export_scenario` (the workspace so far,
//!   which `flowlab-sim` reproduces: `reproduces` checks it).
//! - `script.rs` — a script entry as JSON (`command_json`), and the page's
//!   journal of commands as saved (`journal_to_json`, `journal_from_json`).
//! - `workspace_file.rs` — `flowlab-workspace/1`: a whole workspace with its
//!   log (`export_workspace`, `read_workspace`).
//! - `workflow_file.rs` — one workflow as a workflow file (`export_workflow`).
//! - `trace.rs` — the trace (JSON Lines) of a workspace's whole log.
//! - `samples.rs` — the built-in sample workspace and scenarios, compiled in.
//! - `presets.rs` — the trainer presets (`samples/presets/*.json`), compiled
//!   in, with what a card says about each.

pub mod import;
pub mod presets;
pub mod samples;
pub mod scenario;
pub mod script;
pub mod trace;
pub mod workflow_file;
pub mod workspace_file;
