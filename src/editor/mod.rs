//! The visual workflow editor (`/editor/:id`): an SVG canvas of the
//! draft's steps and links, a palette, an inspector, live validation,
//! undo/redo, publishing, versions and the definition lifecycle.
//!
//! The pure parts (geometry, the graph of a draft, layout, summaries, the
//! editing session `Doc`, keys, lifecycle rules, filter edits) are plain
//! Rust with native tests; the components around them only render and
//! route pointer and keyboard input into `Doc` gestures.

pub mod arrange;
pub mod doc;
pub mod filter_edit;
pub mod geometry;
pub mod graph;
pub mod keyboard;
pub mod layout;
pub mod lifecycle;
pub mod nav;
pub mod path;
pub mod summary;

mod canvas;
mod clipboard;
mod context;
mod dialogs;
mod diff_view;
mod dom;
mod drop_menu;
mod edge;
mod export_menu;
pub mod find;
mod gestures;
mod hit;
#[cfg(test)]
mod import_cycles_tests;
mod inspector;
mod minimap;
mod node;
mod palette;
mod picture;
pub mod pointer;
mod problems;
mod rename;
pub mod retry_timeline;
pub mod routing;
mod run_context;
mod run_mode;
pub mod run_model;
mod run_overlay;
mod run_panel;
mod screen;
mod shelf;
mod shortcuts;
pub mod state;
mod toolbar;
mod viewport;

pub use screen::EditorScreen;
