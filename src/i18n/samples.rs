//! The built-in samples and presets in the page's language. Their files are
//! written in English; in French, the texts people read (workflow and step
//! names, notes, narrations) are swapped for `fr/samples.rs`'s, and nothing
//! else: ids, tags, kinds and layout stay byte for byte. A workspace keeps
//! the language it was created in: it is the user's data from then on.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::{current, fr, Lang};

/// `json` (a scenario file) with its sample texts in the current language.
pub fn localize(json: &'static str) -> Cow<'static, str> {
    localize_in(json, current())
}

/// `json` with its sample texts in `lang`.
/// The French of each built-in file is made once and kept: screens compare
/// the workspace with it whenever the log grows.
pub fn localize_in(json: &'static str, lang: Lang) -> Cow<'static, str> {
    thread_local! {
        static FRENCH: RefCell<HashMap<(usize, usize), &'static str>> = RefCell::new(HashMap::new());
    }
    match lang {
        Lang::En => Cow::Borrowed(json),
        Lang::Fr => Cow::Borrowed(FRENCH.with(|made| {
            *made
                .borrow_mut()
                .entry((json.as_ptr() as usize, json.len()))
                .or_insert_with(|| Box::leak(swap_texts(json, french).into_boxed_str()))
        })),
    }
}

fn french(en: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| fr::SAMPLES.iter().copied().collect())
        .get(en)
        .copied()
}

/// Each JSON string value (not key) that `swap` knows is replaced; the rest
/// of the text is copied as it is.
fn swap_texts(json: &str, swap: impl Fn(&str) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    let bytes = json.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = (i + 1).min(bytes.len());
        i = end;
        let is_key = json[end..].trim_start().starts_with(':');
        if is_key {
            continue;
        }
        let Ok(text) = serde_json::from_str::<String>(&json[start..end]) else {
            continue;
        };
        if let Some(replacement) = swap(&text) {
            out.push_str(&json[copied..start]);
            out.push_str(&serde_json::to_string(replacement).expect("a string serialises"));
            copied = end;
        }
    }
    out.push_str(&json[copied..]);
    out
}

/// The texts of a scenario file that people read, for the coverage test:
/// notes, narrations, workflow and step names (not people's names).
#[cfg(test)]
pub fn readable_texts(json: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    path.push(key.clone());
                    walk(v, path, out);
                    path.pop();
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, path, out)),
            serde_json::Value::String(s) => {
                let key = path.last().map(String::as_str).unwrap_or_default();
                let people = path
                    .first()
                    .is_some_and(|p| p == "contacts" || p == "operators");
                let expected = path.first().is_some_and(|p| p == "expect");
                if matches!(key, "name" | "note" | "pause" | "reason") && !people && !expected {
                    out.push(s.clone());
                }
            }
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).expect("a sample is JSON");
    let mut out = Vec::new();
    walk(&value, &mut Vec::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_string_values_it_knows_change_and_the_layout_stays() {
        let json = "{\"name\": \"Done\", \"Done\": [\"Done\", \"x\\\"y\"],\n  \"id\": \"done\"}";
        let out = swap_texts(json, |s| (s == "Done").then_some("Fin « ok »"));
        assert_eq!(out, "{\"name\": \"Fin « ok »\", \"Done\": [\"Fin « ok »\", \"x\\\"y\"],\n  \"id\": \"done\"}");
    }
}
