//! Storage, the saver, the tab lock, reload and crash messages.

pub const ENTRIES: &[(&str, &str)] = &[];
