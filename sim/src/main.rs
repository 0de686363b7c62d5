//! `flowlab-sim`: run, check and test scenario files without a browser.
//! `flowlab-sim --help` says how; the engine does the work, this file only
//! reads files and writes lines.

mod args;
mod bpmn;
mod help;
mod input;
mod out;

use std::ops::ControlFlow;
use std::process::ExitCode;

use flowlab_engine::scenario::Scenario;
use flowlab_engine::sim;
use flowlab_engine::trace;
use flowlab_engine::validate::{validate, Severity, ValidationContext};

use args::Invocation;
use input::{display_name, load_scenario};
use out::{Out, Stop};

const INVALID: u8 = 2;
const EXPECTATION_FAILED: u8 = 1;

fn main() -> ExitCode {
    let invocation = match args::parse(std::env::args_os().skip(1)) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("flowlab-sim: {e}\nTry `flowlab-sim --help`.");
            return ExitCode::from(INVALID);
        }
    };
    let mut out = Out::new();
    let result = match invocation {
        Invocation::Help(verb) => say!(out, "{}", help::text(verb)).map(|()| ExitCode::SUCCESS),
        Invocation::Version => {
            say!(out, "flowlab-sim {}", env!("CARGO_PKG_VERSION")).map(|()| ExitCode::SUCCESS)
        }
        Invocation::Run { summary, file } => run(&mut out, &file, summary),
        Invocation::Check { files } => check(&mut out, &files),
        Invocation::Test { files } => test(&mut out, &files),
        Invocation::ExportBpmn { file, workflow } => {
            bpmn::export(&mut out, &file, workflow.as_deref(), bpmn::Format::Bpmn)
        }
        Invocation::ExportMermaid { file, workflow } => {
            bpmn::export(&mut out, &file, workflow.as_deref(), bpmn::Format::Mermaid)
        }
        Invocation::ImportBpmn { file } => bpmn::import(&mut out, &file),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(e)) => {
            eprintln!("flowlab-sim: cannot write the output: {e}");
            ExitCode::from(INVALID)
        }
    }
}

fn load(file: &str) -> Option<Scenario> {
    load_scenario(file).map_err(|e| eprintln!("{e}")).ok()
}

fn run(out: &mut Out, file: &str, summary_only: bool) -> Result<ExitCode, Stop> {
    let Some(scenario) = load(file) else {
        return Ok(ExitCode::from(INVALID));
    };
    let ran = if summary_only {
        sim::run_quiet(&scenario).map(|engine| (engine, None))
    } else {
        sim::run_while(&scenario, |engine, stamped| {
            match trace::line(engine.state(), stamped).map(|line| say!(out, "{line}")) {
                Some(Err(stop)) => ControlFlow::Break(stop),
                _ => ControlFlow::Continue(()),
            }
        })
    };
    let engine = match ran {
        Ok((_, Some(stop))) => return Err(stop),
        Ok((engine, None)) => engine,
        Err(e) => {
            out.flush()?;
            eprintln!("{}: engine error: {e}", display_name(file));
            return Ok(ExitCode::from(INVALID));
        }
    };
    say!(
        out,
        "{}",
        trace::summary(engine.state(), scenario.run_until)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn check(out: &mut Out, files: &[String]) -> Result<ExitCode, Stop> {
    let mut code = ExitCode::SUCCESS;
    for file in files {
        let Some(scenario) = load(file) else {
            code = ExitCode::from(INVALID);
            continue;
        };
        let name = display_name(file);
        let ids: Vec<&str> = scenario.workflows.iter().map(|w| w.id.as_str()).collect();
        let context = ValidationContext {
            workflow_ids: &ids,
            operators: &scenario.operators,
        };
        let mut errors = 0;
        for (i, draft) in scenario.workflows.iter().enumerate() {
            let report = validate(draft, &context);
            for issue in report.errors.iter().chain(&report.warnings) {
                let level = match issue.severity {
                    Severity::Error => "error",
                    _ => "warning",
                };
                eprintln!(
                    "{name}: {}: {level}: {}",
                    issue.json_path(draft, i),
                    issue.message
                );
            }
            errors += report.errors.len();
        }
        if errors > 0 {
            code = ExitCode::from(INVALID);
        } else {
            say!(
                out,
                "{name}: ok ({} workflow(s), {} contact(s))",
                scenario.workflows.len(),
                scenario.contacts.len()
            )?;
        }
    }
    Ok(code)
}

fn test(out: &mut Out, files: &[String]) -> Result<ExitCode, Stop> {
    let (mut passed, mut failed, mut invalid) = (0, 0, false);
    for file in files {
        let Some(scenario) = load(file) else {
            invalid = true;
            continue;
        };
        let name = display_name(file);
        let (engine, lines) = match std::panic::catch_unwind(|| sim::trace_lines(&scenario)) {
            Ok(Ok(run)) => run,
            Ok(Err(e)) => {
                eprintln!("{name}: engine error: {e}");
                invalid = true;
                continue;
            }
            Err(_) => {
                eprintln!("{name}: the engine panicked (a bug: please report it with this file)");
                invalid = true;
                continue;
            }
        };
        let failures = sim::check(&scenario, &engine, &lines);
        if failures.is_empty() {
            passed += 1;
            say!(
                out,
                "PASS {name} ({} expectation(s), {} trace line(s))",
                scenario.expect.len(),
                lines.len()
            )?;
            continue;
        }
        failed += 1;
        say!(out, "FAIL {name}")?;
        for f in failures {
            say!(out, "  expect[{}] {}", f.index, f.expectation)?;
            say!(out, "    {}", f.message)?;
            for (n, line) in f.nearest {
                say!(out, "    {n:>6}: {line}")?;
            }
        }
    }
    say!(out, "{passed} passed, {failed} failed")?;
    Ok(if invalid {
        ExitCode::from(INVALID)
    } else if failed > 0 {
        ExitCode::from(EXPECTATION_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
