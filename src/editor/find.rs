//! Find step (Ctrl/Cmd+F): a small box over the canvas that lists the
//! steps whose name or id holds what is typed. The arrow keys move in the
//! list, Enter picks: the step is selected and brought into view. Escape
//! closes the box and gives the focus back to the canvas.

use crate::i18n::tr;
use crate::t;
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_ed, use_ed_view, Ed};
use super::dom::{focus_step, reveal};

/// A step the query matches, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub id: String,
    pub title: String,
}

/// The steps (id and title: the name, or the id when there is none) whose
/// title or id contains `query`, ignoring case, in the draft's order.
/// Every step matches an empty query.
pub fn matching<'a>(
    steps: impl IntoIterator<Item = (&'a str, &'a str)>,
    query: &str,
) -> Vec<Found> {
    let q = query.trim().to_lowercase();
    steps
        .into_iter()
        .filter(|(id, title)| {
            q.is_empty() || id.to_lowercase().contains(&q) || title.to_lowercase().contains(&q)
        })
        .map(|(id, title)| Found {
            id: id.to_owned(),
            title: title.to_owned(),
        })
        .collect()
}

const INPUT: &str = "[data-testid=find-input]";

/// Opens the box (or, when it is open, gives it the focus again) with
/// its text selected.
pub fn open(ed: Ed) {
    ed.view.finding.set(true);
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector(INPUT)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = el.focus();
            el.select();
        }
    });
}

/// Closes the box; the focus goes to the canvas's step.
fn close(ed: Ed) {
    ed.view.finding.set(false);
    if let Some(id) = ed.view.tab_stop.get_untracked() {
        focus_step(&id);
    }
}

fn pick(ed: Ed, id: &str) {
    ed.view.finding.set(false);
    reveal(ed, id);
}

/// Keeps the active option inside the list's scrolled box.
fn scroll_to(index: usize) {
    let doc = document();
    let list = doc
        .query_selector("[data-testid=find-list]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let option = doc
        .get_element_by_id(&format!("find-option-{index}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let (Some(list), Some(option)) = (list, option) {
        let (top, height) = (option.offset_top(), option.offset_height());
        if top < list.scroll_top() {
            list.set_scroll_top(top);
        } else if top + height > list.scroll_top() + list.client_height() {
            list.set_scroll_top(top + height - list.client_height());
        }
    }
}

#[component]
pub fn FindStep() -> impl IntoView {
    let view = use_ed_view();
    view! {
        <Show when=move || view.finding.get()>
            <FindBox />
        </Show>
    }
}

#[component]
fn FindBox() -> impl IntoView {
    let ed = use_ed();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let found = Memo::new(move |_| {
        ed.doc.nodes.with(|n| {
            query.with(|q| matching(n.list.iter().map(|v| (v.id.as_str(), v.title.as_str())), q))
        })
    });
    Effect::new(move |_| scroll_to(active.get()));

    let on_key = move |ev: KeyboardEvent| {
        let count = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => active.update(|a| *a = (*a + 1).min(count - 1)),
            "ArrowUp" => active.update(|a| *a = a.saturating_sub(1)),
            "Home" if count > 0 => active.set(0),
            "End" if count > 0 => active.set(count - 1),
            "Enter" => {
                let id =
                    found.with_untracked(|f| f.get(active.get_untracked()).map(|f| f.id.clone()));
                if let Some(id) = id {
                    pick(ed, &id);
                }
            }
            "Escape" => close(ed),
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };
    // The box closes when the focus leaves it (a click on the canvas).
    let on_focus_out = move |ev: FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                el.closest("[data-testid=find-step]")
                    .ok()
                    .flatten()
                    .is_some()
            });
        if !inside {
            ed.view.finding.set(false);
        }
    };
    let active_id = move || {
        found
            .with(|f| !f.is_empty())
            .then(|| format!("find-option-{}", active.get()))
    };

    view! {
        <div class="find-step" data-testid="find-step" on:focusout=on_focus_out>
            <label class="visually-hidden" for="find-step-input">{tr("Find a step by name or id")}</label>
            <input id="find-step-input" class="find-input" data-testid="find-input" type="text"
                role="combobox" aria-expanded=move || found.with(|f| (!f.is_empty()).to_string())
                aria-controls="find-step-list" aria-autocomplete="list"
                aria-activedescendant=active_id
                placeholder=tr("Find a step by name or id") autocomplete="off" spellcheck="false"
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }
                on:keydown=on_key />
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! {
                    <p class="find-empty" data-testid="find-empty" role="status">
                        {move || t!("No step matches “{query}”", query = query.get().trim().to_string())}
                    </p>
                }>
                <ul id="find-step-list" class="find-list" data-testid="find-list" role="listbox" aria-label=tr("Matching steps")>
                    <For each=move || found.get().into_iter().enumerate() key=|(i, f)| (*i, f.id.clone(), f.title.clone())
                        children=move |(i, f)| {
                            let id = f.id.clone();
                            let show_id = f.id != f.title;
                            view! {
                                <li id=format!("find-option-{i}") class="find-option" role="option" data-testid="find-option"
                                    data-step-id=f.id.clone()
                                    aria-selected=move || (active.get() == i).to_string()
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:mousemove=move |_| if active.get_untracked() != i { active.set(i) }
                                    on:click=move |_| pick(ed, &id)>
                                    <span class="find-title">{f.title.clone()}</span>
                                    {show_id.then(|| view! { <code class="find-id">{f.id.clone()}</code> })}
                                </li>
                            }
                        } />
                </ul>
            </Show>
            <p class="find-hint" aria-hidden="true">{tr("↑ ↓ to choose · Enter to select · Esc to close")}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [(&str, &str); 4] = [
        ("send_welcome", "Send welcome email"),
        ("wait_a_day", "Wait a day"),
        ("send_tips", "Send getting-started tips"),
        ("done", "done"),
    ];

    fn ids(found: Vec<Found>) -> Vec<String> {
        found.into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn by_name_ignoring_case() {
        assert_eq!(ids(matching(STEPS, "WELCOME")), ["send_welcome"]);
        assert_eq!(ids(matching(STEPS, "a day")), ["wait_a_day"]);
    }

    #[test]
    fn by_id_and_by_part_of_either() {
        assert_eq!(ids(matching(STEPS, "send_")), ["send_welcome", "send_tips"]);
        assert_eq!(ids(matching(STEPS, "_tips")), ["send_tips"]);
        assert_eq!(ids(matching(STEPS, "  Don ")), ["done"]);
    }

    #[test]
    fn an_empty_query_lists_every_step_and_a_stranger_none() {
        assert_eq!(matching(STEPS, " ").len(), 4);
        assert!(matching(STEPS, "approval").is_empty());
    }
}
