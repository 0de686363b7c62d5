//! The event log and the genesis on disk (or in IndexedDB): a compact binary
//! form for events, written in segments of many events, and JSON for the
//! world a log starts from. Decoding bad bytes is an error, never a panic.

mod draft_json;
mod events;
mod genesis_json;
mod people_json;
mod snapshot;
mod wire;

pub use genesis_json::{genesis_from_json, genesis_to_json};
pub use snapshot::{decode_snapshot, encode_snapshot, SnapshotEncoder, SnapshotParts};

use crate::event::Stamped;
use crate::time::SimTime;
use wire::{Reader, Writer};

/// The first bytes of every segment; the last one is the format version.
const MAGIC: &[u8; 4] = b"FLE\x01";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("not an event segment (bad header)")]
    BadHeader,
    #[error("the segment ends early, at byte {at}")]
    Truncated { at: usize },
    #[error("malformed {what} at byte {at}")]
    Malformed { at: usize, what: &'static str },
    #[error("events go back in time at event {index}")]
    Unordered { index: usize },
    #[error("the workspace genesis is invalid: {0}")]
    Genesis(String),
    #[error("the data is corrupt (checksum mismatch)")]
    Checksum,
}

/// FNV-1a over the payload, appended to every segment and snapshot so that a
/// damaged record is refused instead of decoding into nonsense.
fn checksum(bytes: &[u8]) -> u64 {
    checksum_on(CHECKSUM_START, bytes)
}

pub(crate) const CHECKSUM_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The checksum of what came before (`from`) followed by `bytes`.
pub(crate) fn checksum_on(from: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(from, |h, b| (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3))
}

pub(crate) fn seal(mut bytes: Vec<u8>) -> Vec<u8> {
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes
}

/// The payload of sealed bytes, if the checksum holds.
pub(crate) fn unseal(bytes: &[u8]) -> Result<&[u8], CodecError> {
    if bytes.len() < 8 {
        return Err(CodecError::Truncated { at: bytes.len() });
    }
    let (payload, sum) = bytes.split_at(bytes.len() - 8);
    if checksum(payload).to_le_bytes() != sum {
        return Err(CodecError::Checksum);
    }
    Ok(payload)
}

/// Encodes consecutive events as one segment. Times are stored as deltas from
/// `base`, the time of the event before the segment (or 0).
pub fn encode_segment(base: SimTime, events: &[Stamped]) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.var(base.0);
    w.var(events.len() as u64);
    let mut prev = base;
    for e in events {
        events::encode(&mut w, prev, e);
        prev = e.t;
    }
    seal(w.bytes)
}

/// What a segment's header says, after its checksum is checked, without
/// decoding its events: the time before its first event, and how many
/// events it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentHeader {
    pub base: SimTime,
    pub count: u64,
}

pub fn segment_header(bytes: &[u8]) -> Result<SegmentHeader, CodecError> {
    header_of_payload(unseal(bytes)?)
}

/// [`segment_header`] of bytes this program sealed itself and kept in
/// memory: the checksum is skipped, as reading it would cost as much as
/// the encoding did, on every save.
pub fn own_segment_header(bytes: &[u8]) -> Result<SegmentHeader, CodecError> {
    let payload_len = bytes
        .len()
        .checked_sub(8)
        .ok_or(CodecError::Truncated { at: bytes.len() })?;
    header_of_payload(&bytes[..payload_len])
}

fn header_of_payload(bytes: &[u8]) -> Result<SegmentHeader, CodecError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(CodecError::BadHeader);
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    let base = SimTime(r.var()?);
    let count = r.var()?;
    Ok(SegmentHeader { base, count })
}

pub fn decode_segment(bytes: &[u8]) -> Result<Vec<Stamped>, CodecError> {
    let bytes = unseal(bytes)?;
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(CodecError::BadHeader);
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    let mut prev = SimTime(r.var()?);
    let n = r.var()? as usize;
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let e = events::decode(&mut r, prev)?;
        prev = e.t;
        out.push(e);
    }
    if !r.at_end() {
        return Err(CodecError::Malformed {
            at: r.position() + MAGIC.len(),
            what: "trailing bytes",
        });
    }
    Ok(out)
}

/// Joins consecutive segments into one without decoding their events: an
/// event is stored as a delta from the one before it, so the payloads of
/// segments that continue each other follow on as they are. The caller
/// vouches that each part starts where the one before it ends.
pub fn join_segments(parts: &[&[u8]]) -> Result<Vec<u8>, CodecError> {
    let mut base = None;
    let mut count = 0u64;
    let mut payload = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        let bytes = unseal(part)?;
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(CodecError::BadHeader);
        }
        let mut r = Reader::new(&bytes[MAGIC.len()..]);
        let part_base = SimTime(r.var()?);
        count += r.var()?;
        base.get_or_insert(part_base);
        payload.extend_from_slice(&bytes[MAGIC.len() + r.position()..]);
    }
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.var(base.unwrap_or(SimTime::ZERO).0);
    w.var(count);
    w.bytes.extend_from_slice(&payload);
    Ok(seal(w.bytes))
}
