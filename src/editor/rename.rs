//! Renaming a step in place: a double click on a node puts a text field
//! over it. Enter or leaving the field sets the step's name as one undo
//! entry (the inspector's Name field's command); Escape cancels. A step
//! keeps its name when the field is left empty.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::context::{use_ed, use_ed_view, Ed};
use super::dom::focus_step;
use super::geometry::{NODE_H, NODE_W};
use crate::i18n::tr;
use crate::t;

#[cfg(test)]
const EMPTY: &str = "A step needs a name: type one, or press Escape to keep the old one";

/// Starts renaming step `id`, unless nothing may change.
pub fn start(ed: Ed, id: &str) {
    if untrack(|| ed.readonly()) {
        return;
    }
    ed.view.renaming.set(Some(id.to_owned()));
}

/// What a commit of `typed` does to a step named `old`: `Err` when it is
/// refused, `Ok(None)` when nothing changes.
pub fn new_name(old: &str, typed: &str) -> Result<Option<String>, &'static str> {
    let typed = typed.trim();
    if typed.is_empty() {
        Err(tr(
            "A step needs a name: type one, or press Escape to keep the old one",
        ))
    } else if typed == old {
        Ok(None)
    } else {
        Ok(Some(typed.to_owned()))
    }
}

#[component]
pub fn RenameStep() -> impl IntoView {
    let view = use_ed_view();
    move || view.renaming.get().map(|id| view! { <RenameBox id /> })
}

#[component]
fn RenameBox(id: String) -> impl IntoView {
    let ed = use_ed();
    let sid = StoredValue::new(id.clone());
    let old = ed
        .doc
        .session
        .with_untracked(|d| {
            d.draft()
                .step(&id)
                .map(|s| s.name.clone().unwrap_or_else(|| s.id.clone()))
        })
        .unwrap_or_default();
    let old = StoredValue::new(old);
    let text = RwSignal::new(old.get_value());
    let error = RwSignal::new(None::<&'static str>);
    // Enter, Escape and the blur that follows them end one edit once.
    let ended = StoredValue::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    request_animation_frame(move || {
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
            el.select();
        }
    });

    let end = move || {
        ended.set_value(true);
        ed.view.renaming.set(None);
        focus_step(&sid.get_value());
    };
    // Whether the edit ended.
    let commit = move || -> bool {
        if ended.get_value() {
            return true;
        }
        match new_name(&old.get_value(), &text.get_untracked()) {
            Err(why) => {
                error.set(Some(why));
                false
            }
            Ok(name) => {
                if let Some(name) = name {
                    ed.update_step(&sid.get_value(), |s| s.name = Some(name));
                }
                end();
                true
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        match ev.key().as_str() {
            "Enter" => {
                commit();
            }
            "Escape" => end(),
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };
    let on_blur = move |_| {
        if !commit() {
            ended.set_value(true);
            ed.view.renaming.set(None);
            ed.dialogs
                .notice
                .set(Some(tr("Not renamed: a step needs a name").into()));
        }
    };
    let place = move || {
        let view = ed.view.viewport.get();
        let Some(pos) = ed.position(&sid.get_value()) else {
            return "display: none".to_owned();
        };
        let at = view.to_screen(pos);
        // Centred on the node, and wide enough to type in when zoomed out.
        let width = (NODE_W * view.zoom).max(180.0);
        let left = at.x + (NODE_W * view.zoom - width) / 2.0;
        let top = at.y + (NODE_H * view.zoom - 34.0) / 2.0;
        format!("left: {left:.1}px; top: {top:.1}px; width: {width:.1}px")
    };

    view! {
        <div class="rename-step" style=place>
            <input node_ref=input class="rename-input" data-testid="rename-step" type="text"
                aria-label=move || t!("New name of the step {id}", id = sid.get_value())
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="rename-step-error"
                autocomplete="off" spellcheck="false"
                prop:value=move || text.get()
                on:input=move |ev| { text.set(event_target_value(&ev)); error.set(None); }
                on:keydown=on_key
                on:blur=on_blur />
            <p id="rename-step-error" class="rename-error" data-testid="rename-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_name_is_trimmed_and_the_same_name_changes_nothing() {
        assert_eq!(new_name("Done", "  Finish "), Ok(Some("Finish".into())));
        assert_eq!(new_name("Done", "Done "), Ok(None));
    }

    #[test]
    fn an_empty_name_is_refused() {
        assert_eq!(new_name("Done", ""), Err(EMPTY));
        assert_eq!(new_name("Done", "   "), Err(EMPTY));
    }
}
