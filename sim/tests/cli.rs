//! `flowlab-sim` as a user runs it: every public scenario and sample passes
//! `flowlab-sim test`, and the exit codes and messages of scenario-format.md.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlab-sim"))
        .args(args)
        .output()
        .expect("flowlab-sim runs")
}

/// `dir` relative to this crate (`../samples`, `../../shared/scenarios`).
fn json_files(dir: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlab-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowlab-sim runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
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
    let mut files = json_files("../../shared/scenarios");
    files.extend(json_files("../samples"));
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
    for file in json_files("../../shared/bench") {
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

#[test]
fn help_is_printed_for_the_program_and_each_verb() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let out = sim(args);
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("Usage:") && help.contains("Exit codes:"),
            "{help}"
        );
    }
    let run = sim(&["run", "--help"]);
    assert!(run.status.success(), "{}", text(&run));
    let run_help = String::from_utf8(run.stdout).unwrap();
    assert!(
        run_help.starts_with("flowlab-sim run [--summary] FILE"),
        "{run_help}"
    );
    assert_eq!(sim(&["help", "run"]).stdout, run_help.as_bytes());
    let version = sim(&["--version"]);
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("flowlab-sim {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_dash_reads_standard_input() {
    let file = root().join("../../shared/scenarios/pause-resume.json");
    let bytes = std::fs::read(&file).unwrap();
    let piped = with_stdin(&["run", "--summary", "-"], &bytes);
    assert!(piped.status.success(), "{}", text(&piped));
    let named = sim(&["run", "--summary", &file.display().to_string()]);
    assert_eq!(piped.stdout, named.stdout);
    let bad = with_stdin(&["check", "-"], b"{");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("<stdin>: 1:"), "{}", text(&bad));
}

#[test]
fn an_endless_input_is_refused_at_the_size_limit() {
    let out = sim(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("over the limit"), "{}", text(&out));
    let dir = sim(&["check", "/tmp"]);
    assert_eq!(dir.status.code(), Some(2));
    assert!(text(&dir).contains("directory"), "{}", text(&dir));
}

#[test]
fn a_closed_output_stops_the_run_quietly() {
    let file = root().join("../../shared/bench/seq10-retry-10k.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlab-sim"))
        .args(["run", &file.display().to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?} {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn byte_order_mark_duplicate_keys_and_bad_utf8_are_handled_like_the_app() {
    let file = root().join("../../shared/scenarios/pause-resume.json");
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(std::fs::read(&file).unwrap());
    let bom = with_stdin(&["test", "-"], &with_bom);
    assert!(bom.status.success(), "{}", text(&bom));

    let twice = with_stdin(
        &["check", "-"],
        br#"{"format": "flowlab-scenario/1", "run_until": "1h",
            "workflows": [{"id": "w", "steps": [{"id": "s1", "kind": "wait", "kind": "email"}]}]}"#,
    );
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        text(&twice).contains("key `kind` is written twice in the object at workflows[0].steps[0]"),
        "{}",
        text(&twice)
    );

    let latin1 = with_stdin(&["check", "-"], b"{\"format\": \"caf\xE9\"}");
    assert_eq!(latin1.status.code(), Some(2));
    assert!(
        text(&latin1).contains("<stdin>: 1:16: the file is not UTF-8"),
        "{}",
        text(&latin1)
    );
}

#[test]
fn export_bpmn_then_import_bpmn_gives_the_workflow_back() {
    let file = root().join("../samples/welcome.json");
    let out = sim(&["export", "bpmn", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("<zeebe:taskDefinition type=\"email\" retries=\"3\""),
        "{xml}"
    );
    let back = with_stdin(&["import", "bpmn", "-"], xml.as_bytes());
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let workflow: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(workflow["id"], "welcome");
    assert_eq!(workflow["steps"][1]["duration"], "1d");

    let several = root().join("../samples/workspace.json");
    let out = sim(&["export", "bpmn", several.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--workflow"));

    let refused = with_stdin(
        &["import", "bpmn", "-"],
        xml.replace("bpmn:serviceTask", "bpmn:scriptTask")
            .as_bytes(),
    );
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("`send_welcome` (scriptTask)"), "{message}");
    assert!(refused.stdout.is_empty());
}

#[test]
fn export_mermaid_prints_a_flowchart() {
    let file = root().join("../samples/welcome.json");
    let out = sim(&["export", "mermaid", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("%% "), "{text}");
    assert!(text.contains("\nflowchart LR\n"), "{text}");
    assert!(text.contains("s0 --> s1"), "{text}");

    let several = root().join("../samples/workspace.json");
    let out = sim(&["export", "mermaid", several.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--workflow"));
}
