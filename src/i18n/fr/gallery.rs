//! The state gallery's narrations and the Lifecycle screen's explanations.

pub const ENTRIES: &[(&str, &str)] = &[];
