//! `flowlab-sim` as a user runs it: every public scenario and sample passes
//! `flowlab-sim test`, and the exit codes and messages of scenario-format.md.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlab-sim"))
        .args(args)
        .output()
        .expect("flowlab-sim runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn temp_file(name: &str, content: &str) -> String {
    let dir = root().join("../target/cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

#[test]
fn every_public_scenario_and_sample_passes_flowlab_sim_test() {
    let mut files = common::json_files("../../shared/scenarios");
    files.extend(common::json_files("../samples"));
    assert!(files.len() >= 8, "{files:?}");
    let args: Vec<String> = std::iter::once("test".to_string())
        .chain(files.iter().map(|f| f.display().to_string()))
        .collect();
    let out = sim(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let output = text(&out);
    assert!(out.status.success(), "{output}");
    assert!(
        output.contains(&format!("{} passed, 0 failed", files.len())),
        "{output}"
    );
}

#[test]
fn benchmark_files_are_valid() {
    for file in common::json_files("../../shared/bench") {
        let out = sim(&["check", &file.display().to_string()]);
        assert!(out.status.success(), "{}", text(&out));
    }
}

#[test]
fn a_failed_expectation_exits_1_and_shows_the_nearest_lines() {
    let original =
        std::fs::read_to_string(root().join("../../shared/scenarios/retry-resolved.json")).unwrap();
    let broken = original.replace(
        r#""attempt": 1, "due": 120000"#,
        r#""attempt": 1, "due": 120001"#,
    );
    assert_ne!(original, broken);
    let file = temp_file("expect-fails.json", &broken);
    let out = sim(&["test", &file]);
    let output = text(&out);
    assert_eq!(out.status.code(), Some(1), "{output}");
    assert!(
        output.contains("FAIL") && output.contains("120001"),
        "{output}"
    );
    assert!(
        output.contains(r#""due":120000"#),
        "the nearest line is shown: {output}"
    );
    assert!(output.contains("0 passed, 1 failed"), "{output}");
}

#[test]
fn a_syntax_error_exits_2_with_line_and_column() {
    let file = temp_file(
        "syntax.json",
        "{\n  \"format\": \"flowlab-scenario/1\",\n  \"run_until\": 5m\n}\n",
    );
    let out = sim(&["run", &file]);
    let output = text(&out);
    assert_eq!(out.status.code(), Some(2), "{output}");
    assert!(output.contains("syntax.json: 3:"), "{output}");
}

#[test]
fn a_semantic_error_exits_2_with_the_json_path() {
    let file = temp_file(
        "unknown-field.json",
        r#"{"format": "flowlab-scenario/1", "run_until": "1h",
            "workflows": [{"id": "w", "steps": [{"id": "s1", "kind": "wait", "duration": "1m", "nxt": "s2"}]}]}"#,
    );
    let out = sim(&["check", &file]);
    let output = text(&out);
    assert_eq!(out.status.code(), Some(2), "{output}");
    assert!(
        output.contains("workflows[0].steps[0]") && output.contains("nxt"),
        "{output}"
    );
}

#[test]
fn check_reports_publish_errors_by_json_path() {
    let file = temp_file(
        "dangling.json",
        r#"{"format": "flowlab-scenario/1", "run_until": "1h",
            "workflows": [{"id": "w", "steps": [{"id": "s1", "kind": "wait", "duration": "1m", "next": "s9"}]}]}"#,
    );
    let out = sim(&["check", &file]);
    let output = text(&out);
    assert_eq!(out.status.code(), Some(2), "{output}");
    assert!(output.contains("workflows[0].steps[0].next"), "{output}");
}

#[test]
fn run_writes_a_trace_ending_in_the_summary_and_summary_mode_only_that() {
    let file = root()
        .join("../../shared/scenarios/pause-resume.json")
        .display()
        .to_string();
    let full = sim(&["run", &file]);
    assert!(full.status.success());
    let lines: Vec<&str> = std::str::from_utf8(&full.stdout).unwrap().lines().collect();
    assert!(lines.len() > 10);
    assert!(lines[0].starts_with(r#"{"t":0,"type":"#), "{}", lines[0]);
    let last = lines.last().unwrap();
    assert!(
        last.starts_with(r#"{"t":14400000,"type":"summary","executions":{"COMPLETED":2}"#),
        "{last}"
    );
    let summary = sim(&["run", "--summary", &file]);
    assert_eq!(std::str::from_utf8(&summary.stdout).unwrap().trim(), *last);
}

#[test]
fn a_bad_command_line_exits_2() {
    assert_eq!(sim(&[]).status.code(), Some(2));
    assert_eq!(sim(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        sim(&["run", "/nonexistent/file.json"]).status.code(),
        Some(2)
    );
}
