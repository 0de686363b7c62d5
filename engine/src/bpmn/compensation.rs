//! A compensation as BPMN: a compensation boundary event on the step's
//! service task, associated with a handler service task
//! (`isForCompensation`), and the throw that runs the handlers before a
//! `fail_workflow` error end (docs/bpmn.md).

use super::di::{self, Bounds};
use super::names::SYNTHETIC;
use super::xml::Tag;
use crate::model::{ActionStep, WorkflowDraft};

pub fn boundary_id(element: &str) -> String {
    format!("{SYNTHETIC}compensate_{element}")
}

pub fn handler_id(element: &str) -> String {
    format!("{SYNTHETIC}undo_{element}")
}

pub fn association_id(element: &str) -> String {
    format!("{}_association", handler_id(element))
}

pub fn throw_id(element: &str) -> String {
    format!("{SYNTHETIC}rollback_{element}")
}

/// Whether some step of the draft has a compensation (then a
/// `fail_workflow` throws compensation before its error end).
pub fn any(draft: &WorkflowDraft) -> bool {
    draft.steps.iter().any(|s| {
        matches!(
            &s.body,
            crate::model::StepBody::Action(ActionStep {
                compensation: Some(_),
                ..
            })
        )
    })
}

/// The elements of one step's compensation, their shapes (the boundary on
/// the task's lower left corner, the handler below and left of it) and the
/// association's edge.
pub struct Elements {
    pub boundary: (Tag, Bounds),
    pub handler: (Tag, Bounds),
    pub association: Tag,
    pub association_edge: Tag,
}

pub fn elements(
    element: &str,
    step_name: Option<&str>,
    action: &ActionStep,
    task: Bounds,
) -> Elements {
    let comp = action.compensation.as_ref();
    let boundary = boundary_id(element);
    let handler = handler_id(element);
    let association = association_id(element);
    let boundary_bounds = Bounds::event(task.x + 2.0, task.y + task.h - 18.0);
    let handler_bounds = Bounds::task(task.x - 130.0, task.y + task.h + 60.0);
    let mut zeebe = Tag::new("zeebe:taskDefinition").attr(
        "type",
        comp.and_then(|c| c.action).map_or("", |k| k.as_str()),
    );
    if let Some(r) = action.retry {
        zeebe = zeebe.attr("retries", r.max_attempts.to_string());
    }
    let name = match step_name {
        Some(n) => format!("undo {n}"),
        None => "undo".to_owned(),
    };
    let from = (boundary_bounds.x + 18.0, boundary_bounds.y + 36.0);
    let bend = from.1 + 22.0;
    let to_x = handler_bounds.x + handler_bounds.w / 2.0;
    Elements {
        boundary: (
            Tag::new("bpmn:boundaryEvent")
                .attr("id", &boundary)
                .attr("name", "compensate")
                .attr("attachedToRef", element)
                .child(
                    Tag::new("bpmn:compensateEventDefinition")
                        .attr("id", format!("{boundary}_compensate")),
                ),
            boundary_bounds,
        ),
        handler: (
            Tag::new("bpmn:serviceTask")
                .attr("id", &handler)
                .attr("name", name)
                .attr("isForCompensation", "true")
                .child(Tag::new("bpmn:extensionElements").child(zeebe)),
            handler_bounds,
        ),
        association: Tag::new("bpmn:association")
            .attr("id", &association)
            .attr("associationDirection", "One")
            .attr("sourceRef", &boundary)
            .attr("targetRef", &handler),
        association_edge: di::polyline(
            &association,
            &[from, (from.0, bend), (to_x, bend), (to_x, handler_bounds.y)],
        ),
    }
}

/// The throw before a `fail_workflow` error end: every completed task's
/// handler runs, newest first.
pub fn throw(element: &str) -> Tag {
    let id = throw_id(element);
    Tag::new("bpmn:intermediateThrowEvent")
        .attr("id", &id)
        .attr("name", "roll back")
        .child(Tag::new("bpmn:compensateEventDefinition").attr("id", format!("{id}_compensate")))
}
