//! Spec-conformance suite: every `tests/scenarios/*.json` is run and its
//! `expect` entries checked. The expectations were derived by hand from
//! `shared/spec/lifecycle.md` and `shared/spec/scenario-format.md`; a failure
//! here is a disagreement between the engine and the spec (see each file's
//! `x.note`).

mod common;

use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;

#[test]
fn spec_conformance_scenarios() {
    let files = common::json_files("tests/scenarios");
    assert!(
        files.len() >= 30,
        "expected the conformance scenarios, found {}",
        files.len()
    );
    let mut report = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let scenario = match parse_scenario(&name, &text) {
            Ok(s) => s,
            Err(e) => {
                report.push(format!("{name}: file error: {e}"));
                continue;
            }
        };
        // A panic in one scenario must not hide the others' results.
        let run =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sim::trace_lines(&scenario)));
        let (engine, lines) = match run {
            Ok(Ok(run)) => run,
            Ok(Err(e)) => {
                report.push(format!("{name}: engine error: {e}"));
                continue;
            }
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                report.push(format!("{name}: engine panicked: {msg}"));
                continue;
            }
        };
        for f in sim::check(&scenario, &engine, &lines) {
            let mut entry = format!(
                "{name}: expect[{}] {}\n    {}",
                f.index, f.expectation, f.message
            );
            for (n, line) in f.nearest {
                entry.push_str(&format!("\n    {n:>6}: {line}"));
            }
            report.push(entry);
        }
    }
    assert!(
        report.is_empty(),
        "{} failing expectation(s) over {} scenario file(s):\n{}",
        report.len(),
        files.len(),
        report.join("\n")
    );
}
