//! The engine's state, and `apply`: the only code that changes it. Every
//! field here is a fold of the event log, so replaying a log from the same
//! genesis rebuilds an equal `State`.

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use crate::canonical::{canonical_json, content_hash};
use crate::command::DraftEdit;
use crate::edit::{EditHistory, EntryLabel};
use crate::event::{ApprovalOutcome, Event, Phase, Source, WakeKind};
use crate::ids::{ContactIx, ExecIx, StepIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::machines::step::StepStatus;
use crate::model::{Contact, ContactName, Operator, Port, Trigger, WorkflowDraft};
use crate::runtime::compiled::CompiledVersion;
use crate::time::SimTime;
use serde_json::{Map, Value};
use smallvec::SmallVec;

pub use crate::runtime::rollback_record::{RollbackRecord, RollbackSlot};
pub use crate::runtime::step_runs::{StepRun, StepRuns, INLINE_STEPS};

/// A due time and the order it was set in: timers at one instant fire in
/// the order they were set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub due: SimTime,
    pub seq: u64,
}

/// What a workspace starts from before any event: the scenario's world.
#[derive(Clone, Debug, PartialEq)]
pub struct Genesis {
    pub seed: u64,
    pub contacts: Vec<Contact>,
    pub operators: Vec<Operator>,
    pub workflows: Vec<WorkflowDraft>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub now: SimTime,
    pub seed: u64,
    /// Timer sequence numbers, so equal due times keep their setting order.
    pub next_seq: u64,
    pub workflows: Vec<WorkflowState>,
    pub contacts: Vec<Contact>,
    pub operators: Vec<Operator>,
    pub executions: Vec<Execution>,
    pub shared: Vec<SharedApproval>,
    pub shared_by_key: HashMap<(WfIx, u32, StepIx), u32>,
    /// Exclusive per-contact locks, only for contacts that ever had one.
    pub locks: HashMap<ContactIx, ContactLock>,
    /// How many executions each (contact, workflow) pair has had.
    pub enrollments: HashMap<(ContactIx, WfIx), u32>,
    pub workflow_ix: HashMap<String, WfIx>,
    pub contact_ix: HashMap<String, ContactIx>,
    /// Edges in the order of their first traversal, and how often each was taken.
    pub edge_order: Vec<EdgeKey>,
    /// Executions an `enroll` step or fail action started (derived from
    /// `executions`, so snapshots do not store it).
    pub started_by_executions: u32,
    /// An `audience` activation still enrolling its contacts, when the
    /// engine enrolls a large audience over several inputs of one instant.
    pub audience_under_way: Option<AudienceUnderWay>,
}

/// Where an `audience` activation's enrollment has got to: the workflow,
/// and the first contact not yet looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AudienceUnderWay {
    pub wf: WfIx,
    pub next: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowState {
    pub draft: WorkflowDraft,
    pub status: WorkflowStatus,
    pub versions: Vec<Arc<Version>>,
    pub unpublished_changes: bool,
    /// The phase last reported.
    pub phase: Phase,
    pub audience_enrolled: bool,
    pub next_poll: Option<Slot>,
    pub tag_queue: VecDeque<ContactIx>,
    pub window_wake: Option<Slot>,
    /// Executions in BLOCKED_WAITING, in the order they were blocked.
    pub blocked: VecDeque<ExecIx>,
    pub executions: Vec<ExecIx>,
    /// Executions of this workflow per state.
    pub counts: [u32; ExecState::COUNT],
    /// Per version, traversals of each (step, port): a port leads to one step.
    pub edge_counts: Vec<Vec<u64>>,
    /// The draft's undo and redo (gestures, whole-draft edits, restores).
    /// Publishing leaves it as it is, as the editor does.
    pub history: EditHistory,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub number: u32,
    pub hash: String,
    pub note: Option<String>,
    pub published_at: SimTime,
    pub warnings: Vec<String>,
    pub draft: WorkflowDraft,
    pub canonical: String,
    pub compiled: CompiledVersion,
}

/// An edge of a version: (workflow, version, from step, port, to step).
pub type EdgeKey = (WfIx, u32, StepIx, Port, StepIx);

/// Action steps that completed or resolved, oldest first; inside the
/// execution up to `INLINE_ACTIONS` of them.
pub type DoneActions = SmallVec<[StepIx; INLINE_ACTIONS]>;
pub const INLINE_ACTIONS: usize = 16;

/// One execution, in five cache lines. Laid out for the wake-up path: the
/// fields a wake reads and writes fill the first line, the step records
/// follow (a workflow's first ten or so share the second line), then the
/// actions done; what only timeouts, enroll chains and rollbacks use comes
/// last, the rollback's own record behind a pointer. 320 bytes keep the
/// executions of a large audience in less memory than a last-level cache
/// and glibc's largest reusable allocation (32 MiB) hold.
#[derive(Clone, Debug, PartialEq)]
#[repr(C, align(64))]
pub struct Execution {
    pub wake: Option<(Slot, WakeKind)>,
    /// End of the current step's first failed attempt since the execution
    /// entered it; `u64::MAX` for none (see `failing_since`).
    pub(crate) failing_since_ms: u64,
    pub wf: WfIx,
    pub version: u32,
    pub contact: ContactIx,
    /// The current step's attempt counter (of its current retry cycle).
    pub attempt: u32,
    /// Steps entered so far (what a wait's random duration draws on).
    pub entries: u32,
    pub cursor: Option<StepIx>,
    /// The current step's `retry` fail-action cycles so far.
    pub retry_count: u16,
    pub state: ExecState,
    /// A decision taken while paused, waiting for resume.
    pub decided: bool,
    pub steps: StepRuns,
    /// Its version's `exclusive_per_contact`.
    pub exclusive: bool,
    pub source: Source,
    pub done_actions: DoneActions,
    pub created_at: SimTime,
    pub timeout: Option<Slot>,
    /// The execution whose chain of starts this one belongs to (itself when
    /// a person or a trigger started it, or when it starts a chain later).
    pub chain_root: ExecIx,
    /// As a chain's root: how many starts its chain made at `chain_instant`.
    pub chain_starts: u8,
    pub chain_instant: SimTime,
    pub rollback: RollbackSlot,
}

impl Execution {
    pub fn failing_since(&self) -> Option<SimTime> {
        (self.failing_since_ms != u64::MAX).then_some(SimTime(self.failing_since_ms))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SharedApproval {
    pub wf: WfIx,
    pub version: u32,
    pub step: StepIx,
    pub timeout: Option<Slot>,
    pub waiting: Vec<ExecIx>,
    pub outcome: Option<ApprovalOutcome>,
    pub released: bool,
    pub delivery: Option<Slot>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ContactLock {
    pub holder: Option<ExecIx>,
    pub waiters: VecDeque<ExecIx>,
}

impl State {
    pub fn new(genesis: Genesis) -> State {
        let workflow_ix = genesis
            .workflows
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.clone(), WfIx(i as u32)))
            .collect();
        let contact_ix = genesis
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), ContactIx(i as u32)))
            .collect();
        State {
            now: SimTime::ZERO,
            seed: genesis.seed,
            next_seq: 0,
            workflows: genesis
                .workflows
                .into_iter()
                .map(WorkflowState::new)
                .collect(),
            contacts: genesis.contacts,
            operators: genesis.operators,
            executions: Vec::new(),
            shared: Vec::new(),
            shared_by_key: HashMap::default(),
            locks: HashMap::default(),
            enrollments: HashMap::default(),
            workflow_ix,
            contact_ix,
            edge_order: Vec::new(),
            started_by_executions: 0,
            audience_under_way: None,
        }
    }

    pub fn workflow(&self, wf: WfIx) -> &WorkflowState {
        &self.workflows[wf.ix()]
    }

    pub fn execution(&self, x: ExecIx) -> &Execution {
        &self.executions[x.ix()]
    }

    pub fn version_of(&self, x: ExecIx) -> &Arc<Version> {
        let e = self.execution(x);
        &self.workflow(e.wf).versions[e.version as usize - 1]
    }

    /// Room for `n` more executions, so that a large enrollment does not
    /// copy every record as the vector grows. Capacity only: no fold sees it.
    pub(crate) fn reserve_executions(&mut self, n: usize) {
        self.executions.reserve(n);
    }

    fn slot(&mut self, due: SimTime) -> Slot {
        self.next_seq += 1;
        Slot {
            due,
            seq: self.next_seq,
        }
    }

    /// Folds one event into the state. Inlined into `emit`, whose events
    /// are built in place, so each call folds to its one arm; arms of more
    /// than a few lines are methods of their own to keep that small.
    #[inline(always)]
    pub fn apply(&mut self, t: SimTime, event: &Event) {
        self.now = t;
        match event {
            Event::WorkflowStatus { wf, from, to } => {
                if (*from, *to) == (WorkflowStatus::Draft, WorkflowStatus::Active) {
                    self.note_activation(*wf);
                }
                let w = &mut self.workflows[wf.ix()];
                w.status = *to;
                if matches!(to, WorkflowStatus::Cancelled | WorkflowStatus::Archived) {
                    w.next_poll = None;
                    w.tag_queue.clear();
                }
            }
            Event::WorkflowPhase { wf, phase } => self.workflows[wf.ix()].phase = *phase,
            Event::VersionPublished(p) => self.apply_published(t, p),
            Event::DraftChanged {
                wf,
                unpublished_changes,
            } => self.workflows[wf.ix()].unpublished_changes = *unpublished_changes,
            Event::DraftEdited { wf, edit } => self.apply_draft_edit(*wf, edit),
            Event::DraftRestored { wf, version } => self.apply_draft_restore(*wf, *version),
            Event::GestureApplied { wf, gesture } => {
                let w = &mut self.workflows[wf.ix()];
                // The engine checked that the commands apply; a log that
                // says otherwise leaves the draft as it was.
                let _ = w
                    .history
                    .gesture(&mut w.draft, &gesture.label, &gesture.commands);
            }
            Event::EditUndone { wf } => {
                let w = &mut self.workflows[wf.ix()];
                let _ = w.history.undo(&mut w.draft);
            }
            Event::EditRedone { wf } => {
                let w = &mut self.workflows[wf.ix()];
                let _ = w.history.redo(&mut w.draft);
            }
            Event::WorkflowCloned { source, new_id } => self.apply_clone(*source, new_id),
            Event::WorkflowCreated { id, name } => self.apply_created(id, name),
            Event::ContactAdded(contact) => {
                self.contact_ix
                    .insert(contact.id.clone(), ContactIx(self.contacts.len() as u32));
                self.contacts.push((**contact).clone());
            }
            Event::ContactUpdated { contact, with } => {
                let c = &mut self.contacts[contact.ix()];
                c.name = with.name.clone();
                c.email = with.email.clone();
                c.phone = with.phone.clone();
                c.attributes = with.attributes.clone();
            }
            Event::OperatorAdded(operator) => self.operators.push((**operator).clone()),
            Event::OperatorUpdated { operator, with } => {
                self.operators[operator.ix()] = (**with).clone();
            }
            Event::Enrolled { .. } => self.apply_enrolled(t, event),
            Event::EnrollmentSkipped {
                workflow, contact, ..
            } => {
                if let Some(u) = self.audience_under_way.as_mut() {
                    if self.workflow_ix.get(workflow.as_ref()) == Some(&u.wf) {
                        u.next = u.next.max(contact.0 + 1);
                    }
                }
            }
            Event::ExecutionState { exec, from, to, .. } => {
                self.apply_exec_state(*exec, *from, *to)
            }
            Event::StepStatus {
                exec,
                step,
                from,
                to,
                attempt,
            } => {
                let e = &mut self.executions[exec.ix()];
                if from.is_none_or(StepStatus::is_finished) && to.in_progress() {
                    e.retry_count = 0;
                    e.failing_since_ms = u64::MAX;
                    e.entries = e.entries.saturating_add(1);
                    e.cursor = Some(*step);
                }
                if e.cursor == Some(*step) {
                    let failure = matches!(to, StepStatus::Failed)
                        || (*to == StepStatus::Pending && *from != Some(StepStatus::Pending));
                    if failure && e.failing_since_ms == u64::MAX {
                        e.failing_since_ms = t.0;
                    }
                    e.attempt = *attempt;
                }
                e.steps[step.ix()].set_status(Some(*to));
                if *to != StepStatus::AwaitingDecision {
                    e.decided = false;
                }
            }
            Event::StepAttempt { exec, step, ok, .. } => {
                // Only action steps make attempts; each success has side effects.
                let e = &mut self.executions[exec.ix()];
                e.steps[step.ix()].count_attempt();
                if *ok {
                    e.done_actions.push(*step);
                }
            }
            Event::RetryScheduled { exec, due, .. } => {
                let slot = self.slot(*due);
                self.executions[exec.ix()].wake = Some((slot, WakeKind::RetryDue));
            }
            Event::FailAction { .. } => {}
            Event::History {
                exec, retry_count, ..
            } => {
                self.executions[exec.ix()].retry_count = (*retry_count).min(u16::MAX as u32) as u16
            }
            Event::Transition {
                exec,
                from_step,
                port,
                to_step,
            } => {
                let e = &mut self.executions[exec.ix()];
                e.cursor = Some(*to_step);
                let counts = &mut self.workflows[e.wf.ix()].edge_counts[e.version as usize - 1];
                let count = &mut counts[from_step.ix() * Port::COUNT + *port as usize];
                if *count == 0 {
                    self.edge_order
                        .push((e.wf, e.version, *from_step, *port, *to_step));
                }
                *count += 1;
            }
            Event::Notification { .. } => {}
            Event::Decision { target, .. } => match target {
                crate::event::DecisionTarget::Execution(x) => {
                    self.executions[x.ix()].decided = true
                }
                crate::event::DecisionTarget::Shared(_) => {}
            },
            Event::Compensation {
                exec,
                step,
                attempt,
                ok,
            } => {
                let rollback = self.executions[exec.ix()].rollback.get_mut();
                rollback.count_compensation_attempt(*step);
                rollback.attempt = if *ok { 0 } else { attempt + 1 };
            }
            Event::CommandRejected(_) => {}
            Event::WakeSet { exec, due, kind } => {
                let slot = self.slot(*due);
                self.executions[exec.ix()].wake = Some((slot, *kind));
            }
            Event::WakeFired { exec } => self.executions[exec.ix()].wake = None,
            Event::TimeoutSet { exec, due } => {
                let slot = self.slot(*due);
                self.executions[exec.ix()].timeout = Some(slot);
            }
            Event::TimeoutFired { exec } => self.executions[exec.ix()].timeout = None,
            Event::PollScheduled { wf, due } => {
                let slot = self.slot(*due);
                self.workflows[wf.ix()].next_poll = Some(slot);
            }
            Event::PollRan { wf, drained } => {
                let w = &mut self.workflows[wf.ix()];
                w.next_poll = None;
                if *drained {
                    w.tag_queue.clear();
                }
            }
            Event::TagQueued { wf, contact } => {
                self.workflows[wf.ix()].tag_queue.push_back(*contact)
            }
            Event::WindowWakeSet { wf, due } => {
                let slot = self.slot(*due);
                self.workflows[wf.ix()].window_wake = Some(slot);
            }
            Event::WindowWakeFired { wf } => self.workflows[wf.ix()].window_wake = None,
            Event::ContactTagged { contact, tag } => {
                self.contacts[contact.ix()].tags.push(tag.to_string())
            }
            Event::ContactUntagged { contact, tag } => {
                self.contacts[contact.ix()].tags.retain(|t| **t != **tag)
            }
            Event::ContactAttributesSet {
                contact,
                attributes,
            } => self.apply_attributes(*contact, attributes),
            Event::AudienceEnrolled { wf } => {
                self.workflows[wf.ix()].audience_enrolled = true;
                self.audience_under_way = None;
            }
            Event::SharedApprovalOpened { .. } => self.apply_shared_opened(event),
            Event::SharedApprovalJoined { shared, exec } => {
                self.shared[*shared as usize].waiting.push(*exec)
            }
            Event::SharedDeliverySet { shared, outcome } => {
                let slot = self.slot(t);
                let s = &mut self.shared[*shared as usize];
                s.outcome = Some(*outcome);
                s.delivery = Some(slot);
                s.timeout = None;
            }
            Event::SharedApprovalReleased { shared, outcome } => {
                let s = &mut self.shared[*shared as usize];
                s.outcome = Some(*outcome);
                s.released = true;
                s.waiting.clear();
                s.timeout = None;
                s.delivery = None;
            }
            Event::RollbackProgress { exec, exhausted } => {
                let rollback = self.executions[exec.ix()].rollback.get_mut();
                if !rollback.plan.is_empty() {
                    let step = rollback.plan.remove(0);
                    if *exhausted {
                        rollback.exhausted.push(step);
                    }
                }
                rollback.attempt = 0;
            }
            Event::OperatorRollbackStarted { exec } => {
                let rollback = self.executions[exec.ix()].rollback.get_mut();
                rollback.plan = std::mem::take(&mut rollback.exhausted);
                rollback.attempt = 0;
            }
        }
    }

    #[inline(never)]
    fn apply_published(&mut self, t: SimTime, p: &crate::event::Published) {
        let crate::event::Published {
            wf,
            version,
            hash,
            warnings,
            note,
        } = p;
        let w = &mut self.workflows[wf.ix()];
        w.versions.push(Arc::new(Version {
            number: *version,
            hash: hash.clone(),
            note: note.clone(),
            published_at: t,
            warnings: warnings.clone(),
            canonical: canonical_json(&w.draft.written),
            compiled: CompiledVersion::compile(&w.draft),
            draft: w.draft.clone(),
        }));
        w.edge_counts
            .push(vec![0; w.draft.steps.len() * Port::COUNT]);
    }

    #[inline(never)]
    fn apply_draft_edit(&mut self, wf: WfIx, edit: &DraftEdit) {
        let w = &mut self.workflows[wf.ix()];
        w.history.record_replaced(EntryLabel::Edit, w.draft.clone());
        let d = &mut w.draft;
        if let Some(steps) = &edit.steps {
            d.steps = steps.clone();
            d.written.steps = edit.written.steps.clone();
        }
        if let Some(settings) = &edit.settings {
            d.settings = settings.clone();
            d.written.settings = edit.written.settings.clone();
        }
        if let Some(trigger) = &edit.trigger {
            d.trigger = trigger.clone();
            d.written.trigger = edit.written.trigger.clone();
        }
        if let Some(name) = &edit.name {
            d.name = name.clone();
        }
    }

    #[inline(never)]
    fn apply_draft_restore(&mut self, wf: WfIx, version: u32) {
        let w = &mut self.workflows[wf.ix()];
        w.history
            .record_replaced(EntryLabel::Restore, w.draft.clone());
        let v = &w.versions[version as usize - 1].draft;
        let (steps, settings, trigger, written) = (
            v.steps.clone(),
            v.settings.clone(),
            v.trigger.clone(),
            v.written.clone(),
        );
        w.draft.steps = steps;
        w.draft.settings = settings;
        w.draft.trigger = trigger;
        w.draft.written = written;
    }

    #[inline(never)]
    fn apply_clone(&mut self, source: WfIx, new_id: &str) {
        let mut draft = self.workflows[source.ix()].draft.clone();
        draft.id = new_id.to_string();
        draft.name = format!("{} (copy)", draft.name);
        self.workflow_ix
            .insert(new_id.to_string(), WfIx(self.workflows.len() as u32));
        self.workflows.push(WorkflowState::new(draft));
    }

    #[inline(never)]
    fn apply_created(&mut self, id: &str, name: &str) {
        self.workflow_ix
            .insert(id.to_string(), WfIx(self.workflows.len() as u32));
        self.workflows
            .push(WorkflowState::new(WorkflowDraft::empty(id, name)));
    }

    /// A first activation of a workflow whose trigger is an audience starts
    /// enrolling it.
    #[inline(never)]
    fn note_activation(&mut self, wf: WfIx) {
        let audience = self.workflows[wf.ix()]
            .current()
            .is_some_and(|v| matches!(v.compiled.trigger, Trigger::Audience { .. }));
        if audience {
            self.audience_under_way = Some(AudienceUnderWay { wf, next: 0 });
        }
    }

    #[inline(never)]
    fn apply_enrolled(&mut self, t: SimTime, event: &Event) {
        let Event::Enrolled {
            exec,
            wf,
            version,
            contact,
            source,
            root,
            chain,
        } = event
        else {
            unreachable!("an enrollment")
        };
        if *source == Source::Audience {
            if let Some(u) = self.audience_under_way.as_mut().filter(|u| u.wf == *wf) {
                u.next = contact.0 + 1;
            }
        }
        if let Some(root) = root {
            let r = &mut self.executions[root.ix()];
            r.chain_starts = *chain;
            r.chain_instant = t;
        }
        debug_assert_eq!(exec.ix(), self.executions.len());
        let compiled = &self.workflows[wf.ix()].versions[*version as usize - 1].compiled;
        let (steps, exclusive, actions) = (
            compiled.steps.len(),
            compiled.settings.exclusive_per_contact,
            compiled.actions,
        );
        self.executions.push(Execution {
            wf: *wf,
            version: *version,
            contact: *contact,
            source: *source,
            state: ExecState::New,
            created_at: t,
            chain_root: root.unwrap_or(*exec),
            chain_starts: 0,
            chain_instant: t,
            cursor: None,
            attempt: 0,
            retry_count: 0,
            failing_since_ms: u64::MAX,
            entries: 0,
            steps: StepRuns::new(steps),
            wake: None,
            timeout: None,
            done_actions: SmallVec::with_capacity(actions),
            rollback: RollbackSlot::default(),
            decided: false,
            exclusive,
        });
        self.workflows[wf.ix()].executions.push(*exec);
        *self.enrollments.entry((*contact, *wf)).or_insert(0) += 1;
        if source.by_execution() {
            self.started_by_executions += 1;
        }
    }

    #[inline(never)]
    fn apply_attributes(&mut self, contact: ContactIx, attributes: &Map<String, Value>) {
        let c = &mut self.contacts[contact.ix()];
        for (k, v) in attributes.iter() {
            match k.as_str() {
                "name" => c.name = ContactName::from_value(v),
                "email" => c.email = v.as_str().map(str::to_string),
                "phone" => c.phone = v.as_str().map(str::to_string),
                _ => {
                    c.attributes.insert(k.clone(), v.clone());
                }
            }
        }
    }

    #[inline(never)]
    fn apply_shared_opened(&mut self, event: &Event) {
        let Event::SharedApprovalOpened {
            wf,
            version,
            step,
            timeout_due,
        } = event
        else {
            unreachable!("a shared approval opening")
        };
        let index = self.shared.len() as u32;
        let timeout = timeout_due.map(|due| self.slot(due));
        self.shared.push(SharedApproval {
            wf: *wf,
            version: *version,
            step: *step,
            timeout,
            waiting: Vec::new(),
            outcome: None,
            released: false,
            delivery: None,
        });
        self.shared_by_key.insert((*wf, *version, *step), index);
    }

    #[inline(never)]
    fn apply_exec_state(&mut self, x: ExecIx, from: Option<ExecState>, to: ExecState) {
        let (wf, contact, exclusive) = {
            let e = &self.executions[x.ix()];
            (e.wf, e.contact, e.exclusive)
        };
        let w = &mut self.workflows[wf.ix()];
        if let Some(from) = from {
            w.counts[from.index()] -= 1;
        }
        w.counts[to.index()] += 1;
        if from == Some(ExecState::BlockedWaiting) {
            w.blocked.retain(|b| *b != x);
        }
        if to == ExecState::BlockedWaiting {
            w.blocked.push_back(x);
        }
        if exclusive {
            let lock = self.locks.entry(contact).or_default();
            if to == ExecState::Locked {
                lock.holder = Some(x);
                lock.waiters.retain(|w| *w != x);
            } else if from.is_some_and(ExecState::holds_lock)
                && !to.holds_lock()
                && lock.holder == Some(x)
            {
                lock.holder = None;
            }
            if from == Some(ExecState::Locking)
                && to == ExecState::Scheduled
                && !lock.waiters.contains(&x)
            {
                lock.waiters.push_back(x);
            }
            if to.is_terminal() {
                lock.waiters.retain(|w| *w != x);
            }
        }
        let e = &mut self.executions[x.ix()];
        e.state = to;
        match to {
            ExecState::Running => {
                e.cursor = None;
            }
            ExecState::Rollback => {
                let plan = e.done_actions.iter().rev().copied().collect();
                let rollback = e.rollback.get_mut();
                rollback.plan = plan;
                rollback.attempt = 0;
            }
            _ => {}
        }
        if from == Some(ExecState::Running) {
            // A step's wake-up means nothing once the execution leaves RUNNING.
            e.timeout = None;
            e.wake = None;
        }
        if to.is_terminal() {
            e.wake = None;
            e.timeout = None;
        }
    }
}

impl WorkflowState {
    pub fn new(draft: WorkflowDraft) -> WorkflowState {
        WorkflowState {
            draft,
            status: WorkflowStatus::Draft,
            versions: Vec::new(),
            unpublished_changes: true,
            phase: Phase::Editing,
            audience_enrolled: false,
            next_poll: None,
            tag_queue: VecDeque::new(),
            window_wake: None,
            blocked: VecDeque::new(),
            executions: Vec::new(),
            counts: [0; ExecState::COUNT],
            edge_counts: Vec::new(),
            history: EditHistory::default(),
        }
    }

    /// What Undo would undo in this workflow's draft.
    pub fn undo_label(&self) -> Option<&EntryLabel> {
        self.history.undo_label()
    }

    /// What Redo would redo in this workflow's draft.
    pub fn redo_label(&self) -> Option<&EntryLabel> {
        self.history.redo_label()
    }

    pub fn current(&self) -> Option<&Arc<Version>> {
        self.versions.last()
    }

    pub fn non_terminal(&self) -> u64 {
        ExecState::ALL
            .iter()
            .filter(|s| !s.is_terminal())
            .map(|s| self.counts[s.index()] as u64)
            .sum()
    }

    pub fn holding_slots(&self) -> u64 {
        ExecState::ALL
            .iter()
            .filter(|s| s.holds_slot())
            .map(|s| self.counts[s.index()] as u64)
            .sum()
    }

    /// The draft's canonical form differs from the current version's.
    pub fn draft_differs(&self) -> bool {
        match self.current() {
            None => true,
            Some(v) => canonical_json(&self.draft.written) != v.canonical,
        }
    }

    /// How often executions of `version` left `from` by `port`.
    pub fn edge_count(&self, version: u32, from: StepIx, port: Port) -> u64 {
        self.edge_counts
            .get(version as usize - 1)
            .map_or(0, |c| c[from.ix() * Port::COUNT + port as usize])
    }

    pub fn draft_hash(&self) -> String {
        content_hash(&self.draft.written)
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use std::mem::offset_of;

    #[test]
    fn an_execution_is_five_cache_lines_with_its_step_records_in_the_second() {
        assert_eq!(size_of::<Execution>(), 320);
        assert_eq!(offset_of!(Execution, steps), 64);
        assert!(offset_of!(Execution, decided) < 64);
        assert!(offset_of!(Execution, done_actions) >= 128);
    }
}
