//! The files a person imports and exports: a whole workspace
//! (`flowlab-workspace/1`: the genesis, the scenario it came from, the
//! clock, the script cursor and the whole event log), a scenario file, or
//! one workflow. A file is read and checked completely before anything
//! changes; a bad one is refused with an error that names the file and the
//! place.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use flowlab_engine::codec::{decode_segment, genesis_from_json, genesis_to_json};
use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::scenario::{
    parse_json, parse_scenario, parse_workflow_file, FileError, MAX_FILE_BYTES,
};
use serde_json::{json, Map, Value};

use crate::i18n::{num, tr};
use crate::session::{Clock, EventLog, Session};
use crate::t;

pub const WORKSPACE_FORMAT: &str = "flowlab-workspace/1";

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("{}", t!("{file} is {size} bytes; files over {limit} bytes are refused", file = file, size = num(*size as u64), limit = num(*limit as u64)))]
    TooLarge {
        file: String,
        size: usize,
        limit: usize,
    },
    #[error("{}", crate::engine_text::file_error(.0))]
    File(#[from] FileError),
    #[error("{}", t!("{file} was read as BPMN 2.0 and refused: {error}", file = file, error = crate::engine_text::bpmn_error(error)))]
    Bpmn {
        file: String,
        #[source]
        error: flowlab_engine::bpmn::ImportError,
    },
    #[error("{}", t!("{file}: `{field}`: {problem}", file = file, field = field, problem = problem))]
    Workspace {
        file: String,
        field: String,
        problem: String,
    },
}

/// What a file turned out to be, checked.
pub enum Imported {
    Workspace {
        session: Box<Session>,
        source: String,
    },
    Scenario {
        source: String,
    },
    Workflow(Box<WorkflowDraft>),
}

/// The whole workspace as one JSON file.
pub fn export_workspace(session: &Session, source: &str) -> String {
    let log = session.event_log().to_segment();
    let value = json!({
        "format": WORKSPACE_FORMAT,
        "genesis": genesis_to_json(session.genesis()),
        "source": source,
        "clock": serde_json::to_value(session.clock()).expect("a clock serializes"),
        "script_done": session.script_done(),
        "log": BASE64.encode(log),
    });
    serde_json::to_string_pretty(&value).expect("JSON serializes")
}

/// One workflow as a scenario-format workflow file.
pub fn export_workflow(draft: &WorkflowDraft) -> String {
    serde_json::to_string_pretty(&draft.to_json()).expect("JSON serializes")
}

/// Reads an imported file: a workspace, a scenario or a workflow, told
/// apart by its `format` (a workflow file has none), or a BPMN 2.0 process
/// (a `.bpmn` file, or any file that starts as XML does) as a workflow.
pub fn read_file(file: &str, text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    if is_bpmn(file, text) {
        return flowlab_engine::bpmn::import(text)
            .map(|imported| Imported::Workflow(Box::new(imported.draft)))
            .map_err(|error| ImportError::Bpmn {
                file: file.to_owned(),
                error,
            });
    }
    let value = parse_json(file, text)?;
    match value.get("format").and_then(Value::as_str) {
        Some(WORKSPACE_FORMAT) => read_workspace(file, &value),
        Some(_) => {
            parse_scenario(file, text)?;
            Ok(Imported::Scenario {
                source: text.to_owned(),
            })
        }
        None => Ok(Imported::Workflow(Box::new(parse_workflow_file(
            file, text,
        )?))),
    }
}

fn is_bpmn(file: &str, text: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".bpmn")
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
}

fn read_workspace(file: &str, value: &Value) -> Result<Imported, ImportError> {
    let bad = |field: &str, problem: String| ImportError::Workspace {
        file: file.to_owned(),
        field: field.to_owned(),
        problem,
    };
    let object: &Map<String, Value> = value
        .as_object()
        .ok_or_else(|| bad("", tr("not an object").into()))?;
    const FIELDS: [&str; 6] = ["format", "genesis", "source", "clock", "script_done", "log"];
    if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(bad(unknown, tr("unknown field").into()));
    }
    let field = |name: &str| {
        object
            .get(name)
            .ok_or_else(|| bad(name, tr("missing").into()))
    };
    let genesis = genesis_from_json(&field("genesis")?.to_string())
        .map_err(|e| bad("genesis", e.to_string()))?;
    let source = field("source")?
        .as_str()
        .ok_or_else(|| bad("source", tr("not text").into()))?
        .to_owned();
    let script = parse_scenario("source", &source)
        .map_err(|e| bad("source", e.to_string()))?
        .script;
    let clock: Clock =
        serde_json::from_value(field("clock")?.clone()).map_err(|e| bad("clock", e.to_string()))?;
    let script_done = field("script_done")?
        .as_u64()
        .ok_or_else(|| bad("script_done", tr("not a count").into()))?
        as usize;
    let bytes = BASE64
        .decode(
            field("log")?
                .as_str()
                .ok_or_else(|| bad("log", tr("not text").into()))?,
        )
        .map_err(|e| bad("log", t!("not base64: {error}", error = e)))?;
    let log = decode_segment(&bytes).map_err(|e| bad("log", e.to_string()))?;
    let session = Session::restore(
        genesis,
        None,
        EventLog::from_events(log),
        script,
        script_done,
        clock,
    )
    .map_err(|e| bad("script_done", e.to_string()))?;
    Ok(Imported::Workspace {
        session: Box::new(session),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::SAMPLE_WORKSPACE;
    use flowlab_engine::sim;
    use flowlab_engine::time::SimTime;

    fn ran_a_while() -> Session {
        let scenario = parse_scenario("workspace.json", SAMPLE_WORKSPACE).unwrap();
        let mut s = Session::new(sim::genesis(&scenario), scenario.script);
        s.advance_to(SimTime(3 * 3_600_000), usize::MAX).unwrap();
        s
    }

    #[test]
    fn an_exported_workspace_imports_to_the_same_state() {
        let session = ran_a_while();
        let text = export_workspace(&session, SAMPLE_WORKSPACE);
        let Imported::Workspace {
            session: back,
            source,
        } = read_file("ws.json", &text).unwrap()
        else {
            panic!("a workspace file reads as a workspace");
        };
        assert_eq!(source, SAMPLE_WORKSPACE);
        assert_eq!(back.log().to_vec(), session.log().to_vec());
        assert_eq!(back.state(), session.state());
        assert_eq!(back.clock().now, session.clock().now);
        assert_eq!(back.script_done(), session.script_done());
    }

    #[test]
    fn a_damaged_workspace_file_is_refused_naming_the_field() {
        let text = export_workspace(&ran_a_while(), SAMPLE_WORKSPACE);
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let log = v["log"].as_str().unwrap().to_owned();
        let mut bytes = BASE64.decode(&log).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        v["log"] = Value::String(BASE64.encode(bytes));
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert!(err.to_string().starts_with("ws.json: `log`"), "{err}");

        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["colour"] = json!("blue");
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert_eq!(err.to_string(), "ws.json: `colour`: unknown field");

        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["script_done"] = json!(999);
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert!(err.to_string().contains("script_done"), "{err}");
    }

    #[test]
    fn syntax_errors_and_wrong_versions_name_where() {
        let err = read_file("a.json", "{\n  \"id\": \"x\",\n  oops\n}")
            .err()
            .unwrap();
        assert!(err.to_string().starts_with("a.json: 3:3:"), "{err}");
        let err = read_file(
            "b.json",
            r#"{"format": "flowlab-scenario/9", "workflows": [], "run_until": 0}"#,
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains("format"), "{err}");
    }

    #[test]
    fn a_bpmn_file_reads_as_a_workflow_and_an_unsupported_one_names_the_element() {
        let session = ran_a_while();
        let draft = &session.state().workflows[0].draft;
        let xml = flowlab_engine::bpmn::export(draft);
        let Imported::Workflow(back) = read_file("w.xml", &xml).unwrap() else {
            panic!("BPMN XML reads as a workflow");
        };
        assert_eq!(back.id, draft.id);
        assert_eq!(back.steps, draft.steps);

        let parallel = xml.replace("bpmn:endEvent", "bpmn:parallelGateway");
        let err = read_file("w.bpmn", &parallel).err().expect("refused");
        let message = err.to_string();
        assert!(
            message.starts_with("w.bpmn was read as BPMN 2.0 and refused: `"),
            "{message}"
        );
        assert!(message.contains("parallelGateway"), "{message}");
        let err = read_file("w.bpmn", "{}").err().expect("refused");
        assert!(err.to_string().contains("not XML"), "{err}");
    }

    #[test]
    fn a_file_drawn_in_bpmn_io_reads_as_a_workflow_that_can_be_published() {
        use flowlab_engine::validate::{validate, ValidationContext};
        let text = include_str!("../tests/e2e/fixtures/bpmn-io-onboarding.bpmn");
        let Imported::Workflow(draft) = read_file("onboarding.bpmn", text).unwrap() else {
            panic!("a .bpmn file reads as a workflow");
        };
        let session = ran_a_while();
        let mut ids: Vec<&str> = session
            .state()
            .workflows
            .iter()
            .map(|w| w.draft.id.as_str())
            .collect();
        ids.push(&draft.id);
        let report = validate(
            &draft,
            &ValidationContext {
                workflow_ids: &ids,
                operators: &session.state().operators,
            },
        );
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let kinds: Vec<&str> = draft.steps.iter().map(|s| s.kind().as_str()).collect();
        assert_eq!(
            kinds,
            ["wait", "action", "condition", "action", "approval", "end"]
        );
    }

    #[test]
    fn a_workflow_file_round_trips_and_a_scenario_is_recognised() {
        let session = ran_a_while();
        let draft = &session.state().workflows[0].draft;
        let Imported::Workflow(back) = read_file("w.json", &export_workflow(draft)).unwrap() else {
            panic!("a workflow file reads as a workflow");
        };
        assert_eq!(back.id, draft.id);
        assert_eq!(back.steps, draft.steps);
        assert!(matches!(
            read_file("s.json", SAMPLE_WORKSPACE).unwrap(),
            Imported::Scenario { .. }
        ));
    }
}
