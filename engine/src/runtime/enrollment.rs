//! Creating executions: manual enrollment, triggers (`tag_added` polls and
//! the one-shot `audience`), and starts by another execution.

use crate::event::{Event, SkipReason, Source};
use crate::ids::{ContactIx, ExecIx, WfIx};
use crate::machines::definition::WorkflowStatus;
use crate::machines::execution::ExecState;
use crate::model::Trigger;
use crate::runtime::engine::{Engine, Result, Work};

use crate::limits::{MAX_CHAIN, MAX_STARTS_BY_EXECUTIONS};

impl Engine {
    /// A new execution of the workflow's current version, `NEW`.
    pub(crate) fn create_execution(
        &mut self,
        wf: WfIx,
        contact: ContactIx,
        source: Source,
        chain: Option<(ExecIx, u8)>,
    ) -> ExecIx {
        let exec = ExecIx(self.state.executions.len() as u32);
        let version = self.state.workflow(wf).versions.len() as u32;
        let (root, chain) = chain.map_or((None, 0), |(root, n)| (Some(root), n));
        self.emit(Event::Enrolled {
            exec,
            wf,
            version,
            contact,
            source,
            root,
            chain,
        });
        self.emit(Event::ExecutionState {
            exec,
            from: None,
            to: ExecState::New,
            reason: None,
        });
        self.refresh_phase(wf);
        exec
    }

    /// Creates an execution and advances it before anything else happens.
    pub(crate) fn enroll_now(
        &mut self,
        wf: WfIx,
        contact: ContactIx,
        source: Source,
    ) -> Result<()> {
        let x = self.create_execution(wf, contact, source, None);
        self.advance(x)?;
        self.settle()
    }

    /// A trigger enrolls a contact unless re-enrollment forbids it.
    fn trigger_enroll(&mut self, wf: WfIx, contact: ContactIx, source: Source) -> Result<()> {
        let allow = self
            .state
            .workflow(wf)
            .current()
            .is_some_and(|v| v.compiled.settings.allow_reenrollment);
        if !allow
            && self
                .state
                .enrollments
                .get(&(contact, wf))
                .copied()
                .unwrap_or(0)
                > 0
        {
            let workflow = self.state.workflow(wf).draft.id.as_str().into();
            self.emit(Event::EnrollmentSkipped {
                workflow,
                contact,
                reason: SkipReason::AlreadyEnrolled,
            });
            return Ok(());
        }
        self.enroll_now(wf, contact, source)
    }

    /// An `enroll` step or `enroll_workflow` fail action of `parent` starts
    /// `workflow` for the same contact; it advances after `parent` stops.
    pub(crate) fn start_from(&mut self, parent: ExecIx, workflow: &str, source: Source) {
        let contact = self.state.execution(parent).contact;
        let skip = |reason| Event::EnrollmentSkipped {
            workflow: workflow.into(),
            contact,
            reason,
        };
        let Some(&wf) = self.state.workflow_ix.get(workflow) else {
            self.emit(skip(SkipReason::NoSuchWorkflow));
            return;
        };
        let status = self.state.workflow(wf).status;
        if status != WorkflowStatus::Active {
            self.emit(skip(SkipReason::NotActive(status)));
            return;
        }
        let p = self.state.execution(parent);
        let root = if p.created_at == self.now {
            p.chain_root
        } else {
            parent
        };
        let r = self.state.execution(root);
        let made = if r.chain_instant == self.now {
            r.chain_starts
        } else {
            0
        };
        if made >= MAX_CHAIN {
            self.emit(skip(SkipReason::EnrollLoop));
            return;
        }
        if self.state.started_by_executions as usize >= MAX_STARTS_BY_EXECUTIONS {
            self.emit(skip(SkipReason::ExecutionLimit));
            return;
        }
        let x = self.create_execution(wf, contact, source, Some((root, made + 1)));
        self.queue(Work::Advance(x));
    }

    /// First activation: a `tag_added` trigger starts polling, an `audience`
    /// enrolls every matching contact in contact order.
    pub(crate) fn start_trigger(&mut self, wf: WfIx) -> Result<()> {
        let Some(version) = self.state.workflow(wf).current().cloned() else {
            return Ok(());
        };
        match &version.compiled.trigger {
            Trigger::Manual => {}
            Trigger::TagAdded { poll, .. } => self.emit(Event::PollScheduled {
                wf,
                due: self.now.plus(*poll),
            }),
            Trigger::Audience { filter } => {
                let matching = self
                    .state
                    .contacts
                    .iter()
                    .filter(|c| filter.matches(c))
                    .count();
                self.state.reserve_executions(matching);
                // The activation's event started it (`State::apply`).
                self.enroll_audience(self.audience_per_input)?;
            }
        }
        Ok(())
    }

    /// Enrolls the audience under way, if any, in contact order: at most
    /// `budget` contacts (all with `None`), ending with `AudienceEnrolled`
    /// once the last is. Nothing else may happen between two calls: the
    /// contacts and the version must be those of the activation.
    pub(crate) fn enroll_audience(&mut self, budget: Option<usize>) -> Result<()> {
        let Some(under_way) = self.state.audience_under_way else {
            return Ok(());
        };
        let wf = under_way.wf;
        let version = self.state.workflow(wf).current().cloned();
        let filter = version.as_ref().and_then(|v| match &v.compiled.trigger {
            Trigger::Audience { filter } => Some(filter),
            _ => None,
        });
        let mut left = budget.unwrap_or(usize::MAX);
        let mut i = under_way.next as usize;
        while let (Some(filter), Some(contact)) = (filter, self.state.contacts.get(i)) {
            if left == 0 {
                return Ok(());
            }
            if filter.matches(contact) {
                self.trigger_enroll(wf, ContactIx(i as u32), Source::Audience)?;
                left -= 1;
            }
            i += 1;
        }
        self.emit(Event::AudienceEnrolled { wf });
        self.refresh_phase(wf);
        Ok(())
    }

    /// A `tag_added` poll: drains the queue while active; does nothing while
    /// paused (the queue waits); keeps its schedule either way.
    pub(crate) fn on_poll(&mut self, wf: WfIx) -> Result<()> {
        let w = self.state.workflow(wf);
        let status = w.status;
        let queue: Vec<ContactIx> = w.tag_queue.iter().copied().collect();
        let poll = match w.current().map(|v| &v.compiled.trigger) {
            Some(Trigger::TagAdded { poll, .. }) => *poll,
            _ => Trigger::DEFAULT_POLL,
        };
        let active = status == WorkflowStatus::Active;
        self.emit(Event::PollRan {
            wf,
            drained: active,
        });
        if active {
            for contact in queue {
                self.trigger_enroll(wf, contact, Source::Trigger)?;
            }
        }
        if matches!(
            self.state.workflow(wf).status,
            WorkflowStatus::Active | WorkflowStatus::Paused
        ) {
            self.emit(Event::PollScheduled {
                wf,
                due: self.now.plus(poll),
            });
        }
        Ok(())
    }

    /// A tag added to a contact is queued for every live `tag_added` trigger on it.
    pub(crate) fn queue_tag_addition(&mut self, contact: ContactIx, tag: &str) {
        let listening: Vec<WfIx> = (0..self.state.workflows.len())
            .map(|i| WfIx(i as u32))
            .filter(|&wf| {
                let w = self.state.workflow(wf);
                matches!(w.status, WorkflowStatus::Active | WorkflowStatus::Paused)
                    && w.current().is_some_and(|v| matches!(&v.compiled.trigger, Trigger::TagAdded { tag: t, .. } if t == tag))
            })
            .collect();
        for wf in listening {
            self.emit(Event::TagQueued { wf, contact });
        }
    }
}
