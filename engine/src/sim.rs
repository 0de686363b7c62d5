//! Driving a scenario: the command-line runner's loop, also used by tests.
//! The order of inputs is `drive::ScriptedEngine`'s; this adds `run_until`,
//! the trace and the expectations.

use std::ops::ControlFlow;

use serde_json::{Map, Value};

use crate::drive::ScriptedEngine;
use crate::event::Stamped;
use crate::ids::ExecIx;
use crate::runtime::state::Genesis;
use crate::runtime::{Engine, EngineError};
use crate::scenario::{line_matches, Expectation, Scenario, ScriptEntry};
use crate::time::SimTime;
use crate::trace;

pub fn genesis(scenario: &Scenario) -> Genesis {
    Genesis {
        seed: scenario.seed,
        contacts: scenario.contacts.clone(),
        operators: scenario.operators.clone(),
        workflows: scenario.workflows.clone(),
    }
}

/// Plays a scenario's script against an engine, one input at a time, up to
/// `run_until`: the command-line runner's loop, and the tests' way to stop
/// and resume a run.
pub struct Driver<'a> {
    run_until: SimTime,
    scripted: ScriptedEngine<&'a [ScriptEntry]>,
}

impl<'a> Driver<'a> {
    pub fn new(scenario: &'a Scenario) -> Driver<'a> {
        Driver::resume(scenario, Engine::new(genesis(scenario)), 0)
    }

    /// Goes on from an engine rebuilt from a log, `done` script entries in.
    pub fn resume(scenario: &'a Scenario, engine: Engine, done: usize) -> Driver<'a> {
        Driver {
            run_until: scenario.run_until,
            scripted: ScriptedEngine::resume(engine, &scenario.script, done),
        }
    }

    pub fn engine(&mut self) -> &mut Engine {
        self.scripted.engine_mut()
    }

    pub fn commands_done(&self) -> usize {
        self.scripted.script_done()
    }

    pub fn into_engine(self) -> Engine {
        self.scripted.into_engine()
    }

    /// Hands the engine its next input (a command, or the next deadline);
    /// `false` once nothing is left before `run_until`.
    pub fn step(&mut self) -> Result<bool, EngineError> {
        match self.scripted.next_input() {
            Some(at) if at <= self.run_until => Ok(self.scripted.step_one()?.is_some()),
            _ => Ok(false),
        }
    }
}

/// Runs the scenario, handing every event to `sink`. Returns the engine at
/// `run_until`.
pub fn run(
    scenario: &Scenario,
    mut sink: impl FnMut(&Engine, &Stamped),
) -> Result<Engine, EngineError> {
    let (engine, _) = run_while(scenario, |engine, stamped| {
        sink(engine, stamped);
        ControlFlow::<()>::Continue(())
    })?;
    Ok(engine)
}

/// [`run`], until `sink` breaks (its reader has gone, say): returns the
/// engine where it stopped and what `sink` broke with.
pub fn run_while<B>(
    scenario: &Scenario,
    mut sink: impl FnMut(&Engine, &Stamped) -> ControlFlow<B>,
) -> Result<(Engine, Option<B>), EngineError> {
    let mut driver = Driver::new(scenario);
    while driver.step()? {
        let events: Vec<Stamped> = driver.engine().drain_events().collect();
        for e in &events {
            if let ControlFlow::Break(b) = sink(driver.engine(), e) {
                return Ok((driver.into_engine(), Some(b)));
            }
        }
    }
    Ok((driver.into_engine(), None))
}

/// Runs without keeping events: for `--summary` and benchmarks.
pub fn run_quiet(scenario: &Scenario) -> Result<Engine, EngineError> {
    let mut driver = Driver::new(scenario);
    driver.engine().set_recording(false);
    while driver.step()? {}
    Ok(driver.into_engine())
}

/// The whole trace as lines, the summary last.
pub fn trace_lines(scenario: &Scenario) -> Result<(Engine, Vec<String>), EngineError> {
    let mut lines = Vec::new();
    let engine = run(scenario, |engine, stamped| {
        if let Some(line) = trace::line(engine.state(), stamped) {
            lines.push(line);
        }
    })?;
    lines.push(trace::summary(engine.state(), scenario.run_until));
    Ok((engine, lines))
}

/// An expectation that did not hold, with the trace lines nearest to it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub index: usize,
    pub expectation: String,
    pub message: String,
    /// (line number from 1, line)
    pub nearest: Vec<(usize, String)>,
}

pub fn check(scenario: &Scenario, engine: &Engine, lines: &[String]) -> Vec<Failure> {
    let parsed: Vec<Map<String, Value>> = lines
        .iter()
        .map(|l| match serde_json::from_str(l) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        })
        .collect();
    let mut failures = Vec::new();
    for (index, expectation) in scenario.expect.iter().enumerate() {
        let fail = |message: String, nearest: Vec<usize>| Failure {
            index,
            expectation: describe(expectation),
            message,
            nearest: nearest
                .into_iter()
                .map(|i| (i + 1, lines[i].clone()))
                .collect(),
        };
        match expectation {
            Expectation::Event(pattern) => {
                if !parsed.iter().any(|l| line_matches(l, pattern)) {
                    failures.push(fail(
                        "no trace line matches".into(),
                        nearest(&parsed, pattern),
                    ));
                }
            }
            Expectation::NoEvent(pattern) => {
                let hits: Vec<usize> = (0..parsed.len())
                    .filter(|&i| line_matches(&parsed[i], pattern))
                    .collect();
                if !hits.is_empty() {
                    let n = hits.len();
                    failures.push(fail(
                        format!("{n} trace line(s) match"),
                        hits.into_iter().take(5).collect(),
                    ));
                }
            }
            Expectation::Count {
                pattern,
                compare,
                value,
            } => {
                let hits: Vec<usize> = (0..parsed.len())
                    .filter(|&i| line_matches(&parsed[i], pattern))
                    .collect();
                let actual = hits.len() as u64;
                if !compare.holds(actual, *value) {
                    let shown = if hits.is_empty() {
                        nearest(&parsed, pattern)
                    } else {
                        hits.into_iter().take(5).collect()
                    };
                    failures.push(fail(
                        format!("counted {actual}, expected {} {value}", compare.key()),
                        shown,
                    ));
                }
            }
            Expectation::FinalState { execution, state } => {
                let actual = ExecIx::parse(execution)
                    .filter(|x| x.ix() < engine.state().executions.len())
                    .map(|x| engine.state().execution(x).state.as_str());
                if actual != Some(state.as_str()) {
                    let history: Vec<usize> = (0..parsed.len())
                        .filter(|&i| {
                            parsed[i].get("type").and_then(Value::as_str) == Some("execution_state")
                                && parsed[i].get("execution").and_then(Value::as_str)
                                    == Some(execution)
                        })
                        .collect();
                    let tail = history.len().saturating_sub(5);
                    failures.push(fail(
                        format!("final state is {}", actual.unwrap_or("(no such execution)")),
                        history[tail..].to_vec(),
                    ));
                }
            }
        }
    }
    failures
}

/// The lines sharing the most fields with the pattern (the type must match).
fn nearest(parsed: &[Map<String, Value>], pattern: &Map<String, Value>) -> Vec<usize> {
    let mut scored: Vec<(usize, usize)> = parsed
        .iter()
        .enumerate()
        .filter(|(_, l)| pattern.get("type").is_none_or(|t| l.get("type") == Some(t)))
        .map(|(i, l)| {
            let score = pattern.iter().filter(|(k, v)| l.get(*k) == Some(v)).count();
            (i, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut best: Vec<usize> = scored.into_iter().take(3).map(|(i, _)| i).collect();
    best.sort();
    best
}

fn describe(expectation: &Expectation) -> String {
    let value = match expectation {
        Expectation::Event(p) => serde_json::json!({ "event": p }),
        Expectation::NoEvent(p) => serde_json::json!({ "no_event": p }),
        Expectation::Count {
            pattern,
            compare,
            value,
        } => {
            let mut m = Map::new();
            m.insert("count".into(), Value::Object(pattern.clone()));
            m.insert(compare.key().into(), Value::from(*value));
            Value::Object(m)
        }
        Expectation::FinalState { execution, state } => {
            serde_json::json!({"final_state": {"execution": execution, "state": state}})
        }
    };
    value.to_string()
}
