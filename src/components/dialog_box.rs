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

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("src/ reads") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source reads");
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// Whether `text` opens a dialog of its own rather than a `DialogBox`.
    fn own_dialog(text: &str) -> bool {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .any(|l| l.contains("<NativeDialog") || l.contains("<dialog"))
    }

    #[test]
    fn every_dialog_is_a_dialog_box() {
        assert!(own_dialog("view! { <NativeDialog class=\"x\"> }"));
        assert!(own_dialog("    <dialog open>"));
        assert!(!own_dialog("// a <dialog> in a comment"));
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let own: Vec<&str> = files
            .iter()
            .filter(|(path, text)| {
                !path.ends_with("components/native_dialog.rs")
                    && !path.ends_with("components/dialog_box.rs")
                    && own_dialog(text)
            })
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(own.is_empty(), "these open a dialog of their own: {own:?}");
    }
}
