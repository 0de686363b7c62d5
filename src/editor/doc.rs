//! One open workflow in the editor: the working copy of its draft, its
//! undo history, and the clipboard. Every gesture on the canvas or in the
//! inspector is a method here that turns into engine `EditCommand`s run as
//! one undo entry; the screen then hands the engine the gesture itself, or
//! the undo or redo ([`Doc::take_outbox`]), and the engine logs it and keeps
//! the same history, so that it survives a reload. Plain Rust, tested
//! natively.

use std::collections::{HashMap, HashSet};

use flowlab_engine::command::Command;
use flowlab_engine::edit::{map_links, EditCommand, EditError, EditHistory, EntryLabel, Port};
use flowlab_engine::model::{
    ActionKind, ActionStep, DurationSpec, Next, Pos, Settings, Step, StepBody, StepKind, Trigger,
    WaitStep, WorkflowDraft,
};
use flowlab_engine::time::HOUR;

use super::geometry::{snap_point, Point, GRID, NODE_H};
use super::graph::{edges, Edge};
use super::layout::layered;
use super::summary::kind_label;
use crate::i18n::{plural, tr};
use crate::t;

#[derive(Clone, Debug)]
pub struct Doc {
    draft: WorkflowDraft,
    history: EditHistory,
    /// What the engine has not been told yet, in order.
    outbox: Vec<Sent>,
    /// Copied steps, their links already limited to the copied set.
    clipboard: Vec<Step>,
    pastes: u32,
}

/// What a gesture, an undo or a redo tells the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    Gesture {
        label: String,
        commands: Vec<EditCommand>,
    },
    Undo,
    Redo,
}

impl Sent {
    pub fn command(self, workflow: String) -> Command {
        match self {
            Sent::Gesture { label, commands } => Command::Gesture {
                workflow,
                label,
                commands,
            },
            Sent::Undo => Command::Undo { workflow },
            Sent::Redo => Command::Redo { workflow },
        }
    }
}

/// A history entry's label as shown: a gesture's label was written in the
/// page's language and shows as given; whole-draft edits and restores are
/// named here.
pub fn history_label(label: &EntryLabel) -> String {
    match label {
        EntryLabel::Gesture(text) => text.clone(),
        EntryLabel::Edit => tr("Edit").into(),
        EntryLabel::Restore => tr("Restore").into(),
    }
}

impl PartialEq for Doc {
    /// Two docs are equal when their drafts and histories are: enough for
    /// views to know whether to redraw.
    fn eq(&self, other: &Doc) -> bool {
        self.draft == other.draft && self.history == other.history
    }
}

impl Doc {
    pub fn new(draft: WorkflowDraft) -> Doc {
        Doc::opened(draft, EditHistory::default())
    }

    /// A workflow as the engine holds it: its draft and undo history.
    pub fn opened(draft: WorkflowDraft, history: EditHistory) -> Doc {
        Doc {
            draft,
            history,
            outbox: Vec::new(),
            clipboard: Vec::new(),
            pastes: 0,
        }
    }

    pub fn draft(&self) -> &WorkflowDraft {
        &self.draft
    }

    /// Runs `commands` as one undo entry. A refused command undoes the
    /// ones before it and nothing is recorded. `Ok(false)` when there was
    /// nothing to do.
    pub fn gesture(&mut self, label: &str, commands: Vec<EditCommand>) -> Result<bool, EditError> {
        if commands.is_empty() {
            return Ok(false);
        }
        self.history
            .gesture(&mut self.draft, label, &commands)
            .map_err(|(_, e)| e)?;
        self.outbox.push(Sent::Gesture {
            label: label.into(),
            commands,
        });
        Ok(true)
    }

    pub fn undo(&mut self) -> Result<Option<EntryLabel>, EditError> {
        let label = self.history.undo(&mut self.draft)?;
        if label.is_some() {
            self.outbox.push(Sent::Undo);
        }
        Ok(label)
    }

    pub fn redo(&mut self) -> Result<Option<EntryLabel>, EditError> {
        let label = self.history.redo(&mut self.draft)?;
        if label.is_some() {
            self.outbox.push(Sent::Redo);
        }
        Ok(label)
    }

    pub fn undo_label(&self) -> Option<&EntryLabel> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&EntryLabel> {
        self.history.redo_label()
    }

    /// What the engine is to be told, in order; the outbox is then empty.
    pub fn take_outbox(&mut self) -> Vec<Sent> {
        std::mem::take(&mut self.outbox)
    }

    /// Whether the engine's draft holds what this one does (the parts an
    /// edit carries).
    pub fn matches(&self, engine: &WorkflowDraft) -> bool {
        self.draft.name == engine.name
            && self.draft.steps == engine.steps
            && self.draft.settings == engine.settings
            && self.draft.trigger == engine.trigger
            && self.draft.written == engine.written
    }

    /// The engine's draft and history, after it was told what this doc
    /// did, or when they changed by other means (a script, another tab).
    pub fn adopt(&mut self, draft: &WorkflowDraft, history: &EditHistory) {
        self.draft = draft.clone();
        self.history = history.clone();
        self.outbox.clear();
    }

    /// Whether the engine holds this doc's draft and history.
    pub fn agrees_with(&self, draft: &WorkflowDraft, history: &EditHistory) -> bool {
        self.matches(draft) && self.history == *history
    }

    /// A fresh id for a step of `kind`: `action_1`, `action_2`, …
    pub fn fresh_id(&self, base: &str) -> String {
        (1..)
            .map(|n| format!("{base}_{n}"))
            .find(|id| self.draft.step(id).is_none())
            .expect("some number is free")
    }

    /// Adds a step of `kind` at `at` (snapped) and gives its id; with
    /// `after`, the new step is linked from that port in the same undo
    /// entry. The current last step is given an explicit end first, so the
    /// new step is not silently linked after it.
    pub fn add_step(
        &mut self,
        kind: StepKind,
        at: Point,
        after: Option<(&str, Port)>,
    ) -> Result<String, EditError> {
        let id = self.fresh_id(kind.as_str());
        let mut step = starter(&id, kind);
        let p = snap_point(at);
        step.pos = Some(Pos { x: p.x, y: p.y });
        let mut commands = self.end_last_step();
        commands.push(EditCommand::AddStep {
            index: self.draft.steps.len(),
            step,
        });
        if let Some((from, port)) = after {
            commands.push(EditCommand::Connect {
                from: from.into(),
                port,
                to: Some(id.clone()),
            });
        }
        self.gesture(
            &t!("Add {kind}", kind = kind_label(kind).to_lowercase()),
            commands,
        )?;
        Ok(id)
    }

    /// A link from `from`'s `port` dropped on empty canvas at `drop`: adds
    /// a step of `kind` whose left side (its way in) sits at the drop
    /// point, snapped, and links the port to it, as one undo entry.
    pub fn add_linked_step(
        &mut self,
        from: &str,
        port: Port,
        kind: StepKind,
        drop: Point,
    ) -> Result<String, EditError> {
        if self.draft.step(from).is_none() {
            return Err(EditError::NoStep(from.into()));
        }
        self.add_step(kind, drop.offset(0.0, -NODE_H / 2.0), Some((from, port)))
    }

    fn end_last_step(&self) -> Vec<EditCommand> {
        match self.draft.steps.last() {
            Some(last)
                if last.next == Next::Following
                    && !matches!(last.body, StepBody::End | StepBody::Condition(_)) =>
            {
                vec![EditCommand::Connect {
                    from: last.id.clone(),
                    port: Port::Next,
                    to: None,
                }]
            }
            _ => Vec::new(),
        }
    }

    pub fn connect(&mut self, from: &str, port: Port, to: &str) -> Result<bool, EditError> {
        let current = edges(&self.draft)
            .into_iter()
            .find(|e| e.from == from && e.port == port);
        if current.is_some_and(|e| e.to == to && !e.implicit) {
            return Ok(false);
        }
        self.gesture(
            tr("Connect"),
            vec![EditCommand::Connect {
                from: from.into(),
                port,
                to: Some(to.into()),
            }],
        )
    }

    pub fn disconnect(&mut self, edge: &Edge) -> Result<bool, EditError> {
        let commands = self.disconnect_commands(edge, &HashSet::new());
        self.gesture(tr("Delete connection"), commands)
    }

    /// What removes `edge`. An approval port that falls back to `next` is
    /// removed by ending `next`; the other port, when it fell back too and
    /// is not going away, is written out first so it stays.
    fn disconnect_commands(&self, edge: &Edge, going: &HashSet<&str>) -> Vec<EditCommand> {
        let cut = |port| EditCommand::Connect {
            from: edge.from.clone(),
            port,
            to: None,
        };
        if !(edge.implicit && matches!(edge.port, Port::Approved | Port::Rejected)) {
            return vec![cut(edge.port)];
        }
        let other = if edge.port == Port::Approved {
            Port::Rejected
        } else {
            Port::Approved
        };
        let mut commands = Vec::new();
        if let Some(o) = edges(&self.draft)
            .into_iter()
            .find(|e| e.from == edge.from && e.port == other && e.implicit)
        {
            if !going.contains(o.to.as_str()) {
                commands.push(EditCommand::Connect {
                    from: o.from,
                    port: other,
                    to: Some(o.to),
                });
            }
        }
        commands.push(cut(Port::Next));
        commands
    }

    /// Deletes steps and every edge that leads to them.
    pub fn delete(&mut self, ids: &[String]) -> Result<bool, EditError> {
        let going: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let mut commands = Vec::new();
        let mut cut = HashSet::new();
        for e in edges(&self.draft) {
            if going.contains(e.to.as_str()) && !going.contains(e.from.as_str()) {
                for c in self.disconnect_commands(&e, &going) {
                    if let EditCommand::Connect { from, port, .. } = &c {
                        if !cut.insert((from.clone(), *port)) {
                            continue;
                        }
                    }
                    commands.push(c);
                }
            }
        }
        for id in ids {
            if self.draft.step(id).is_some() {
                commands.push(EditCommand::RemoveStep { id: id.clone() });
            }
        }
        let label = plural("Delete step|Delete {n} steps", ids.len() as u64);
        self.gesture(&label, commands)
    }

    /// Puts nodes at new places (already snapped by the caller).
    pub fn move_to(&mut self, moves: &[(String, Point)]) -> Result<bool, EditError> {
        self.move_labelled(tr("Move"), moves)
    }

    /// Aligns or distributes steps drawn at `places`: one undo entry named
    /// by the arrangement.
    pub fn arrange(
        &mut self,
        places: &[(String, Point)],
        how: super::arrange::Arrangement,
    ) -> Result<bool, EditError> {
        if places.len() < how.needs() {
            return Ok(false);
        }
        let moves = super::arrange::arrange(places, how);
        self.move_labelled(how.label(), &moves)
    }

    fn move_labelled(&mut self, label: &str, moves: &[(String, Point)]) -> Result<bool, EditError> {
        let moves: Vec<(String, Option<Pos>)> = moves
            .iter()
            .filter(|(id, p)| {
                self.draft
                    .step(id)
                    .is_some_and(|s| s.pos != Some(Pos { x: p.x, y: p.y }))
            })
            .map(|(id, p)| (id.clone(), Some(Pos { x: p.x, y: p.y })))
            .collect();
        if moves.is_empty() {
            return Ok(false);
        }
        self.gesture(label, vec![EditCommand::SetPositions { moves }])
    }

    /// Lays every step out left to right.
    pub fn auto_layout(&mut self) -> Result<bool, EditError> {
        let moves: Vec<(String, Point)> = layered(&self.draft);
        let changed: Vec<(String, Option<Pos>)> = moves
            .into_iter()
            .filter(|(id, p)| {
                self.draft.step(id).and_then(|s| s.pos) != Some(Pos { x: p.x, y: p.y })
            })
            .map(|(id, p)| (id, Some(Pos { x: p.x, y: p.y })))
            .collect();
        if changed.is_empty() {
            return Ok(false);
        }
        self.gesture(
            tr("Auto-layout"),
            vec![EditCommand::SetPositions { moves: changed }],
        )
    }

    /// Replaces a step from the inspector; a changed id is a rename.
    pub fn set_step(&mut self, id: &str, step: Step) -> Result<bool, EditError> {
        if self.draft.step(id) == Some(&step) {
            return Ok(false);
        }
        let renamed_only = self.draft.step(id).is_some_and(|old| {
            Step {
                name: step.name.clone(),
                ..old.clone()
            } == step
        });
        let label = if step.id != id || renamed_only {
            tr("Rename step")
        } else {
            tr("Edit step")
        };
        self.gesture(
            label,
            vec![EditCommand::SetStep {
                id: id.into(),
                step,
            }],
        )
    }

    /// Makes `id` the first step, where executions start. Omitted `next`s
    /// are written out first so no link changes meaning with the order.
    pub fn make_start(&mut self, id: &str) -> Result<bool, EditError> {
        if self.draft.step_index(id).is_none_or(|i| i == 0) {
            return Ok(false);
        }
        let mut commands = Vec::new();
        for (i, s) in self.draft.steps.iter().enumerate() {
            if s.next == Next::Following {
                let mut step = s.clone();
                step.next = match self.draft.next_of(i) {
                    Some(j) => Next::To(self.draft.steps[j].id.clone()),
                    None => Next::Stop,
                };
                commands.push(EditCommand::SetStep {
                    id: s.id.clone(),
                    step,
                });
            }
        }
        commands.push(EditCommand::MoveStep {
            id: id.into(),
            to_index: 0,
        });
        self.gesture(tr("Make start step"), commands)
    }

    pub fn set_settings(&mut self, settings: Settings) -> Result<bool, EditError> {
        if self.draft.settings == settings {
            return Ok(false);
        }
        self.gesture(
            tr("Edit settings"),
            vec![EditCommand::SetSettings(settings)],
        )
    }

    pub fn set_trigger(&mut self, trigger: Trigger) -> Result<bool, EditError> {
        if self.draft.trigger == trigger {
            return Ok(false);
        }
        self.gesture(tr("Edit trigger"), vec![EditCommand::SetTrigger(trigger)])
    }

    pub fn set_name(&mut self, name: &str) -> Result<bool, EditError> {
        if self.draft.name == name {
            return Ok(false);
        }
        self.gesture(
            tr("Rename workflow"),
            vec![EditCommand::SetName(name.into())],
        )
    }

    /// Takes the steps, settings and trigger of `other` (a version, an
    /// imported file) into the draft as one undoable change.
    pub fn replace_content(
        &mut self,
        label: &str,
        other: &WorkflowDraft,
    ) -> Result<bool, EditError> {
        let target = self.with_content_of(other);
        if target == self.draft {
            return Ok(false);
        }
        self.gesture(label, vec![EditCommand::Restore(Box::new(target))])
    }

    /// Whether `other`'s steps, settings or trigger differ from this draft's.
    pub fn differs_in_content(&self, other: &WorkflowDraft) -> bool {
        self.with_content_of(other) != self.draft
    }

    /// This draft with `other`'s steps, settings and trigger.
    fn with_content_of(&self, other: &WorkflowDraft) -> WorkflowDraft {
        let mut target = self.draft.clone();
        target.steps = other.steps.clone();
        target.settings = other.settings.clone();
        target.trigger = other.trigger.clone();
        target.written = other.written.clone();
        target
    }

    /// Copies steps, in draft order, keeping only the links between them.
    pub fn copy(&mut self, ids: &[String]) -> usize {
        let chosen: HashSet<&str> = ids.iter().map(String::as_str).collect();
        self.clipboard = detached(&self.draft, &chosen);
        self.pastes = 0;
        self.clipboard.len()
    }

    /// The copied steps as a workflow file (this workflow's id, name,
    /// trigger and settings, and only those steps): what goes on the
    /// system clipboard, for another workflow, another tab or a text editor.
    pub fn clipboard_as_workflow(&self) -> String {
        let mut draft = self.draft.clone();
        draft.steps = self.clipboard.clone();
        serde_json::to_string_pretty(&draft.to_json()).unwrap_or_default()
    }

    /// Takes the steps of a workflow file from the system clipboard into the
    /// clipboard, unless it is what this editor copied last (then pasting
    /// again keeps moving each copy a little further).
    pub fn take_clipboard_text(&mut self, text: &str) -> Result<usize, ClipboardError> {
        if !self.clipboard.is_empty() && text == self.clipboard_as_workflow() {
            return Ok(self.clipboard.len());
        }
        let trimmed = text.trim_start();
        if !trimmed.starts_with('{') {
            return Err(ClipboardError::NotJson);
        }
        let draft = flowlab_engine::scenario::parse_workflow_file(tr("the clipboard"), text)
            .map_err(|e| ClipboardError::NotAWorkflow(crate::engine_text::file_error(&e)))?;
        if draft.steps.is_empty() {
            return Err(ClipboardError::NoSteps);
        }
        let all: HashSet<&str> = draft.steps.iter().map(|s| s.id.as_str()).collect();
        self.clipboard = detached(&draft, &all);
        self.pastes = 0;
        Ok(self.clipboard.len())
    }

    pub fn has_clipboard(&self) -> bool {
        !self.clipboard.is_empty()
    }

    /// Adds the copied steps with fresh ids, a little offset each time,
    /// and gives their ids.
    pub fn paste(&mut self) -> Result<Vec<String>, EditError> {
        if self.clipboard.is_empty() {
            return Ok(Vec::new());
        }
        self.pastes += 1;
        let shift = 2.0 * GRID * self.pastes as f64;
        let mut taken: HashSet<String> = self.draft.steps.iter().map(|s| s.id.clone()).collect();
        let mut renamed = HashMap::new();
        for s in &self.clipboard {
            let id = (0..)
                .map(|n| match n {
                    0 => s.id.clone(),
                    1 => format!("{}_copy", s.id),
                    n => format!("{}_copy{n}", s.id),
                })
                .find(|id| !taken.contains(id))
                .expect("some suffix is free");
            taken.insert(id.clone());
            renamed.insert(s.id.clone(), id);
        }
        let mut commands = self.end_last_step();
        let mut ids = Vec::new();
        for (index, s) in (self.draft.steps.len()..).zip(&self.clipboard) {
            let mut step = s.clone();
            step.id = renamed[&s.id].clone();
            map_links(&mut step, |to| renamed.get(to).cloned());
            if let Some(p) = &mut step.pos {
                p.x += shift;
                p.y += shift;
            }
            ids.push(step.id.clone());
            commands.push(EditCommand::AddStep { index, step });
        }
        let label = plural("Paste step|Paste {n} steps", ids.len() as u64);
        self.gesture(&label, commands)?;
        Ok(ids)
    }

    /// Copy and paste in one go; the clipboard is left as it was.
    pub fn duplicate(&mut self, ids: &[String]) -> Result<Vec<String>, EditError> {
        let saved = (std::mem::take(&mut self.clipboard), self.pastes);
        self.copy(ids);
        let result = self.paste();
        (self.clipboard, self.pastes) = saved;
        result
    }
}

/// Why text from the system clipboard gave no steps to paste.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    #[error("the clipboard holds text, not Flowlab steps (copy steps in a Flowlab editor, or a workflow file's JSON)")]
    NotJson,
    #[error("{0}")]
    NotAWorkflow(String),
    #[error("the workflow on the clipboard has no steps")]
    NoSteps,
}

impl ClipboardError {
    /// The error said in the current language.
    pub fn said(&self) -> String {
        match self {
            ClipboardError::NotJson => tr("the clipboard holds text, not Flowlab steps (copy steps in a Flowlab editor, or a workflow file's JSON)").into(),
            ClipboardError::NotAWorkflow(e) => e.clone(),
            ClipboardError::NoSteps => tr("the workflow on the clipboard has no steps").into(),
        }
    }
}

/// The chosen steps of `draft`, in draft order, each `next` written out and
/// only the links between them kept.
fn detached(draft: &WorkflowDraft, chosen: &HashSet<&str>) -> Vec<Step> {
    draft
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| chosen.contains(s.id.as_str()))
        .map(|(i, s)| {
            let mut step = s.clone();
            if step.next == Next::Following {
                step.next = match draft.next_of(i) {
                    Some(j) => Next::To(draft.steps[j].id.clone()),
                    None => Next::Stop,
                };
            }
            map_links(&mut step, |to| chosen.contains(to).then(|| to.to_string()));
            step
        })
        .collect()
}

/// A new step as the palette makes it: the fields a person almost always
/// wants already filled in.
fn starter(id: &str, kind: StepKind) -> Step {
    let mut step = Step::new(id, kind);
    match &mut step.body {
        StepBody::Action(a) => {
            *a = ActionStep {
                action: Some(ActionKind::Email),
                ..ActionStep::default()
            }
        }
        StepBody::Wait(w) => {
            *w = WaitStep {
                duration: Some(DurationSpec::Fixed(HOUR)),
            }
        }
        _ => {}
    }
    step
}

#[cfg(test)]
mod tests;
