//! A bounded, deterministic mutation fuzzer over the scenario reader, the
//! validator and a short run (`cargo fuzz` needs nightly; this runs in CI).
//!
//! Seeds: every JSON file of `shared/scenarios/`, `engine/tests/scenarios/`
//! and `samples/`. Each input is a seed file with 1–4 mutations, at the byte
//! level (delete, duplicate, swap, insert, truncate) and/or at the JSON level
//! (numbers made negative/huge/fractional, strings swapped for other ids or
//! bad durations, fields removed, unknown fields added, `kind`/`action`/
//! `op`/`do`/`type` values changed, values nested deeply, elements
//! duplicated or dropped). For each input:
//!
//! - `parse_scenario` returns Ok or a `FileError` (and its message formats);
//! - on Ok, `validate` runs on every workflow, and the scenario runs with
//!   `run_until` capped at 2d and at most 20 000 `Driver::step` calls, each
//!   event turned into its trace line, and the summary written;
//! - nothing panics and no step returns an `EngineError` (none is expected:
//!   the only variants are time going backwards, which a driver with a
//!   sorted script cannot cause, and an invalid state-machine transition,
//!   which is always an engine bug).
//!
//! Scenarios with more than 5 000 contacts are parsed but not run.
//!
//! A panic or an engine error writes the input to
//! `target/fuzz-crash-<seed>-<iteration>.json` and fails the test.
//!
//! Running longer / differently:
//!
//!     FLOWLAB_FUZZ_SECS=600 FLOWLAB_FUZZ_ITERS=100000000 FLOWLAB_FUZZ_SEED=42 \
//!         cargo test --release -p flowlab-engine --test fuzz_inputs -- --nocapture
//!
//! Defaults: 10 s, 200 000 iterations, seed 1; whichever bound comes first
//! ends the run. The same seed gives the same sequence of inputs.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim::Driver;
use flowlab_engine::time::SimTime;
use flowlab_engine::trace;
use flowlab_engine::validate::{validate, ValidationContext};
use serde_json::{json, Map, Value};

const MAX_STEPS: usize = 20_000;
const MAX_RUN: u64 = 2 * 24 * 3_600_000;
const MAX_CONTACTS: usize = 5_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn env_u64(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../../shared/scenarios"),
        root.join("tests/scenarios"),
        root.join("../samples"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((f, text));
        }
    }
    assert!(
        out.len() >= 8,
        "expected the shared scenarios, the engine's scenarios and the samples, found {}",
        out.len()
    );
    out
}

// ---------------------------------------------------------------------------
// Mutations.

const KINDS: [&str; 9] = [
    "action",
    "wait",
    "condition",
    "filter",
    "approval",
    "enroll",
    "end",
    "bogus",
    "",
];
const ACTIONS: [&str; 14] = [
    "email",
    "sms",
    "webhook",
    "update",
    "continue",
    "end_workflow",
    "skip_remaining",
    "branch",
    "retry",
    "enroll_workflow",
    "fail_workflow",
    "explode",
    "",
    "EMAIL",
];
const OPS: [&str; 9] = ["=", "!=", "<", "<=", ">", ">=", "exists", "~", ""];
const DOS: [&str; 19] = [
    "publish", "activate", "pause", "resume", "cancel", "archive", "edit", "restore", "clone",
    "enroll", "tag", "untag", "set", "decide", "stop", "rollback", "ack", "reboot", "",
];
const TYPES: [&str; 6] = [
    "manual",
    "tag_added",
    "audience",
    "execution_state",
    "summary",
    "nope",
];
const BAD_STRINGS: [&str; 14] = [
    "",
    "-1m",
    "0",
    "0s",
    "99999999999999999999d",
    "1x",
    "1d2h3m4s5ms",
    "25:61",
    "00:00",
    "e0",
    "e99999999999",
    "\u{0}",
    "é✓",
    "s99",
];

fn numbers(r: &mut Rng) -> Value {
    match r.below(10) {
        0 => json!(-1),
        1 => json!(i64::MIN),
        2 => json!(u64::MAX),
        3 => json!(1e300),
        4 => json!(0.5),
        5 => json!(0),
        6 => json!(-0.0),
        7 => json!(4_294_967_296u64),
        8 => json!(65_536),
        _ => json!(r.next() % 1000),
    }
}

/// Every path (as indices/keys) to a node of the document.
#[derive(Clone)]
enum Seg {
    Key(String),
    Ix(usize),
}

fn paths(v: &Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                here.push(Seg::Key(k.clone()));
                paths(c, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                here.push(Seg::Ix(i));
                paths(c, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    let mut cur = v;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => cur.get_mut(k.as_str()).unwrap(),
            Seg::Ix(i) => cur.get_mut(*i).unwrap(),
        };
    }
    cur
}

fn strings_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|c| strings_of(c, out)),
        Value::Object(m) => m.values().for_each(|c| strings_of(c, out)),
        _ => {}
    }
}

fn mutate_json(r: &mut Rng, doc: &mut Value) {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let mut pool = Vec::new();
    strings_of(doc, &mut pool);
    let path = r.pick(&all).clone();
    let key = match path.last() {
        Some(Seg::Key(k)) => Some(k.clone()),
        _ => None,
    };
    let target = node(doc, &path);
    match r.below(12) {
        // Change the value of a well-known field to another (valid or not) one.
        0 | 1 => {
            let choice = match key.as_deref() {
                Some("kind") => json!(r.pick(&KINDS)),
                Some("action") => json!(r.pick(&ACTIONS)),
                Some("op") => json!(r.pick(&OPS)),
                Some("do") => json!(r.pick(&DOS)),
                Some("type") => json!(r.pick(&TYPES)),
                Some("scope") => json!(r.pick(&["execution", "workflow", "global"])),
                Some("decision") => json!(r.pick(&["approve", "reject", "maybe"])),
                _ => match target {
                    Value::Number(_) => numbers(r),
                    Value::String(_) if !pool.is_empty() && r.chance(0.6) => json!(r.pick(&pool)),
                    Value::String(_) => json!(r.pick(&BAD_STRINGS)),
                    Value::Bool(b) => json!(!*b),
                    _ => numbers(r),
                },
            };
            *target = choice;
        }
        2 => *target = numbers(r),
        3 => {
            *target = if !pool.is_empty() && r.chance(0.5) {
                json!(r.pick(&pool))
            } else {
                json!(r.pick(&BAD_STRINGS))
            };
        }
        // Remove a field / an element.
        4 | 5 => match target {
            Value::Object(m) if !m.is_empty() => {
                let k = m.keys().nth(r.below(m.len())).unwrap().clone();
                m.remove(&k);
            }
            Value::Array(a) if !a.is_empty() => {
                let i = r.below(a.len());
                a.remove(i);
            }
            other => *other = Value::Null,
        },
        // Unknown field, or a known one in the wrong place.
        6 => {
            if let Value::Object(m) = target {
                let k = *r.pick(&[
                    "zz",
                    "x",
                    "pos",
                    "next",
                    "retry",
                    "fault",
                    "on_fail",
                    "timeout",
                    "settings",
                    "generate_contacts",
                    "version",
                ]);
                let v = match r.below(4) {
                    0 => json!(1),
                    1 => json!({"count": 3}),
                    2 => json!(r.pick(&BAD_STRINGS)),
                    _ => json!(null),
                };
                m.insert(k.into(), v);
            } else {
                *target = json!({"zz": 1});
            }
        }
        // Nest deeply.
        7 => {
            let depth = 1 + r.below(200);
            let wrapper = *r.pick(&["not", "all", "any"]);
            let mut v = json!({"tag": "lead"});
            for _ in 0..depth {
                v = if wrapper == "not" {
                    json!({"not": v})
                } else {
                    let mut m = Map::new();
                    m.insert(wrapper.into(), json!([v]));
                    Value::Object(m)
                };
            }
            *target = v;
        }
        // Duplicate an element of an array (steps, contacts, script…).
        8 => {
            if let Value::Array(a) = target {
                if !a.is_empty() {
                    let i = r.below(a.len());
                    let dup = a[i].clone();
                    a.insert(r.below(a.len() + 1), dup);
                }
            } else {
                let copy = target.clone();
                *target = json!([copy, copy]);
            }
        }
        // Swap two elements.
        9 => {
            if let Value::Array(a) = target {
                if a.len() >= 2 {
                    let (i, j) = (r.below(a.len()), r.below(a.len()));
                    a.swap(i, j);
                }
            }
        }
        // Change the type.
        10 => {
            *target = match r.below(5) {
                0 => json!(null),
                1 => json!([]),
                2 => json!({}),
                3 => json!(true),
                _ => json!("1m"),
            };
        }
        // A very large count where one is expected.
        _ => {
            if let Value::Object(m) = target {
                if m.contains_key("steps") && r.chance(0.5) {
                    let one = json!({"id": "s", "kind": "wait", "duration": "1m"});
                    m.insert(
                        "steps".into(),
                        Value::Array(
                            (0..(1 + r.below(300)))
                                .map(|i| {
                                    let mut s = one.clone();
                                    s["id"] = json!(format!("s{i}"));
                                    s
                                })
                                .collect(),
                        ),
                    );
                } else {
                    m.insert("generate_contacts".into(), json!({"count": r.next() % 20_000, "email_ratio": 0.5, "tags": {"lead": 0.5}}));
                }
            } else {
                *target = numbers(r);
            }
        }
    }
}

fn mutate_bytes(r: &mut Rng, text: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    if b.is_empty() {
        return String::new();
    }
    let len = b.len();
    match r.below(7) {
        0 => {
            let i = r.below(len);
            let n = 1 + r.below(16.min(len - i));
            b.drain(i..i + n);
        }
        1 => {
            let i = r.below(len);
            let n = 1 + r.below(64.min(len - i));
            let chunk = b[i..i + n].to_vec();
            let at = r.below(b.len());
            b.splice(at..at, chunk);
        }
        2 => {
            let (i, j) = (r.below(len), r.below(len));
            b.swap(i, j);
        }
        3 => b.truncate(r.below(len)),
        4 => {
            let at = r.below(len);
            let c = *r.pick(b"{}[],:\"0123456789-.eE aZ\\\n\x00\xff");
            b.insert(at, c);
        }
        5 => {
            // Replace a digit by another, or by many.
            let digits: Vec<usize> = (0..len).filter(|&i| b[i].is_ascii_digit()).collect();
            if !digits.is_empty() {
                let i = *r.pick(&digits);
                if r.chance(0.5) {
                    b[i] = b'0' + r.below(10) as u8;
                } else {
                    b.splice(i..i, b"99999999999999999999".iter().copied());
                }
            }
        }
        _ => {
            let i = r.below(len);
            b[i] = r.next() as u8;
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn mutate(r: &mut Rng, text: &str) -> String {
    let rounds = 1 + r.below(4);
    let mut text = text.to_string();
    let json_level = r.chance(0.7);
    if json_level {
        if let Ok(mut doc) = serde_json::from_str::<Value>(&text) {
            for _ in 0..rounds {
                mutate_json(r, &mut doc);
            }
            text = if r.chance(0.5) {
                serde_json::to_string(&doc).unwrap()
            } else {
                serde_json::to_string_pretty(&doc).unwrap()
            };
        }
    }
    if !json_level || r.chance(0.2) {
        for _ in 0..rounds {
            text = mutate_bytes(r, &text);
        }
    }
    text
}

// ---------------------------------------------------------------------------
// One input.

#[derive(Debug, PartialEq)]
enum Verdict {
    Refused,
    Ran,
    /// Parsed and validated, not run (see the top comment).
    NotRun,
}

fn process(text: &str) -> Result<Verdict, String> {
    let mut scenario = match parse_scenario("fuzz.json", text) {
        Ok(s) => s,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            return Ok(Verdict::Refused);
        }
    };
    let ids: Vec<&str> = scenario.workflows.iter().map(|w| w.id.as_str()).collect();
    let context = ValidationContext {
        workflow_ids: &ids,
        operators: &scenario.operators,
    };
    for w in &scenario.workflows {
        let report = validate(w, &context);
        for issue in report.errors.iter().chain(&report.warnings) {
            let _ = issue.path_in_workflow(w);
        }
    }
    if scenario.contacts.len() > MAX_CONTACTS {
        return Ok(Verdict::NotRun);
    }
    scenario.run_until = SimTime(scenario.run_until.0.min(MAX_RUN));
    let mut driver = Driver::new(&scenario);
    let mut steps = 0;
    loop {
        match driver.step() {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(format!("engine error after {steps} steps: {e}")),
        }
        steps += 1;
        let events: Vec<_> = driver.engine().drain_events().collect();
        for e in &events {
            let _ = trace::line(driver.engine().state(), e);
        }
        if steps >= MAX_STEPS {
            break;
        }
    }
    let engine = driver.into_engine();
    let _ = trace::summary(engine.state(), scenario.run_until);
    Ok(Verdict::Ran)
}

#[test]
fn mutated_scenarios_never_crash_the_reader_validator_or_engine() {
    let seed = env_u64("FLOWLAB_FUZZ_SEED", 1);
    let budget = Duration::from_secs(env_u64("FLOWLAB_FUZZ_SECS", 10));
    let max_iters = env_u64("FLOWLAB_FUZZ_ITERS", 200_000);
    let corpus = corpus();
    let mut r = Rng(seed);
    let started = Instant::now();
    let (mut tried, mut parsed, mut ran, mut not_run) = (0u64, 0u64, 0u64, 0u64);

    // The unmutated files first: they all parse and run.
    for (file, text) in &corpus {
        assert_eq!(process(text), Ok(Verdict::Ran), "{}", file.display());
    }

    while tried < max_iters && started.elapsed() < budget {
        let (_, base) = r.pick(&corpus);
        let input = mutate(&mut r, base);
        tried += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| process(&input)));
        let failure = match outcome {
            Ok(Ok(Verdict::Refused)) => None,
            Ok(Ok(Verdict::Ran)) => {
                parsed += 1;
                ran += 1;
                None
            }
            Ok(Ok(Verdict::NotRun)) => {
                parsed += 1;
                not_run += 1;
                None
            }
            Ok(Err(e)) => Some(e),
            Err(panic) => Some(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic".into()),
            ),
        };
        if let Some(why) = failure {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("fuzz-crash-{seed}-{tried}.json"));
            std::fs::write(&path, &input).unwrap();
            panic!(
                "input {tried} (FLOWLAB_FUZZ_SEED={seed}) failed: {why}\nthe input is in {}",
                path.display()
            );
        }
    }
    eprintln!(
        "fuzz_inputs: seed {seed}: tried {tried} inputs in {:.1?}, {parsed} parsed ({ran} ran, {not_run} not run)",
        started.elapsed()
    );
    println!("fuzz_inputs: seed {seed}: tried {tried} inputs, {parsed} parsed ({ran} ran, {not_run} not run)");
    assert!(tried >= 100, "only {tried} inputs in the time budget");
    assert!(
        parsed > 0,
        "no mutated input parsed: the mutations are too destructive to reach the engine"
    );
}
