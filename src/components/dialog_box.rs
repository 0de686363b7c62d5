//! The box every dialog of the app shows, in a modal `<dialog>`
//! (`NativeDialog`: focus kept inside and given back, Escape asks to
//! close): a title naming the dialog, perhaps a close button, and what the
//! dialog asks below it, scrolling when it is long. `ConfirmDialog` is
//! built on it; so are the editor's and the shell's dialogs.

use crate::i18n::tr;
use leptos::prelude::*;

use super::icons::Glyph;
use super::native_dialog::NativeDialog;

/// How wide the box is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DialogWidth {
    /// A question and its buttons.
    #[default]
    Normal,
    /// A longer explanation.
    Wide,
    /// Tables and diffs.
    Large,
}

impl DialogWidth {
    fn class(self) -> &'static str {
        match self {
            DialogWidth::Normal => "dialog",
            DialogWidth::Wide => "dialog dialog--wide",
            DialogWidth::Large => "dialog dialog--large",
        }
    }
}

/// `testid` names the box; its title's id is `{testid}-title` unless
/// `title_id` says otherwise. `closable` adds the × button
/// (`dialog-close`) and closes on a press outside the box.
#[component]
pub fn DialogBox(
    testid: &'static str,
    #[prop(optional_no_strip)] title_id: Option<&'static str>,
    #[prop(into)] title: Signal<String>,
    /// `alertdialog`: a question before something that cannot be undone.
    #[prop(optional)]
    alert: bool,
    #[prop(optional)] closable: bool,
    #[prop(optional)] width: DialogWidth,
    /// Extra classes of the box.
    #[prop(optional)]
    class: &'static str,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let title_id = title_id.map_or_else(|| format!("{testid}-title"), str::to_owned);
    let labelled_by = title_id.clone();
    let box_class = format!("{} {class}", width.class());
    view! {
        <NativeDialog class="dialog-backdrop" alert=alert labelled_by=labelled_by on_close=on_close>
            <div class=box_class.trim_end().to_owned() data-testid=testid>
                <header class="dialog-head">
                    <h2 id=title_id>{title}</h2>
                    {closable.then(|| view! {
                        <button type="button" class="icon-button" data-testid="dialog-close" aria-label=tr("Close")
                            on:click=move |_| on_close.run(())>
                            <Glyph name="close" />
                        </button>
                    })}
                </header>
                <div class="dialog-body">{children()}</div>
            </div>
            {closable.then(|| view! {
                <div class="dialog-scrim" aria-hidden="true" on:click=move |_| on_close.run(())></div>
            })}
        </NativeDialog>
    }
}
