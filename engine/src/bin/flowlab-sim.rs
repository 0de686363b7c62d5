//! `flowlab-sim`: run, check and test scenario files without a browser.
//!
//!     flowlab-sim run FILE.json            trace on stdout
//!     flowlab-sim run --summary FILE.json  only the summary line
//!     flowlab-sim check FILE.json...       validate only; problems on stderr
//!     flowlab-sim test FILE.json...        run and check each file's "expect"
//!
//! Exit codes: 0 ok; 1 an expectation failed; 2 a file is unreadable or
//! invalid (or the command line is wrong).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::validate::{validate, Severity, ValidationContext};
use flowlab_engine::{sim, trace};

const USAGE: &str =
    "usage: flowlab-sim run [--summary] FILE.json | check FILE.json... | test FILE.json...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((verb, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match verb.as_str() {
        "run" => run(rest),
        "check" if !rest.is_empty() => check(rest),
        "test" if !rest.is_empty() => test(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn load(file: &str) -> Result<Scenario, ExitCode> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        eprintln!("{file}: cannot read: {e}");
        ExitCode::from(2)
    })?;
    parse_scenario(file, &text).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

fn run(args: &[String]) -> ExitCode {
    let (summary_only, files): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| *a == "--summary");
    let [file] = files[..] else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if summary_only.is_empty() {
        sim::run(&scenario, |engine, stamped| {
            if let Some(line) = trace::line(engine.state(), stamped) {
                let _ = writeln!(out, "{line}");
            }
        })
    } else {
        sim::run_quiet(&scenario)
    };
    match result {
        Ok(engine) => {
            let _ = writeln!(
                out,
                "{}",
                trace::summary(engine.state(), scenario.run_until)
            );
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = out.flush();
            eprintln!("{file}: engine error: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(files: &[String]) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for file in files {
        let scenario = match load(file) {
            Ok(s) => s,
            Err(c) => {
                code = c;
                continue;
            }
        };
        let ids: Vec<&str> = scenario.workflows.iter().map(|w| w.id.as_str()).collect();
        let context = ValidationContext {
            workflow_ids: &ids,
            operators: &scenario.operators,
        };
        let mut errors = 0;
        for (i, draft) in scenario.workflows.iter().enumerate() {
            let report = validate(draft, &context);
            for issue in report.errors.iter().chain(&report.warnings) {
                let level = if issue.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                eprintln!(
                    "{file}: {}: {level}: {}",
                    issue.json_path(draft, i),
                    issue.message
                );
            }
            errors += report.errors.len();
        }
        if errors > 0 {
            code = ExitCode::from(2);
        } else {
            println!(
                "{file}: ok ({} workflow(s), {} contact(s))",
                scenario.workflows.len(),
                scenario.contacts.len()
            );
        }
    }
    code
}

fn test(files: &[String]) -> ExitCode {
    let (mut passed, mut failed, mut invalid) = (0, 0, false);
    for file in files {
        let scenario = match load(file) {
            Ok(s) => s,
            Err(_) => {
                invalid = true;
                continue;
            }
        };
        let (engine, lines) = match std::panic::catch_unwind(|| sim::trace_lines(&scenario)) {
            Ok(Ok(run)) => run,
            Ok(Err(e)) => {
                eprintln!("{file}: engine error: {e}");
                invalid = true;
                continue;
            }
            Err(_) => {
                eprintln!("{file}: the engine panicked (a bug: please report it with this file)");
                invalid = true;
                continue;
            }
        };
        let failures = sim::check(&scenario, &engine, &lines);
        if failures.is_empty() {
            passed += 1;
            println!(
                "PASS {file} ({} expectation(s), {} trace line(s))",
                scenario.expect.len(),
                lines.len()
            );
            continue;
        }
        failed += 1;
        println!("FAIL {file}");
        for f in failures {
            println!("  expect[{}] {}", f.index, f.expectation);
            println!("    {}", f.message);
            for (n, line) in f.nearest {
                println!("    {n:>6}: {line}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if invalid {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
