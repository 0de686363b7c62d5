//! The built-in samples and presets: names and descriptions shown outside their files.

pub const ENTRIES: &[(&str, &str)] = &[];
