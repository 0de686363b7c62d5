//! "Link to…" from the keyboard: the selected step, which of its ports
//! (when it has several) and the step it leads to, linked through the same
//! `Doc::connect` gesture as a drag from a port.

use crate::i18n::tr;
use crate::t;
use flowlab_engine::edit::Port;
use leptos::prelude::*;

use crate::components::dialog_box::DialogBox;
use crate::editor::context::{use_ed, Ed};
use crate::editor::graph::{port_key, port_label};
use crate::editor::nav::{neighbour, Direction};
use crate::editor::state::Selection;

/// The ports a step leaves by, the fail port last.
fn ports_of(ed: Ed, from: &str) -> Vec<Port> {
    ed.doc.nodes.with_untracked(|n| {
        n.get(from).map_or(Vec::new(), |v| {
            let mut ports = v.ports.to_vec();
            if v.fail_port {
                ports.push(Port::OnFailGoto);
            }
            ports
        })
    })
}

fn port_name(port: Port) -> &'static str {
    port_label(port).unwrap_or(tr("next"))
}

/// Opens the dialog for the selected step, or says why it cannot.
pub fn link_from_selection(ed: Ed) {
    match ed
        .view
        .selection
        .with_untracked(|s| s.single().map(str::to_owned))
    {
        Some(id) if !ports_of(ed, &id).is_empty() => ed
            .dialogs
            .dialog
            .set(Some(crate::editor::state::Dialog::Link(id))),
        Some(_) => ed
            .dialogs
            .notice
            .set(Some(tr("This step has no port to link from").into())),
        None => ed
            .dialogs
            .notice
            .set(Some(tr("Select one step to link it to another").into())),
    }
}

#[component]
pub fn LinkDialog(from: String) -> impl IntoView {
    let ed = use_ed();
    let ports = ports_of(ed, &from);
    let taken: Vec<Port> = ed.doc.edges.with_untracked(|es| {
        es.iter()
            .filter(|e| e.from == from && !e.implicit)
            .map(|e| e.port)
            .collect()
    });
    let first_free = ports
        .iter()
        .copied()
        .find(|p| !taken.contains(p))
        .unwrap_or(ports[0]);
    let port = RwSignal::new(first_free);
    let (title, targets, suggested) = ed.doc.nodes.with_untracked(|n| {
        let title = n.get(&from).map_or(from.clone(), |v| v.title.clone());
        let targets: Vec<(String, String)> = n
            .list
            .iter()
            .filter(|v| v.id != from)
            .map(|v| (v.id.clone(), format!("{} ({})", v.title, v.id)))
            .collect();
        // Most often the step is to lead to one nothing leads to yet (just
        // added): the nearest such, else the next one to the right.
        let linked_to: Vec<String> = ed
            .doc
            .edges
            .with_untracked(|es| es.iter().map(|e| e.to.clone()).collect());
        let suggested = n
            .get(&from)
            .and_then(|v| {
                let loose = n
                    .list
                    .iter()
                    .filter(|o| o.id != from && !o.start && !linked_to.contains(&o.id))
                    .min_by(|a, b| a.pos.distance(v.pos).total_cmp(&b.pos.distance(v.pos)))
                    .map(|o| o.id.clone());
                loose.or_else(|| {
                    neighbour(
                        n.list
                            .iter()
                            .filter(|o| o.id != from)
                            .map(|o| (o.id.as_str(), o.pos)),
                        v.pos,
                        Direction::Right,
                    )
                    .map(str::to_owned)
                })
            })
            .or_else(|| targets.first().map(|(id, _)| id.clone()));
        (title, targets, suggested)
    });
    let target = RwSignal::new(suggested.unwrap_or_default());
    let several = ports.len() > 1;
    let none = targets.is_empty();
    let link = {
        let from = from.clone();
        move |_| {
            let to = target.get_untracked();
            if to.is_empty() {
                return;
            }
            let p = port.get_untracked();
            if ed.apply(|d| d.connect(&from, p, &to)).is_some() {
                ed.dialogs.dialog.set(None);
                ed.view.selection.set(Selection::only(&from));
                ed.dialogs.notice.set(Some(t!(
                    "Linked {from} ({port}) to {to}",
                    from = from,
                    port = port_name(p),
                    to = to
                )));
            }
        }
    };
    view! {
        <DialogBox testid="link-dialog" title=t!("Link “{name}” to…", name = title) closable=true on_close=ed.dialogs.closer()>
            {several.then(|| view! {
                <label class="ed-field">
                    <span class="field-label">{tr("From its port")}</span>
                    <select class="input" data-testid="link-port"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some(p) = crate::editor::graph::port_from_key(&key) { port.set(p) }
                        }>
                        {ports.iter().map(|p| {
                            let p = *p;
                            let note = if taken.contains(&p) { tr(" (linked: replaces it)") } else { "" };
                            view! { <option value=port_key(p) selected=p == first_free>{format!("{}{note}", port_name(p))}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            {if none {
                view! { <p class="panel-note" data-testid="link-none">{tr("There is no other step to link to. Add one from the palette first.")}</p> }.into_any()
            } else {
                view! {
                    <label class="ed-field">
                        <span class="field-label">{tr("To the step")}</span>
                        <select class="input" data-testid="link-target"
                            on:change=move |ev| target.set(event_target_value(&ev))>
                            {targets.into_iter().map(|(id, label)| {
                                let chosen = id == target.get_untracked();
                                view! { <option value=id selected=chosen>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            }}
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| ed.dialogs.dialog.set(None)>{tr("Cancel")}</button>
                <button type="button" class="button button--primary" data-testid="link-confirm" disabled=none on:click=link>{tr("Link")}</button>
            </div>
        </DialogBox>
    }
}
