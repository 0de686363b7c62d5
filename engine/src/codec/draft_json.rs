//! A workflow draft as the JSON text a snapshot holds: `{"draft": …,
//! "written": {settings, steps, trigger}}`, keys sorted as the `Value` maps
//! of the first encoder wrote them.

use serde::Serialize;
use serde_json::Value;

use crate::model::WorkflowDraft;

#[derive(Serialize)]
pub struct DraftOut<'a> {
    draft: Value,
    written: WrittenOut<'a>,
}

#[derive(Serialize)]
struct WrittenOut<'a> {
    settings: &'a Value,
    steps: &'a Value,
    trigger: &'a Value,
}

impl<'a> From<&'a WorkflowDraft> for DraftOut<'a> {
    fn from(d: &'a WorkflowDraft) -> Self {
        DraftOut {
            draft: d.to_json(),
            written: WrittenOut {
                settings: &d.written.settings,
                steps: &d.written.steps,
                trigger: &d.written.trigger,
            },
        }
    }
}
