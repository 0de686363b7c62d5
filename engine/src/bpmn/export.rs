//! A workflow draft as a BPMN 2.0 file (docs/bpmn.md has the mapping).

use serde_json::{json, Map, Value};

use super::compensation;
use super::di::{self, Bounds};
use super::feel::to_feel;
use super::iso;
use super::names::{self, element_id, SYNTHETIC};
use super::xml::Tag;
use crate::model::{DurationSpec, OnFail, Step, StepBody, StepKind, WorkflowDraft};
use crate::time::DAY;

/// What a step keeps in its `flowlab:step` extension: fields as written
/// that the BPMN does not give back, and fields the BPMN gives that the
/// step does not have.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Residual {
    pub fields: Map<String, Value>,
    pub absent: Vec<String>,
}

pub fn export(draft: &WorkflowDraft) -> String {
    let plain = Builder::new(draft, &[]).build().render();
    let residuals: Vec<Residual> = match super::import::derive(&plain) {
        Ok(derived) if derived.len() == draft.steps.len() => derived
            .iter()
            .enumerate()
            .map(|(i, d)| residual(&full_written(draft, i), d))
            .collect(),
        _ => (0..draft.steps.len())
            .map(|i| Residual {
                fields: full_written(draft, i),
                absent: Vec::new(),
            })
            .collect(),
    };
    Builder::new(draft, &residuals).build().render()
}

/// The step as written (what the hash covers), with its `pos` and `x`.
fn full_written(draft: &WorkflowDraft, i: usize) -> Map<String, Value> {
    let step = &draft.steps[i];
    let mut m = match draft.written.steps.get(i) {
        Some(Value::Object(m)) => m.clone(),
        _ => step.to_json().as_object().cloned().unwrap_or_default(),
    };
    m.remove("pos");
    m.remove("x");
    if let Some(p) = step.pos {
        m.insert("pos".into(), json!({"x": p.x, "y": p.y}));
    }
    if let Some(x) = &step.x {
        m.insert("x".into(), x.clone());
    }
    m
}

fn residual(written: &Map<String, Value>, derived: &Map<String, Value>) -> Residual {
    Residual {
        fields: written
            .iter()
            .filter(|(k, v)| derived.get(*k) != Some(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        absent: derived
            .keys()
            .filter(|k| !written.contains_key(*k))
            .cloned()
            .collect(),
    }
}

struct Flow {
    id: String,
    source: String,
    target: String,
    name: Option<&'static str>,
    condition: Option<String>,
}

struct Builder<'a> {
    draft: &'a WorkflowDraft,
    residuals: &'a [Residual],
    nodes: Vec<Tag>,
    shapes: Vec<(String, Bounds)>,
    flows: Vec<Flow>,
    /// Associations, and their edges.
    artifacts: Vec<(Tag, Tag)>,
    /// Each compensated task's element id and its compensation elements,
    /// written after the steps, newest first (`newest_first`).
    compensations: Vec<(String, compensation::Elements)>,
}

impl<'a> Builder<'a> {
    fn new(draft: &'a WorkflowDraft, residuals: &'a [Residual]) -> Builder<'a> {
        Builder {
            draft,
            residuals,
            nodes: Vec::new(),
            shapes: Vec::new(),
            flows: Vec::new(),
            artifacts: Vec::new(),
            compensations: Vec::new(),
        }
    }

    fn bounds_of(&self, i: usize) -> Bounds {
        let step = &self.draft.steps[i];
        let (x, y) = step.pos.map_or(di::default_pos(i), |p| (p.x, p.y));
        match step.kind() {
            StepKind::Action | StepKind::Approval | StepKind::Enroll => Bounds::task(x, y),
            StepKind::Wait | StepKind::End => Bounds::event(x, y),
            StepKind::Condition | StepKind::Filter => Bounds::gateway(x, y),
        }
    }

    fn target(&self, id: Option<&str>) -> Option<String> {
        let id = id?;
        self.draft.step(id).map(|s| element_id(&s.id))
    }

    fn next_target(&self, i: usize) -> Option<String> {
        self.draft
            .next_of(i)
            .map(|n| element_id(&self.draft.steps[n].id))
    }

    fn flow(
        &mut self,
        source: &str,
        target: &str,
        name: Option<&'static str>,
        condition: Option<String>,
    ) -> String {
        let id = format!("{SYNTHETIC}flow_{}", self.flows.len() + 1);
        self.flows.push(Flow {
            id: id.clone(),
            source: source.to_owned(),
            target: target.to_owned(),
            name,
            condition,
        });
        id
    }

    /// A flow to `target`, or to a new end event when there is none.
    fn route(
        &mut self,
        source: &str,
        target: Option<String>,
        name: Option<&'static str>,
        condition: Option<String>,
        near: Bounds,
        slot: usize,
    ) -> String {
        let target = target.unwrap_or_else(|| {
            let end = format!("{SYNTHETIC}end_{source}_{}", name.unwrap_or("next"));
            self.synthetic(
                Tag::new("bpmn:endEvent").attr("id", &end),
                Bounds::event(near.x + near.w + 40.0, near.y + 110.0 + 50.0 * slot as f64),
            );
            end
        });
        self.flow(source, &target, name, condition)
    }

    fn synthetic(&mut self, tag: Tag, b: Bounds) {
        let id = tag_id(&tag);
        self.nodes.push(tag);
        self.shapes.push((id, b));
    }

    /// Where a failure goes, as `on_fail` says.
    fn fail_route(
        &mut self,
        i: usize,
        source: &str,
        host: &str,
        name: Option<&'static str>,
        on_fail: &OnFail,
        near: Bounds,
    ) -> String {
        let e = element_id(&self.draft.steps[i].id);
        let below = Bounds::event(near.x + 32.0, near.y + near.h + 60.0);
        match on_fail {
            OnFail::Continue => {
                let t = self.next_target(i);
                self.route(source, t, name, None, near, 1)
            }
            OnFail::Branch { goto } => {
                let t = self.target(goto.as_deref());
                self.route(source, t, name, None, near, 1)
            }
            OnFail::EndWorkflow | OnFail::SkipRemaining => {
                self.route(source, None, name, None, near, 1)
            }
            OnFail::FailWorkflow => {
                let end = format!("{SYNTHETIC}failed_{e}");
                let failed = Tag::new("bpmn:endEvent")
                    .attr("id", &end)
                    .attr("name", "failed")
                    .child(
                        Tag::new("bpmn:errorEventDefinition").attr("id", format!("{end}_error")),
                    );
                if compensation::any(self.draft) {
                    let throw = compensation::throw(&e);
                    let id = tag_id(&throw);
                    self.synthetic(throw, below);
                    self.synthetic(failed, Bounds::event(below.x + 100.0, below.y));
                    self.flow(&id, &end, None, None);
                    self.flow(source, &id, name, None)
                } else {
                    self.synthetic(failed, below);
                    self.flow(source, &end, name, None)
                }
            }
            OnFail::Retry {
                retry_interval_days,
                ..
            } => {
                let timer = format!("{SYNTHETIC}retry_{e}");
                let days = (*retry_interval_days).max(1);
                self.synthetic(
                    Tag::new("bpmn:intermediateCatchEvent")
                        .attr("id", &timer)
                        .attr("name", format!("retry in {days}d"))
                        .child(timer_definition(&timer, iso::format(days * DAY))),
                    below,
                );
                self.flow(&timer, host, None, None);
                self.flow(source, &timer, name, None)
            }
            OnFail::EnrollWorkflow { workflow } => {
                let call = format!("{SYNTHETIC}enroll_{e}");
                let mut tag = Tag::new("bpmn:callActivity")
                    .attr("id", &call)
                    .attr("name", "enroll on failure");
                if let Some(w) = workflow {
                    tag = tag.attr("calledElement", element_id(w)).child(
                        Tag::new("bpmn:extensionElements").child(
                            Tag::new("zeebe:calledElement").attr("processId", element_id(w)),
                        ),
                    );
                }
                self.synthetic(tag, Bounds::task(below.x - 32.0, below.y));
                let end = format!("{SYNTHETIC}end_{e}_enrolled");
                self.synthetic(
                    Tag::new("bpmn:endEvent").attr("id", &end),
                    Bounds::event(below.x + 120.0, below.y + 22.0),
                );
                self.flow(&call, &end, None, None);
                self.flow(source, &call, name, None)
            }
        }
    }

    fn step(&mut self, i: usize) {
        let step: &Step = &self.draft.steps[i];
        let e = element_id(&step.id);
        let b = self.bounds_of(i);
        let ext = self.residuals.get(i).map(step_extension);
        let named = |tag: Tag| tag.attr("id", &e).opt_attr("name", step.name.clone());
        match &step.body {
            StepBody::Action(a) => {
                let mut zeebe = Tag::new("zeebe:taskDefinition")
                    .attr("type", a.action.map_or("", |k| k.as_str()));
                if let Some(r) = a.retry {
                    zeebe = zeebe.attr("retries", r.max_attempts.to_string());
                }
                let tag =
                    named(Tag::new("bpmn:serviceTask")).child(extensions(vec![Some(zeebe), ext]));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
                let t = self.next_target(i);
                if let Some(t) = t {
                    self.flow(&e, &t, None, None);
                }
                let boundary = format!("{SYNTHETIC}error_{e}");
                self.synthetic(
                    Tag::new("bpmn:boundaryEvent")
                        .attr("id", &boundary)
                        .attr("name", step.on_fail().action_name())
                        .attr("attachedToRef", &e)
                        .child(
                            Tag::new("bpmn:errorEventDefinition")
                                .attr("id", format!("{boundary}_error")),
                        ),
                    Bounds::event(b.x + 62.0, b.y + b.h - 18.0),
                );
                let on_fail = step.on_fail();
                self.fail_route(i, &boundary, &e, None, &on_fail, b);
                if a.compensation.is_some() {
                    let c = compensation::elements(&e, step.name.as_deref(), a, b);
                    self.compensations.push((e.clone(), c));
                }
            }
            StepBody::Wait(w) => {
                let ms = match w.duration {
                    Some(DurationSpec::Fixed(ms)) => ms,
                    Some(DurationSpec::Random { min, .. }) => min,
                    None => 0,
                };
                let tag = named(Tag::new("bpmn:intermediateCatchEvent"))
                    .opt_child(ext.map(|x| extensions(vec![Some(x)])))
                    .child(timer_definition(&e, iso::format(ms)));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
                if let Some(t) = self.next_target(i) {
                    self.flow(&e, &t, None, None);
                }
            }
            StepBody::Condition(c) => {
                let feel = c.filter.as_ref().map(|f| format!("={}", to_feel(f)));
                let yes = self.target(c.yes.as_deref());
                let no = self.target(c.no.as_deref());
                self.route(
                    &e,
                    yes,
                    Some("yes"),
                    Some(feel.unwrap_or_else(|| "=true".into())),
                    b,
                    0,
                );
                let default = self.route(&e, no, Some("no"), None, b, 1);
                let tag = named(Tag::new("bpmn:exclusiveGateway"))
                    .attr("default", default)
                    .opt_child(ext.map(|x| extensions(vec![Some(x)])));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
            }
            StepBody::Filter(f) => {
                let feel = f.filter.as_ref().map(|f| format!("={}", to_feel(f)));
                let pass = self.next_target(i);
                self.route(
                    &e,
                    pass,
                    Some("pass"),
                    Some(feel.unwrap_or_else(|| "=true".into())),
                    b,
                    0,
                );
                let on_fail = step.on_fail();
                let default = self.fail_route(i, &e, &e, Some("fail"), &on_fail, b);
                let tag = named(Tag::new("bpmn:exclusiveGateway"))
                    .attr("default", default)
                    .opt_child(ext.map(|x| extensions(vec![Some(x)])));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
            }
            StepBody::Approval(a) => {
                let zeebe = a
                    .group
                    .as_ref()
                    .map(|g| Tag::new("zeebe:assignmentDefinition").attr("candidateGroups", g));
                let tag = named(Tag::new("bpmn:userTask")).opt_child(
                    if zeebe.is_some() || ext.is_some() {
                        Some(extensions(vec![zeebe, ext]))
                    } else {
                        None
                    },
                );
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
                let decide = format!("{SYNTHETIC}decide_{e}");
                let db = Bounds::gateway(b.x + b.w + 40.0, b.y + 15.0);
                self.flow(&e, &decide, None, None);
                let next = self.next_target(i);
                let approved = if a.approved.is_some() {
                    self.target(a.approved.as_deref())
                } else {
                    next.clone()
                };
                let rejected = if a.rejected.is_some() {
                    self.target(a.rejected.as_deref())
                } else {
                    next
                };
                self.route(
                    &decide,
                    approved,
                    Some("approved"),
                    Some("=decision = \"approved\"".into()),
                    db,
                    0,
                );
                let default = self.route(&decide, rejected, Some("rejected"), None, db, 1);
                self.synthetic(
                    Tag::new("bpmn:exclusiveGateway")
                        .attr("id", &decide)
                        .attr("name", "decision")
                        .attr("default", default),
                    db,
                );
                if let Some(timeout) = a.timeout {
                    let boundary = format!("{SYNTHETIC}timeout_{e}");
                    self.synthetic(
                        Tag::new("bpmn:boundaryEvent")
                            .attr("id", &boundary)
                            .attr("name", "timeout")
                            .attr("attachedToRef", &e)
                            .child(timer_definition(&boundary, iso::format(timeout))),
                        Bounds::event(b.x + 2.0, b.y + b.h - 18.0),
                    );
                    let t = self.target(a.timeout_to.as_deref());
                    self.route(&boundary, t, Some("timeout"), None, b, 2);
                }
            }
            StepBody::Enroll(en) => {
                let mut tag = named(Tag::new("bpmn:callActivity"));
                let mut ext_items = Vec::new();
                if let Some(w) = &en.workflow {
                    tag = tag.attr("calledElement", element_id(w));
                    ext_items.push(Some(
                        Tag::new("zeebe:calledElement").attr("processId", element_id(w)),
                    ));
                }
                ext_items.push(ext);
                tag = tag.child(extensions(ext_items));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
                if let Some(t) = self.next_target(i) {
                    self.flow(&e, &t, None, None);
                }
            }
            StepBody::End => {
                let tag = named(Tag::new("bpmn:endEvent"))
                    .opt_child(ext.map(|x| extensions(vec![Some(x)])));
                self.nodes.push(tag);
                self.shapes.push((e.clone(), b));
            }
        }
    }

    fn build(mut self) -> Tag {
        let draft = self.draft;
        let process_id = element_id(&draft.id);
        let start = format!("{SYNTHETIC}start");
        let first = if draft.steps.is_empty() {
            Bounds::task(200.0, 100.0)
        } else {
            self.bounds_of(0)
        };
        let start_bounds = Bounds::event(first.x - 120.0, first.y + first.h / 2.0 - 18.0);
        let mut start_tag = Tag::new("bpmn:startEvent")
            .attr("id", &start)
            .attr("name", draft.trigger.summary());
        match &draft.trigger {
            crate::model::Trigger::Manual => {}
            crate::model::Trigger::TagAdded { poll, .. } => {
                start_tag = start_tag.child(
                    Tag::new("bpmn:timerEventDefinition")
                        .attr("id", format!("{start}_timer"))
                        .child(
                            Tag::new("bpmn:timeCycle")
                                .attr("xsi:type", "bpmn:tFormalExpression")
                                .text(format!("R/{}", iso::format(*poll))),
                        ),
                );
            }
            crate::model::Trigger::Audience { filter } => {
                start_tag = start_tag.child(
                    Tag::new("bpmn:conditionalEventDefinition")
                        .attr("id", format!("{start}_condition"))
                        .child(
                            Tag::new("bpmn:condition")
                                .attr("xsi:type", "bpmn:tFormalExpression")
                                .text(format!("={}", to_feel(filter))),
                        ),
                );
            }
        }
        self.nodes.push(start_tag);
        self.shapes.push((start.clone(), start_bounds));
        if !draft.steps.is_empty() {
            self.flow(&start, &element_id(&draft.steps[0].id), None, None);
        }
        for i in 0..draft.steps.len() {
            self.step(i);
        }
        let mut compensations = std::mem::take(&mut self.compensations);
        {
            let order = compensation::newest_first(
                &start,
                self.flows
                    .iter()
                    .map(|f| (f.source.as_str(), f.target.as_str())),
            );
            compensations.sort_by_key(|(task, _)| order(task));
        }
        for (_, c) in compensations {
            for (tag, bounds) in [c.boundary, c.handler] {
                self.synthetic(tag, bounds);
            }
            self.artifacts.push((c.association, c.association_edge));
        }

        let mut workflow_ext = Map::new();
        workflow_ext.insert("trigger".into(), draft.written.trigger.clone());
        workflow_ext.insert("settings".into(), draft.written.settings.clone());
        if process_id != draft.id {
            workflow_ext.insert("id".into(), json!(draft.id));
        }
        if let Some(x) = &draft.x {
            workflow_ext.insert("x".into(), x.clone());
        }
        let mut process =
            Tag::new("bpmn:process")
                .attr("id", &process_id)
                .attr("name", &draft.name)
                .attr("isExecutable", "true")
                .child(Tag::new("bpmn:extensionElements").child(
                    Tag::new("flowlab:workflow").text(Value::Object(workflow_ext).to_string()),
                ));
        let find = |id: &str, shapes: &[(String, Bounds)]| {
            shapes.iter().find(|(s, _)| s == id).map(|(_, b)| *b)
        };
        let mut plane = Tag::new("bpmndi:BPMNPlane")
            .attr("id", format!("{process_id}_plane"))
            .attr("bpmnElement", &process_id);
        for (id, b) in &self.shapes {
            plane.push(di::shape(id, *b));
        }
        for node in self.nodes {
            process.push(node);
        }
        for f in &self.flows {
            let mut tag = Tag::new("bpmn:sequenceFlow")
                .attr("id", &f.id)
                .opt_attr("name", f.name)
                .attr("sourceRef", &f.source)
                .attr("targetRef", &f.target);
            if let Some(c) = &f.condition {
                tag = tag.child(
                    Tag::new("bpmn:conditionExpression")
                        .attr("xsi:type", "bpmn:tFormalExpression")
                        .text(c.clone()),
                );
            }
            process.push(tag);
            if let (Some(a), Some(b)) =
                (find(&f.source, &self.shapes), find(&f.target, &self.shapes))
            {
                plane.push(di::edge(&f.id, a, b));
            }
        }
        for (association, edge) in self.artifacts {
            process.push(association);
            plane.push(edge);
        }
        Tag::new("bpmn:definitions")
            .attr("xmlns:bpmn", names::BPMN)
            .attr("xmlns:bpmndi", names::BPMNDI)
            .attr("xmlns:dc", names::DC)
            .attr("xmlns:di", names::DI)
            .attr("xmlns:xsi", names::XSI)
            .attr("xmlns:zeebe", names::ZEEBE)
            .attr("xmlns:flowlab", names::FLOWLAB)
            .attr("id", format!("{process_id}_definitions"))
            .attr("targetNamespace", names::FLOWLAB)
            .attr("exporter", "Flowlab")
            .attr("exporterVersion", env!("CARGO_PKG_VERSION"))
            .child(process)
            .child(
                Tag::new("bpmndi:BPMNDiagram")
                    .attr("id", format!("{process_id}_diagram"))
                    .child(plane),
            )
    }
}

fn tag_id(tag: &Tag) -> String {
    tag.get_attr("id").unwrap_or_default().to_owned()
}

fn timer_definition(owner: &str, duration: String) -> Tag {
    Tag::new("bpmn:timerEventDefinition")
        .attr("id", format!("{owner}_timer"))
        .child(
            Tag::new("bpmn:timeDuration")
                .attr("xsi:type", "bpmn:tFormalExpression")
                .text(duration),
        )
}

fn extensions(items: Vec<Option<Tag>>) -> Tag {
    let mut tag = Tag::new("bpmn:extensionElements");
    for item in items.into_iter().flatten() {
        tag.push(item);
    }
    tag
}

fn step_extension(r: &Residual) -> Tag {
    let mut tag = Tag::new("flowlab:step");
    if !r.absent.is_empty() {
        tag = tag.attr("absent", r.absent.join(" "));
    }
    tag.text(Value::Object(r.fields.clone()).to_string())
}
