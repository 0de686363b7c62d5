//! `flowlab-bench-snapshot`: the snapshot codec on a played-out run. A
//! benchmark, not a test: it prints figures and asserts only that the
//! snapshot decodes to the state it was taken of.
//!
//!     flowlab-bench-snapshot [--runs N] [FILE.json...]
//!
//! Per file: play it to the end (`sim::run_quiet`), then encode the final
//! state N times and decode the bytes N times; print the median and best
//! of each, and the snapshot's size.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use flowlab_engine::codec::{decode_snapshot, encode_snapshot};
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn bench(path: &Path, runs: usize) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let scenario = parse_scenario(&path.to_string_lossy(), &text).map_err(|e| e.to_string())?;
    let engine = sim::run_quiet(&scenario).map_err(|e| e.to_string())?;
    let state = engine.state();

    let (mut encodes, mut decodes) = (Vec::new(), Vec::new());
    let mut bytes = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        bytes = encode_snapshot(state);
        encodes.push(t0.elapsed());
    }
    for _ in 0..runs {
        let t0 = Instant::now();
        let decoded = decode_snapshot(&bytes).map_err(|e| e.to_string())?;
        decodes.push(t0.elapsed());
        if &decoded != state {
            return Err(format!(
                "{}: the snapshot decodes to another state",
                path.display()
            ));
        }
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let (enc, enc_best) = median(encodes);
    let (dec, dec_best) = median(decodes);
    Ok(format!(
        "{name}: {} contacts, {} executions · snapshot {} bytes ({:.1} MiB) · encode {} (best {}) · decode {} (best {})",
        state.contacts.len(),
        state.executions.len(),
        bytes.len(),
        bytes.len() as f64 / (1024.0 * 1024.0),
        ms(enc),
        ms(enc_best),
        ms(dec),
        ms(dec_best),
    ))
}

fn default_files() -> Vec<PathBuf> {
    let here = Path::new("../shared/bench");
    let dir = if here.is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench")
    };
    ["seq10-retry-10k.json", "seq10-retry-100k.json"]
        .iter()
        .map(|n| dir.join(n))
        .collect()
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut runs, mut files) = (5, Vec::new());
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            match args.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0) {
                Some(n) => runs = n,
                None => {
                    eprintln!("--runs needs a whole number above 0");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        files = default_files();
    }
    for file in &files {
        match bench(file, runs) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
