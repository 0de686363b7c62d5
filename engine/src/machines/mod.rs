//! The three lifecycles of lifecycle.md as transition functions. Each file
//! opens with its table; one exhaustive `match (state, input)` implements it,
//! so the code can be checked against the spec line by line. An undefined
//! pair is a typed error, never a silent skip.

pub mod definition;
pub mod execution;
pub mod step;

/// A pair (state, input) the machine does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{machine}: no transition from {state} on {input}")]
pub struct InvalidTransition {
    pub machine: &'static str,
    pub state: String,
    pub input: String,
}

/// What a defined pair does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition<S> {
    To(S),
    /// A late input that a terminal state explicitly ignores.
    Ignored,
}
