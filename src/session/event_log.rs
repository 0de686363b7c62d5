//! The event log as the page holds it: sealed chunks in the storage codec
//! (6–7 bytes an event) and a short tail of decoded events still growing.
//! A chunk is what the store writes as a segment, so saving sends bytes
//! that are already encoded. Readers get an event by index ([`EventRef`]),
//! or a run of them in order; a chunk is decoded when read and the last
//! few decoded are kept.

use std::cell::RefCell;
use std::ops::{Deref, Range};
use std::rc::Rc;

use flowlab_engine::codec::{decode_segment, encode_segment, join_segments, CodecError};
use flowlab_engine::event::Stamped;
use flowlab_engine::time::SimTime;

/// The tail is sealed into a chunk at this many events.
pub const CHUNK_EVENTS: usize = 4096;
/// Decoded chunks kept for reading.
const DECODED_KEPT: usize = 4;

/// `count` events from index `first`, encoded after the event at `base`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub first: usize,
    pub count: usize,
    pub last_t: SimTime,
    pub bytes: Rc<[u8]>,
}

impl Chunk {
    fn end(&self) -> usize {
        self.first + self.count
    }
}

#[derive(Default)]
pub struct EventLog {
    chunks: Vec<Chunk>,
    tail: Vec<Stamped>,
    decoded: RefCell<Vec<(usize, Rc<[Stamped]>)>>,
}

impl Clone for EventLog {
    fn clone(&self) -> Self {
        EventLog {
            chunks: self.chunks.clone(),
            tail: self.tail.clone(),
            decoded: RefCell::default(),
        }
    }
}

/// One event of the log, borrowed from the tail or from a decoded chunk.
pub enum EventRef<'a> {
    Tail(&'a Stamped),
    Chunk(Rc<[Stamped]>, usize),
}

impl Deref for EventRef<'_> {
    type Target = Stamped;
    fn deref(&self) -> &Stamped {
        match self {
            EventRef::Tail(s) => s,
            EventRef::Chunk(events, i) => &events[*i],
        }
    }
}

impl EventLog {
    pub fn from_events(events: Vec<Stamped>) -> EventLog {
        let mut log = EventLog::default();
        log.extend(events);
        log
    }

    /// A log made of stored segments, in order and continuing each other
    /// (checked by the store), then `tail` decoded after them.
    pub fn from_chunks(chunks: Vec<Chunk>, tail: Vec<Stamped>) -> EventLog {
        debug_assert!(chunks.windows(2).all(|w| w[0].end() == w[1].first));
        let mut log = EventLog {
            chunks,
            tail: Vec::new(),
            decoded: RefCell::default(),
        };
        log.extend(tail);
        log
    }

    pub fn len(&self) -> usize {
        self.sealed() + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many events are in sealed chunks.
    pub fn sealed(&self) -> usize {
        self.chunks.last().map_or(0, Chunk::end)
    }

    pub fn extend(&mut self, events: impl IntoIterator<Item = Stamped>) {
        for e in events {
            self.tail.push(e);
            if self.tail.len() >= CHUNK_EVENTS {
                self.seal();
            }
        }
    }

    /// Encodes the tail into a chunk (nothing when it is empty).
    pub fn seal(&mut self) {
        if self.tail.is_empty() {
            return;
        }
        let first = self.sealed();
        let base = self.chunks.last().map_or(SimTime::ZERO, |c| c.last_t);
        let bytes = encode_segment(base, &self.tail);
        self.chunks.push(Chunk {
            first,
            count: self.tail.len(),
            last_t: self.tail.last().map_or(base, |e| e.t),
            bytes: bytes.into(),
        });
        self.tail.clear();
    }

    /// The chunks from event `first` on, the tail sealed first; `None` when
    /// `first` is not where a chunk starts (or the end).
    pub fn chunks_from(&mut self, first: usize) -> Option<&[Chunk]> {
        self.seal();
        if first == self.sealed() {
            return Some(&[]);
        }
        let at = self.chunks.binary_search_by_key(&first, |c| c.first).ok()?;
        Some(&self.chunks[at..])
    }

    /// Joins small chunks that end at or before `upto` (what is stored) so
    /// that many short saves do not leave many short chunks behind. The
    /// events are not decoded.
    pub fn join_small(&mut self, upto: usize) {
        let Some(last) = self.chunks.iter().rposition(|c| c.end() <= upto) else {
            return;
        };
        let mut start = last;
        let mut total = self.chunks[last].count;
        while start > 0 && total + self.chunks[start - 1].count <= CHUNK_EVENTS {
            start -= 1;
            total += self.chunks[start].count;
        }
        if last - start < 1 {
            return;
        }
        let parts: Vec<&[u8]> = self.chunks[start..=last]
            .iter()
            .map(|c| &*c.bytes)
            .collect();
        let Ok(bytes) = join_segments(&parts) else {
            return;
        };
        let joined = Chunk {
            first: self.chunks[start].first,
            count: total,
            last_t: self.chunks[last].last_t,
            bytes: bytes.into(),
        };
        self.chunks.splice(start..=last, [joined]);
        self.decoded.borrow_mut().clear();
    }

    /// The log as one segment, for a file.
    pub fn to_segment(&self) -> Vec<u8> {
        let tail = (!self.tail.is_empty()).then(|| {
            let base = self.chunks.last().map_or(SimTime::ZERO, |c| c.last_t);
            encode_segment(base, &self.tail)
        });
        let mut parts: Vec<&[u8]> = self.chunks.iter().map(|c| &*c.bytes).collect();
        parts.extend(tail.as_deref());
        if parts.is_empty() {
            return encode_segment(SimTime::ZERO, &[]);
        }
        join_segments(&parts).expect("the log's own chunks join")
    }

    /// The first `n` events as a log of their own.
    pub fn prefix(&self, n: usize) -> EventLog {
        if n >= self.len() {
            return self.clone();
        }
        let whole = self.chunks.partition_point(|c| c.end() <= n);
        let chunks = self.chunks[..whole].to_vec();
        let from = chunks.last().map_or(0, Chunk::end);
        let tail = self.range(from..n).map(|e| e.clone()).collect();
        EventLog::from_chunks(chunks, tail)
    }

    /// The event at `i`.
    ///
    /// # Panics
    /// When `i` is past the end, as a slice would.
    pub fn get(&self, i: usize) -> EventRef<'_> {
        let sealed = self.sealed();
        if i >= sealed {
            return EventRef::Tail(&self.tail[i - sealed]);
        }
        let at = self.chunks.partition_point(|c| c.end() <= i);
        let events = self.decode(at);
        EventRef::Chunk(events, i - self.chunks[at].first)
    }

    pub fn last(&self) -> Option<EventRef<'_>> {
        self.len().checked_sub(1).map(|i| self.get(i))
    }

    /// The time of the event at `i`.
    pub fn time_of(&self, i: usize) -> SimTime {
        let sealed = self.sealed();
        if i >= sealed {
            return self.tail[i - sealed].t;
        }
        let at = self.chunks.partition_point(|c| c.end() <= i);
        if i + 1 == self.chunks[at].end() {
            return self.chunks[at].last_t;
        }
        self.get(i).t
    }

    /// The events in `range`, in order.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = EventRef<'_>> + '_ {
        let end = range.end.min(self.len());
        let mut i = range.start.min(end);
        let mut current: Option<(usize, Rc<[Stamped]>)> = None;
        std::iter::from_fn(move || {
            if i >= end {
                return None;
            }
            let sealed = self.sealed();
            let item = if i >= sealed {
                EventRef::Tail(&self.tail[i - sealed])
            } else {
                let chunk_first = match &current {
                    Some((first, events)) if i < first + events.len() => *first,
                    _ => {
                        let at = self.chunks.partition_point(|c| c.end() <= i);
                        let events = self.decode_uncached(at);
                        let first = self.chunks[at].first;
                        current = Some((first, events));
                        first
                    }
                };
                let events = current.as_ref().map(|(_, e)| e.clone()).expect("set above");
                EventRef::Chunk(events, i - chunk_first)
            };
            i += 1;
            Some(item)
        })
    }

    /// The index of the first event after `t` (a partition point by time).
    pub fn first_after(&self, t: SimTime) -> usize {
        let c = self.chunks.partition_point(|c| c.last_t <= t);
        if c == self.chunks.len() {
            return self.sealed() + self.tail.partition_point(|e| e.t <= t);
        }
        let events = self.decode(c);
        self.chunks[c].first + events.partition_point(|e| e.t <= t)
    }

    fn decode(&self, at: usize) -> Rc<[Stamped]> {
        let first = self.chunks[at].first;
        if let Some((_, events)) = self.decoded.borrow().iter().find(|(f, _)| *f == first) {
            return events.clone();
        }
        let events = self.decode_uncached(at);
        let mut kept = self.decoded.borrow_mut();
        if kept.len() >= DECODED_KEPT {
            kept.remove(0);
        }
        kept.push((first, events.clone()));
        events
    }

    /// Decodes a chunk for one pass over it (a long scan would otherwise
    /// push the chunks readers come back to out of the kept ones).
    fn decode_uncached(&self, at: usize) -> Rc<[Stamped]> {
        if let Some((_, events)) = self
            .decoded
            .borrow()
            .iter()
            .find(|(f, _)| *f == self.chunks[at].first)
        {
            return events.clone();
        }
        match decode_segment(&self.chunks[at].bytes) {
            Ok(events) => events.into(),
            Err(e) => corrupt_in_memory(at, e),
        }
    }

    /// Bytes held: the chunks, the tail's events and the decoded chunks kept.
    pub fn bytes_held(&self) -> usize {
        let chunks: usize = self.chunks.iter().map(|c| c.bytes.len()).sum();
        let decoded: usize = self.decoded.borrow().iter().map(|(_, e)| e.len()).sum();
        chunks
            + self.chunks.len() * std::mem::size_of::<Chunk>()
            + (self.tail.capacity() + decoded) * std::mem::size_of::<Stamped>()
    }
}

/// A chunk the page encoded itself fails to decode: memory is damaged.
fn corrupt_in_memory(at: usize, e: CodecError) -> ! {
    panic!("chunk {at} of the event log in memory does not decode: {e}")
}

/// The first `len` events of a log: what the world at a cursor has seen.
#[derive(Clone, Copy)]
pub struct LogView<'a> {
    log: &'a EventLog,
    len: usize,
}

impl<'a> LogView<'a> {
    pub fn new(log: &'a EventLog, len: usize) -> LogView<'a> {
        LogView {
            log,
            len: len.min(log.len()),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// # Panics
    /// When `i` is not before `len`, as a slice would.
    pub fn get(&self, i: usize) -> EventRef<'a> {
        assert!(i < self.len, "event {i} of a view of {}", self.len);
        self.log.get(i)
    }

    pub fn last(&self) -> Option<EventRef<'a>> {
        self.len.checked_sub(1).map(|i| self.log.get(i))
    }

    /// The events from index `from` to the end of the view.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = EventRef<'a>> + 'a {
        self.log.range(from..self.len)
    }

    pub fn iter(&self) -> impl Iterator<Item = EventRef<'a>> + 'a {
        self.iter_from(0)
    }

    /// The first `len` events of this view.
    pub fn prefix(&self, len: usize) -> LogView<'a> {
        LogView::new(self.log, len.min(self.len))
    }

    pub fn to_vec(&self) -> Vec<Stamped> {
        self.iter().map(|e| e.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::scenario::parse_scenario;
    use flowlab_engine::sim::Driver;

    fn events() -> Vec<Stamped> {
        let scenario = parse_scenario(
            "campaign-validation.json",
            include_str!("../../samples/presets/campaign-validation.json"),
        )
        .unwrap();
        let mut driver = Driver::new(&scenario);
        let mut log = Vec::new();
        while driver.step().unwrap() {
            log.extend(driver.engine().drain_events());
        }
        log
    }

    fn built_in_pieces(events: &[Stamped], cut: usize) -> EventLog {
        let mut log = EventLog::default();
        for piece in events.chunks(cut) {
            log.extend(piece.iter().cloned());
            log.seal();
        }
        log
    }

    #[test]
    fn every_event_reads_back_by_index_and_in_order() {
        let whole = events();
        assert!(whole.len() > 3 * CHUNK_EVENTS, "{}", whole.len());
        let mut log = EventLog::default();
        let cut = whole.len() - 10;
        log.extend(whole[..cut].iter().cloned());
        log.seal();
        log.extend(whole[cut..].iter().cloned());
        assert_eq!(log.len(), whole.len());
        for i in [0, 1, 77, CHUNK_EVENTS, cut - 1, cut, whole.len() - 1] {
            assert!(*log.get(i) == whole[i], "event {i}");
            assert_eq!(log.time_of(i), whole[i].t, "time of {i}");
        }
        let read: Vec<Stamped> = log.range(5..whole.len() - 3).map(|e| e.clone()).collect();
        assert!(read == whole[5..whole.len() - 3]);
        assert!(LogView::new(&log, 40).to_vec() == whole[..40]);
    }

    #[test]
    fn small_chunks_join_without_changing_a_single_event() {
        let events = events();
        let mut log = EventLog::default();
        for piece in events.chunks(3) {
            log.extend(piece.iter().cloned());
            log.seal();
            log.join_small(log.len());
        }
        assert!(
            log.chunks.len() <= 2 * events.len().div_ceil(CHUNK_EVENTS),
            "{} chunks for {} events",
            log.chunks.len(),
            events.len()
        );
        assert!(log.chunks.iter().all(|c| c.count <= CHUNK_EVENTS));
        assert!(
            log.range(0..log.len())
                .map(|e| e.clone())
                .collect::<Vec<_>>()
                == events
        );
        assert_eq!(decode_segment(&log.to_segment()).unwrap(), events);
        let mut unstored = built_in_pieces(&events[..30], 3);
        unstored.join_small(12);
        assert_eq!(
            unstored.chunks_from(12).map(<[Chunk]>::len),
            Some(6),
            "nothing past 12 is joined"
        );
    }

    #[test]
    fn chunks_from_a_boundary_are_the_unsaved_part_and_a_prefix_is_exact() {
        let events = events();
        let mut log = built_in_pieces(&events[..events.len() - 7], 100);
        log.extend(events[events.len() - 7..].iter().cloned());
        let unsaved = log.chunks_from(200).unwrap();
        assert_eq!(unsaved.first().map(|c| c.first), Some(200));
        assert_eq!(unsaved.last().map(|c| c.end()), Some(events.len()));
        assert!(log.chunks_from(150).is_none(), "150 is inside a chunk");
        assert_eq!(log.chunks_from(log.len()).map(<[Chunk]>::len), Some(0));
        let prefix = log.prefix(150);
        assert_eq!(prefix.len(), 150);
        assert!(prefix.range(0..150).map(|e| e.clone()).collect::<Vec<_>>() == events[..150]);
        let t = events[120].t;
        assert_eq!(log.first_after(t), events.partition_point(|e| e.t <= t));
    }

    #[test]
    fn the_log_holds_a_few_bytes_an_event() {
        let events = events();
        let mut log = EventLog::from_events(events.clone());
        log.seal();
        let tail = CHUNK_EVENTS * std::mem::size_of::<Stamped>();
        let per_event = (log.bytes_held() - tail) as f64 / events.len() as f64;
        assert!(
            per_event < 12.0,
            "{per_event:.1} bytes an event, decoded ones take {}",
            std::mem::size_of::<Stamped>()
        );
    }
}
