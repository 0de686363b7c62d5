//! Validation problems, from the engine's validate.rs (the editor's Problems and inspector).

pub const ENTRIES: &[(&str, &str)] = &[];
