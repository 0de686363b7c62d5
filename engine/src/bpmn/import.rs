//! A BPMN 2.0 file as a workflow draft: the subset of docs/bpmn.md, and
//! every other element refused by its id.

use std::collections::HashMap;

use roxmltree::{Document, Node};
use serde_json::{json, Map, Value};

use super::error::ImportError;
use super::feel;
use super::iso;
use super::names::{is_synthetic, BPMN, BPMNDI, DC, FLOWLAB, ZEEBE};
use crate::model::{ActionKind, WorkflowDraft};
use crate::scenario::decode_workflow;
use crate::time::format_duration;

/// A workflow file (the JSON the editor's Import reads) and its draft.
#[derive(Clone, Debug)]
pub struct Imported {
    pub workflow: Value,
    pub draft: WorkflowDraft,
}

pub fn import(text: &str) -> Result<Imported, ImportError> {
    let doc = Document::parse(text).map_err(|e| ImportError::Xml(e.to_string()))?;
    let model = Model::read(&doc)?;
    let mut steps = Vec::new();
    for (node, mut step) in model.derive()? {
        if let Some(ext) = extension(node, FLOWLAB, "step") {
            let id = attr(node, "id").to_owned();
            let fields = json_object(&id, ext.text().unwrap_or(""))?;
            for key in ext.attribute("absent").unwrap_or("").split_whitespace() {
                step.remove(key);
            }
            step.extend(fields);
        }
        steps.push(Value::Object(step));
    }
    let process = model.process;
    let process_id = attr(process, "id").to_owned();
    let ext = match extension(process, FLOWLAB, "workflow") {
        Some(e) => json_object(&process_id, e.text().unwrap_or(""))?,
        None => Map::new(),
    };
    let mut workflow = Map::new();
    workflow.insert(
        "id".into(),
        ext.get("id").cloned().unwrap_or(json!(process_id)),
    );
    workflow.insert(
        "name".into(),
        json!(process.attribute("name").unwrap_or(&process_id)),
    );
    let trigger = match ext.get("trigger") {
        Some(t) => t.clone(),
        None => model.trigger()?,
    };
    workflow.insert("trigger".into(), trigger);
    workflow.insert(
        "settings".into(),
        ext.get("settings").cloned().unwrap_or(json!({})),
    );
    workflow.insert("steps".into(), Value::Array(steps));
    if let Some(x) = ext.get("x") {
        workflow.insert("x".into(), x.clone());
    }
    let workflow = Value::Object(workflow);
    let draft = decode_workflow(&workflow, "")
        .map_err(|e| ImportError::Workflow(format!("{}: {}", e.path, e.problem)))?;
    Ok(Imported { workflow, draft })
}

/// The steps as the BPMN elements alone give them, Flowlab extensions
/// left out (export compares them with the steps as written).
pub(super) fn derive(text: &str) -> Result<Vec<Map<String, Value>>, ImportError> {
    let doc = Document::parse(text).map_err(|e| ImportError::Xml(e.to_string()))?;
    let model = Model::read(&doc)?;
    Ok(model.derive()?.into_iter().map(|(_, m)| m).collect())
}

fn json_object(id: &str, text: &str) -> Result<Map<String, Value>, ImportError> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(ImportError::Extension {
            id: id.to_owned(),
            reason: format!("found {other}"),
        }),
        Err(e) => Err(ImportError::Extension {
            id: id.to_owned(),
            reason: e.to_string(),
        }),
    }
}

fn is(node: Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name
}

fn attr<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name).unwrap_or("")
}

fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, ns, name))
}

fn extension<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    child(node, BPMN, "extensionElements").and_then(|e| child(e, ns, name))
}

fn unsupported(node: Node, reason: impl Into<String>) -> ImportError {
    ImportError::Unsupported {
        id: node.attribute("id").unwrap_or("(no id)").to_owned(),
        element: node.tag_name().name().to_owned(),
        reason: reason.into(),
    }
}

/// A step's element and its fields as the BPMN gives them.
type DerivedStep<'a, 'i> = (Node<'a, 'i>, Map<String, Value>);

struct Flow<'a, 'i> {
    node: Node<'a, 'i>,
    name: Option<&'a str>,
    source: &'a str,
    target: &'a str,
    condition: Option<&'a str>,
}

struct Model<'a, 'i> {
    process: Node<'a, 'i>,
    elements: HashMap<&'a str, Node<'a, 'i>>,
    flows: Vec<Flow<'a, 'i>>,
    steps: Vec<Node<'a, 'i>>,
    /// A service task's compensation handler, by the task's id.
    handlers: HashMap<&'a str, Node<'a, 'i>>,
    positions: HashMap<&'a str, (f64, f64)>,
}

const STEP_ELEMENTS: [&str; 6] = [
    "serviceTask",
    "userTask",
    "exclusiveGateway",
    "intermediateCatchEvent",
    "callActivity",
    "endEvent",
];

impl<'a, 'i> Model<'a, 'i> {
    fn read(doc: &'a Document<'i>) -> Result<Model<'a, 'i>, ImportError> {
        let root = doc.root_element();
        if !is(root, BPMN, "definitions") {
            return Err(ImportError::NotBpmn(format!(
                "its root element is `{}`, not BPMN's `definitions`",
                root.tag_name().name()
            )));
        }
        let mut process = None;
        for c in root.children().filter(|c| c.is_element()) {
            match (c.tag_name().namespace(), c.tag_name().name()) {
                (Some(BPMN), "process") if process.is_none() => process = Some(c),
                (Some(BPMN), "process") => {
                    return Err(unsupported(
                        c,
                        "a second process: Flowlab imports a file with one process",
                    ))
                }
                (Some(BPMNDI), "BPMNDiagram")
                | (
                    Some(BPMN),
                    "error" | "message" | "signal" | "escalation" | "extensionElements"
                    | "documentation",
                ) => {}
                (_, name) => {
                    return Err(unsupported(
                        c,
                        format!("`{name}` has no Flowlab equivalent (a workflow is one process)"),
                    ))
                }
            }
        }
        let process = process.ok_or_else(|| ImportError::NotBpmn("it has no process".into()))?;
        let mut elements = HashMap::new();
        let mut flows = Vec::new();
        let mut steps = Vec::new();
        let mut starts = 0;
        for c in process.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            if c.tag_name().namespace() != Some(BPMN) {
                return Err(unsupported(c, "not a BPMN element"));
            }
            let id = attr(c, "id");
            elements.insert(id, c);
            match name {
                "extensionElements" | "documentation" | "textAnnotation" | "association" => {}
                "serviceTask" if is_for_compensation(c) => {}
                "intermediateThrowEvent" if is_synthetic(id) && event_definitions(c) == ["compensateEventDefinition"] => {}
                "intermediateThrowEvent" => return Err(unsupported(c, "a throw event has no Flowlab equivalent (Flowlab runs the compensations itself when a step's fail action is fail_workflow)")),
                "sequenceFlow" => flows.push(Flow {
                    node: c,
                    name: c.attribute("name"),
                    source: attr(c, "sourceRef"),
                    target: attr(c, "targetRef"),
                    condition: child(c, BPMN, "conditionExpression").and_then(|e| e.text()),
                }),
                "startEvent" => {
                    starts += 1;
                    if starts > 1 {
                        return Err(unsupported(c, "a second start event: a workflow starts in one place"));
                    }
                    let defs = event_definitions(c);
                    if defs.len() > 1 || defs.iter().any(|d| !matches!(*d, "timerEventDefinition" | "conditionalEventDefinition")) {
                        return Err(unsupported(c, format!("a start event of type {} has no Flowlab trigger (plain, timer or conditional starts only)", defs.join(", "))));
                    }
                }
                "boundaryEvent" => {}
                "intermediateCatchEvent" if child(c, BPMN, "timerEventDefinition").is_none() => {
                    return Err(unsupported(c, "only timer catch events (a wait) are supported"));
                }
                "endEvent" if !is_synthetic(id) && !event_definitions(c).is_empty() => {
                    return Err(unsupported(c, format!("an end event of type {} has no Flowlab equivalent", event_definitions(c).join(", "))));
                }
                _ if STEP_ELEMENTS.contains(&name) => {
                    if !is_synthetic(id) {
                        steps.push(c);
                    }
                }
                "task" => return Err(unsupported(c, "a plain task has no kind: make it a service task (an action) or a user task (an approval)")),
                _ => return Err(unsupported(c, format!("`{name}` has no Flowlab equivalent"))),
            }
        }
        for c in process.children().filter(|c| is(*c, BPMN, "boundaryEvent")) {
            let host = elements
                .get(attr(c, "attachedToRef"))
                .map(|h| h.tag_name().name());
            let defs = event_definitions(c);
            let ok = matches!(
                (host, defs.as_slice()),
                (
                    Some("serviceTask"),
                    ["errorEventDefinition" | "compensateEventDefinition"]
                ) | (Some("userTask"), ["timerEventDefinition"])
            ) && !elements
                .get(attr(c, "attachedToRef"))
                .is_some_and(|h| is_for_compensation(*h));
            if !ok {
                return Err(unsupported(c, "boundary events are supported as errors and compensations on service tasks and timers on user tasks"));
            }
        }
        let handlers = compensation_handlers(process, &elements, &flows)?;
        let mut positions = HashMap::new();
        let mut centres = Vec::new();
        let mut corners = Vec::new();
        for shape in root.descendants().filter(|n| is(*n, BPMNDI, "BPMNShape")) {
            if let Some(b) = child(shape, DC, "Bounds") {
                let num = |k| b.attribute(k).and_then(|v: &str| v.parse::<f64>().ok());
                if let (Some(x), Some(y)) = (num("x"), num("y")) {
                    let element = attr(shape, "bpmnElement");
                    positions.insert(element, (x, y));
                    let (w, h) = (num("width").unwrap_or(0.0), num("height").unwrap_or(0.0));
                    if elements.get(element).is_some_and(|e| steps.contains(e)) {
                        corners.push((element, (x, y)));
                        centres.push((element, (x + w / 2.0, y + h / 2.0)));
                    }
                }
            }
        }
        if super::grid::cards_overlap(&corners) {
            positions.extend(super::grid::onto_canvas(&centres));
        }
        Ok(Model {
            process,
            elements,
            flows,
            steps,
            handlers,
            positions,
        })
    }

    fn outgoing(&self, id: &str) -> Vec<&Flow<'a, 'i>> {
        self.flows.iter().filter(|f| f.source == id).collect()
    }

    /// A flow's target as a step id, or none when it leads out of the steps.
    fn step_ref(&self, target: &str) -> Option<&'a str> {
        let node = self.elements.get(target)?;
        (self.steps.contains(node)).then(|| attr(*node, "id"))
    }

    fn derive(&self) -> Result<Vec<DerivedStep<'a, 'i>>, ImportError> {
        let mut out = Vec::new();
        for (k, &node) in self.steps.iter().enumerate() {
            let id = attr(node, "id");
            let mut m = Map::new();
            m.insert("id".into(), json!(id));
            if let Some(n) = node.attribute("name") {
                m.insert("name".into(), json!(n));
            }
            let following = self.steps.get(k + 1).map(|n| attr(*n, "id"));
            let set_next = |m: &mut Map<String, Value>, target: Option<&str>| match target {
                Some(t) if Some(t) == following => {}
                Some(t) => {
                    m.insert("next".into(), json!(t));
                }
                None if following.is_some() => {
                    m.insert("next".into(), Value::Null);
                }
                None => {}
            };
            let single = |what: &str| -> Result<Option<&'a str>, ImportError> {
                let out = self.outgoing(id);
                match out.as_slice() {
                    [] => Ok(None),
                    [f] => Ok(self.step_ref(f.target)),
                    _ => Err(unsupported(node, format!("{} outgoing flows: a {what} goes to one next step (use an exclusive gateway to branch)", out.len()))),
                }
            };
            let kind = match node.tag_name().name() {
                "serviceTask" => {
                    if let Some(def) = extension(node, ZEEBE, "taskDefinition") {
                        let t = attr(def, "type");
                        if !t.is_empty() {
                            if ActionKind::parse(t).is_none() {
                                return Err(unsupported(node, format!("task type `{t}` is not an action kind (email, sms, webhook, update)")));
                            }
                            m.insert("action".into(), json!(t));
                        }
                        if let Some(r) = def.attribute("retries") {
                            let n: i64 = r.trim().parse().map_err(|_| {
                                unsupported(node, format!("retries `{r}` is not a whole number"))
                            })?;
                            m.insert("retry".into(), json!({ "max_attempts": n }));
                        }
                    }
                    set_next(&mut m, single("service task")?);
                    if let Some(handler) = self.handlers.get(id) {
                        m.insert("compensation".into(), compensation(*handler)?);
                    }
                    "action"
                }
                "intermediateCatchEvent" => {
                    m.insert("duration".into(), json!(format_duration(timer(node)?)));
                    set_next(&mut m, single("wait")?);
                    "wait"
                }
                "callActivity" => {
                    let called = extension(node, ZEEBE, "calledElement")
                        .and_then(|c| c.attribute("processId"))
                        .or(node.attribute("calledElement"));
                    if let Some(w) = called {
                        m.insert("workflow".into(), json!(w));
                    }
                    set_next(&mut m, single("call activity")?);
                    "enroll"
                }
                "endEvent" => "end",
                "userTask" => {
                    if let Some(g) = extension(node, ZEEBE, "assignmentDefinition")
                        .and_then(|a| a.attribute("candidateGroups"))
                    {
                        m.insert("group".into(), json!(g));
                    }
                    let out = self.outgoing(id);
                    match out.as_slice() {
                        [] => set_next(&mut m, None),
                        [f] if is_synthetic(f.target) => {
                            for g in self.outgoing(f.target) {
                                if let (Some(port @ ("approved" | "rejected")), Some(t)) = (g.name, self.step_ref(g.target)) {
                                    m.insert(port.into(), json!(t));
                                }
                            }
                        }
                        [f] => set_next(&mut m, self.step_ref(f.target)),
                        _ => return Err(unsupported(node, "more than one outgoing flow: a user task goes on to one step (put an exclusive gateway after it)")),
                    }
                    for b in self.process.children().filter(|c| {
                        is(*c, BPMN, "boundaryEvent") && attr(*c, "attachedToRef") == id
                    }) {
                        m.insert("timeout".into(), json!(format_duration(timer(b)?)));
                        if let Some(t) = self
                            .outgoing(attr(b, "id"))
                            .first()
                            .and_then(|f| self.step_ref(f.target))
                        {
                            m.insert("timeout_to".into(), json!(t));
                        }
                    }
                    "approval"
                }
                _ => self.gateway(node, &mut m, set_next)?,
            };
            m.insert("kind".into(), json!(kind));
            if let Some(&(x, y)) = self.positions.get(id) {
                m.insert("pos".into(), json!({"x": x, "y": y}));
            }
            out.push((node, m));
        }
        Ok(out)
    }

    fn gateway(
        &self,
        node: Node<'a, 'i>,
        m: &mut Map<String, Value>,
        set_next: impl Fn(&mut Map<String, Value>, Option<&str>),
    ) -> Result<&'static str, ImportError> {
        let id = attr(node, "id");
        let out = self.outgoing(id);
        if out.len() != 2 {
            return Err(unsupported(node, format!("{} outgoing flows: an exclusive gateway needs two, one with a condition (yes) and one without or the default (no)", out.len())));
        }
        let default = node.attribute("default");
        let filter_of = |f: &Flow, m: &mut Map<String, Value>| -> Result<(), ImportError> {
            if let Some(c) = f.condition {
                let filter = feel::parse(c).map_err(|e| unsupported(f.node, e.to_string()))?;
                if c.trim() != "=true" {
                    m.insert("filter".into(), filter.to_json());
                }
            }
            Ok(())
        };
        if let Some(pass) = out.iter().find(|f| f.name == Some("pass")) {
            filter_of(pass, m)?;
            set_next(m, self.step_ref(pass.target));
            return Ok("filter");
        }
        let yes_index = out
            .iter()
            .position(|f| f.name == Some("yes"))
            .or_else(|| {
                out.iter()
                    .position(|f| f.condition.is_some() && Some(attr(f.node, "id")) != default)
            })
            .ok_or_else(|| {
                unsupported(
                    node,
                    "neither outgoing flow has a condition: one needs the filter in FEEL",
                )
            })?;
        let (yes, no) = (out[yes_index], out[1 - yes_index]);
        filter_of(yes, m)?;
        if let Some(t) = self.step_ref(yes.target) {
            m.insert("yes".into(), json!(t));
        }
        if let Some(t) = self.step_ref(no.target) {
            m.insert("no".into(), json!(t));
        }
        Ok("condition")
    }

    fn trigger(&self) -> Result<Value, ImportError> {
        let Some(start) = self.process.children().find(|c| is(*c, BPMN, "startEvent")) else {
            return Ok(json!({"type": "manual"}));
        };
        if let Some(def) = child(start, BPMN, "conditionalEventDefinition") {
            let text = child(def, BPMN, "condition")
                .and_then(|c| c.text())
                .unwrap_or("");
            let filter = feel::parse(text).map_err(|e| unsupported(start, e.to_string()))?;
            return Ok(json!({"type": "audience", "filter": filter.to_json()}));
        }
        if child(start, BPMN, "timerEventDefinition").is_some() {
            return Err(unsupported(start, "a timer start needs the Flowlab extension's trigger (Flowlab starts by a tag or an audience, not on a schedule)"));
        }
        Ok(json!({"type": "manual"}))
    }
}

fn event_definitions<'a>(node: Node<'a, '_>) -> Vec<&'a str> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name().ends_with("EventDefinition"))
        .map(|c| c.tag_name().name())
        .collect()
}

fn timer(node: Node) -> Result<u64, ImportError> {
    let def = child(node, BPMN, "timerEventDefinition")
        .ok_or_else(|| unsupported(node, "not a timer"))?;
    let text = child(def, BPMN, "timeDuration")
        .and_then(|d| d.text())
        .ok_or_else(|| unsupported(node, "a timer needs a duration (timeDuration); dates and cycles have no Flowlab equivalent"))?;
    iso::parse(text).ok_or_else(|| {
        unsupported(
            node,
            format!("`{text}` is not an ISO 8601 duration in days, hours, minutes and seconds"),
        )
    })
}

fn is_for_compensation(node: Node) -> bool {
    node.attribute("isForCompensation") == Some("true")
}

/// Each compensation boundary event's handler, by the id of the service
/// task it is attached to: a service task marked for compensation, linked
/// by one association and by no sequence flow.
fn compensation_handlers<'a, 'i>(
    process: Node<'a, 'i>,
    elements: &HashMap<&'a str, Node<'a, 'i>>,
    flows: &[Flow<'a, 'i>],
) -> Result<HashMap<&'a str, Node<'a, 'i>>, ImportError> {
    let associations: Vec<Node> = process
        .children()
        .filter(|c| is(*c, BPMN, "association"))
        .collect();
    let mut handlers = HashMap::new();
    let mut linked = Vec::new();
    for b in process.children().filter(|c| {
        is(*c, BPMN, "boundaryEvent") && event_definitions(*c) == ["compensateEventDefinition"]
    }) {
        let id = attr(b, "id");
        if flows.iter().any(|f| f.source == id) {
            return Err(unsupported(b, "a compensation boundary event has no outgoing sequence flow: link its handler by an association"));
        }
        let targets: Vec<Node> = associations
            .iter()
            .filter(|a| attr(**a, "sourceRef") == id)
            .filter_map(|a| elements.get(attr(*a, "targetRef")).copied())
            .collect();
        let [handler] = targets.as_slice() else {
            return Err(unsupported(
                b,
                format!(
                    "a compensation boundary event needs one association to its handler, it has {}",
                    targets.len()
                ),
            ));
        };
        if !is(*handler, BPMN, "serviceTask") || !is_for_compensation(*handler) {
            return Err(unsupported(*handler, "a compensation handler must be a service task marked for compensation (isForCompensation) (a compensation is an action)"));
        }
        let host = attr(b, "attachedToRef");
        if handlers.insert(host, *handler).is_some() {
            return Err(unsupported(
                b,
                format!(
                    "a second compensation boundary event on `{host}`: a step has one compensation"
                ),
            ));
        }
        linked.push(attr(*handler, "id"));
    }
    for h in process
        .children()
        .filter(|c| is(*c, BPMN, "serviceTask") && is_for_compensation(*c))
    {
        let id = attr(h, "id");
        match linked.iter().filter(|l| **l == id).count() {
            1 => {}
            0 => return Err(unsupported(h, "a compensation handler needs an association from a compensation boundary event on a service task")),
            _ => return Err(unsupported(h, "a compensation handler undoes one step: it is associated with more than one compensation boundary event")),
        }
        if flows.iter().any(|f| f.source == id || f.target == id) {
            return Err(unsupported(
                h,
                "a compensation handler is linked by an association, not by sequence flows",
            ));
        }
    }
    Ok(handlers)
}

/// A handler as the step's compensation: its task type is the action.
fn compensation(handler: Node) -> Result<Value, ImportError> {
    let mut m = Map::new();
    let t = extension(handler, ZEEBE, "taskDefinition").map_or("", |d| attr(d, "type"));
    if !t.is_empty() {
        if ActionKind::parse(t).is_none() {
            return Err(unsupported(
                handler,
                format!("task type `{t}` is not an action kind (email, sms, webhook, update)"),
            ));
        }
        m.insert("action".into(), json!(t));
    }
    Ok(Value::Object(m))
}
