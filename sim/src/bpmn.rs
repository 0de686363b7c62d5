//! `export bpmn`, `export mermaid` and `import bpmn`: the engine's BPMN
//! mapping and Mermaid flowchart on files.

use std::process::ExitCode;

use flowlab_engine::bpmn;
use flowlab_engine::model::WorkflowDraft;
use flowlab_engine::scenario::{file_text, parse_scenario, parse_workflow_file};

use crate::input::{display_name, read_bytes};
use crate::out::{Out, Stop};
use crate::say;

const INVALID: u8 = 2;

/// The workflows of a scenario file, or the one of a workflow file.
fn workflows(file: &str) -> Result<Vec<WorkflowDraft>, String> {
    let name = display_name(file);
    let bytes = read_bytes(file).map_err(|e| e.to_string())?;
    let text = file_text(name, &bytes).map_err(|e| e.to_string())?;
    match parse_scenario(name, text) {
        Ok(s) => Ok(s.workflows),
        Err(scenario_error) => parse_workflow_file(name, text)
            .map(|w| vec![w])
            .map_err(|_| scenario_error.to_string()),
    }
}

/// What `export` writes.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Bpmn,
    Mermaid,
}

pub fn export(
    out: &mut Out,
    file: &str,
    workflow: Option<&str>,
    format: Format,
) -> Result<ExitCode, Stop> {
    let drafts = match workflows(file) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(INVALID));
        }
    };
    let ids: Vec<&str> = drafts.iter().map(|d| d.id.as_str()).collect();
    let chosen = match workflow {
        Some(id) => drafts.iter().find(|d| d.id == id),
        None if drafts.len() == 1 => drafts.first(),
        None => {
            eprintln!(
                "{}: {} workflows ({}): choose one with --workflow ID",
                display_name(file),
                drafts.len(),
                ids.join(", ")
            );
            return Ok(ExitCode::from(INVALID));
        }
    };
    let Some(draft) = chosen else {
        eprintln!(
            "{}: no workflow `{}` (it has: {})",
            display_name(file),
            workflow.unwrap_or(""),
            ids.join(", ")
        );
        return Ok(ExitCode::from(INVALID));
    };
    let text = match format {
        Format::Bpmn => bpmn::export(draft),
        Format::Mermaid => flowlab_engine::mermaid::flowchart(draft),
    };
    say!(out, "{}", text.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

pub fn import(out: &mut Out, file: &str) -> Result<ExitCode, Stop> {
    let name = display_name(file);
    let text = match read_bytes(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("{name}: the file is not UTF-8 text");
                return Ok(ExitCode::from(INVALID));
            }
        },
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(INVALID));
        }
    };
    match bpmn::import(text.trim_start_matches('\u{feff}')) {
        Ok(imported) => {
            let json = serde_json::to_string_pretty(&imported.workflow).unwrap_or_default();
            say!(out, "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{name}: not imported: {e}");
            Ok(ExitCode::from(INVALID))
        }
    }
}
