//! A step kind as people read it (palette, nodes, step strips), in the
//! page's language.

use flowlab_engine::model::StepKind;

use crate::i18n::tr;

/// The kind as a person reads it in the palette and on nodes.
pub fn kind_label(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => tr("Action"),
        StepKind::Wait => tr("Wait"),
        StepKind::Condition => tr("Condition"),
        StepKind::Filter => tr("Filter"),
        StepKind::Approval => tr("Approval"),
        StepKind::Enroll => tr("Enroll"),
        StepKind::End => tr("End"),
    }
}
