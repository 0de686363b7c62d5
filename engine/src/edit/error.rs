use thiserror::Error;

use crate::model::StepKind;

/// Why a command was refused. A refused command changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("no step `{0}`")]
    NoStep(String),
    #[error("a step `{0}` already exists")]
    StepExists(String),
    #[error("index {index} is past the end ({len} {})", steps_word(*.len))]
    PastEnd { index: usize, len: usize },
    #[error("{} has no `{port}` port", with_article(*.kind))]
    NoPort { kind: StepKind, port: &'static str },
}

fn steps_word(n: usize) -> &'static str {
    if n == 1 {
        "step"
    } else {
        "steps"
    }
}

fn with_article(kind: StepKind) -> String {
    let name = kind.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
