//! French, by area of the app: each table maps the English text written in
//! the code to its French. Keys are unique across all tables
//! (`coverage_tests` checks that, and that every text the code asks for is
//! here with the same `{holes}`).
//!
//! French typography: a no-break space (`\u{a0}`) before `:` and inside
//! « », a narrow one (`\u{202f}`) before `;` `!` `?`, and the apostrophe ’.

mod domain;
mod editor;
mod gallery;
mod runs;
mod samples;
mod shell;
mod storage;
mod validation;

pub use samples::TEXTS as SAMPLES;

pub const AREAS: &[&[(&str, &str)]] = &[
    shell::ENTRIES,
    domain::ENTRIES,
    editor::ENTRIES,
    validation::ENTRIES,
    runs::ENTRIES,
    gallery::ENTRIES,
    storage::ENTRIES,
    samples::ENTRIES,
];
