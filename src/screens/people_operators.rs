//! The People screen's operators: the list, and a form to add one or edit
//! one (name, email, mobile, groups; the id is the key and stays). The form
//! shows under each field what the engine would refuse, before sending.

use flowlab_engine::command::Command;
use flowlab_engine::model::OperatorProblem;
use flowlab_engine::runtime::Outcome;
use leptos::prelude::*;

use crate::host::use_runtime;
use crate::i18n::tr;
use crate::run_view::people::{known_groups, operator_problem_text, OperatorForm};
use crate::t;

#[component]
pub fn OperatorsSection() -> impl IntoView {
    let rt = use_runtime();
    let form = RwSignal::new(None::<OperatorForm>);
    // Problems show once the person has tried to save, then follow each key.
    let tried = RwSignal::new(false);
    let refusal = RwSignal::new(None::<String>);
    let problems = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref().map_or_else(Vec::new, |f| {
                rt.with_workflows_people(|s| f.problems(s.state()))
                    .unwrap_or_default()
            })
        })
    });
    let groups = Memo::new(move |_| {
        rt.with_workflows_people(|s| known_groups(s.state()))
            .unwrap_or_default()
    });
    let close = move || {
        form.set(None);
        tried.set(false);
        refusal.set(None);
    };
    let save = move || {
        tried.set(true);
        let Some(f) = form.get_untracked() else {
            return;
        };
        if !problems.get_untracked().is_empty() {
            return;
        }
        let operator = f.operator();
        let command = if f.editing.is_some() {
            Command::UpdateOperator { operator }
        } else {
            Command::AddOperator { operator }
        };
        match rt.command(command) {
            Ok(Outcome::Accepted) => close(),
            Ok(Outcome::Rejected(why)) => refusal.set(Some(why)),
            Err(e) => refusal.set(Some(e.to_string())),
        }
    };
    let field_problems = move |field: &'static str| {
        move || {
            tried.get().then(|| {
                problems
                    .get()
                    .iter()
                    .filter(|p| p.field() == field)
                    .map(|p: &OperatorProblem| {
                        view! { <span class="field-error" role="alert" data-testid=format!("operator-{field}-error")>{operator_problem_text(p)}</span> }
                    })
                    .collect_view()
            })
        }
    };
    let input = move |label: &'static str,
                      field: &'static str,
                      placeholder: &'static str,
                      get: fn(&OperatorForm) -> String,
                      set: fn(&mut OperatorForm, String)| {
        let invalid =
            move || tried.get() && problems.with(|ps| ps.iter().any(|p| p.field() == field));
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    data-testid=format!("operator-{field}")
                    placeholder=placeholder
                    list=(field == "groups").then_some("operator-groups-known")
                    aria-invalid=move || invalid().to_string()
                    class:input-invalid=invalid
                    disabled=move || field == "id" && form.with(|f| f.as_ref().is_some_and(|f| f.editing.is_some()))
                    prop:value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| if let Some(f) = f { set(f, v) });
                        refusal.set(None);
                    }
                />
                {field_problems(field)}
            </label>
        }
    };
    view! {
        <section class="card operators" data-testid="operators">
            <div class="operators-head">
                <h2 class="section-title">{tr("Operators")}<span class="muted">{tr(" · notified by email, and by SMS when they have a mobile")}</span></h2>
                <button type="button" class="button" data-testid="operator-add" on:click=move |_| {
                    let fresh = rt.with_untracked(|s| OperatorForm::new_operator(s.state())).unwrap_or_default();
                    tried.set(false);
                    refusal.set(None);
                    form.set(Some(fresh));
                }>{tr("Add operator")}</button>
            </div>
            <Show when=move || form.with(Option::is_some)>
                <form class="operator-form" data-testid="operator-form" novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <h3 class="operator-form-title">{move || form.with(|f| f.as_ref().and_then(|f| f.editing.clone()).map_or(tr("New operator").to_string(), |id| t!("Edit operator {id}", id = id)))}</h3>
                    <p class="muted operator-form-note">
                        {tr("Changes apply from now on: notifications already sent stay as they were, approvals that open later notify the groups as they are then, and a decision counts only if the operator is in the approval's group when deciding.")}
                    </p>
                    <div class="contact-fields">
                        {input(tr("Id"), "id", "op4", |f| f.id.clone(), |f, v| f.id = v)}
                        {input(tr("Name"), "name", tr("Full name"), |f| f.name.clone(), |f, v| f.name = v)}
                        {input(tr("Email"), "email", tr("name@example.com"), |f| f.email.clone(), |f, v| f.email = v)}
                        {input(tr("Mobile"), "mobile", "+33 6 00 00 00 00", |f| f.mobile.clone(), |f, v| f.mobile = v)}
                        {input(tr("Groups (comma separated)"), "groups", "support, marketing-leads", |f| f.groups.clone(), |f, v| f.groups = v)}
                    </div>
                    <datalist id="operator-groups-known">
                        {move || groups.get().into_iter().map(|g| view! { <option value=g></option> }).collect_view()}
                    </datalist>
                    <p class="muted operator-form-note" data-testid="operator-known-groups">
                        {move || match groups.get() {
                            g if g.is_empty() => tr("No group is used yet.").to_string(),
                            g => t!("Groups in use: {groups}", groups = g.join(", ")),
                        }}
                    </p>
                    {move || form.with(|f| f.as_ref().is_some_and(|f| f.email.trim().is_empty() && f.mobile.trim().is_empty())).then(|| view! {
                        <p class="form-warning" data-testid="operator-no-channel">{tr("Without an email or a mobile this operator is never notified, though they may still decide.")}</p>
                    })}
                    {move || refusal.get().map(|e| view! { <p class="form-error" role="alert" data-testid="operator-error">{e}</p> })}
                    <div class="form-buttons">
                        <button type="button" class="button" data-testid="operator-cancel" on:click=move |_| close()>{tr("Cancel")}</button>
                        <button type="submit" class="button button--primary" data-testid="operator-save">{tr("Save")}</button>
                    </div>
                </form>
            </Show>
            {move || rt.with_people(|s| s.state().operators.clone()).unwrap_or_default().into_iter().map(|o| {
                let edit = OperatorForm::edit(&o);
                view! {
                    <div class="operator-row" data-testid="operator-row" data-operator=o.id.clone() data-groups=o.groups.join(",")>
                        <span><strong>{o.name.clone()}</strong><span class="muted mono">{format!(" {}", o.id)}</span></span>
                        <span class="muted">{o.email.clone().unwrap_or_else(|| tr("no email").into())}</span>
                        <span class="muted">{o.mobile.clone().unwrap_or_else(|| tr("no mobile").into())}</span>
                        <span class="tags">{o.groups.iter().map(|g| view! { <span class="tag">{g.clone()}</span> }).collect_view()}</span>
                        <button type="button" class="button" data-testid="operator-edit" on:click=move |_| {
                            tried.set(false);
                            refusal.set(None);
                            form.set(Some(edit.clone()));
                        }>{tr("Edit")}</button>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}
