//! The editor: canvas, inspector, dialogs, toolbar, problems.

pub const ENTRIES: &[(&str, &str)] = &[];
