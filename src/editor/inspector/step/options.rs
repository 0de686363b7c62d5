//! The options of the step forms' pickers.

use crate::i18n::tr;
use leptos::prelude::*;

use crate::editor::context::Ed;
use crate::editor::summary::title;

pub fn opts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

/// A step picker's options: "none" first, then every other step, kept up
/// to date as steps are added, renamed and removed.
pub fn step_options(ed: Ed, id: &str, none: &str) -> Memo<Vec<(String, String)>> {
    let (id, none) = (id.to_string(), none.to_string());
    Memo::new(move |_| {
        let mut o = vec![(String::new(), none.clone())];
        ed.doc.session.with(|d| {
            for s in &d.draft().steps {
                if s.id != id {
                    let t = title(s);
                    let label = if t == s.id {
                        t
                    } else {
                        format!("{t} ({})", s.id)
                    };
                    o.push((s.id.clone(), label));
                }
            }
        });
        o
    })
}

pub fn workflow_options(ed: Ed) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        let mut o = vec![(String::new(), tr("— choose a workflow —").to_string())];
        ed.doc.world.with(|(ids, _)| {
            o.extend(ids.iter().map(|w| (w.clone(), w.clone())));
        });
        o
    })
}
