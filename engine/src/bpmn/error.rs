use thiserror::Error;

/// Why a `.bpmn` file was not imported. Nothing is imported then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is not XML: {0}")]
    Xml(String),
    #[error("the file is not BPMN 2.0: {0}")]
    NotBpmn(String),
    #[error("`{id}` ({element}): {reason}")]
    Unsupported {
        id: String,
        element: String,
        reason: String,
    },
    #[error("the Flowlab extension of `{id}` is not a JSON object: {reason}")]
    Extension { id: String, reason: String },
    #[error("the workflow made from the file is not valid: {0}")]
    Workflow(String),
}
