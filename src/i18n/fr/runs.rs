//! Runs, an execution's page, Approvals and People.

pub const ENTRIES: &[(&str, &str)] = &[];
