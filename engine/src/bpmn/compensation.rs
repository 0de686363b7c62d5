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

/// A sort key that puts the tasks a token reaches later first: the
/// reverse of a depth-first topological order of the flows from `start`
/// (an error boundary counts as its task). A rollback runs the handlers
/// newest first, and engines that run a broadcast compensation in the
/// order the handlers are written (bpmn-engine) then agree with Flowlab
/// for every path through a workflow without loops.
pub fn newest_first<'f>(
    start: &str,
    flows: impl Iterator<Item = (&'f str, &'f str)>,
) -> impl Fn(&str) -> (bool, usize) {
    use std::collections::HashMap;
    let error_prefix = format!("{SYNTHETIC}error_");
    let mut next: HashMap<String, Vec<String>> = HashMap::new();
    for (source, target) in flows {
        let source = source.strip_prefix(&error_prefix).unwrap_or(source);
        next.entry(source.to_owned())
            .or_default()
            .push(target.to_owned());
    }
    let mut finished: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(start.to_owned(), 0usize)];
    seen.insert(start.to_owned());
    while let Some((node, child)) = stack.pop() {
        let children = next.get(&node).map_or(&[][..], Vec::as_slice);
        if let Some(c) = children.get(child) {
            stack.push((node, child + 1));
            if seen.insert(c.clone()) {
                stack.push((c.clone(), 0));
            }
        } else {
            finished.push(node);
        }
    }
    // `finished` is a postorder: later tasks finish first.
    let rank: HashMap<String, usize> = finished
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, i))
        .collect();
    move |task: &str| match rank.get(task) {
        Some(r) => (false, *r),
        None => (true, 0),
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
