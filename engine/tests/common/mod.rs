//! What the engine's integration tests share: finding scenario files, and
//! running a scenario to its end while keeping its log.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::Engine;
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim::Driver;

/// `dir` relative to the engine crate (`tests/scenarios`, `../samples`,
/// `../../shared/scenarios`).
pub fn json_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Every scenario we have: the shared public ones, the samples, and the
/// conformance suite.
pub fn all_scenarios() -> Vec<(PathBuf, Scenario)> {
    let mut out = Vec::new();
    for dir in ["../../shared/scenarios", "../samples", "tests/scenarios"] {
        for file in json_files(dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            let scenario = parse_scenario(&file.display().to_string(), &text)
                .unwrap_or_else(|e| panic!("{e}"));
            out.push((file, scenario));
        }
    }
    assert!(
        out.len() >= 8,
        "expected the shared scenarios and the samples"
    );
    out
}

pub fn scenario_named(name: &str) -> Scenario {
    all_scenarios()
        .into_iter()
        .find(|(f, _)| f.ends_with(name))
        .unwrap_or_else(|| panic!("no scenario {name}"))
        .1
}

/// Runs to the end; the engine and every event it emitted.
pub fn run_with_log(scenario: &Scenario) -> (Engine, Vec<Stamped>) {
    let mut driver = Driver::new(scenario);
    let mut log = Vec::new();
    while driver.step().unwrap() {
        log.extend(driver.engine().drain_events());
    }
    (driver.into_engine(), log)
}

/// How many inputs (commands and wake-ups) a run takes.
pub fn count_inputs(scenario: &Scenario) -> usize {
    let mut driver = Driver::new(scenario);
    let mut n = 0;
    while driver.step().unwrap() {
        n += 1;
    }
    n
}
