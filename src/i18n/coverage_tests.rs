//! Every text the code asks to translate has its French, with the same
//! holes, and every French entry is still asked for. The texts are found by
//! reading the sources for `tr("…")`, `t!("…"`, `plural("…"` and `en("…")`: keys are
//! always written as one literal there.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::fr::AREAS;

const CALLS: [&str; 5] = ["tr(", "t!(", "plural(", "en(", "msg("];

#[derive(Debug)]
struct Use {
    key: String,
    plural: bool,
    place: String,
}

fn uses() -> Vec<Use> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["src", "engine/src"] {
        visit(&root.join(dir), &mut out);
    }
    out
}

fn visit(dir: &Path, out: &mut Vec<Use>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.ends_with("src/i18n/coverage_tests.rs") {
            continue;
        }
        if path.is_dir() {
            visit(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            scan(&text, &path.display().to_string(), out);
        }
    }
}

fn scan(text: &str, file: &str, out: &mut Vec<Use>) {
    for call in CALLS {
        for (at, _) in text.match_indices(call) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let after = &text[at + call.len()..];
            let Some(rest) = after.trim_start().strip_prefix('"') else {
                continue;
            };
            let key = literal(rest);
            let line = text[..at].lines().count();
            out.push(Use {
                key,
                plural: call == "plural(",
                place: format!("{file}:{line}"),
            });
        }
    }
}

/// The rest of a Rust string literal whose opening quote is just before
/// `rest`, unescaped.
fn literal(rest: &str) -> String {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return out,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('\'') => out.push('\''),
                Some('u') => {
                    let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    out.extend(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32));
                }
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    out
}

fn holes(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.insert(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

fn french() -> HashMap<&'static str, &'static str> {
    AREAS.iter().flat_map(|a| a.iter().copied()).collect()
}

#[test]
fn every_text_asked_for_has_its_french() {
    let french = french();
    let missing: BTreeSet<String> = uses()
        .into_iter()
        .filter(|u| !french.contains_key(u.key.as_str()))
        .map(|u| format!("{} at {}", u.key, u.place))
        .collect();
    assert!(
        missing.is_empty(),
        "no French for {} texts:\n{}",
        missing.len(),
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn french_keeps_the_holes_and_plural_forms_of_the_english() {
    let mut wrong = Vec::new();
    for (en, fr) in AREAS.iter().flat_map(|a| a.iter()) {
        if holes(en) != holes(fr) {
            wrong.push(format!("holes differ: {en:?} → {fr:?}"));
        }
        if en.matches('|').count() != fr.matches('|').count() {
            wrong.push(format!("plural forms differ: {en:?} → {fr:?}"));
        }
    }
    for u in uses().into_iter().filter(|u| u.plural) {
        if u.key.matches('|').count() != 1 {
            wrong.push(format!(
                "plural without one|other: {} at {}",
                u.key, u.place
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_english_text_has_one_french_entry_and_each_entry_is_used() {
    let mut seen = BTreeSet::new();
    let duplicates: Vec<&str> = AREAS
        .iter()
        .flat_map(|a| a.iter())
        .map(|(en, _)| *en)
        .filter(|en| !seen.insert(*en))
        .collect();
    assert!(duplicates.is_empty(), "written twice: {duplicates:?}");
    let used: BTreeSet<String> = uses().into_iter().map(|u| u.key).collect();
    let unused: Vec<&str> = seen.into_iter().filter(|en| !used.contains(*en)).collect();
    assert!(
        unused.is_empty(),
        "French entries nothing asks for: {unused:?}"
    );
}

#[test]
fn the_scanner_reads_escapes_and_skips_other_calls() {
    let mut out = Vec::new();
    scan(
        "attr(\"x\")\n// tr(\"doc\")\n tr(x) t!(\n  \"wrapped\") tr(\"a \\\"b\\\"\") t!(\"c {n}\", n = 1) plural(\"{n} x|{n} xs\", 2)",
        "f",
        &mut out,
    );
    let keys: Vec<&str> = out.iter().map(|u| u.key.as_str()).collect();
    assert_eq!(keys, ["a \"b\"", "wrapped", "c {n}", "{n} x|{n} xs"]);
}
