//! The inspector of one step: the fields every step has, then a form for
//! its kind covering every field of the scenario format.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::model::{
    ActionKind, ActionStep, ApprovalScope, ApprovalStep, Compensation, DurationSpec, Fault, Filter,
    Next, OnFail, RetryPolicy, Step, StepBody,
};
use flowlab_engine::time::MINUTE;
use leptos::prelude::*;
use serde_json::{Map, Value};

use super::fields::{
    AreaField, CheckField, DurationField, DurationSpecField, NumberField, SelectField, TextField,
};
use super::filter::FilterBuilder;
use super::whole_days::WholeDaysField;
use crate::editor::context::{use_ed, Ed};
use crate::editor::retry_timeline::{policy_hint, schedule, RetryTimeline};
use crate::editor::summary::{kind_hint, kind_label, title};

fn opts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

/// A step picker's options: "none" first, then every other step, kept up
/// to date as steps are added, renamed and removed.
fn step_options(ed: Ed, id: &str, none: &str) -> Memo<Vec<(String, String)>> {
    let (id, none) = (id.to_string(), none.to_string());
    Memo::new(move |_| {
        let mut o = vec![(String::new(), none.clone())];
        ed.doc.session.with(|d| {
            for s in &d.draft().steps {
                if s.id != id {
                    let t = title(s);
                    let label = if t == s.id {
                        t
                    } else {
                        format!("{t} ({})", s.id)
                    };
                    o.push((s.id.clone(), label));
                }
            }
        });
        o
    })
}

fn workflow_options(ed: Ed) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        let mut o = vec![(String::new(), tr("— choose a workflow —").to_string())];
        ed.doc.world.with(|(ids, _)| {
            o.extend(ids.iter().map(|w| (w.clone(), w.clone())));
        });
        o
    })
}

fn action_of(s: &Step) -> Option<ActionStep> {
    match &s.body {
        StepBody::Action(a) => Some(a.clone()),
        _ => None,
    }
}

fn approval_of(s: &Step) -> Option<ApprovalStep> {
    match &s.body {
        StepBody::Approval(a) => Some(a.clone()),
        _ => None,
    }
}

fn edit_action(ed: Ed, id: &str, f: impl FnOnce(&mut ActionStep)) {
    ed.update_step(id, |s| {
        if let StepBody::Action(a) = &mut s.body {
            f(a)
        }
    });
}

fn edit_approval(ed: Ed, id: &str, f: impl FnOnce(&mut ApprovalStep)) {
    ed.update_step(id, |s| {
        if let StepBody::Approval(a) = &mut s.body {
            f(a)
        }
    });
}

/// The fail action as written (`None` = the kind's default).
fn on_fail_written(s: &Step) -> Option<OnFail> {
    match &s.body {
        StepBody::Action(a) => a.on_fail.clone(),
        StepBody::Filter(f) => f.on_fail.clone(),
        StepBody::Approval(a) => a.on_fail.clone(),
        _ => None,
    }
}

fn set_on_fail(s: &mut Step, v: Option<OnFail>) {
    match &mut s.body {
        StepBody::Action(a) => a.on_fail = v,
        StepBody::Filter(f) => f.on_fail = v,
        StepBody::Approval(a) => a.on_fail = v,
        _ => {}
    }
}

fn retry_written(s: &Step) -> Option<RetryPolicy> {
    match &s.body {
        StepBody::Action(a) => a.retry,
        StepBody::Approval(a) => a.retry,
        _ => None,
    }
}

fn set_retry(s: &mut Step, v: Option<RetryPolicy>) {
    match &mut s.body {
        StepBody::Action(a) => a.retry = v,
        StepBody::Approval(a) => a.retry = v,
        _ => {}
    }
}

#[component]
pub fn StepInspector(id: String) -> impl IntoView {
    let ed = use_ed();
    let step = {
        let id = id.clone();
        Memo::new(move |_| ed.doc.step(&id))
    };
    let kind = step.get_untracked().map(|s| s.kind());
    let Some(kind) = kind else {
        return view! { <p class="panel-note">{tr("This step is gone.")}</p> }.into_any();
    };
    let sid = StoredValue::new(id.clone());
    let name = Signal::derive(move || step.get().and_then(|s| s.name).unwrap_or_default());
    let set_name = Callback::new(move |v: String| {
        let v = v.trim().to_string();
        ed.update_step(&sid.get_value(), |s| s.name = (!v.is_empty()).then_some(v));
    });
    let step_id = Signal::derive(move || step.get().map(|s| s.id).unwrap_or_default());
    let set_id = Callback::new(move |v: String| {
        let v = v.trim().to_string();
        if v.is_empty() {
            ed.dialogs.notice.set(Some(tr("A step needs an id").into()));
            return;
        }
        ed.update_step(&sid.get_value(), |s| s.id = v);
    });
    let is_start = Memo::new(move |_| {
        ed.doc
            .session
            .with(|d| d.draft().steps.first().map(|s| &s.id) == Some(&sid.get_value()))
    });
    let has_next = !matches!(
        kind,
        flowlab_engine::model::StepKind::End | flowlab_engine::model::StepKind::Condition
    );
    let next_value = Signal::derive(move || match step.get().map(|s| s.next) {
        Some(Next::To(t)) => t,
        Some(Next::Stop) => "__stop".into(),
        _ => String::new(),
    });
    let set_next = Callback::new(move |v: String| {
        ed.update_step(&sid.get_value(), |s| {
            s.next = match v.as_str() {
                "" => Next::Following,
                "__stop" => Next::Stop,
                other => Next::To(other.to_string()),
            }
        })
    });
    let next_options = {
        let steps = step_options(ed, &sid.get_value(), tr("The step below it in the list"));
        Signal::derive(move || {
            let mut o = steps.get();
            o.insert(
                1,
                (
                    "__stop".into(),
                    tr("Nothing: the execution completes").into(),
                ),
            );
            o
        })
    };

    let body = match kind {
        flowlab_engine::model::StepKind::Action => view! { <ActionForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Wait => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Wait(w)) => w.duration,
                _ => None,
            });
            view! {
                <section class="panel-section">
                    <DurationSpecField label=tr("Wait for") field="duration" value
                        on_commit=Callback::new(move |d: Option<DurationSpec>| ed.update_step(&sid.get_value(), |s| if let StepBody::Wait(w) = &mut s.body { w.duration = d })) />
                </section>
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::Condition => view! { <ConditionForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Filter => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Filter(f)) => f.filter,
                _ => None,
            });
            view! {
                <section class="panel-section">
                    <h3 class="ed-section-title">{tr("Let through only if")}</h3>
                    <FilterBuilder field="filter" value
                        on_commit=Callback::new(move |f: Option<Filter>| ed.update_step(&sid.get_value(), |s| if let StepBody::Filter(x) = &mut s.body { x.filter = f })) />
                </section>
                <FailActionForm id=id.clone() default="end_workflow" title=tr("Otherwise") />
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::Approval => view! { <ApprovalForm id=id.clone() /> }.into_any(),
        flowlab_engine::model::StepKind::Enroll => {
            let value = Signal::derive(move || match step.get().map(|s| s.body) {
                Some(StepBody::Enroll(e)) => e.workflow.unwrap_or_default(),
                _ => String::new(),
            });
            view! {
                <section class="panel-section">
                    <SelectField label=tr("Enroll the contact in") field="workflow".to_string() options=workflow_options(ed) value
                        on_commit=Callback::new(move |w: String| ed.update_step(&sid.get_value(), |s| if let StepBody::Enroll(e) = &mut s.body { e.workflow = (!w.is_empty()).then_some(w) })) />
                    <p class="panel-note">{tr("Only an active workflow enrolls; otherwise the execution goes on and the trace says why.")}</p>
                </section>
            }
            .into_any()
        }
        flowlab_engine::model::StepKind::End => view! {
            <section class="panel-section"><p class="panel-note">{tr("Reaching this step completes the execution.")}</p></section>
        }
        .into_any(),
    };

    view! {
        <div class="inspector-step" data-testid="inspector-step" data-step-id=id.clone()>
            <header class=format!("inspector-head kind--{}", kind.as_str())>
                <span class="inspector-kind">{kind_label(kind)}</span>
                <span class="inspector-hint">{kind_hint(kind)}</span>
            </header>
            <section class="panel-section">
                <TextField label=tr("Name") field="name".to_string() value=name on_commit=set_name placeholder=tr("Shown on the canvas") />
                <TextField label=tr("Id") field="id".to_string() value=step_id on_commit=set_id hint=tr("Unique in the workflow; links follow a rename") />
                {has_next.then(|| view! {
                    <SelectField label=tr("Then") field="next".to_string() options=next_options value=next_value on_commit=set_next />
                })}
                <div class="start-row">
                    <Show when=move || is_start.get() fallback=move || view! {
                        <button type="button" class="link-button" data-testid="make-start"
                            on:click=move |_| { ed.apply(|d| d.make_start(&sid.get_value())); }>{tr("Make this the start step")}</button>
                    }>
                        <span class="chip chip--accent" data-testid="is-start">{tr("Start step: executions begin here")}</span>
                    </Show>
                </div>
            </section>
            {body}
        </div>
    }
    .into_any()
}

#[component]
fn ActionForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id.clone());
    let a = Memo::new(move |_| ed.doc.step(&sid.get_value()).and_then(|s| action_of(&s)));
    let kind = Signal::derive(move || {
        a.get()
            .and_then(|a| a.action)
            .map(|k| k.as_str().to_string())
            .unwrap_or_default()
    });
    let set_kind = Callback::new(move |v: String| {
        edit_action(ed, &sid.get_value(), |a| a.action = ActionKind::parse(&v))
    });
    let is_update = move || {
        a.get()
            .is_some_and(|a| a.action == Some(ActionKind::Update))
    };
    let set_text = Signal::derive(move || {
        a.get()
            .and_then(|a| a.set)
            .map(|m| Value::Object(m).to_string())
            .unwrap_or_default()
    });
    let set_set = Callback::new(move |text: String| -> Result<(), String> {
        let parsed = parse_set(&text)?;
        edit_action(ed, &sid.get_value(), |a| a.set = parsed);
        Ok(())
    });
    let duration = Signal::derive(move || a.get().and_then(|a| a.duration));
    let set_duration =
        Callback::new(move |d| edit_action(ed, &sid.get_value(), |a| a.duration = d));
    let fault = Signal::derive(move || a.get().and_then(|a| a.fault));
    let set_fault = Callback::new(move |f| edit_action(ed, &sid.get_value(), |a| a.fault = f));
    let comp = Signal::derive(move || a.get().and_then(|a| a.compensation));
    view! {
        <section class="panel-section">
            <SelectField label=tr("Action") field="action".to_string()
                options=opts(&[("", tr("— choose —")), ("email", tr("Send an email")), ("sms", tr("Send an SMS")), ("webhook", tr("Call a webhook")), ("update", tr("Update the contact"))])
                value=kind on_commit=set_kind />
            <Show when=is_update>
                <AreaField label=tr("Set attributes (JSON object)") field="set".to_string() value=set_text on_commit=set_set placeholder="{\"plan\": \"pro\"}" />
            </Show>
            <DurationSpecField label=tr("Each attempt takes") field="duration" value=duration on_commit=set_duration optional=true />
        </section>
        <RetryForm id=id.clone() />
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Fault injection")}</h3>
            <FaultFields field="fault" value=fault on_commit=set_fault />
        </section>
        <FailActionForm id=id.clone() default="continue" title=tr("When all attempts fail") />
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Compensation")}</h3>
            <CheckField label=tr("Can be undone in a rollback") field="compensation".to_string()
                value=Signal::derive(move || comp.get().is_some())
                on_commit=Callback::new(move |on: bool| edit_action(ed, &sid.get_value(), |a| {
                    a.compensation = on.then_some(Compensation { action: a.action, set: None, duration: None, fault: None })
                })) />
            <Show when=move || comp.get().is_some()>
                <CompensationFields id=sid.get_value() />
            </Show>
        </section>
    }
}

fn parse_set(text: &str) -> Result<Option<Map<String, Value>>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Object(m)) => Ok(Some(m)),
        Ok(_) => Err(tr("write an object, e.g. {\"plan\": \"pro\"}").into()),
        Err(e) => Err(t!("not JSON: {error}", error = e)),
    }
}

#[component]
fn CompensationFields(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let c = Memo::new(move |_| {
        ed.doc
            .step(&sid.get_value())
            .and_then(|s| action_of(&s))
            .and_then(|a| a.compensation)
    });
    let edit = move |f: Box<dyn FnOnce(&mut Compensation)>| {
        edit_action(ed, &sid.get_value(), |a| {
            if let Some(c) = &mut a.compensation {
                f(c)
            }
        })
    };
    let kind = Signal::derive(move || {
        c.get()
            .and_then(|c| c.action)
            .map(|k| k.as_str().to_string())
            .unwrap_or_default()
    });
    let set_text = Signal::derive(move || {
        c.get()
            .and_then(|c| c.set)
            .map(|m| Value::Object(m).to_string())
            .unwrap_or_default()
    });
    view! {
        <div class="subform">
            <SelectField label=tr("Undo with") field="compensation.action".to_string()
                options=opts(&[("", tr("— choose —")), ("email", tr("Email")), ("sms", tr("SMS")), ("webhook", tr("Webhook")), ("update", tr("Update the contact"))])
                value=kind on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.action = ActionKind::parse(&v)))) />
            <Show when=move || c.get().is_some_and(|c| c.action == Some(ActionKind::Update))>
                <AreaField label=tr("Set attributes (JSON object)") field="compensation.set".to_string() value=set_text
                    on_commit=Callback::new(move |t: String| -> Result<(), String> { let p = parse_set(&t)?; edit(Box::new(move |c| c.set = p)); Ok(()) }) />
            </Show>
            <DurationSpecField label=tr("Takes") field="compensation.duration" optional=true
                value=Signal::derive(move || c.get().and_then(|c| c.duration))
                on_commit=Callback::new(move |d| edit(Box::new(move |c| c.duration = d))) />
            <FaultFields field="compensation.fault" value=Signal::derive(move || c.get().and_then(|c| c.fault))
                on_commit=Callback::new(move |f| edit(Box::new(move |c| c.fault = f))) />
            <p class="panel-note">{tr("Runs with this step's retry policy, newest completed step first.")}</p>
        </div>
    }
}

#[component]
fn FaultFields(
    field: &'static str,
    #[prop(into)] value: Signal<Option<Fault>>,
    on_commit: Callback<Option<Fault>>,
) -> impl IntoView {
    let mode = Signal::derive(move || {
        match value.get() {
            None | Some(Fault::Always(false)) => "none",
            Some(Fault::FailFirst(_)) => "fail_first",
            Some(Fault::Probability(_)) => "probability",
            Some(Fault::Always(true)) => "always",
        }
        .to_string()
    });
    let set_mode = Callback::new(move |m: String| {
        on_commit.run(match m.as_str() {
            "fail_first" => Some(Fault::FailFirst(2)),
            "probability" => Some(Fault::Probability(0.2)),
            "always" => Some(Fault::Always(true)),
            _ => None,
        })
    });
    view! {
        <SelectField label=tr("Make attempts fail") field=field.to_string()
            options=opts(&[("none", tr("Never (no fault)")), ("fail_first", tr("The first N attempts")), ("probability", tr("With a probability")), ("always", tr("Always"))])
            value=mode on_commit=set_mode />
        {move || match value.get() {
            Some(Fault::FailFirst(n)) => view! {
                <NumberField label=tr("Failing attempts") field=format!("{field}.fail_first") value=Signal::derive(move || Some(n as f64))
                    on_commit=Callback::new(move |v: Option<f64>| on_commit.run(Some(Fault::FailFirst(v.unwrap_or(0.0).max(0.0) as u64))))
                    hint=tr("Counted over every retry cycle of the execution") />
            }.into_any(),
            Some(Fault::Probability(p)) => view! {
                <NumberField label=tr("Chance of failing (0–1)") field=format!("{field}.probability") step="0.05" value=Signal::derive(move || Some(p))
                    on_commit=Callback::new(move |v: Option<f64>| on_commit.run(Some(Fault::Probability(v.unwrap_or(0.0))))) />
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}

#[component]
fn RetryForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let step = Memo::new(move |_| ed.doc.step(&sid.get_value()));
    let retry = Signal::derive(move || step.get().and_then(|s| retry_written(&s)));
    let edit = move |f: Box<dyn FnOnce(&mut RetryPolicy)>| {
        ed.update_step(&sid.get_value(), |s| {
            let mut r = retry_written(s).unwrap_or_default();
            f(&mut r);
            set_retry(s, Some(r));
        })
    };
    let timeline = Signal::derive(move || {
        let s = step.get();
        let (policy, duration, on_fail) = match &s {
            Some(s) => (
                s.retry_policy(),
                action_of(s).and_then(|a| a.duration),
                s.on_fail(),
            ),
            None => (RetryPolicy::default(), None, OnFail::Continue),
        };
        schedule(policy, duration, &on_fail)
    });
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Retries")}</h3>
            <CheckField label=tr("Custom retry policy") field="retry".to_string()
                value=Signal::derive(move || retry.get().is_some())
                hint=move || policy_hint(retry.get())
                on_commit=Callback::new(move |on: bool| ed.update_step(&sid.get_value(), |s| set_retry(s, on.then(RetryPolicy::default)))) />
            <Show when=move || retry.get().is_some()>
                <div class="field-pair">
                    <NumberField label=tr("Attempts") field="retry.max_attempts".to_string()
                        value=Signal::derive(move || retry.get().map(|r| r.max_attempts as f64))
                        on_commit=Callback::new(move |v: Option<f64>| edit(Box::new(move |r| r.max_attempts = v.unwrap_or(1.0) as i64))) />
                    <DurationField label=tr("Backoff") field="retry.backoff".to_string()
                        value=Signal::derive(move || retry.get().map(|r| r.backoff))
                        on_commit=Callback::new(move |v: Option<u64>| edit(Box::new(move |r| r.backoff = v.unwrap_or(MINUTE)))) />
                </div>
            </Show>
            <RetryTimeline schedule=timeline />
        </section>
    }
}

#[component]
fn FailActionForm(id: String, default: &'static str, title: &'static str) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let written = Memo::new(move |_| {
        ed.doc
            .step(&sid.get_value())
            .and_then(|s| on_fail_written(&s))
    });
    let action = Signal::derive(move || {
        written
            .get()
            .map(|f| f.action_name().to_string())
            .unwrap_or_default()
    });
    let set_action = Callback::new(move |v: String| {
        let new = match v.as_str() {
            "" => None,
            "continue" => Some(OnFail::Continue),
            "end_workflow" => Some(OnFail::EndWorkflow),
            "skip_remaining" => Some(OnFail::SkipRemaining),
            "branch" => Some(OnFail::Branch { goto: None }),
            "retry" => Some(OnFail::Retry {
                max_retry_days: OnFail::DEFAULT_MAX_RETRY_DAYS,
                retry_interval_days: OnFail::DEFAULT_RETRY_INTERVAL_DAYS,
            }),
            "enroll_workflow" => Some(OnFail::EnrollWorkflow { workflow: None }),
            "fail_workflow" => Some(OnFail::FailWorkflow),
            _ => return,
        };
        if new.as_ref().map(OnFail::action_name)
            != written.get_untracked().as_ref().map(OnFail::action_name)
        {
            ed.update_step(&sid.get_value(), |s| set_on_fail(s, new));
        }
    });
    let set = move |f: OnFail| ed.update_step(&sid.get_value(), |s| set_on_fail(s, Some(f)));
    let options = {
        let mut o = vec![(String::new(), t!("Default ({action})", action = default))];
        o.extend(opts(&[
            ("continue", tr("Continue with the next step")),
            ("end_workflow", tr("End the workflow (completed)")),
            ("skip_remaining", tr("Skip the remaining steps")),
            ("branch", tr("Branch to a step")),
            ("retry", tr("Retry for days")),
            ("enroll_workflow", tr("Enroll in another workflow")),
            ("fail_workflow", tr("Fail the workflow (rollback)")),
        ]));
        o
    };
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{title}</h3>
            <SelectField label=tr("Fail action") field="on_fail".to_string() options value=action on_commit=set_action />
            {move || match written.get() {
                Some(OnFail::Branch { goto }) => view! {
                    <SelectField label=tr("Branch to") field="on_fail.goto".to_string()
                        options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                        value=Signal::derive(move || goto.clone().unwrap_or_default())
                        on_commit=Callback::new(move |v: String| set(OnFail::Branch { goto: (!v.is_empty()).then_some(v) })) />
                    <p class="panel-note">{tr("Or drag from the step's bottom port to the target.")}</p>
                }.into_any(),
                Some(OnFail::Retry { max_retry_days, retry_interval_days }) => view! {
                    <div class="field-pair">
                        <WholeDaysField label=tr("Give up after (days)") field="on_fail.max_retry_days".to_string() min=0
                            value=Signal::derive(move || max_retry_days)
                            on_commit=Callback::new(move |v: u64| set(OnFail::Retry { max_retry_days: v, retry_interval_days })) />
                        <WholeDaysField label=tr("Every (days)") field="on_fail.retry_interval_days".to_string() min=1
                            value=Signal::derive(move || retry_interval_days)
                            on_commit=Callback::new(move |v: u64| set(OnFail::Retry { max_retry_days, retry_interval_days: v })) />
                    </div>
                }.into_any(),
                Some(OnFail::EnrollWorkflow { workflow }) => view! {
                    <SelectField label=tr("Enroll in") field="on_fail.workflow".to_string() options=workflow_options(ed)
                        value=Signal::derive(move || workflow.clone().unwrap_or_default())
                        on_commit=Callback::new(move |v: String| set(OnFail::EnrollWorkflow { workflow: (!v.is_empty()).then_some(v) })) />
                }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn ConditionForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id);
    let c = Memo::new(
        move |_| match ed.doc.step(&sid.get_value()).map(|s| s.body) {
            Some(StepBody::Condition(c)) => Some(c),
            _ => None,
        },
    );
    let edit = move |f: Box<dyn FnOnce(&mut flowlab_engine::model::ConditionStep)>| {
        ed.update_step(&sid.get_value(), |s| {
            if let StepBody::Condition(c) = &mut s.body {
                f(c)
            }
        })
    };
    view! {
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("If the contact matches")}</h3>
            <FilterBuilder field="filter" value=Signal::derive(move || c.get().and_then(|c| c.filter))
                on_commit=Callback::new(move |f: Option<Filter>| edit(Box::new(move |c| c.filter = f))) />
        </section>
        <section class="panel-section">
            <SelectField label=tr("Yes → go to") field="yes".to_string() options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                value=Signal::derive(move || c.get().and_then(|c| c.yes).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.yes = (!v.is_empty()).then_some(v)))) />
            <SelectField label=tr("No → go to") field="no".to_string() options=step_options(ed, &sid.get_value(), tr("— choose a step —"))
                value=Signal::derive(move || c.get().and_then(|c| c.no).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |c| c.no = (!v.is_empty()).then_some(v)))) />
        </section>
    }
}

#[component]
fn ApprovalForm(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id.clone());
    let a = Memo::new(move |_| ed.doc.step(&sid.get_value()).and_then(|s| approval_of(&s)));
    let edit = move |f: Box<dyn FnOnce(&mut ApprovalStep)>| edit_approval(ed, &sid.get_value(), f);
    let groups = move || {
        ed.doc.world.with(|(_, ops)| {
            let mut g: Vec<String> = ops.iter().flat_map(|o| o.groups.iter().cloned()).collect();
            g.sort();
            g.dedup();
            g
        })
    };
    let port = move |label: &'static str,
                     field: &'static str,
                     get: fn(&ApprovalStep) -> Option<String>,
                     set: fn(&mut ApprovalStep, Option<String>),
                     none: &'static str| {
        view! {
            <SelectField label field=field.to_string() options=step_options(ed, &sid.get_value(), none)
                value=Signal::derive(move || a.get().and_then(|a| get(&a)).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |a| set(a, (!v.is_empty()).then_some(v))))) />
        }
    };
    view! {
        <section class="panel-section">
            <TextField label=tr("Operator group") field="group".to_string() list="approval-groups"
                value=Signal::derive(move || a.get().and_then(|a| a.group).unwrap_or_default())
                on_commit=Callback::new(move |v: String| { let v = v.trim().to_string(); edit(Box::new(move |a| a.group = (!v.is_empty()).then_some(v))) })
                hint=tr("Every member is notified; the first decision wins") />
            <datalist id="approval-groups">{move || groups().into_iter().map(|g| view! { <option value=g /> }).collect_view()}</datalist>
            <SelectField label=tr("Scope") field="scope".to_string()
                options=opts(&[("execution", tr("Each execution waits for its own decision")), ("workflow", tr("One decision for every execution (campaign)"))])
                value=Signal::derive(move || a.get().map(|a| a.scope.as_str().to_string()).unwrap_or_default())
                on_commit=Callback::new(move |v: String| edit(Box::new(move |a| a.scope = if v == "workflow" { ApprovalScope::Workflow } else { ApprovalScope::Execution }))) />
            <DurationField label=tr("Times out after") field="timeout".to_string() optional=true placeholder=tr("never")
                value=Signal::derive(move || a.get().and_then(|a| a.timeout))
                on_commit=Callback::new(move |v: Option<u64>| edit(Box::new(move |a| a.timeout = v))) />
        </section>
        <section class="panel-section">
            <h3 class="ed-section-title">{tr("Ports")}</h3>
            {port(tr("Approved → go to"), "approved", |a| a.approved.clone(), |a, v| a.approved = v, tr("The step's next"))}
            {port(tr("Rejected → go to"), "rejected", |a| a.rejected.clone(), |a, v| a.rejected = v, tr("The step's next"))}
            {port(tr("Timed out → go to"), "timeout_to", |a| a.timeout_to.clone(), |a, v| a.timeout_to = v, tr("— none: the step fails —"))}
        </section>
        <RetryForm id=id.clone() />
        <FailActionForm id=id default="continue" title=tr("When it fails") />
    }
}
