use std::fmt;

use crate::time::DurationError;

/// Why a scenario or workflow file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct FileError {
    pub file: String,
    pub location: Location,
    pub problem: Problem,
}

impl fmt::Display for FileError {
    /// `file: line:column: problem`, except that a file which is not a
    /// Flowlab file at all says so first: `file: This is not…, at line L, column C`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.problem, &self.location) {
            (Problem::NotFlowlab(_), Location::LineColumn { line, column }) => write!(
                f,
                "{}: {}, at line {line}, column {column}",
                self.file, self.problem
            ),
            _ => write!(f, "{}: {}{}", self.file, self.location, self.problem),
        }
    }
}

/// Where in the file: line:column for JSON syntax, the JSON path for meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    LineColumn { line: usize, column: usize },
    Path(String),
    Whole,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::LineColumn { line, column } => write!(f, "{line}:{column}: "),
            Location::Path(p) if p.is_empty() => Ok(()),
            Location::Path(p) => write!(f, "{p}: "),
            Location::Whole => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("This is not a Flowlab file: {0}")]
    NotFlowlab(String),
    #[error("JSON syntax error: {0}")]
    Syntax(String),
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not UTF-8 text (byte 0x{byte:02X}); save it as UTF-8")]
    NotUtf8 { byte: u8 },
    #[error("key `{key}` is written twice in {}", object_at(path))]
    DuplicateKey { path: String, key: String },
    #[error("unknown field `{field}` (expected one of: {expected})")]
    UnknownField { field: String, expected: String },
    #[error("`{field}` is not a field of a `{kind}` step")]
    FieldOfOtherKind { field: String, kind: &'static str },
    #[error("missing field `{0}`")]
    Missing(&'static str),
    #[error("expected {expected}, found {found}")]
    WrongType {
        expected: &'static str,
        found: String,
    },
    #[error("{0}")]
    Duration(#[from] DurationError),
    #[error("`{value}` is not one of: {expected}")]
    NotOneOf {
        value: String,
        expected: &'static str,
    },
    #[error("unsupported format `{0}`: this version reads `flowlab-scenario/1`")]
    Format(String),
    #[error("{0}")]
    Invalid(String),
}

/// A problem at a JSON path, before the file name is known.
#[derive(Debug, Clone, PartialEq)]
pub struct AtPath {
    pub path: String,
    pub problem: Problem,
}

impl AtPath {
    pub fn in_file(self, file: &str) -> FileError {
        FileError {
            file: file.to_string(),
            location: Location::Path(self.path),
            problem: self.problem,
        }
    }
}

pub type Decoded<T> = Result<T, AtPath>;

fn object_at(path: &str) -> String {
    if path.is_empty() {
        "the top-level object".into()
    } else {
        format!("the object at {path}")
    }
}
