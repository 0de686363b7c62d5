//! The app's one confirmation dialog: it asks before something that cannot
//! be undone. A title, what will happen, a way back, perhaps another way to
//! go on, and the action, in the app's dialog box (`DialogBox`); Escape is
//! the way back.

use leptos::prelude::*;

use super::dialog_box::{DialogBox, DialogWidth};

/// A way to go on other than the main action, shown between the way back
/// and the action (a plain button).
#[derive(Clone, Copy)]
pub struct OtherChoice {
    pub label: &'static str,
    pub testid: &'static str,
    pub on_pick: Callback<()>,
}

/// `testid` names the dialog; its title's id is `{testid}-title` unless
/// `title_id` says otherwise, its text's test id `body_testid` when given.
/// Children go under the text (notes, errors).
#[component]
pub fn ConfirmDialog(
    testid: &'static str,
    #[prop(optional)] title_id: Option<&'static str>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(optional)] body_testid: Option<&'static str>,
    cancel_label: &'static str,
    cancel_testid: &'static str,
    #[prop(optional)] other: Option<OtherChoice>,
    #[prop(into)] confirm_label: String,
    confirm_testid: &'static str,
    /// A destructive action gets the red button.
    #[prop(optional)]
    danger: bool,
    /// A wider box, for a longer explanation.
    #[prop(optional)]
    wide: bool,
    on_cancel: Callback<()>,
    on_confirm: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let confirm_class = if danger {
        "button button--danger"
    } else {
        "button button--primary"
    };
    let width = if wide {
        DialogWidth::Wide
    } else {
        DialogWidth::Normal
    };
    view! {
        <DialogBox testid title_id title alert=true width on_close=on_cancel>
            <p class="dialog-text" data-testid=body_testid>{body}</p>
            {children.map(|c| c())}
            <div class="dialog-actions">
                <button type="button" class="button" data-testid=cancel_testid on:click=move |_| on_cancel.run(())>
                    {cancel_label}
                </button>
                {other.map(|o| view! {
                    <button type="button" class="button" data-testid=o.testid on:click=move |_| o.on_pick.run(())>
                        {o.label}
                    </button>
                })}
                <button type="button" class=confirm_class data-testid=confirm_testid on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
            </div>
        </DialogBox>
    }
}
