//! Every workflow of the samples, the presets and the shared scenarios:
//! exported as BPMN and imported back it has the same content hash, and a
//! second export is the same file.

mod common;

use flowlab_engine::bpmn::{export, import, ImportError};
use flowlab_engine::canonical::content_hash;
use flowlab_engine::scenario::parse_scenario;

#[test]
fn export_import_export_is_stable_and_keeps_the_hash() {
    let mut files = common::json_files("../samples");
    files.extend(common::json_files("../samples/presets"));
    files.extend(common::json_files("../../shared/scenarios"));
    let mut count = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(scenario) = parse_scenario(&file.display().to_string(), &text) else {
            continue;
        };
        for draft in &scenario.workflows {
            let xml = export(draft);
            let back =
                import(&xml).unwrap_or_else(|e| panic!("{}: {}: {e}", file.display(), draft.id));
            assert_eq!(
                content_hash(&back.draft.written),
                content_hash(&draft.written),
                "{}: {}\n{xml}",
                file.display(),
                draft.id
            );
            assert_eq!(back.draft.id, draft.id);
            assert_eq!(back.draft.name, draft.name);
            let pos: Vec<_> = draft.steps.iter().map(|s| s.pos).collect();
            let pos_back: Vec<_> = back.draft.steps.iter().map(|s| s.pos).collect();
            assert_eq!(pos_back, pos, "{}: {}", file.display(), draft.id);
            assert_eq!(export(&back.draft), xml, "{}: {}", file.display(), draft.id);
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} workflows");
}

const BPMN_IO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="onboard" name="Onboard" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:sequenceFlow id="f1" sourceRef="StartEvent_1" targetRef="mail" />
    <bpmn:serviceTask id="mail" name="Mail">
      <bpmn:extensionElements><zeebe:taskDefinition type="email" retries="2" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="mail" targetRef="pause" />
    <bpmn:intermediateCatchEvent id="pause">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="pause" targetRef="gw" />
    <bpmn:exclusiveGateway id="gw" default="f5" />
    <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="ok">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=score &gt;= 50</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="gw" targetRef="review" />
    <bpmn:userTask id="review">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="sales" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f6" sourceRef="review" targetRef="ok" />
    <bpmn:endEvent id="ok" />
  </bpmn:process>
</bpmn:definitions>"#;

#[test]
fn a_bpmn_io_file_imports_and_publishes() {
    use flowlab_engine::validate::{validate, ValidationContext};
    let imported = import(BPMN_IO).unwrap();
    let ids = ["onboard"];
    let report = validate(
        &imported.draft,
        &ValidationContext {
            workflow_ids: &ids,
            operators: &[],
        },
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let kinds: Vec<_> = imported
        .draft
        .steps
        .iter()
        .map(|s| s.kind().as_str())
        .collect();
    assert_eq!(kinds, ["action", "wait", "condition", "approval", "end"]);
}

#[test]
fn what_is_not_supported_is_refused_by_its_id() {
    let text = BPMN_IO.replace(
        r#"<bpmn:endEvent id="ok" />"#,
        r#"<bpmn:endEvent id="ok" /><bpmn:parallelGateway id="split" />"#,
    );
    match import(&text) {
        Err(ImportError::Unsupported { id, .. }) => assert_eq!(id, "split"),
        other => panic!("{other:?}"),
    }
    let text = BPMN_IO.replace("=score &gt;= 50", "=date(x) &gt; 3");
    assert!(matches!(import(&text), Err(ImportError::Unsupported { id, .. }) if id == "f4"));
}

/// A diagram drawn in bpmn.io (tasks 100 wide, events 36) opens on the
/// canvas with no two step cards (232 × 72) overlapping, in the drawing's
/// left-to-right order; one that Flowlab wrote keeps its places exactly.
#[test]
fn a_drawing_from_bpmn_io_opens_without_overlapping_cards() {
    let text = include_str!("../../tests/e2e/fixtures/bpmn-io-onboarding.bpmn");
    let imported = import(text).unwrap();
    let places: Vec<(f64, f64)> = imported
        .draft
        .steps
        .iter()
        .map(|s| s.pos.map(|p| (p.x, p.y)).expect("every step has a place"))
        .collect();
    for (i, a) in places.iter().enumerate() {
        for b in &places[i + 1..] {
            assert!(
                (a.0 - b.0).abs() >= 232.0 || (a.1 - b.1).abs() >= 72.0,
                "{a:?} and {b:?} overlap in {places:?}"
            );
        }
    }
    let xml = export(&imported.draft);
    let again = import(&xml).unwrap();
    let kept: Vec<_> = again.draft.steps.iter().map(|s| s.pos).collect();
    let first: Vec<_> = imported.draft.steps.iter().map(|s| s.pos).collect();
    assert_eq!(kept, first);
}
