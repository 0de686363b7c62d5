//! Thin wrappers over browser APIs that several parts of the app use.

pub mod chosen_file;
pub mod crash;
pub mod download;
pub mod leaving;
pub mod memory;
pub mod typing;
pub mod yield_now;
