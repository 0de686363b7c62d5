//! The condition builder: rows of attribute, operator and value (or a
//! tag), grouped with all/any, each row or group negatable with "not".

use crate::i18n::tr;
use flowlab_engine::model::Filter;
use leptos::prelude::*;

use crate::editor::filter_edit::{self as fe, OPS};

#[component]
pub fn FilterBuilder(
    field: &'static str,
    #[prop(into)] value: Signal<Option<Filter>>,
    on_commit: Callback<Option<Filter>>,
    /// The filter may be absent (entry filter): offers to remove it all.
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    view! {
        <div class="filter-builder" data-field=field data-testid=format!("filter-{field}")>
            {move || match value.get() {
                None => view! {
                    <button type="button" class="button button--small" data-testid="filter-start"
                        on:click=move |_| on_commit.run(Some(fe::blank()))>
                        {tr("+ Add a condition")}
                    </button>
                }.into_any(),
                Some(root) => {
                    let tree = render(&root, Vec::new(), root.clone(), on_commit);
                    view! {
                        {tree}
                        {optional.then(|| view! {
                            <button type="button" class="link-button" data-testid="filter-clear"
                                on:click=move |_| on_commit.run(None)>{tr("Remove the filter")}</button>
                        })}
                    }.into_any()
                }
            }}
        </div>
    }
}

fn render(
    node: &Filter,
    path: Vec<usize>,
    root: Filter,
    commit: Callback<Option<Filter>>,
) -> AnyView {
    let (inner, negated, inner_path) = match node {
        Filter::Not(inner) => {
            let mut p = path.clone();
            p.push(0);
            (inner.as_ref().clone(), true, p)
        }
        other => (other.clone(), false, path.clone()),
    };
    let not_path = path.clone();
    let not_root = root.clone();
    let not_toggle = view! {
        <label class="filter-not" title=tr("Negate")>
            <input type="checkbox" data-testid="filter-not" prop:checked=negated
                on:change=move |_| commit.run(Some(fe::toggle_not(&not_root, &not_path))) />
            {tr("not")}
        </label>
    };
    let remove = {
        let root = root.clone();
        let path = path.clone();
        move |_| {
            commit.run(if path.is_empty() {
                None
            } else {
                fe::remove(&root, &path)
            })
        }
    };
    match &inner {
        Filter::All(children) | Filter::Any(children) => {
            let any = matches!(inner, Filter::Any(_));
            let mode_root = root.clone();
            let mode_path = inner_path.clone();
            let add_root = root.clone();
            let add_path = inner_path.clone();
            let group_root = root.clone();
            let group_path = inner_path.clone();
            let rows: Vec<AnyView> = children
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut p = inner_path.clone();
                    p.push(i);
                    render(c, p, root.clone(), commit)
                })
                .collect();
            view! {
                <div class="filter-group" data-testid="filter-group">
                    <div class="filter-group-head">
                        {not_toggle}
                        <select class="input input--small" data-testid="filter-mode"
                            on:change=move |ev| commit.run(Some(fe::set_group(&mode_root, &mode_path, event_target_value(&ev) == "any")))>
                            <option value="all" selected=!any>{tr("all of")}</option>
                            <option value="any" selected=any>{tr("any of")}</option>
                        </select>
                        <button type="button" class="icon-button icon-button--small" data-testid="filter-remove" title=tr("Remove this group") on:click=remove>"×"</button>
                    </div>
                    <div class="filter-children">{rows}</div>
                    <div class="filter-actions">
                        <button type="button" class="link-button" data-testid="filter-add"
                            on:click=move |_| commit.run(Some(fe::add(&add_root, &add_path, fe::blank())))>{tr("+ condition")}</button>
                        <button type="button" class="link-button" data-testid="filter-add-group"
                            on:click=move |_| commit.run(Some(fe::add(&group_root, &group_path, Filter::Any(vec![fe::blank()]))))>{tr("+ group")}</button>
                    </div>
                </div>
            }
            .into_any()
        }
        leaf => {
            let (attr, op, val) = fe::leaf_parts(leaf).unwrap_or_default();
            let op = op.to_string();
            let set = {
                let root = root.clone();
                let path = inner_path.clone();
                let (attr, op, val) = (attr.clone(), op.clone(), val.clone());
                move |part: usize, text: String| {
                    let (mut a, mut o, mut v) = (attr.clone(), op.clone(), val.clone());
                    match part {
                        0 => a = text,
                        1 => o = text,
                        _ => v = text,
                    }
                    let new = fe::leaf(&a, &o, &v);
                    commit.run(Some(fe::update(&root, &path, &|_| new.clone())));
                }
            };
            let (s0, s1, s2) = (set.clone(), set.clone(), set);
            let add_root = root.clone();
            let add_path = match path.split_last() {
                Some((_, parent))
                    if matches!(
                        fe::get(&root, parent),
                        Some(Filter::All(_) | Filter::Any(_))
                    ) =>
                {
                    parent.to_vec()
                }
                _ => inner_path.clone(),
            };
            let needs_value = op != "exists" && op != "tag";
            let is_tag = op == "tag";
            view! {
                <div class="filter-row" data-testid="filter-row">
                    {not_toggle}
                    <input class="input input--small" data-testid="filter-attr"
                        placeholder=if is_tag { tr("tag") } else { tr("attribute") } prop:value=attr
                        on:change=move |ev| s0(0, event_target_value(&ev)) />
                    <select class="input input--small filter-op" data-testid="filter-op"
                        on:change=move |ev| s1(1, event_target_value(&ev))>
                        {OPS.iter().chain(["tag"].iter()).map(|o| {
                            let label = match *o { "tag" => tr("has tag"), "exists" => tr("exists"), other => other };
                            view! { <option value=*o selected=*o == op>{label}</option> }
                        }).collect_view()}
                    </select>
                    {needs_value.then(|| view! {
                        <input class="input input--small" data-testid="filter-value" placeholder=tr("value")
                            prop:value=val on:change=move |ev| s2(2, event_target_value(&ev)) />
                    })}
                    <button type="button" class="icon-button icon-button--small" data-testid="filter-and" title=tr("Add a condition beside this one")
                        on:click=move |_| commit.run(Some(fe::add(&add_root, &add_path, fe::blank())))>"+"</button>
                    <button type="button" class="icon-button icon-button--small" data-testid="filter-remove" title=tr("Remove this condition") on:click=remove>"×"</button>
                </div>
            }
            .into_any()
        }
    }
}
