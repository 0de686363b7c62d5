//! The event log as segments: cutting events into records, checking an
//! append against the end of the log, and checking and decoding what `load`
//! reads back. Plain Rust, tested natively.

use std::rc::Rc;

use flowlab_engine::codec::{decode_segment, encode_segment, own_segment_header, segment_header};
use flowlab_engine::event::Stamped;
use flowlab_engine::time::SimTime;

use super::StorageError;
use crate::i18n::tr;
use crate::t;

/// One record of the event log about to be written: `event_count` events
/// from event index `first_event_index` on, in `encode_segment`'s form,
/// the last of them at `last_t`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub first_event_index: u64,
    pub event_count: u32,
    pub last_t: SimTime,
    pub bytes: Rc<[u8]>,
}

impl Segment {
    /// Encodes `events` (not empty), the log from `first_event_index` on;
    /// `base` is the time of the event just before them (zero at the start
    /// of the log).
    pub fn encode(first_event_index: u64, base: SimTime, events: &[Stamped]) -> Segment {
        Segment {
            first_event_index,
            event_count: events.len() as u32,
            last_t: events.last().map_or(base, |e| e.t),
            bytes: encode_segment(base, events).into(),
        }
    }
}

/// Cuts `events` (the log from `first_event_index` on, the event before
/// them at `base`) into segments of at most `max_events` events.
pub fn plan_segments(
    first_event_index: u64,
    base: SimTime,
    events: &[Stamped],
    max_events: usize,
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut index = first_event_index;
    let mut base = base;
    for chunk in events.chunks(max_events.max(1)) {
        out.push(Segment::encode(index, base, chunk));
        index += chunk.len() as u64;
        base = chunk.last().map_or(base, |e| e.t);
    }
    out
}

/// Where the stored log ends: the next segment number, the next event
/// index, and the time of the last event (zero for an empty log).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogEnd {
    pub segments: u64,
    pub events: u64,
    pub last_t: SimTime,
}

/// Checks that `segments` continue the log that ends at `end`: each one
/// starts at the next event index and at the log's last time, and its
/// header holds its `event_count` events. The events are not decoded, and
/// the checksum is read only for bytes from elsewhere: reading the page's
/// own chunks again would double the cost of every save. Returns the new
/// end.
pub(crate) fn check_append(
    end: LogEnd,
    segments: &[Segment],
    bytes: SegmentBytes,
) -> Result<LogEnd, StorageError> {
    let mut end = end;
    for segment in segments {
        let at = segment.first_event_index;
        if at != end.events {
            return Err(StorageError::OutOfOrder {
                expected: end.events,
                got: at,
            });
        }
        let bad = |what: String| {
            StorageError::BadSegment(t!(
                "segment starting at event {at}: {what}",
                at = at,
                what = what
            ))
        };
        let header = match bytes {
            SegmentBytes::SealedHere => own_segment_header(&segment.bytes),
            SegmentBytes::FromElsewhere => segment_header(&segment.bytes),
        }
        .map_err(|e| bad(e.to_string()))?;
        if header.count != u64::from(segment.event_count) || header.count == 0 {
            return Err(bad(t!(
                "says {n} events and holds {m}",
                n = segment.event_count,
                m = header.count
            )));
        }
        if header.base != end.last_t || segment.last_t < header.base {
            return Err(bad(tr("does not continue the log's time").into()));
        }
        end = LogEnd {
            segments: end.segments + 1,
            events: end.events + header.count,
            last_t: segment.last_t,
        };
    }
    Ok(end)
}

/// Where an append's bytes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SegmentBytes {
    /// The page's own log chunks, sealed in this page and never changed.
    SealedHere,
    /// Anything else: the checksum is checked.
    FromElsewhere,
}

/// A segment as read back: its number (the record's key) and its record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoredSegment {
    pub number: u64,
    pub first_event_index: u64,
    pub event_count: u32,
    pub bytes: Rc<[u8]>,
}

/// How far the segments read back are whole.
struct Walk {
    segments: Vec<Segment>,
    /// Where the whole part ends.
    end: LogEnd,
    /// What is wrong with the first segment that is not whole.
    damage: Option<StorageError>,
}

/// Checks `records` in order and stops at the first segment that is
/// missing, misplaced or damaged. A segment that ends at or before event
/// `decode_from` is checked by its checksum and header only (what comes
/// before a snapshot is read only for history); later ones are decoded,
/// as the state is folded from them.
fn walk(records: &[StoredSegment], decode_from: u64) -> Walk {
    let corrupt = |number: u64, what: String| {
        StorageError::Corrupt(t!("segment {number}: {what}", number = number, what = what))
    };
    let mut out = Vec::new();
    let mut next_event = 0u64;
    let mut last_t = SimTime::ZERO;
    let mut damage = None;
    for (i, record) in records.iter().enumerate() {
        let StoredSegment {
            first_event_index,
            event_count,
            ref bytes,
            number,
        } = *record;
        if number != i as u64 {
            damage = Some(StorageError::Corrupt(t!("segment {i} is missing", i = i)));
            break;
        }
        if first_event_index != next_event {
            damage = Some(corrupt(
                number,
                t!(
                    "starts at event {first}, expected {next}",
                    first = first_event_index,
                    next = next_event
                ),
            ));
            break;
        }
        let header = match segment_header(bytes) {
            Ok(h) => h,
            Err(e) => {
                damage = Some(corrupt(number, e.to_string()));
                break;
            }
        };
        if header.count != u64::from(event_count) || event_count == 0 {
            damage = Some(corrupt(
                number,
                t!(
                    "says {n} events and holds {m}",
                    n = event_count,
                    m = header.count
                ),
            ));
            break;
        }
        if header.base != last_t {
            damage = Some(corrupt(
                number,
                tr("does not continue the log's time").into(),
            ));
            break;
        }
        let end = first_event_index + u64::from(event_count);
        let last = if end <= decode_from {
            None
        } else {
            match decode_segment(bytes) {
                Ok(events) if events.first().is_some_and(|e| e.t < last_t) => {
                    damage = Some(corrupt(number, "goes back in time".into()));
                    break;
                }
                Ok(events) => events.last().map(|e| e.t),
                Err(e) => {
                    damage = Some(corrupt(number, e.to_string()));
                    break;
                }
            }
        };
        let last = match last {
            Some(t) => t,
            // Not decoded: the next segment's header says where this one ended.
            None => match records.get(i + 1).map(|r| segment_header(&r.bytes)) {
                Some(Ok(next)) if next.base >= last_t => next.base,
                _ => match decode_segment(bytes) {
                    Ok(events) => events.last().map_or(last_t, |e| e.t),
                    Err(e) => {
                        damage = Some(corrupt(number, e.to_string()));
                        break;
                    }
                },
            },
        };
        out.push(Segment {
            first_event_index,
            event_count,
            last_t: last,
            bytes: bytes.clone(),
        });
        last_t = last;
        next_event = end;
    }
    Walk {
        end: LogEnd {
            segments: out.len() as u64,
            events: next_event,
            last_t,
        },
        segments: out,
        damage,
    }
}

fn end_mismatch(reached: LogEnd, end: LogEnd) -> Option<StorageError> {
    (reached.segments != end.segments || reached.events != end.events).then(|| {
        StorageError::Corrupt(t!("the log ends at segment {segment}, event {event}; its end record says segment {end_segment}, event {end_event}", segment = reached.segments, event = reached.events, end_segment = end.segments, end_event = end.events))
    })
}

/// The part of a stored log that is whole: its segments from the first,
/// where it ends, and what is wrong with the rest (`None` if the log is
/// whole). Segments after event `decode_from` are decoded to be checked.
pub(crate) fn good_prefix(
    records: &[StoredSegment],
    end: LogEnd,
    decode_from: u64,
) -> (Vec<Segment>, LogEnd, Option<StorageError>) {
    let w = walk(records, decode_from);
    let damage = w.damage.or_else(|| end_mismatch(w.end, end));
    (w.segments, w.end, damage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim::Driver;

    fn log() -> Vec<Stamped> {
        let scenario =
            parse_scenario("welcome.json", include_str!("../../samples/welcome.json")).unwrap();
        let mut driver = Driver::new(&scenario);
        let mut log = Vec::new();
        while driver.step().unwrap() {
            log.extend(driver.engine().drain_events());
        }
        assert!(log.len() > 20);
        log
    }

    /// The events of a stored log, if it is whole up to `end`.
    fn decode_log(
        records: &[StoredSegment],
        end: LogEnd,
        decode_from: u64,
    ) -> Result<Vec<Stamped>, StorageError> {
        let (segments, _, damage) = good_prefix(records, end, decode_from);
        match damage {
            Some(e) => Err(e),
            None => Ok(segments
                .iter()
                .flat_map(|s| decode_segment(&s.bytes).unwrap())
                .collect()),
        }
    }

    fn stored(segments: &[Segment]) -> Vec<StoredSegment> {
        segments
            .iter()
            .enumerate()
            .map(|(i, s)| StoredSegment {
                number: i as u64,
                first_event_index: s.first_event_index,
                event_count: s.event_count,
                bytes: s.bytes.clone(),
            })
            .collect()
    }

    #[test]
    fn planned_segments_append_and_decode_to_the_log() {
        let log = log();
        let segments = plan_segments(0, SimTime::ZERO, &log, 7);
        assert_eq!(segments.len(), log.len().div_ceil(7));
        let end = check_append(LogEnd::default(), &segments, SegmentBytes::FromElsewhere).unwrap();
        assert_eq!(end.segments, segments.len() as u64);
        assert_eq!(end.events, log.len() as u64);
        assert_eq!(end.last_t, log.last().unwrap().t);
        assert!(decode_log(&stored(&segments), end, 0).unwrap() == log);
        let (read, _, _) = good_prefix(&stored(&segments), end, 10);
        assert!(
            read == segments,
            "checked by header or decoded, the same segments"
        );
    }

    #[test]
    fn an_append_that_does_not_continue_the_log_is_refused() {
        let log = log();
        let segments = plan_segments(0, SimTime::ZERO, &log, 5);
        let end = check_append(
            LogEnd::default(),
            &segments[..2],
            SegmentBytes::FromElsewhere,
        )
        .unwrap();
        assert_eq!(
            check_append(end, &segments[3..4], SegmentBytes::FromElsewhere),
            Err(StorageError::OutOfOrder {
                expected: 10,
                got: 15
            })
        );
        let mut lying = segments[2].clone();
        lying.event_count = 4;
        assert!(matches!(
            check_append(end, &[lying], SegmentBytes::FromElsewhere),
            Err(StorageError::BadSegment(_))
        ));
    }

    #[test]
    fn only_bytes_from_elsewhere_have_their_checksum_read() {
        let segments = plan_segments(0, SimTime::ZERO, &log(), 5);
        let mut damaged = segments[0].clone();
        let mut bytes = damaged.bytes.to_vec();
        *bytes.last_mut().unwrap() ^= 1;
        damaged.bytes = bytes.into();
        let first = std::slice::from_ref(&damaged);
        assert!(matches!(
            check_append(LogEnd::default(), first, SegmentBytes::FromElsewhere),
            Err(StorageError::BadSegment(_))
        ));
        assert!(
            check_append(LogEnd::default(), first, SegmentBytes::SealedHere).is_ok(),
            "the page's own chunks are taken on their header"
        );
    }

    #[test]
    fn a_gap_or_bad_bytes_in_the_stored_log_is_corrupt() {
        let log = log();
        let segments = plan_segments(0, SimTime::ZERO, &log, 5);
        let end = check_append(LogEnd::default(), &segments, SegmentBytes::FromElsewhere).unwrap();
        let mut records = stored(&segments);
        records.remove(2);
        assert_eq!(
            decode_log(&records, end, 0),
            Err(StorageError::Corrupt("segment 2 is missing".into()))
        );
        let mut records = stored(&segments);
        let mut bad = records[1].bytes.to_vec();
        bad[4] ^= 0xff;
        bad.truncate(6);
        records[1].bytes = bad.into();
        match decode_log(&records, end, 0) {
            Err(StorageError::Corrupt(m)) => assert!(m.starts_with("segment 1:"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode_log(&stored(&segments)[..2], end, 0),
            Err(StorageError::Corrupt(_))
        ));
    }
}
