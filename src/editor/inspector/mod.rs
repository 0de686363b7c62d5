//! The right-hand panel: a form for the selected step, a summary of a
//! multiple selection, or the workflow's settings and trigger. After a
//! problem is clicked, the field it names gets the focus.

mod fields;
mod filter;
mod step;
mod whole_days;
mod workflow;

use super::arrange::Arrangement;
use crate::i18n::{plural, tr};
use crate::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::use_ed;
use step::StepInspector;
use workflow::WorkflowInspector;

#[component]
pub fn Inspector() -> impl IntoView {
    let ed = use_ed();
    let single = Memo::new(move |_| ed.view.selection.with(|s| s.single().map(str::to_owned)));
    let count = Memo::new(move |_| ed.view.selection.with(|s| s.steps.len()));

    // Focus the field a problem names, once the form for it is there.
    Effect::new(move |_| {
        let Some(field) = ed.view.focus.get() else {
            return;
        };
        single.track();
        request_animation_frame(move || {
            let doc = document();
            let mut path = field.as_str();
            loop {
                let sel = format!("[data-testid=inspector] [data-field=\"{path}\"]");
                if let Ok(Some(el)) = doc.query_selector(&sel) {
                    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                        h.scroll_into_view();
                        let _ = h.focus();
                    }
                    break;
                }
                match path.rsplit_once('.') {
                    Some((head, _)) => path = head,
                    None => break,
                }
            }
            ed.view.focus.set(None);
        });
    });

    view! {
        <div class="inspector" data-testid="inspector">
            <fieldset class="inspector-fields" disabled=move || ed.readonly()>
                {move || match (single.get(), count.get()) {
                    (Some(id), _) => view! { <StepInspector id /> }.into_any(),
                    (None, 0) => view! { <WorkflowInspector /> }.into_any(),
                    (None, n) => view! {
                        <div class="inspector-multi" data-testid="inspector-multi">
                            <header class="inspector-head"><span class="inspector-kind">{plural("{n} step selected|{n} steps selected", n as u64)}</span></header>
                            <section class="panel-section">
                                <p class="panel-note">{tr("Drag one of them to move them all, or use the keyboard: arrows nudge, Delete removes, Ctrl+D duplicates, Ctrl+C / Ctrl+V copy and paste.")}</p>
                                <div class="button-row">
                                    <button type="button" class="button" data-testid="selection-duplicate" on:click=move |_| super::gestures::duplicate(ed)>{tr("Duplicate")}</button>
                                    <button type="button" class="button button--danger" data-testid="selection-delete" on:click=move |_| super::gestures::delete_selection(ed)>{tr("Delete")}</button>
                                </div>
                            </section>
                            <section class="panel-section" aria-labelledby="arrange-title">
                                <h3 class="panel-title" id="arrange-title">{tr("Arrange")}</h3>
                                <div class="arrange-grid" role="group" aria-labelledby="arrange-title">
                                    {Arrangement::ALL.into_iter().map(|how| view! {
                                        <button type="button" class="button button--small" data-testid=format!("arrange-{}", how.key())
                                            disabled=n < how.needs()
                                            title=if n < how.needs() { t!("{action} (needs {n} steps)", action = how.label(), n = how.needs()) } else { how.label().to_string() }
                                            on:click=move |_| super::gestures::arrange_selection(ed, how)>{how.label()}</button>
                                    }).collect_view()}
                                </div>
                            </section>
                        </div>
                    }.into_any(),
                }}
            </fieldset>
        </div>
    }
}
