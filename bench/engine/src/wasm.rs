//! The wasm module's exports, for `run-wasm.cjs` under Node. No clock in
//! here: JS times each call with `performance.now()`.

use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::{sim, trace};
use wasm_bindgen::prelude::*;

use crate::{count_events, StateCounts};

fn parse(json: &str) -> Result<Scenario, JsError> {
    parse_scenario("bench.json", json).map_err(|e| JsError::new(&e.to_string()))
}

fn run(scenario: &Scenario) -> Result<String, JsError> {
    let engine = sim::run_quiet(scenario).map_err(|e| JsError::new(&e.to_string()))?;
    let summary = trace::summary(engine.state(), scenario.run_until);
    let c = StateCounts::of(engine.state());
    // The summary line is JSON already: embed it as a value.
    Ok(format!(
        "{{\"executions\":{},\"step_attempts\":{},\"compensation_attempts\":{},\"summary\":{summary}}}",
        c.executions, c.step_attempts, c.compensation_attempts
    ))
}

/// Parses and runs a scenario in summary mode: `{"executions", "step_attempts",
/// "compensation_attempts", "summary"}` as JSON text.
#[wasm_bindgen]
pub fn run_summary(json: &str) -> Result<String, JsError> {
    run(&parse(json)?)
}

/// A parsed scenario, so JS can time parsing and running apart.
#[wasm_bindgen]
pub struct Prepared {
    scenario: Scenario,
}

#[wasm_bindgen]
impl Prepared {
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Prepared, JsError> {
        Ok(Prepared {
            scenario: parse(json)?,
        })
    }

    /// Same as `run_summary`, without the parse.
    pub fn run(&self) -> Result<String, JsError> {
        run(&self.scenario)
    }

    /// The recording pass: `{"events", "step_attempt", "compensation", "enrolled"}`.
    pub fn count_events(&self) -> Result<String, JsError> {
        let (c, _) = count_events(&self.scenario).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(format!(
            "{{\"events\":{},\"step_attempt\":{},\"compensation\":{},\"enrolled\":{}}}",
            c.events, c.step_attempt, c.compensation, c.enrolled
        ))
    }
}

/// Bytes of wasm linear memory: it only grows, so this is the module's peak.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
