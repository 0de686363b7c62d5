//! `flowlab-bench`: the engine on SEQ10-RETRY, natively. A benchmark, not a
//! test: it prints figures and asserts nothing about speed.
//!
//!     flowlab-bench [--runs N] [FILE.json...]
//!
//! With no file, both `../shared/bench/seq10-retry-{10k,100k}.json` (from the
//! repo root). Per file: parse time; the median (and best) wall time of N
//! summary-mode runs (`sim::run_quiet`, recording off); the step attempts,
//! counted twice (from the final state's per-step `attempts_total()` +
//! `compensation_attempts(step)`, and from a separate recording pass that
//! counts `StepAttempt` + `Compensation` events; the two must agree); events
//! folded (from the recording pass); peak RSS (VmHWM, reset per file); and
//! the heap the engine holds per in-flight execution, measured with a
//! counting global allocator right after the audience enrollment at t=0.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use flowlab_bench::{count_events, EventCounts, StateCounts};
use flowlab_engine::runtime::state::{Execution, StepRun};
use flowlab_engine::scenario::{parse_scenario, Scenario};
use flowlab_engine::sim::{self, Driver};
use flowlab_engine::trace;

/// The system allocator, counting live bytes, their peak, and allocations.
struct Counting;

static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);
static ALLOCS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size() as u64);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size() as u64);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as u64, Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size() as u64, Relaxed);
            grew(new_size as u64);
        }
        p
    }
}

fn grew(bytes: u64) {
    ALLOCS.fetch_add(1, Relaxed);
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> u64 {
    LIVE.load(Relaxed)
}

/// Starts a new peak from the bytes live now.
fn reset_peak() {
    PEAK.store(live(), Relaxed);
}

/// `VmHWM` of /proc/self/status, in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0); `false` if it could not.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

struct Figures {
    name: String,
    contacts: usize,
    parse: Duration,
    runs: Vec<Duration>,
    state: StateCounts,
    events: EventCounts,
    peak_rss: Option<u64>,
    peak_rss_reset: bool,
    /// Peak heap during a run, above what was live before it.
    run_peak_heap: u64,
    /// Allocations during one run.
    run_allocs: u64,
    inflight: InFlight,
    summary_executions: String,
}

impl Figures {
    fn median(&self) -> Duration {
        let mut v = self.runs.clone();
        v.sort();
        v[v.len() / 2]
    }
    fn best(&self) -> Duration {
        *self.runs.iter().min().unwrap()
    }
    fn per_sec(&self, n: u64) -> f64 {
        n as f64 / self.median().as_secs_f64()
    }
    fn ns_per_attempt(&self) -> f64 {
        self.median().as_nanos() as f64 / self.state.attempts() as f64
    }
}

/// The engine's heap per execution with every execution in flight.
struct InFlight {
    executions: usize,
    in_flight: usize,
    /// Heap bytes the engine gained in the activation (audience enrollment).
    bytes: u64,
    /// Of which: the `executions` vector's capacity and the step-record slices.
    exec_vec: u64,
    step_slices: u64,
    /// Heap of a new engine before any command: mostly its copy of the contacts.
    genesis: u64,
}

fn measure_inflight(scenario: &Scenario) -> Result<InFlight, String> {
    let genesis0 = live();
    let mut driver = Driver::new(scenario);
    let genesis = live().saturating_sub(genesis0);
    driver.engine().set_recording(false);
    // Script entries before the activation (the publish) run first.
    let mut before = live();
    loop {
        let enrolled = driver
            .engine()
            .state()
            .workflows
            .iter()
            .any(|w| w.audience_enrolled);
        if enrolled {
            break;
        }
        before = live();
        if !driver.step().map_err(|e| e.to_string())? {
            return Err("no audience enrollment happened".into());
        }
    }
    let after = live();
    let engine = driver.engine();
    if engine.now().0 != 0 {
        return Err(format!(
            "the audience enrollment ended at t={}, not 0",
            engine.now().0
        ));
    }
    let state = engine.state();
    let executions = state.executions.len();
    let in_flight = state
        .executions
        .iter()
        .filter(|e| !e.state.is_terminal())
        .count();
    let exec_vec = (state.executions.capacity() * size_of::<Execution>()) as u64;
    let step_slices = state
        .executions
        .iter()
        .filter(|e| e.steps.spilled())
        .map(|e| size_of_val(&*e.steps) as u64)
        .sum();
    Ok(InFlight {
        executions,
        in_flight,
        bytes: after.saturating_sub(before),
        exec_vec,
        step_slices,
        genesis,
    })
}

fn bench(path: &Path, runs: usize) -> Result<Figures, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let peak_rss_reset = reset_peak_rss();

    // Parse (including the generation of the contacts): the best of `runs`.
    let mut parse = Duration::MAX;
    let mut scenario = None;
    for _ in 0..runs {
        drop(scenario.take());
        let t0 = Instant::now();
        let s = parse_scenario(&path.to_string_lossy(), &text).map_err(|e| e.to_string())?;
        parse = parse.min(t0.elapsed());
        scenario = Some(s);
    }
    let scenario = scenario.unwrap();

    // Summary mode, as `flowlab-sim run --summary`: run_quiet, then the summary line.
    let mut times = Vec::with_capacity(runs);
    let mut state = StateCounts::default();
    let mut run_peak_heap = 0;
    let mut run_allocs = 0;
    let mut summary_executions = String::new();
    for _ in 0..runs {
        let base = live();
        reset_peak();
        let allocs0 = ALLOCS.load(Relaxed);
        let t0 = Instant::now();
        let engine = sim::run_quiet(&scenario).map_err(|e| e.to_string())?;
        let summary = trace::summary(engine.state(), scenario.run_until);
        let wall = t0.elapsed();
        run_allocs = ALLOCS.load(Relaxed) - allocs0;
        run_peak_heap = run_peak_heap.max(PEAK.load(Relaxed) - base);
        times.push(wall);
        state = StateCounts::of(engine.state());
        let v: serde_json::Value = serde_json::from_str(&summary).map_err(|e| e.to_string())?;
        summary_executions = v["executions"].to_string();
        drop(engine);
    }
    let peak_rss = peak_rss();

    let inflight = measure_inflight(&scenario)?;

    // The honest count: a recording pass, counting the events themselves.
    let (events, recorded_state) = count_events(&scenario).map_err(|e| e.to_string())?;
    if recorded_state != state
        || events.step_attempt != state.step_attempts
        || events.compensation != state.compensation_attempts
    {
        return Err(format!("{name}: counts disagree: state {state:?}, events {events:?}, recorded {recorded_state:?}"));
    }

    Ok(Figures {
        name,
        contacts: scenario.contacts.len(),
        parse,
        runs: times,
        state,
        events,
        peak_rss,
        peak_rss_reset,
        run_peak_heap,
        run_allocs,
        inflight,
        summary_executions,
    })
}

fn default_files() -> Vec<PathBuf> {
    let names = ["seq10-retry-10k.json", "seq10-retry-100k.json"];
    // From the repo root (where `make` runs), else from this crate's place in it.
    let here = Path::new("../shared/bench");
    let dir = if here.is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench")
    };
    names.iter().map(|n| dir.join(n)).collect()
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn rate(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2} M/s", x / 1e6)
    } else {
        format!("{:.1} k/s", x / 1e3)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// A row of the table: its label, and how to print a file's figure.
type Row = (&'static str, Box<dyn Fn(&Figures) -> String>);

fn print_table(figs: &[Figures], runs: usize) {
    let rows: Vec<Row> = vec![
        (
            "contacts / executions",
            Box::new(|f| format!("{} / {}", f.contacts, f.state.executions)),
        ),
        ("parse (best)", Box::new(|f| ms(f.parse))),
        (
            "run wall, median (best)",
            Box::new(|f| format!("{} ({:.1})", ms(f.median()), f.best().as_secs_f64() * 1e3)),
        ),
        (
            "step attempts (+compens.)",
            Box::new(|f| {
                format!(
                    "{} (+{})",
                    f.state.step_attempts, f.state.compensation_attempts
                )
            }),
        ),
        (
            "attempts/s",
            Box::new(|f| rate(f.per_sec(f.state.attempts()))),
        ),
        (
            "ns per attempt",
            Box::new(|f| format!("{:.1}", f.ns_per_attempt())),
        ),
        (
            "executions/s",
            Box::new(|f| rate(f.per_sec(f.state.executions))),
        ),
        ("events folded", Box::new(|f| f.events.events.to_string())),
        ("events/s", Box::new(|f| rate(f.per_sec(f.events.events)))),
        (
            "peak RSS (VmHWM)",
            Box::new(|f| match f.peak_rss {
                Some(b) => format!(
                    "{}{}",
                    mib(b),
                    if f.peak_rss_reset { "" } else { " (not reset)" }
                ),
                None => "n/a".into(),
            }),
        ),
        ("peak heap in a run", Box::new(|f| mib(f.run_peak_heap))),
        (
            "allocations per run",
            Box::new(|f| f.run_allocs.to_string()),
        ),
        (
            "in flight at t=0",
            Box::new(|f| format!("{} of {}", f.inflight.in_flight, f.inflight.executions)),
        ),
        (
            "engine bytes/in-flight exec",
            Box::new(|f| {
                format!(
                    "{:.0} B",
                    f.inflight.bytes as f64 / f.inflight.executions.max(1) as f64
                )
            }),
        ),
        (
            "  of which Execution vec",
            Box::new(|f| {
                format!(
                    "{:.0} B",
                    f.inflight.exec_vec as f64 / f.inflight.executions.max(1) as f64
                )
            }),
        ),
        (
            "  of which StepRuns spilled to heap",
            Box::new(|f| {
                format!(
                    "{:.0} B",
                    f.inflight.step_slices as f64 / f.inflight.executions.max(1) as f64
                )
            }),
        ),
        (
            "engine at genesis/contact",
            Box::new(|f| {
                format!(
                    "{:.0} B",
                    f.inflight.genesis as f64 / f.contacts.max(1) as f64
                )
            }),
        ),
    ];
    let label_w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, f)| figs.iter().map(f).collect())
        .collect();
    let col_w: Vec<usize> = (0..figs.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].len())
                .chain([figs[i].name.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    println!("flowlab-bench (native, {runs} runs per file; summary mode, recording off)");
    print!("{:label_w$}", "");
    for (f, w) in figs.iter().zip(&col_w) {
        print!("  {:>w$}", f.name, w = *w);
    }
    println!();
    for ((label, _), row) in rows.iter().zip(&cells) {
        print!("{label:label_w$}");
        for (c, w) in row.iter().zip(&col_w) {
            print!("  {c:>w$}", w = *w);
        }
        println!();
    }
    println!(
        "size_of::<Execution>() = {} B, size_of::<StepRun>() = {} B",
        size_of::<Execution>(),
        size_of::<StepRun>()
    );
    for f in figs {
        println!("{}: summary executions {}", f.name, f.summary_executions);
    }
    if let [small, big] = figs {
        println!(
            "cost per attempt, {} vs {}: {:.2}x ({:.1} vs {:.1} ns)",
            big.name,
            small.name,
            big.ns_per_attempt() / small.ns_per_attempt(),
            big.ns_per_attempt(),
            small.ns_per_attempt()
        );
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut runs = 5usize;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => match args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0) {
                Some(n) => runs = n,
                None => {
                    eprintln!("--runs wants a positive number");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("usage: flowlab-bench [--runs N] [FILE.json...]");
                return ExitCode::SUCCESS;
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        files = default_files();
    }
    let mut figs = Vec::new();
    for file in &files {
        match bench(file, runs) {
            Ok(f) => figs.push(f),
            Err(e) => {
                eprintln!("flowlab-bench: {e}");
                return ExitCode::from(2);
            }
        }
    }
    print_table(&figs, runs);
    ExitCode::SUCCESS
}
