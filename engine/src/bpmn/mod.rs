//! BPMN 2.0 export and import (docs/bpmn.md has the mapping). What BPMN has
//! no place for travels in `flowlab:` extension elements, so a workflow
//! exported and imported back has the same content hash.

mod compensation;
mod di;
mod error;
mod export;
mod feel;
mod grid;
mod import;
mod iso;
mod names;
mod xml;

pub use error::ImportError;
pub use export::export;
pub use feel::{parse as parse_feel, to_feel, FeelError};
pub use import::{import, Imported};
pub use names::FLOWLAB as FLOWLAB_NAMESPACE;
