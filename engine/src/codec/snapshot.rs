//! A snapshot: the whole engine `State` at one instant, so that a reload
//! folds only the events after it. Plain fields are varints; the authoring
//! model (drafts, contacts, operators) is JSON, written by serde straight
//! from the model (`people_json`, `draft_json`); compiled versions and the
//! name indices are rebuilt on load, as they are functions of the rest.

use std::collections::VecDeque;
use std::sync::Arc;

use serde_json::Value;

use super::draft_json::DraftOut;
use super::events::{
    decode_wake_kind, encode_wake_kind, index_of, pick, OUTCOMES, PHASES, PORTS, SOURCES,
};
use super::people_json::{ContactIn, ContactOut, OperatorIn, Operators};
use super::wire::{Reader, Writer};
use super::CodecError;
use crate::canonical::canonical_json;
use crate::edit::{EditHistory, Transaction};
use crate::ids::{ContactIx, ExecIx, StepIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::machines::step::StepStatus;
use crate::model::{WorkflowDraft, WrittenParts};
use crate::runtime::compiled::CompiledVersion;
use crate::runtime::state::Genesis;
use crate::runtime::state::{
    AudienceUnderWay, ContactLock, Execution, RollbackRecord, SharedApproval, Slot, State, StepRun,
    Version, WorkflowState,
};
use crate::scenario::decode_workflow;
use crate::time::SimTime;

const MAGIC: &[u8; 4] = b"FLS\x01";

fn draft_from(v: &Value, at: usize) -> Result<WorkflowDraft, CodecError> {
    let mut draft = decode_workflow(&v["draft"], "")
        .map_err(|_| CodecError::Malformed { at, what: "draft" })?;
    let w = &v["written"];
    draft.written = WrittenParts {
        steps: w["steps"].clone(),
        settings: w["settings"].clone(),
        trigger: w["trigger"].clone(),
    };
    Ok(draft)
}

fn opt_slot(w: &mut Writer, slot: Option<Slot>) {
    match slot {
        None => w.u8(0),
        Some(s) => {
            w.u8(1);
            w.var(s.due.0);
            w.var(s.seq);
        }
    }
}

fn read_opt_slot(r: &mut Reader) -> Result<Option<Slot>, CodecError> {
    Ok(if flag(r)? {
        Some(Slot {
            due: SimTime(r.var()?),
            seq: r.var()?,
        })
    } else {
        None
    })
}

fn flag(r: &mut Reader) -> Result<bool, CodecError> {
    let at = r.position();
    match r.u8()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(CodecError::Malformed { at, what: "flag" }),
    }
}

fn list<T: Copy>(
    w: &mut Writer,
    items: impl ExactSizeIterator<Item = T>,
    each: impl Fn(&mut Writer, T),
) {
    w.var(items.len() as u64);
    for item in items {
        each(w, item);
    }
}

fn read_list<T>(
    r: &mut Reader,
    mut each: impl FnMut(&mut Reader) -> Result<T, CodecError>,
) -> Result<Vec<T>, CodecError> {
    let n = r.var()? as usize;
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        out.push(each(r)?);
    }
    Ok(out)
}

fn exec_ix(w: &mut Writer, x: ExecIx) {
    w.var(x.0 as u64);
}

fn read_exec(r: &mut Reader) -> Result<ExecIx, CodecError> {
    Ok(ExecIx(r.var32()?))
}

/// The whole snapshot of `state` at once; [`SnapshotEncoder`] writes the
/// same bytes a slice at a time.
pub fn encode_snapshot(state: &State) -> Vec<u8> {
    let mut encoder = SnapshotEncoder::new();
    loop {
        if let Some(parts) = encoder.step(state, usize::MAX) {
            return parts.join();
        }
    }
}

/// A sealed snapshot in the pieces it was written in; joined, they are the
/// snapshot's bytes. Storage takes the pieces as they are, so that the
/// page never holds a snapshot twice, nor a buffer doubled as it grew.
#[derive(Debug, Default)]
pub struct SnapshotParts(Vec<Vec<u8>>);

impl SnapshotParts {
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn join(self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.len());
        for part in self.0 {
            bytes.extend_from_slice(&part);
        }
        bytes
    }
}

/// Bytes a part holds before the next one starts.
const PART_BYTES: usize = 256 << 10;
/// Bytes checksummed for one unit of a step's budget.
const SUM_BYTES_PER_UNIT: usize = 256;

/// Writes a snapshot in slices, so that a large state never holds the page
/// for long: the contacts, then the executions, at most `budget` of them
/// per [`SnapshotEncoder::step`], then the checksum, `budget` × 256 bytes
/// at a time. The state must not change between steps; the caller checks
/// that (a page drops the encoder when its log grows).
pub struct SnapshotEncoder {
    /// Finished parts, in order.
    parts: Vec<Vec<u8>>,
    /// The part being written.
    w: Writer,
    /// The contacts' JSON array, in parts, until its length is known.
    contacts: Vec<Vec<u8>>,
    stage: Stage,
    sum: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Contacts(usize),
    Executions(usize),
    /// Checksumming, from this part on.
    Sum(usize),
    Finished,
}

impl Default for SnapshotEncoder {
    fn default() -> Self {
        SnapshotEncoder::new()
    }
}

impl SnapshotEncoder {
    pub fn new() -> SnapshotEncoder {
        SnapshotEncoder {
            parts: Vec::new(),
            w: Writer::default(),
            contacts: Vec::new(),
            stage: Stage::Contacts(0),
            sum: super::CHECKSUM_START,
        }
    }

    /// Moves the part being written to `into` once it is full (`always`:
    /// whatever it holds).
    fn cut(w: &mut Writer, into: &mut Vec<Vec<u8>>, always: bool) {
        if always || w.bytes.len() >= PART_BYTES {
            let next = Vec::with_capacity(if always {
                0
            } else {
                PART_BYTES + PART_BYTES / 8
            });
            into.push(std::mem::replace(&mut w.bytes, next));
        }
    }

    /// Writes up to `budget` more contacts and executions (at least one),
    /// or checksums that much; returns the sealed snapshot once it is whole.
    pub fn step(&mut self, state: &State, budget: usize) -> Option<SnapshotParts> {
        let mut left = budget.max(1);
        loop {
            match self.stage {
                Stage::Contacts(first) => {
                    if first == 0 {
                        head(&mut self.w, state);
                        Self::cut(&mut self.w, &mut self.parts, true);
                        self.w.bytes.push(b'[');
                    }
                    let all = &state.contacts;
                    let end = first.saturating_add(left).min(all.len());
                    for (i, contact) in all[first..end].iter().enumerate() {
                        if first + i > 0 {
                            self.w.bytes.push(b',');
                        }
                        serde_json::to_writer(&mut self.w.bytes, &ContactOut::from(contact))
                            .expect("a contact serializes");
                        Self::cut(&mut self.w, &mut self.contacts, false);
                    }
                    left -= end - first;
                    if end < all.len() {
                        self.stage = Stage::Contacts(end);
                        return None;
                    }
                    self.w.bytes.push(b']');
                    Self::cut(&mut self.w, &mut self.contacts, true);
                    let json: usize = self.contacts.iter().map(Vec::len).sum();
                    self.w.var(json as u64);
                    Self::cut(&mut self.w, &mut self.parts, true);
                    self.parts.append(&mut self.contacts);
                    operators_and_workflows(&mut self.w, state);
                    self.w.var(state.executions.len() as u64);
                    self.stage = Stage::Executions(0);
                }
                Stage::Executions(first) => {
                    let all = &state.executions;
                    let end = first.saturating_add(left).min(all.len());
                    for e in &all[first..end] {
                        execution(&mut self.w, e);
                        Self::cut(&mut self.w, &mut self.parts, false);
                    }
                    left -= end - first;
                    if end < all.len() {
                        self.stage = Stage::Executions(end);
                        return None;
                    }
                    tail(&mut self.w, state);
                    Self::cut(&mut self.w, &mut self.parts, true);
                    self.stage = Stage::Sum(0);
                }
                Stage::Sum(first) => {
                    let mut i = first;
                    while let Some(part) = self.parts.get(i) {
                        if left == 0 {
                            self.stage = Stage::Sum(i);
                            return None;
                        }
                        self.sum = super::checksum_on(self.sum, part);
                        left = left.saturating_sub(part.len().div_ceil(SUM_BYTES_PER_UNIT).max(1));
                        i += 1;
                    }
                    self.parts.push(self.sum.to_le_bytes().to_vec());
                    self.stage = Stage::Finished;
                    return Some(SnapshotParts(std::mem::take(&mut self.parts)));
                }
                Stage::Finished => panic!("a snapshot encoder is used once"),
            }
        }
    }
}

fn head(w: &mut Writer, state: &State) {
    w.bytes.extend_from_slice(MAGIC);
    w.var(state.now.0);
    w.var(state.seed);
    w.var(state.next_seq);
}

fn operators_and_workflows(w: &mut Writer, state: &State) {
    w.serialized(&Operators(&state.operators));

    w.var(state.workflows.len() as u64);
    for wf in &state.workflows {
        w.serialized(&DraftOut::from(&wf.draft));
        w.u8(index_of(&WorkflowStatus::ALL, &wf.status));
        w.u8(wf.unpublished_changes as u8);
        w.u8(index_of(&PHASES, &wf.phase));
        w.u8(wf.audience_enrolled as u8);
        w.var(wf.versions.len() as u64);
        for v in &wf.versions {
            w.var(v.number as u64);
            w.str(&v.hash);
            w.opt_str(v.note.as_deref());
            w.var(v.published_at.0);
            w.var(v.warnings.len() as u64);
            for warning in &v.warnings {
                w.str(warning);
            }
            w.serialized(&DraftOut::from(&v.draft));
        }
        opt_slot(w, wf.next_poll);
        opt_slot(w, wf.window_wake);
        list(w, wf.tag_queue.iter().copied(), |w, c| w.var(c.0 as u64));
        list(w, wf.blocked.iter().copied(), exec_ix);
        list(w, wf.executions.iter().copied(), exec_ix);
        for count in wf.counts {
            w.var(count as u64);
        }
        w.var(wf.edge_counts.len() as u64);
        for row in &wf.edge_counts {
            list(w, row.iter().copied(), |w, c| w.var(c));
        }
    }
}

fn execution(w: &mut Writer, e: &Execution) {
    w.var(e.wf.0 as u64);
    w.var(e.version as u64);
    w.var(e.contact.0 as u64);
    w.u8(index_of(&SOURCES, &e.source));
    w.u8(e.state.index() as u8);
    w.var(e.created_at.0);
    exec_ix(w, e.chain_root);
    w.u8(e.chain_starts);
    w.var(e.chain_instant.0);
    w.var(e.cursor.map_or(0, |s| s.0 as u64 + 1));
    w.var(e.attempt as u64);
    w.var(e.retry_count as u64);
    w.var(e.failing_since_ms);
    w.var(e.entries as u64);
    let rollback = e.rollback.get();
    list(w, e.steps.iter().enumerate(), |w, (s, run)| {
        w.var(run.attempts_total() as u64);
        w.var(rollback.compensation_attempts(StepIx(s as u16)) as u64);
        w.u8(run.status().map_or(0, |s| s as u8 + 1));
    });
    match e.wake {
        None => w.u8(0),
        Some((slot, kind)) => {
            w.u8(1);
            w.var(slot.due.0);
            w.var(slot.seq);
            encode_wake_kind(w, kind);
        }
    }
    opt_slot(w, e.timeout);
    list(w, e.done_actions.iter(), |w, s| w.var(s.0 as u64));
    list(w, rollback.plan.iter(), |w, s| w.var(s.0 as u64));
    w.var(rollback.attempt as u64);
    list(w, rollback.exhausted.iter(), |w, s| w.var(s.0 as u64));
    w.u8(e.decided as u8);
    w.u8(e.exclusive as u8);
}

fn tail(w: &mut Writer, state: &State) {
    w.var(state.shared.len() as u64);
    for s in &state.shared {
        w.var(s.wf.0 as u64);
        w.var(s.version as u64);
        w.var(s.step.0 as u64);
        opt_slot(w, s.timeout);
        list(w, s.waiting.iter().copied(), exec_ix);
        w.u8(s.outcome.map_or(0, |o| index_of(&OUTCOMES, &o) + 1));
        w.u8(s.released as u8);
        opt_slot(w, s.delivery);
    }

    let mut locks: Vec<(&ContactIx, &ContactLock)> = state.locks.iter().collect();
    locks.sort_by_key(|(c, _)| **c);
    w.var(locks.len() as u64);
    for (contact, lock) in locks {
        w.var(contact.0 as u64);
        w.var(lock.holder.map_or(0, |x| x.0 as u64 + 1));
        list(w, lock.waiters.iter().copied(), exec_ix);
    }

    let mut enrollments: Vec<(&(ContactIx, WfIx), &u32)> = state.enrollments.iter().collect();
    enrollments.sort();
    w.var(enrollments.len() as u64);
    for ((contact, wf), n) in enrollments {
        w.var(contact.0 as u64);
        w.var(wf.0 as u64);
        w.var(*n as u64);
    }

    list(
        w,
        state.edge_order.iter(),
        |w, (wf, version, from, port, to)| {
            w.var(wf.0 as u64);
            w.var(*version as u64);
            w.var(from.0 as u64);
            w.u8(index_of(&PORTS, port));
            w.var(to.0 as u64);
        },
    );
    // Only while an audience is being enrolled, so that every other
    // snapshot keeps the bytes of the format before it.
    if let Some(u) = state.audience_under_way {
        w.var(u.wf.0 as u64);
        w.var(u.next as u64);
    }
    // Only when some draft has undo or redo, for the same reason.
    history(w, state);
}

/// Opens the edit history section: a value no workflow index can be, so a
/// decoder tells it from the "audience under way" section before it.
const HISTORY_MARK: u64 = 1 << 32;

fn history(w: &mut Writer, state: &State) {
    let with: Vec<(usize, &EditHistory)> = state
        .workflows
        .iter()
        .enumerate()
        .filter(|(_, wf)| !wf.history.is_empty())
        .map(|(i, wf)| (i, &wf.history))
        .collect();
    if with.is_empty() {
        return;
    }
    w.var(HISTORY_MARK);
    w.var(with.len() as u64);
    for (wf, h) in with {
        w.var(wf as u64);
        for entries in [h.undo_entries(), h.redo_entries()] {
            w.var(entries.len() as u64);
            for t in entries {
                w.str(t.label().stored());
                w.var(t.commands().len() as u64);
                for c in t.commands() {
                    w.json(&c.to_json());
                }
            }
        }
    }
}

fn read_history(r: &mut Reader, state: &mut State) -> Result<(), CodecError> {
    let count = r.var()? as usize;
    for _ in 0..count {
        let at = r.position() + MAGIC.len();
        let wf = r.var()? as usize;
        if wf >= state.workflows.len() {
            return Err(CodecError::Malformed {
                at,
                what: "edit history",
            });
        }
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = r.var()? as usize;
            for _ in 0..n {
                let label = r.str()?.to_string();
                let n = r.var()? as usize;
                let mut commands = Vec::with_capacity(n.min(64));
                for _ in 0..n {
                    commands.push(super::events::edit_command(r)?);
                }
                list.push(Transaction::new(&label, commands));
            }
        }
        let [undo, redo] = lists;
        state.workflows[wf].history = EditHistory::from_parts(undo, redo);
    }
    Ok(())
}

pub fn decode_snapshot(bytes: &[u8]) -> Result<State, CodecError> {
    let bytes = super::unseal(bytes)?;
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(CodecError::BadHeader);
    }
    let r = &mut Reader::new(&bytes[MAGIC.len()..]);
    let (now, seed, next_seq) = (SimTime(r.var()?), r.var()?, r.var()?);
    let contacts: Vec<ContactIn> = r.deserialized("contacts")?;
    let operators: Vec<OperatorIn> = r.deserialized("operators")?;
    let mut state = State::new(Genesis {
        seed,
        contacts: contacts.into_iter().map(Into::into).collect(),
        operators: operators.into_iter().map(Into::into).collect(),
        workflows: Vec::new(),
    });
    state.now = now;
    state.next_seq = next_seq;

    let workflows = r.var()? as usize;
    for i in 0..workflows {
        let at = r.position();
        let mut wf = WorkflowState::new(draft_from(&r.json()?, at)?);
        wf.status = pick(r, &WorkflowStatus::ALL, "status")?;
        wf.unpublished_changes = flag(r)?;
        wf.phase = pick(r, &PHASES, "phase")?;
        wf.audience_enrolled = flag(r)?;
        let versions = r.var()? as usize;
        for _ in 0..versions {
            let (number, hash, note, published_at) = (
                r.var32()?,
                r.str()?.to_string(),
                r.opt_str()?.map(str::to_string),
                SimTime(r.var()?),
            );
            let warnings = read_list(r, |r| Ok(r.str()?.to_string()))?;
            let at = r.position();
            let draft = draft_from(&r.json()?, at)?;
            wf.versions.push(Arc::new(Version {
                number,
                hash,
                note,
                published_at,
                warnings,
                canonical: canonical_json(&draft.written),
                compiled: CompiledVersion::compile(&draft),
                draft,
            }));
        }
        wf.next_poll = read_opt_slot(r)?;
        wf.window_wake = read_opt_slot(r)?;
        wf.tag_queue = read_list(r, |r| Ok(ContactIx(r.var32()?)))?.into();
        wf.blocked = read_list(r, read_exec)?.into();
        wf.executions = read_list(r, read_exec)?;
        for count in wf.counts.iter_mut() {
            *count = r.var32()?;
        }
        wf.edge_counts = read_list(r, |r| read_list(r, |r| r.var()))?;
        state
            .workflow_ix
            .insert(wf.draft.id.clone(), WfIx(i as u32));
        state.workflows.push(wf);
    }

    let executions = r.var()? as usize;
    for _ in 0..executions {
        let (wf, version, contact) = (WfIx(r.var32()?), r.var32()?, ContactIx(r.var32()?));
        let source = pick(r, &SOURCES, "source")?;
        let exec_state = pick(r, &ExecState::ALL, "execution state")?;
        let created_at = SimTime(r.var()?);
        let (chain_root, chain_starts, chain_instant) = (read_exec(r)?, r.u8()?, SimTime(r.var()?));
        let cursor = match r.var16()? {
            0 => None,
            n => Some(StepIx(n - 1)),
        };
        let (attempt, retry_count, failing_since_ms, entries) =
            (r.var32()?, r.var16()?, r.var()?, r.var32()?);
        // Per step, but only up to the last step that has any: most
        // executions never compensated, and then this allocates nothing.
        let (mut compensation_attempts, mut step) = (Vec::new(), 0);
        let steps = read_list(r, |r| {
            let (attempts_total, compensations) = (r.var32()?, r.var16()?);
            if compensations > 0 {
                compensation_attempts.resize(step, 0);
                compensation_attempts.push(compensations);
            }
            step += 1;
            let at = r.position();
            let status =
                match r.u8()? {
                    0 => None,
                    n => Some(*StepStatus::ALL.get(n as usize - 1).ok_or(
                        CodecError::Malformed {
                            at,
                            what: "step status",
                        },
                    )?),
                };
            Ok(StepRun::new(status, attempts_total))
        })?;
        let wake = if flag(r)? {
            let slot = Slot {
                due: SimTime(r.var()?),
                seq: r.var()?,
            };
            Some((slot, decode_wake_kind(r)?))
        } else {
            None
        };
        let timeout = read_opt_slot(r)?;
        let step_list = |r: &mut Reader| read_list(r, |r| Ok(StepIx(r.var16()?)));
        let done_actions = step_list(r)?;
        let mut rollback = RollbackRecord::default();
        rollback.plan = step_list(r)?;
        rollback.attempt = r.var32()?;
        rollback.exhausted = step_list(r)?;
        rollback.set_compensation_attempts(compensation_attempts);
        let (decided, exclusive) = (flag(r)?, flag(r)?);
        let valid = wf.ix() < state.workflows.len()
            && (version as usize).wrapping_sub(1) < state.workflows[wf.ix()].versions.len()
            && contact.ix() < state.contacts.len();
        if !valid {
            return Err(CodecError::Malformed {
                at: r.position(),
                what: "execution reference",
            });
        }
        state.executions.push(Execution {
            wf,
            version,
            contact,
            source,
            state: exec_state,
            created_at,
            chain_root,
            chain_starts,
            chain_instant,
            cursor,
            attempt,
            retry_count,
            failing_since_ms,
            entries,
            steps: steps.into(),
            wake,
            timeout,
            done_actions: done_actions.into(),
            rollback: rollback.into(),
            decided,
            exclusive,
        });
        if source.by_execution() {
            state.started_by_executions += 1;
        }
    }

    let shared = r.var()? as usize;
    for i in 0..shared {
        let (wf, version, step) = (WfIx(r.var32()?), r.var32()?, StepIx(r.var16()?));
        let timeout = read_opt_slot(r)?;
        let waiting = read_list(r, read_exec)?;
        let at = r.position();
        let outcome = match r.u8()? {
            0 => None,
            n => Some(*OUTCOMES.get(n as usize - 1).ok_or(CodecError::Malformed {
                at,
                what: "outcome",
            })?),
        };
        let released = flag(r)?;
        let delivery = read_opt_slot(r)?;
        state.shared_by_key.insert((wf, version, step), i as u32);
        state.shared.push(SharedApproval {
            wf,
            version,
            step,
            timeout,
            waiting,
            outcome,
            released,
            delivery,
        });
    }

    let locks = r.var()? as usize;
    for _ in 0..locks {
        let contact = ContactIx(r.var32()?);
        let holder = match r.var32()? {
            0 => None,
            n => Some(ExecIx(n - 1)),
        };
        let waiters: VecDeque<ExecIx> = read_list(r, read_exec)?.into();
        state.locks.insert(contact, ContactLock { holder, waiters });
    }
    let enrollments = r.var()? as usize;
    for _ in 0..enrollments {
        let key = (ContactIx(r.var32()?), WfIx(r.var32()?));
        state.enrollments.insert(key, r.var32()?);
    }
    state.edge_order = read_list(r, |r| {
        Ok((
            WfIx(r.var32()?),
            r.var32()?,
            StepIx(r.var16()?),
            pick(r, &PORTS, "port")?,
            StepIx(r.var16()?),
        ))
    })?;
    if !r.at_end() {
        let at = r.position() + MAGIC.len();
        let first = r.var()?;
        if first != HISTORY_MARK {
            let next = r.var32()?;
            if first >= state.workflows.len() as u64 {
                return Err(CodecError::Malformed {
                    at,
                    what: "audience under way",
                });
            }
            state.audience_under_way = Some(AudienceUnderWay {
                wf: WfIx(first as u32),
                next,
            });
        }
        if first == HISTORY_MARK || !r.at_end() {
            if first != HISTORY_MARK && r.var()? != HISTORY_MARK {
                return Err(CodecError::Malformed {
                    at: r.position() + MAGIC.len(),
                    what: "edit history",
                });
            }
            read_history(r, &mut state)?;
        }
    }
    if !r.at_end() {
        return Err(CodecError::Malformed {
            at: r.position() + MAGIC.len(),
            what: "trailing bytes",
        });
    }
    Ok(state)
}
