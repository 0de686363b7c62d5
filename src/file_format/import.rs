//! Reading a file a person imports: a workspace, a scenario or one
//! workflow, told apart by its `format` (a workflow file has none), or a
//! BPMN 2.0 process (a `.bpmn` file, or any file that starts as XML does)
//! as a workflow. A file is read and checked completely before anything
//! changes; a bad one is refused with an error that names the file and the
//! place.

use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::scenario::{
    parse_json, parse_scenario, parse_workflow_file, FileError, MAX_FILE_BYTES,
};
use serde_json::Value;

use super::workspace_file::{read_workspace, WORKSPACE_FORMAT};
use crate::i18n::num;
use crate::session::Session;
use crate::t;

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

/// Reads an imported file (see the module's doc).
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

#[cfg(test)]
mod tests {
    use super::super::samples::SAMPLE_WORKSPACE;
    use super::super::workflow_file::export_workflow;
    use super::super::workspace_file::tests::ran_a_while;
    use super::*;

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
        let text = include_str!("../../tests/e2e/fixtures/bpmn-io-onboarding.bpmn");
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
