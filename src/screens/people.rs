//! People: contacts (search, add, edit, tag, generate) and manual
//! enrollment into a workflow; operators and their groups (added and edited
//! in `people_operators.rs`); and when each `tag_added` trigger will notice
//! a new tag.

use flowlab_engine::command::Command;
use flowlab_engine::model::{Contact, ContactName};
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::host::use_runtime;
use crate::i18n::{num, plural, tr};
use crate::run_view::channels::enroll_warnings;
use crate::run_view::people::{contacts, edited_name, enrollable, generate, polls};
use crate::screens::people_operators::OperatorsSection;
use crate::screens::runs::timeline::short_duration;
use crate::sim_time_text::format_sim_time;
use crate::t;

const PER_PAGE: usize = 50;

#[derive(Clone, Default)]
struct Draft {
    /// `Some` when editing an existing contact.
    editing: Option<String>,
    id: String,
    name: String,
    /// The name as it was before editing: an untouched empty field keeps it.
    original_name: ContactName,
    email: String,
    phone: String,
    tags: String,
    attributes: String,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[component]
pub fn PeopleScreen() -> impl IntoView {
    let rt = use_runtime();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(Vec::<String>::new());
    let draft = RwSignal::new(None::<Draft>);
    let form_error = RwSignal::new(None::<String>);
    let enroll_into = RwSignal::new(String::new());
    let gen_count = RwSignal::new("25".to_string());
    let gen_seed = RwSignal::new("1".to_string());
    let list = Memo::new(move |_| {
        let q = search.get();
        let p = page.get();
        rt.with_people(|s| contacts(s.state(), &q, p, PER_PAGE))
    });
    let now = move || rt.clock().now;

    let save = move |_| {
        let Some(d) = draft.get_untracked() else {
            return;
        };
        let attributes = match d.attributes.trim() {
            "" => Map::new(),
            text => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(m)) => m,
                _ => {
                    form_error.set(Some(
                        tr("Attributes must be a JSON object, e.g. {\"plan\": \"pro\"}").into(),
                    ));
                    return;
                }
            },
        };
        let tags: Vec<String> = d.tags.split(',').filter_map(opt).collect();
        let Some(id) = opt(&d.id) else {
            form_error.set(Some(tr("A contact needs an id").into()));
            return;
        };
        let contact = Contact {
            id: id.clone(),
            name: edited_name(&d.original_name, &d.name),
            email: opt(&d.email),
            phone: opt(&d.phone),
            tags: if d.editing.is_some() {
                Vec::new()
            } else {
                tags.clone()
            },
            attributes,
        };
        let outcome = if d.editing.is_some() {
            let before = rt
                .with_untracked(|s| {
                    s.state()
                        .contact_ix
                        .get(&id)
                        .map(|c| s.state().contacts[c.ix()].tags.clone())
                })
                .flatten()
                .unwrap_or_default();
            let r = rt.command(Command::UpdateContact {
                contact: Contact {
                    tags: before.clone(),
                    ..contact
                },
            });
            for t in before.iter().filter(|t| !tags.contains(t)) {
                let _ = rt.command(Command::Untag {
                    contact: id.clone(),
                    tag: t.clone(),
                });
            }
            for t in tags.iter().filter(|t| !before.contains(t)) {
                let _ = rt.command(Command::Tag {
                    contact: id.clone(),
                    tag: t.clone(),
                });
            }
            r
        } else {
            rt.command(Command::AddContact { contact })
        };
        match outcome {
            Ok(flowlab_engine::runtime::Outcome::Accepted) => {
                draft.set(None);
                form_error.set(None);
            }
            Ok(flowlab_engine::runtime::Outcome::Rejected(why)) => form_error.set(Some(why)),
            Err(e) => form_error.set(Some(e.to_string())),
        }
    };
    let run_generator = move |_| {
        let count: u64 = gen_count
            .get_untracked()
            .trim()
            .parse()
            .unwrap_or(0)
            .min(1000);
        let seed: u64 = gen_seed.get_untracked().trim().parse().unwrap_or(0);
        let made = rt
            .with_untracked(|s| generate(s.state(), seed, count, vec![("lead".into(), 0.3)]))
            .unwrap_or_default();
        for contact in made {
            let _ = rt.command(Command::AddContact { contact });
        }
    };
    let enroll = move |_| {
        let wf = enroll_into.get_untracked();
        let ids = selected.get_untracked();
        if wf.is_empty() || ids.is_empty() {
            return;
        }
        if let Ok(flowlab_engine::runtime::Outcome::Accepted) = rt.command(Command::Enroll {
            workflow: wf,
            contacts: ids,
        }) {
            selected.set(Vec::new());
        }
    };
    let field = move |label: &'static str,
                      testid: &'static str,
                      get: fn(&Draft) -> String,
                      set: fn(&mut Draft, String)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input data-testid=testid prop:value=move || draft.with(|d| d.as_ref().map(get).unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(d) = d { set(d, v) }) } />
            </label>
        }
    };
    view! {
        <div class="page page--wide" data-testid="screen-people">
            <div class="page-header">
                <div>
                    <h1 class="page-title">{tr("People")}</h1>
                    <p class="page-subtitle">{tr("Contacts that workflows run for, and the operators who decide approvals.")}</p>
                </div>
            </div>
            <section class="polls" data-testid="polls">
                {move || rt.with_workflows(|s| polls(s.state())).unwrap_or_default().into_iter().map(|p| {
                    let when = match p.next {
                        Some(t) => t!("next poll at {when} (in {wait})", when = format_sim_time(t), wait = short_duration(t.0.saturating_sub(now().0))),
                        None => t!("no poll scheduled: the workflow is {status}", status = p.status),
                    };
                    view! {
                        <p class="poll" data-testid="poll" data-workflow=p.workflow.clone() data-next=p.next.map(|t| t.0.to_string()).unwrap_or_default()>
                            <strong>{p.name.clone()}</strong>
                            {t!(" enrolls contacts tagged “{tag}” at its poll, every {every}, not at the tagging: {when}", tag = p.tag, every = short_duration(p.every), when = when)}
                            {(p.queued > 0).then(|| plural(" · {n} tag addition waiting| · {n} tag additions waiting", p.queued as u64))}
                        </p>
                    }
                }).collect_view()}
            </section>
            <div class="people-bar">
                <label class="field field--grow">
                    <span>{tr("Search")}</span>
                    <input type="search" data-testid="contact-search" placeholder=tr("id, name, email, phone or tag") on:input=move |ev| { search.set(event_target_value(&ev)); page.set(0); } />
                </label>
                <button type="button" class="button" data-testid="contact-add" on:click=move |_| {
                    let n = rt.with_untracked(|s| s.state().contacts.len()).unwrap_or(0);
                    draft.set(Some(Draft { id: format!("c{}", n + 1), ..Draft::default() }));
                }>{tr("Add contact")}</button>
                <label class="field"><span>{tr("Generate")}</span><input class="input-narrow" data-testid="gen-count" prop:value=gen_count on:input=move |ev| gen_count.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{tr("Seed")}</span><input class="input-narrow" data-testid="gen-seed" prop:value=gen_seed on:input=move |ev| gen_seed.set(event_target_value(&ev)) /></label>
                <button type="button" class="button" data-testid="gen-run" title=tr("Synthetic contacts from the seed (the same seed gives the same people); 30% tagged lead") on:click=run_generator>{tr("Generate contacts")}</button>
            </div>
            <Show when=move || draft.with(Option::is_some)>
                <form class="card contact-form" data-testid="contact-form" on:submit=move |ev| { ev.prevent_default(); save(()); }>
                    <h2 class="section-title">{move || draft.with(|d| d.as_ref().and_then(|d| d.editing.clone()).map_or(tr("New contact").to_string(), |id| t!("Edit {id}", id = id)))}</h2>
                    <div class="contact-fields">
                        {field(tr("Id"), "contact-id", |d| d.id.clone(), |d, v| d.id = v)}
                        {field(tr("Name"), "contact-name", |d| d.name.clone(), |d, v| d.name = v)}
                        {field(tr("Email"), "contact-email", |d| d.email.clone(), |d, v| d.email = v)}
                        {field(tr("Phone"), "contact-phone", |d| d.phone.clone(), |d, v| d.phone = v)}
                        {field(tr("Tags (comma separated)"), "contact-tags", |d| d.tags.clone(), |d, v| d.tags = v)}
                        {field(tr("Attributes (JSON)"), "contact-attributes", |d| d.attributes.clone(), |d, v| d.attributes = v)}
                    </div>
                    {move || form_error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="contact-error">{e}</p> })}
                    <div class="form-buttons">
                        <button type="button" class="button" on:click=move |_| { draft.set(None); form_error.set(None); }>{tr("Cancel")}</button>
                        <button type="submit" class="button button--primary" data-testid="contact-save">{tr("Save")}</button>
                    </div>
                </form>
            </Show>
            <div class="runs-bulk">
                <label class="field">
                    <span>{tr("Enroll into")}</span>
                    <select data-testid="enroll-workflow" on:change=move |ev| enroll_into.set(event_target_value(&ev))>
                        <option value="">{tr("Choose an active workflow")}</option>
                        {move || rt.with_workflows(|s| enrollable(s.state())).unwrap_or_default().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="button button--primary" data-testid="enroll-selected"
                    disabled=move || selected.with(Vec::is_empty) || enroll_into.with(String::is_empty)
                    on:click=enroll>{move || t!("Enroll selected ({n})", n = num(selected.with(Vec::len) as u64))}</button>
                <span class="runs-count">{move || list.get().map(|l| t!("{n} contacts · page {page}", n = num(l.matching as u64), page = num(page.get() as u64 + 1))).unwrap_or_default()}</span>
                <button type="button" class="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"‹"</button>
                <button type="button" class="button" disabled=move || list.get().is_none_or(|l| (page.get() + 1) * PER_PAGE >= l.matching) on:click=move |_| page.update(|p| *p += 1)>"›"</button>
            </div>
            {move || {
                let wf = enroll_into.get();
                let ids = selected.get();
                rt.with_workflows_people(|s| enroll_warnings(s.state(), &wf, &ids)).unwrap_or_default().into_iter().map(|line| view! {
                    <p class="callout callout--warning enroll-warning" role="status" data-testid="enroll-warning">{line}</p>
                }).collect_view()
            }}
            <div class="table" role="table" aria-label=tr("Contacts") data-testid="contacts-table">
                <div class="table-head contact-row" role="row">
                    <span role="columnheader" aria-label=tr("Select")></span>
                    <span role="columnheader">{tr("Contact")}</span>
                    <span role="columnheader">{tr("Email")}</span>
                    <span role="columnheader">{tr("Phone")}</span>
                    <span role="columnheader">{tr("Tags")}</span>
                    <span role="columnheader">{tr("Attributes")}</span>
                    <span role="columnheader"></span>
                </div>
                {move || list.get().map(|l| l.rows).unwrap_or_default().into_iter().map(|c| {
                    let id = c.id.clone();
                    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
                    let tag_input = RwSignal::new(String::new());
                    let edit = c.clone();
                    view! {
                        <div class="contact-row" role="row" data-testid="contact-row" data-contact=id.clone()>
                            <span role="cell"><input type="checkbox" data-testid="contact-select" aria-label=t!("Select {id}", id = id)
                                prop:checked=move || selected.with(|s| s.contains(&id1))
                                on:change=move |_| selected.update(|s| if let Some(i) = s.iter().position(|x| *x == id2) { s.remove(i); } else { s.push(id2.clone()); }) /></span>
                            <span role="cell"><strong>{c.display_name().to_string()}</strong><span class="muted mono">{format!(" {}", c.id)}</span></span>
                            <span role="cell" class="muted">{c.email.clone().unwrap_or_else(|| "—".into())}</span>
                            <span role="cell" class="muted">{c.phone.clone().unwrap_or_else(|| "—".into())}</span>
                            <span role="cell" class="tags">
                                {c.tags.iter().map(|t| {
                                    let (cid, tag) = (id.clone(), t.clone());
                                    view! { <span class="tag" data-testid="contact-tag" data-tag=t.clone()>{t.clone()}
                                        <button type="button" class="tag-x" aria-label=t!("Remove tag {tag}", tag = t) on:click=move |_| { let _ = rt.command(Command::Untag { contact: cid.clone(), tag: tag.clone() }); }>"×"</button>
                                    </span> }
                                }).collect_view()}
                                <form class="tag-add" on:submit=move |ev| {
                                    ev.prevent_default();
                                    if let Some(tag) = opt(&tag_input.get_untracked()) {
                                        let _ = rt.command(Command::Tag { contact: id3.clone(), tag });
                                    }
                                }>
                                    <input data-testid="contact-tag-input" placeholder=tr("+ tag") prop:value=tag_input on:input=move |ev| tag_input.set(event_target_value(&ev)) />
                                </form>
                            </span>
                            <span role="cell" class="mono muted attrs" translate="no">{Value::Object(c.attributes.clone()).to_string()}</span>
                            <span role="cell"><button type="button" class="button" data-testid="contact-edit" on:click=move |_| draft.set(Some(Draft {
                                editing: Some(edit.id.clone()),
                                id: edit.id.clone(),
                                name: edit.name.given().unwrap_or_default().to_string(),
                                original_name: edit.name.clone(),
                                email: edit.email.clone().unwrap_or_default(),
                                phone: edit.phone.clone().unwrap_or_default(),
                                tags: edit.tags.join(", "),
                                attributes: Value::Object(edit.attributes.clone()).to_string(),
                            }))>{tr("Edit")}</button></span>
                        </div>
                    }
                }).collect_view()}
            </div>
            <OperatorsSection />
        </div>
    }
}
