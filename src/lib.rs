//! Flowlab's browser app: a Leptos single-page app that hosts the
//! `flowlab_engine` workflow engine. `main.rs` only calls [`mount`].

pub mod app;
pub mod browser;
pub mod components;
pub mod csv;
pub mod editor;
pub mod engine_text;
pub mod file_format;
pub mod filter_text;
pub mod gallery;
pub mod host;
pub mod i18n;
#[cfg(test)]
mod module_cycles_tests;
pub mod run_view;
pub mod saver;
pub mod screens;
pub mod session;
pub mod sim_time_text;
pub mod step_kind_text;
pub mod storage;
pub mod workspace;

pub use app::App;

/// Mounts the app on the page's `<body>`, in place of the static shell
/// `index.html` shows until then.
pub fn mount() {
    browser::crash::install();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot-shell") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
