//! Where the page's memory goes after playing a workload, natively: a
//! counting allocator reports the bytes live and the peak after each
//! stage. Not a test; `cargo run --release --example memory_probe FILE`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use flowlab::session::Session;
use flowlab_engine::scenario::parse_scenario;
use flowlab_engine::sim;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn report(stage: &str) {
    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    println!(
        "{stage:<28} live {:>8.1} MiB  peak {:>8.1} MiB",
        mib(LIVE.load(Relaxed)),
        mib(PEAK.load(Relaxed))
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("a scenario file");
    let text = std::fs::read_to_string(&path).expect("readable file");
    report("file read");
    let scenario = parse_scenario(&path, &text).expect("valid scenario");
    report("parsed");
    let until = scenario.run_until;
    let mut session = Session::new(sim::genesis(&scenario), scenario.script.clone());
    drop(scenario);
    drop(text);
    report("session made");
    let json = flowlab_engine::codec::genesis_to_json(session.genesis()).to_string();
    let t = std::time::Instant::now();
    let back = flowlab_engine::codec::genesis_from_json(&json).expect("reads back");
    println!(
        "genesis of {} bytes read back in {:?}",
        json.len(),
        t.elapsed()
    );
    drop(back);
    drop(json);
    while session.advance_to(until, 64).expect("runs") != flowlab_engine::drive::Advanced::Reached {
    }
    report("played");
    let log = session.event_log();
    println!(
        "events {}  log bytes {} ({:.1} B/event)",
        log.len(),
        log.bytes_held(),
        log.bytes_held() as f64 / log.len() as f64
    );
    let before = LIVE.load(Relaxed);
    let copy = session.live_state().clone();
    println!(
        "a copy of the state: {:.1} MiB",
        (LIVE.load(Relaxed) - before) as f64 / (1 << 20) as f64
    );
    drop(copy);
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut encoder = flowlab_engine::codec::SnapshotEncoder::new();
    let parts = loop {
        if let Some(parts) = encoder.step(session.live_state(), 8192) {
            break parts;
        }
    };
    println!(
        "encoding it in slices, as the page does, took at most {:.1} MiB at once",
        (PEAK.load(Relaxed) - before) as f64 / (1 << 20) as f64
    );
    let bytes = parts.join();
    println!(
        "its snapshot: {:.1} MiB",
        bytes.len() as f64 / (1 << 20) as f64
    );
    let t = std::time::Instant::now();
    let back = flowlab_engine::codec::decode_snapshot(&bytes).expect("decodes");
    println!(
        "decoded in {:?}, {:.1} MiB",
        t.elapsed(),
        (LIVE.load(Relaxed) - before) as f64 / (1 << 20) as f64
    );
    drop(back);
    drop(bytes);
    session.event_log_mut().seal();
    report("sealed");
    let len = session.event_log().len();
    let t = std::time::Instant::now();
    session.go_to(len / 2);
    println!("first travel (checkpoints taken) {:?}", t.elapsed());
    report("travelled to the middle");
    for pos in [len / 3, len / 7, len - 5, 10] {
        let t = std::time::Instant::now();
        session.go_to(pos);
        println!("rewind to {pos} in {:?}", t.elapsed());
    }
    report("after rewinds");
}
