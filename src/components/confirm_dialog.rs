//! A dialog that asks before something that cannot be undone: a title, what
//! will happen, a way back and the action, in a modal `<dialog>`; Escape
//! is the way back.

use leptos::prelude::*;

use super::native_dialog::NativeDialog;

/// `testid` names the dialog; the buttons are `{testid}-cancel` unless
/// `cancel_testid`/`confirm_testid` say otherwise.
#[component]
pub fn ConfirmDialog(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    cancel_label: &'static str,
    cancel_testid: &'static str,
    confirm_label: &'static str,
    confirm_testid: &'static str,
    /// A destructive action gets the red button.
    #[prop(optional)]
    danger: bool,
    on_cancel: Callback<()>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let title_id = format!("{testid}-title");
    let title_label = title_id.clone();
    let confirm_class = if danger {
        "button button--danger"
    } else {
        "button button--primary"
    };
    view! {
        <NativeDialog class="dialog-backdrop" alert=true labelled_by=title_label on_close=on_cancel>
            <div class="dialog" data-testid=testid>
                <h2 id=title_id>{title}</h2>
                <p>{body}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" data-testid=cancel_testid on:click=move |_| on_cancel.run(())>
                        {cancel_label}
                    </button>
                    <button type="button" class=confirm_class data-testid=confirm_testid on:click=move |_| on_confirm.run(())>
                        {confirm_label}
                    </button>
                </div>
            </div>
        </NativeDialog>
    }
}
