//! Compensations in BPMN: a compensation boundary event on the service task,
//! its handler (`isForCompensation`) linked by an association, and the
//! compensation throw before `fail_workflow`'s error end; read back from a
//! file drawn in bpmn.io, and refused by id when malformed.

use flowlab_engine::bpmn::{export, import, ImportError};
use flowlab_engine::model::StepBody;
use flowlab_engine::scenario::parse_scenario;

const SCENARIO: &str = r#"{"format":"flowlab-scenario/1","run_until":"1h","contacts":[],"workflows":[{"id":"w1","trigger":{"type":"manual"},"steps":[
 {"id":"charge","kind":"action","action":"webhook","compensation":{"action":"email"},"next":"ship"},
 {"id":"ship","kind":"action","action":"webhook","on_fail":{"action":"fail_workflow"},"next":"done"},
 {"id":"done","kind":"end"}]}]}"#;

#[test]
fn a_compensation_is_a_boundary_event_with_a_handler_and_a_throw_before_the_failure() {
    let scenario = parse_scenario("t", SCENARIO).unwrap();
    let xml = export(&scenario.workflows[0]);
    let compensating: Vec<_> = xml
        .match_indices("<bpmn:boundaryEvent")
        .map(|(i, _)| &xml[i..i + xml[i..].find("</bpmn:boundaryEvent>").unwrap()])
        .filter(|b| b.contains("compensateEventDefinition"))
        .collect();
    assert_eq!(compensating.len(), 1, "{xml}");
    assert!(
        compensating[0].contains(r#"attachedToRef="charge""#),
        "{xml}"
    );
    let handler_at = xml.find(r#"isForCompensation="true""#).expect("a handler");
    let handler =
        &xml[handler_at..handler_at + xml[handler_at..].find("</bpmn:serviceTask>").unwrap()];
    assert!(handler.contains(r#"type="email""#), "{handler}");
    assert_eq!(xml.matches("<bpmn:association ").count(), 1, "{xml}");
    let throw_at = xml
        .find("<bpmn:intermediateThrowEvent")
        .expect("a compensation throw");
    assert!(
        xml[throw_at..].starts_with("<bpmn:intermediateThrowEvent")
            && xml[throw_at..throw_at + 300].contains("compensateEventDefinition"),
        "{xml}"
    );
    // Without the Flowlab extension the BPMN elements alone give the compensation back.
    let bare = strip_flowlab_steps(&xml);
    let back = import(&bare).unwrap();
    let charge = back.draft.steps.iter().find(|s| s.id == "charge").unwrap();
    let StepBody::Action(a) = &charge.body else {
        panic!("{charge:?}")
    };
    assert_eq!(
        a.compensation
            .as_ref()
            .and_then(|c| c.action)
            .map(|k| k.as_str()),
        Some("email")
    );
    let ship = back.draft.steps.iter().find(|s| s.id == "ship").unwrap();
    let StepBody::Action(a) = &ship.body else {
        panic!("{ship:?}")
    };
    assert!(a.compensation.is_none());
}

fn strip_flowlab_steps(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<flowlab:step") {
        out.push_str(&rest[..i]);
        let close = "</flowlab:step>";
        rest = &rest[i + rest[i..].find(close).expect("closed") + close.len()..];
    }
    out.push_str(rest);
    out
}

const DRAWN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="order" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
    <bpmn:serviceTask id="charge" name="Charge">
      <bpmn:extensionElements><zeebe:taskDefinition type="webhook" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="undoCharge" attachedToRef="charge"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:serviceTask id="refund" name="Refund" isForCompensation="true">
      <bpmn:extensionElements><zeebe:taskDefinition type="sms" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:association id="a1" associationDirection="One" sourceRef="undoCharge" targetRef="refund" />
    <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>"#;

#[test]
fn a_compensation_drawn_in_bpmn_io_imports() {
    let back = import(DRAWN).unwrap();
    let kinds: Vec<_> = back.draft.steps.iter().map(|s| s.kind().as_str()).collect();
    assert_eq!(
        kinds,
        ["action", "end"],
        "the handler is not a step of its own"
    );
    let StepBody::Action(a) = &back.draft.steps[0].body else {
        panic!()
    };
    assert_eq!(
        a.compensation
            .as_ref()
            .and_then(|c| c.action)
            .map(|k| k.as_str()),
        Some("sms")
    );
}

#[test]
fn a_malformed_compensation_is_refused_by_its_id() {
    let unlinked = DRAWN.replace(
        r#"<bpmn:association id="a1" associationDirection="One" sourceRef="undoCharge" targetRef="refund" />"#,
        "",
    );
    match import(&unlinked) {
        Err(ImportError::Unsupported { id, .. }) => assert_eq!(id, "undoCharge"),
        other => panic!("{other:?}"),
    }
    let not_marked = DRAWN.replace(r#" isForCompensation="true""#, "");
    match import(&not_marked) {
        Err(ImportError::Unsupported { id, .. }) => assert_eq!(id, "refund"),
        other => panic!("{other:?}"),
    }
    let not_an_action = DRAWN.replace(r#"type="sms""#, r#"type="refund-card""#);
    match import(&not_an_action) {
        Err(ImportError::Unsupported { id, .. }) => assert_eq!(id, "refund"),
        other => panic!("{other:?}"),
    }
}

/// `late` runs after `early` (through a jump over `other`), so its handler
/// is written first, although the steps are written the other way round.
const OUT_OF_ORDER: &str = r#"{"format":"flowlab-scenario/1","run_until":"1h","contacts":[],"workflows":[{"id":"w1","trigger":{"type":"manual"},"steps":[
 {"id":"start_here","kind":"wait","duration":"1m","next":"early"},
 {"id":"early","kind":"action","action":"update","set":{"a":1},"compensation":{"action":"update","set":{"a":0}},"next":"late"},
 {"id":"other","kind":"action","action":"email","compensation":{"action":"email"},"next":"boom"},
 {"id":"late","kind":"action","action":"webhook","compensation":{"action":"email"},"next":"boom"},
 {"id":"boom","kind":"action","action":"webhook","on_fail":{"action":"fail_workflow"}}]}]}"#;

#[test]
fn handlers_are_written_newest_first_in_the_order_a_token_reaches_their_tasks() {
    let scenario = parse_scenario("t", OUT_OF_ORDER).unwrap();
    let xml = export(&scenario.workflows[0]);
    let late = xml
        .find(r#"id="_flowlab_undo_late""#)
        .expect("late's handler");
    let early = xml
        .find(r#"id="_flowlab_undo_early""#)
        .expect("early's handler");
    assert!(late < early, "{xml}");
    let late = xml.find(r#"id="_flowlab_compensate_late""#).unwrap();
    let early = xml.find(r#"id="_flowlab_compensate_early""#).unwrap();
    assert!(late < early, "{xml}");
    // `other` is never reached: its handler comes last.
    let other = xml.find(r#"id="_flowlab_undo_other""#).unwrap();
    assert!(other > early, "{xml}");
}
