//! The log survives the disk: encoded segments decode to the same events,
//! replaying them rebuilds the same state, the genesis round-trips, and bad
//! bytes are refused without a panic.

mod common;

use flowlab_engine::codec::{
    decode_segment, encode_segment, genesis_from_json, genesis_to_json, own_segment_header,
    segment_header, CodecError, SegmentHeader,
};
use flowlab_engine::event::Stamped;
use flowlab_engine::runtime::Engine;
use flowlab_engine::sim::{genesis, Driver};
use flowlab_engine::time::SimTime;

/// Segments of `size` events, as the store writes them.
fn round_trip(log: &[Stamped], size: usize) -> (Vec<Stamped>, usize) {
    let mut decoded = Vec::new();
    let mut bytes = 0;
    let mut base = SimTime::ZERO;
    for chunk in log.chunks(size) {
        let segment = encode_segment(base, chunk);
        bytes += segment.len();
        decoded.extend(decode_segment(&segment).unwrap());
        base = chunk.last().unwrap().t;
    }
    (decoded, bytes)
}

#[test]
fn every_log_round_trips_and_replays_to_the_same_state() {
    for (file, scenario) in common::all_scenarios() {
        let (engine, log) = common::run_with_log(&scenario);
        for size in [1, 7, 512] {
            let (decoded, _) = round_trip(&log, size);
            assert!(
                decoded == log,
                "{}: events differ after a round trip in segments of {size}",
                file.display()
            );
        }
        let (decoded, _) = round_trip(&log, 512);
        let replayed = Engine::replay(genesis(&scenario), &decoded);
        assert!(
            replayed.state() == engine.state(),
            "{}: replay of decoded log differs",
            file.display()
        );
    }
}

#[test]
fn the_encoding_is_compact() {
    let scenario = common::scenario_named("campaign-validation.json");
    let (_, log) = common::run_with_log(&scenario);
    let (_, bytes) = round_trip(&log, 4096);
    let per_event = bytes as f64 / log.len() as f64;
    assert!(log.len() > 10_000, "{}", log.len());
    eprintln!(
        "{} events, {bytes} bytes, {per_event:.2} bytes per event",
        log.len()
    );
    assert!(per_event < 8.0, "{per_event:.2} bytes per event");
}

#[test]
fn the_genesis_round_trips_with_its_written_drafts() {
    for (file, scenario) in common::all_scenarios() {
        let g = genesis(&scenario);
        let text = genesis_to_json(&g).to_string();
        let back = genesis_from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            back == g,
            "{}: genesis differs after a round trip",
            file.display()
        );
    }
}

#[test]
fn bad_bytes_are_refused_without_a_panic() {
    let scenario = common::scenario_named("rollback.json");
    let (_, log) = common::run_with_log(&scenario);
    let segment = encode_segment(SimTime::ZERO, &log);
    assert!(decode_segment(b"nope").is_err());
    assert_eq!(
        decode_segment(&segment[..segment.len() - 1]),
        Err(CodecError::Checksum)
    );
    for cut in 4..segment.len() {
        assert!(
            decode_segment(&segment[..cut]).is_err(),
            "a segment cut at {cut} must not decode"
        );
    }
    let mut extra = segment.clone();
    extra.push(0);
    assert!(decode_segment(&extra).is_err());
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..2000 {
        let mut corrupt = segment.clone();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = x as usize % corrupt.len();
        corrupt[at] ^= 1 << (x >> 61);
        assert!(
            decode_segment(&corrupt).is_err(),
            "corruption {i}: a flipped bit at byte {at} must be refused"
        );
    }
    assert!(genesis_from_json("{").is_err());
    assert!(genesis_from_json(r#"{"seed": 1}"#).is_err());
}

#[test]
fn a_genesis_with_a_repeated_or_misshapen_contact_is_refused_by_name() {
    let genesis = |contacts: &str| {
        format!(r#"{{"seed": 1, "contacts": {contacts}, "operators": [], "workflows": []}}"#)
    };
    let twice = genesis_from_json(&genesis(r#"[{"id": "c1"}, {"id": "c2"}, {"id": "c1"}]"#))
        .expect_err("c1 twice");
    assert!(twice.to_string().contains("`c1`"), "{twice}");
    let odd = genesis_from_json(&genesis(r#"[{"id": "c1", "colour": "red"}]"#))
        .expect_err("an unknown field");
    assert!(odd.to_string().contains("colour"), "{odd}");
    let fine = genesis_from_json(&genesis(r#"[{"id": "c1", "name": null}, {"id": "c2"}]"#))
        .expect("two contacts");
    assert_eq!(fine.contacts.len(), 2);
}

#[test]
fn a_snapshot_plus_the_events_after_it_restores_the_run_exactly() {
    use flowlab_engine::codec::{decode_snapshot, encode_snapshot};
    use flowlab_engine::trace;
    for (file, scenario) in common::all_scenarios() {
        let (engine, log) = common::run_with_log(&scenario);
        let expected: Vec<String> = log
            .iter()
            .filter_map(|e| trace::line(engine.state(), e))
            .collect();
        let inputs = common::count_inputs(&scenario);
        for (snap_at, cut) in [
            (inputs / 4, inputs / 2),
            (inputs / 2, inputs / 2),
            (1, inputs.saturating_sub(1)),
        ] {
            let mut first = Driver::new(&scenario);
            let mut prefix = Vec::new();
            let mut snapshot = None;
            for i in 0..cut {
                if !first.step().unwrap() {
                    break;
                }
                prefix.extend(first.engine().drain_events());
                if i + 1 == snap_at {
                    let bytes = encode_snapshot(first.engine().state());
                    let decoded = decode_snapshot(&bytes)
                        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    assert!(
                        decoded == *first.engine().state(),
                        "{}: snapshot differs after {snap_at} inputs",
                        file.display()
                    );
                    snapshot = Some((decoded, prefix.len()));
                }
            }
            let done = first.commands_done();
            let (state, after) = snapshot.unwrap_or((
                flowlab_engine::runtime::state::State::new(genesis(&scenario)),
                0,
            ));
            let restored = Engine::restore(state, &prefix[after..]);
            assert!(
                restored.state() == first.engine().state(),
                "{}: snapshot + tail differs",
                file.display()
            );
            let mut rest = Driver::resume(&scenario, restored, done);
            let mut log2 = prefix.clone();
            while rest.step().unwrap() {
                log2.extend(rest.engine().drain_events());
            }
            let engine2 = rest.into_engine();
            let lines: Vec<String> = log2
                .iter()
                .filter_map(|e| trace::line(engine2.state(), e))
                .collect();
            assert_eq!(
                lines,
                expected,
                "{}: run restored from a snapshot at {snap_at}",
                file.display()
            );
        }
    }
}

#[test]
fn a_corrupt_snapshot_is_refused_without_a_panic() {
    use flowlab_engine::codec::{decode_snapshot, encode_snapshot};
    let scenario = common::scenario_named("campaign-validation.json");
    let (engine, _) = common::run_with_log(&scenario);
    let bytes = encode_snapshot(engine.state());
    assert!(decode_snapshot(b"FLE\x01").is_err());
    for cut in [5, 50, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode_snapshot(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..300 {
        let mut corrupt = bytes.clone();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = x as usize % corrupt.len();
        corrupt[at] ^= 1 << (x >> 61);
        assert!(
            decode_snapshot(&corrupt).is_err(),
            "a flipped bit at byte {at} must be refused"
        );
    }
}

#[test]
fn a_header_says_the_base_and_count_without_decoding_and_checks_the_sum() {
    let scenario = common::scenario_named("rollback.json");
    let (_, log) = common::run_with_log(&scenario);
    let split = log
        .iter()
        .position(|e| e.t > SimTime::ZERO)
        .expect("time passes");
    let (base, tail) = (log[split - 1].t, &log[split..]);
    let segment = encode_segment(base, tail);
    assert_eq!(
        segment_header(&segment),
        Ok(SegmentHeader {
            base,
            count: tail.len() as u64
        })
    );
    assert_eq!(
        segment_header(&segment[..segment.len() - 1]),
        Err(CodecError::Checksum)
    );
    let mut flipped = segment.clone();
    flipped[segment.len() / 2] ^= 4;
    assert_eq!(segment_header(&flipped), Err(CodecError::Checksum));
    assert!(segment_header(b"nope").is_err());

    // The page's own segments: the same header, without reading the sum.
    assert_eq!(own_segment_header(&segment), segment_header(&segment));
    let mut last_byte = segment.clone();
    *last_byte.last_mut().unwrap() ^= 1;
    assert_eq!(own_segment_header(&last_byte), segment_header(&segment));
    assert_eq!(
        own_segment_header(b"short"),
        Err(CodecError::Truncated { at: 5 })
    );
    assert_eq!(
        own_segment_header(b"not a segment at all"),
        Err(CodecError::BadHeader)
    );
}

#[test]
fn joined_segments_decode_to_the_events_of_all_of_them() {
    use flowlab_engine::codec::join_segments;
    for (file, scenario) in common::all_scenarios() {
        let (_, log) = common::run_with_log(&scenario);
        let mut parts = Vec::new();
        let mut base = SimTime::ZERO;
        for chunk in log.chunks(5) {
            parts.push(encode_segment(base, chunk));
            base = chunk.last().unwrap().t;
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let joined = join_segments(&refs).unwrap();
        assert!(
            decode_segment(&joined).unwrap() == log,
            "{}: the joined segment differs from the log",
            file.display()
        );
        assert_eq!(
            joined,
            encode_segment(SimTime::ZERO, &log),
            "{}",
            file.display()
        );
    }
    let mut bad = encode_segment(SimTime::ZERO, &[]);
    bad[1] ^= 1;
    assert_eq!(join_segments(&[&bad]), Err(CodecError::Checksum));
}
