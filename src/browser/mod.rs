//! Thin wrappers over browser APIs that several parts of the app use.

pub mod download;
