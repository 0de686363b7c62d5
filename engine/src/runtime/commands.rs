//! What each command does, or why it is refused.

use crate::command::Command;
use crate::edit::{check_gesture, EditCommand};
use crate::event::{Event, Gesture, Reason, Source};
use crate::ids::{ContactIx, ExecIx, OperatorIx, WfIx};
use crate::machines::definition::{self, DefinitionInput, Facts, WorkflowStatus};
use crate::machines::execution::{ExecInput, ExecState};
use crate::model::{operator_problems, OperatorProblem};
use crate::runtime::engine::{Engine, Outcome, Result, Work};
use crate::validate::{validate, ValidationContext};

impl Engine {
    pub(crate) fn dispatch(&mut self, command: &Command) -> Result<Outcome> {
        match command {
            Command::Publish { workflow, note } => {
                Ok(self.publish(command, workflow, note.clone()))
            }
            Command::Activate { workflow } => {
                self.lifecycle(command, workflow, DefinitionInput::Activate)
            }
            Command::Pause { workflow } => {
                self.lifecycle(command, workflow, DefinitionInput::Pause)
            }
            Command::Resume { workflow } => {
                self.lifecycle(command, workflow, DefinitionInput::Resume)
            }
            Command::Cancel { workflow } => {
                self.lifecycle(command, workflow, DefinitionInput::Cancel)
            }
            Command::Archive { workflow } => {
                self.lifecycle(command, workflow, DefinitionInput::Archive)
            }
            Command::Edit { workflow, edit } => {
                let wf = match self.editable(command, workflow) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                self.emit(Event::DraftEdited {
                    wf,
                    edit: edit.clone(),
                });
                self.report_draft_change(wf);
                Ok(Outcome::Accepted)
            }
            Command::Restore { workflow, version } => {
                let wf = match self.editable(command, workflow) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                let count = self.state.workflow(wf).versions.len() as u32;
                if *version == 0 || *version > count {
                    return Ok(self.reject(
                        command,
                        format!("`{workflow}` has no version {version} (it has {count})"),
                    ));
                }
                self.emit(Event::DraftRestored {
                    wf,
                    version: *version,
                });
                self.report_draft_change(wf);
                Ok(Outcome::Accepted)
            }
            Command::Gesture {
                workflow,
                label,
                commands,
            } => Ok(self.gesture(command, workflow, label, commands)),
            Command::Undo { workflow } => Ok(self.undo_redo(command, workflow, true)),
            Command::Redo { workflow } => Ok(self.undo_redo(command, workflow, false)),
            Command::Clone { workflow, new_id } => {
                let Some(&source) = self.state.workflow_ix.get(workflow) else {
                    return Ok(self.reject(command, format!("no workflow `{workflow}`")));
                };
                if new_id.trim().is_empty() {
                    return Ok(self.reject(command, "the new workflow needs an id"));
                }
                if self.state.workflow_ix.contains_key(new_id) {
                    return Ok(
                        self.reject(command, format!("a workflow `{new_id}` already exists"))
                    );
                }
                self.emit(Event::WorkflowCloned {
                    source,
                    new_id: new_id.as_str().into(),
                });
                Ok(Outcome::Accepted)
            }
            Command::Create { workflow, name } => {
                if workflow.trim().is_empty() {
                    return Ok(self.reject(command, "the new workflow needs an id"));
                }
                if self.state.workflow_ix.contains_key(workflow) {
                    return Ok(
                        self.reject(command, format!("a workflow `{workflow}` already exists"))
                    );
                }
                self.emit(Event::WorkflowCreated {
                    id: workflow.as_str().into(),
                    name: name.as_str().into(),
                });
                Ok(Outcome::Accepted)
            }
            Command::AddContact { contact } => {
                if contact.id.trim().is_empty() {
                    return Ok(self.reject(command, "the new contact needs an id"));
                }
                if self.state.contact_ix.contains_key(&contact.id) {
                    return Ok(self.reject(
                        command,
                        format!("a contact `{}` already exists", contact.id),
                    ));
                }
                self.emit(Event::ContactAdded(Box::new(contact.clone())));
                Ok(Outcome::Accepted)
            }
            Command::UpdateContact { contact } => {
                let Some(&ix) = self.state.contact_ix.get(&contact.id) else {
                    return Ok(self.reject(command, format!("no contact `{}`", contact.id)));
                };
                self.emit(Event::ContactUpdated {
                    contact: ix,
                    with: Box::new(contact.clone()),
                });
                Ok(Outcome::Accepted)
            }
            Command::AddOperator { operator } => {
                let mut problems = operator_problems(operator);
                if self.state.operators.iter().any(|o| o.id == operator.id) {
                    problems.insert(0, OperatorProblem::AlreadyExists(operator.id.clone()));
                }
                if !problems.is_empty() {
                    return Ok(self.reject(command, joined(&problems)));
                }
                self.emit(Event::OperatorAdded(Box::new(operator.clone())));
                Ok(Outcome::Accepted)
            }
            // Only what comes after changes: notifications already sent stay,
            // and `decide` judges membership on the groups at decision time.
            Command::UpdateOperator { operator } => {
                let Some(ix) = self
                    .state
                    .operators
                    .iter()
                    .position(|o| o.id == operator.id)
                else {
                    let missing = OperatorProblem::NoSuchOperator(operator.id.clone());
                    return Ok(self.reject(command, missing.to_string()));
                };
                let problems = operator_problems(operator);
                if !problems.is_empty() {
                    return Ok(self.reject(command, joined(&problems)));
                }
                self.emit(Event::OperatorUpdated {
                    operator: OperatorIx(ix as u32),
                    with: Box::new(operator.clone()),
                });
                Ok(Outcome::Accepted)
            }
            Command::Enroll { workflow, contacts } => self.enroll(command, workflow, contacts),
            Command::Tag { contact, tag } => {
                let c = match self.contact(command, contact) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                if !self.state.contacts[c.ix()].tags.iter().any(|t| t == tag) {
                    self.emit(Event::ContactTagged {
                        contact: c,
                        tag: tag.as_str().into(),
                    });
                    self.queue_tag_addition(c, tag);
                }
                Ok(Outcome::Accepted)
            }
            Command::Untag { contact, tag } => {
                let c = match self.contact(command, contact) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                if self.state.contacts[c.ix()].tags.iter().any(|t| t == tag) {
                    self.emit(Event::ContactUntagged {
                        contact: c,
                        tag: tag.as_str().into(),
                    });
                }
                Ok(Outcome::Accepted)
            }
            Command::Set {
                contact,
                attributes,
            } => {
                let c = match self.contact(command, contact) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                self.emit(Event::ContactAttributesSet {
                    contact: c,
                    attributes: Box::new(attributes.clone()),
                });
                Ok(Outcome::Accepted)
            }
            Command::Decide {
                target,
                operator,
                decision,
            } => self.decide(command, target, operator, *decision),
            Command::Stop { execution } => {
                let x = match self.execution_named(command, execution) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                let state = self.state.execution(x).state;
                if state.is_terminal() {
                    return Ok(
                        self.reject(command, format!("{execution} has already ended ({state})"))
                    );
                }
                self.cancel_execution(x, Reason::StoppedByOperator)?;
                Ok(Outcome::Accepted)
            }
            Command::Rollback { execution } => {
                let x = match self.execution_named(command, execution) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                let e = self.state.execution(x);
                if e.state != ExecState::FailedUnsafe {
                    let state = e.state;
                    return Ok(self.reject(
                        command,
                        format!("{execution} is {state}: only FAILED_UNSAFE can be rolled back"),
                    ));
                }
                if !e.rollback.get().plan.is_empty() {
                    return Ok(self.reject(
                        command,
                        format!("a rollback of {execution} is already running"),
                    ));
                }
                if e.rollback.get().exhausted.is_empty() {
                    return Ok(self.reject(
                        command,
                        format!("{execution} has no exhausted compensation to run again"),
                    ));
                }
                self.emit(Event::OperatorRollbackStarted { exec: x });
                self.run_rollback(x)?;
                self.advance(x)?;
                Ok(Outcome::Accepted)
            }
            Command::Ack { execution } => {
                let x = match self.execution_named(command, execution) {
                    Ok(found) => found,
                    Err(refused) => return Ok(refused),
                };
                let state = self.state.execution(x).state;
                if state.is_acknowledged() {
                    return Ok(self.reject(
                        command,
                        format!("{execution} is already acknowledged ({state})"),
                    ));
                }
                if !state.is_terminal() {
                    return Ok(self.reject(
                        command,
                        format!(
                            "{execution} is {state}: only an ended execution can be acknowledged"
                        ),
                    ));
                }
                self.move_exec(x, ExecInput::Ack, None)?;
                Ok(Outcome::Accepted)
            }
        }
    }

    /// Lookups that refuse the command (as a `command_rejected` event) when
    /// what it names does not exist; the refusal is the `Err`.
    fn workflow(&mut self, command: &Command, id: &str) -> std::result::Result<WfIx, Outcome> {
        match self.state.workflow_ix.get(id).copied() {
            Some(wf) => Ok(wf),
            None => Err(self.reject(command, format!("no workflow `{id}`"))),
        }
    }

    fn editable(&mut self, command: &Command, id: &str) -> std::result::Result<WfIx, Outcome> {
        let wf = self.workflow(command, id)?;
        if !self.state.workflow(wf).status.accepts_edits() {
            let reason = format!("`{id}` is archived: it is read-only (clone it to change it)");
            return Err(self.reject(command, reason));
        }
        Ok(wf)
    }

    fn contact(&mut self, command: &Command, id: &str) -> std::result::Result<ContactIx, Outcome> {
        match self.state.contact_ix.get(id).copied() {
            Some(c) => Ok(c),
            None => Err(self.reject(command, format!("no contact `{id}`"))),
        }
    }

    pub(crate) fn find_execution(&self, name: &str) -> Option<ExecIx> {
        ExecIx::parse(name).filter(|x| x.ix() < self.state.executions.len())
    }

    fn execution_named(
        &mut self,
        command: &Command,
        name: &str,
    ) -> std::result::Result<ExecIx, Outcome> {
        match self.find_execution(name) {
            Some(x) => Ok(x),
            None => Err(self.reject(command, format!("no execution `{name}`"))),
        }
    }

    fn gesture(
        &mut self,
        command: &Command,
        workflow: &str,
        label: &str,
        commands: &[EditCommand],
    ) -> Outcome {
        let wf = match self.editable(command, workflow) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        if commands.is_empty() {
            return self.reject(command, "the gesture has no commands");
        }
        if let Err((i, e)) = check_gesture(&self.state.workflow(wf).draft, commands) {
            let reason = format!(
                "edit {} of {} (`{}`) does not apply: {e}",
                i + 1,
                commands.len(),
                commands[i].op()
            );
            return self.reject(command, reason);
        }
        self.emit(Event::GestureApplied {
            wf,
            gesture: Box::new(Gesture {
                label: label.to_string(),
                commands: commands.to_vec(),
            }),
        });
        self.report_draft_change(wf);
        Outcome::Accepted
    }

    fn undo_redo(&mut self, command: &Command, workflow: &str, undo: bool) -> Outcome {
        let wf = match self.editable(command, workflow) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let w = self.state.workflow(wf);
        let (possible, check) = if undo {
            (w.history.can_undo(), w.history.check_undo(&w.draft))
        } else {
            (w.history.can_redo(), w.history.check_redo(&w.draft))
        };
        let what = if undo { "undo" } else { "redo" };
        if !possible {
            return self.reject(command, format!("nothing to {what} in `{workflow}`"));
        }
        if let Err(e) = check {
            return self.reject(command, format!("cannot {what} in `{workflow}`: {e}"));
        }
        self.emit(if undo {
            Event::EditUndone { wf }
        } else {
            Event::EditRedone { wf }
        });
        self.report_draft_change(wf);
        Outcome::Accepted
    }

    fn report_draft_change(&mut self, wf: WfIx) {
        let w = self.state.workflow(wf);
        let differs = w.draft_differs();
        if differs != w.unpublished_changes {
            self.emit(Event::DraftChanged {
                wf,
                unpublished_changes: differs,
            });
        }
    }

    fn publish(&mut self, command: &Command, id: &str, note: Option<String>) -> Outcome {
        let wf = match self.workflow(command, id) {
            Ok(found) => found,
            Err(refused) => return refused,
        };
        let w = self.state.workflow(wf);
        if !w.status.accepts_publish() {
            let status = w.status;
            return self.reject(
                command,
                format!("cannot publish a workflow that is {status}"),
            );
        }
        let ids: Vec<&str> = self
            .state
            .workflows
            .iter()
            .map(|w| w.draft.id.as_str())
            .collect();
        let report = validate(
            &w.draft,
            &ValidationContext {
                workflow_ids: &ids,
                operators: &self.state.operators,
            },
        );
        if !report.errors.is_empty() {
            let list: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
            return self.reject(
                command,
                format!("the draft has {} error(s): {}", list.len(), list.join("; ")),
            );
        }
        if let Some(current) = w.current() {
            if !w.draft_differs() {
                let n = current.number;
                return self.reject(command, format!("no changes since version {n}"));
            }
        }
        let version = w.versions.len() as u32 + 1;
        let hash = w.draft_hash();
        let warnings = report.warnings.iter().map(|w| w.to_string()).collect();
        let was_unpublished = w.unpublished_changes;
        self.emit(Event::VersionPublished(Box::new(crate::event::Published {
            wf,
            version,
            hash,
            warnings,
            note,
        })));
        if was_unpublished {
            self.emit(Event::DraftChanged {
                wf,
                unpublished_changes: false,
            });
        }
        Outcome::Accepted
    }

    fn lifecycle(
        &mut self,
        command: &Command,
        id: &str,
        input: DefinitionInput,
    ) -> Result<Outcome> {
        let wf = match self.workflow(command, id) {
            Ok(found) => found,
            Err(refused) => return Ok(refused),
        };
        let w = self.state.workflow(wf);
        let facts = Facts {
            has_version: !w.versions.is_empty(),
            non_terminal_executions: w.non_terminal(),
        };
        let from = w.status;
        let to = match definition::transition(from, input, facts) {
            Ok(to) => to,
            Err(refusal) => return Ok(self.reject(command, refusal.to_string())),
        };
        self.emit(Event::WorkflowStatus { wf, from, to });
        self.refresh_phase(wf);
        match input {
            DefinitionInput::Activate => self.start_trigger(wf)?,
            DefinitionInput::Resume => self.resume(wf)?,
            DefinitionInput::Cancel => {
                let live: Vec<ExecIx> = self.state.workflow(wf).executions.clone();
                for x in live {
                    if !self.state.execution(x).state.is_terminal() {
                        self.cancel_execution(x, Reason::WorkflowCancelled)?;
                        self.settle()?;
                    }
                }
                self.refresh_phase(wf);
            }
            DefinitionInput::Pause | DefinitionInput::Archive => {}
        }
        Ok(Outcome::Accepted)
    }

    /// At a resume: the timers that fell due during the pause, in their
    /// order; executions a freed lock was waiting for; then the blocked ones.
    fn resume(&mut self, wf: WfIx) -> Result<()> {
        self.fire_parked(wf)?;
        let waiting: Vec<ExecIx> = self
            .state
            .workflow(wf)
            .executions
            .iter()
            .copied()
            .filter(|x| self.state.execution(*x).state == ExecState::Scheduled)
            .collect();
        for x in waiting {
            self.queue(Work::Advance(x));
        }
        self.settle()?;
        self.queue(Work::RecheckBlocked(wf));
        self.settle()
    }

    fn enroll(&mut self, command: &Command, id: &str, contacts: &[String]) -> Result<Outcome> {
        let wf = match self.workflow(command, id) {
            Ok(found) => found,
            Err(refused) => return Ok(refused),
        };
        let mut found = Vec::with_capacity(contacts.len());
        for name in contacts {
            match self.state.contact_ix.get(name) {
                Some(&c) => found.push(c),
                None => {
                    return Ok(self.reject(
                        command,
                        format!("no contact `{name}`: nothing was enrolled"),
                    ))
                }
            }
        }
        let status = self.state.workflow(wf).status;
        if !matches!(status, WorkflowStatus::Active | WorkflowStatus::Paused) {
            return Ok(self.reject(
                command,
                format!("`{id}` is {status}: it takes no enrollments"),
            ));
        }
        for contact in found {
            self.enroll_now(wf, contact, Source::Manual)?;
        }
        Ok(Outcome::Accepted)
    }

    pub(crate) fn cancel_execution(&mut self, x: ExecIx, reason: Reason) -> Result<()> {
        self.cancel_current_step(x)?;
        self.move_exec(x, ExecInput::Cancel, Some(reason))?;
        self.advance(x)
    }
}

fn joined(problems: &[OperatorProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
