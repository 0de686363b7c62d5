//! Small pieces the screens share.

pub mod clock_bar;
pub mod confirm_dialog;
pub mod dialog_box;
pub mod dismiss;
pub mod empty_state;
pub mod icons;
pub mod import_file;
pub mod lang_switch;
pub mod lifecycle_diagram;
pub mod native_dialog;
pub mod pause_note;
pub mod projector;
pub mod recover_storage;
pub mod shortcuts;
pub mod step_strip;
pub mod time_histogram;
pub mod travel_bar;
pub mod version_metrics;
pub mod virtual_list;
pub mod workspace_menu;
