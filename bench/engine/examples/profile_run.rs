//! For profilers and counters (`perf stat`, callgrind): parses a scenario
//! once, then runs it `RUNS` times in summary mode and prints each run's
//! wall and on-CPU time and the summary line's length. With `RUNS=0` only the parse
//! runs, to subtract it from a profile.
//!
//!     cargo run --release -p flowlab-bench --example profile_run -- FILE.json [RUNS]

use std::time::Instant;

use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim;
use flowlab_engine::trace;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: profile_run FILE.json [RUNS]")?;
    let runs: usize = args
        .next()
        .map_or(Ok(1), |r| r.parse())
        .map_err(|e| format!("{e}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let scenario = parse_scenario(&path, &text).map_err(|e| format!("{e:?}"))?;
    for _ in 0..runs {
        let (start, cpu) = (Instant::now(), cpu_ns());
        let summary = run(&scenario)?;
        println!(
            "{:.1} ms wall, {:.1} ms on cpu, summary {} bytes",
            start.elapsed().as_secs_f64() * 1e3,
            (cpu_ns() - cpu) as f64 / 1e6,
            summary.len()
        );
    }
    Ok(())
}

/// Time this thread has run on a CPU, in ns (first field of Linux's
/// schedstat): less disturbed than wall time by other work on the host.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// One summary-mode run: the function to collect in a profile
/// (`valgrind --tool=callgrind --toggle-collect='*profile_run::run'`).
#[inline(never)]
fn run(scenario: &Scenario) -> Result<String, String> {
    let engine = sim::run_quiet(scenario).map_err(|e| e.to_string())?;
    Ok(trace::summary(engine.state(), scenario.run_until))
}
