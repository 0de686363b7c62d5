//! Saying plainly that a file is not a Flowlab file at all — empty, not
//! JSON, not an object, or of another `format` — before any parser detail,
//! with the line and column where that shows.

use serde_json::Value;

use super::error::{FileError, Location, Problem};
use super::reader::type_name;
use super::FORMAT;

/// What a JSON syntax error means to a person: a file that does not even
/// start like a JSON object or list is not JSON at all.
pub fn syntax_problem(text: &str, message: String) -> Problem {
    match text.trim_start().chars().next() {
        None => Problem::NotFlowlab("it is empty".into()),
        Some('{' | '[') => Problem::Syntax(message),
        Some(_) => Problem::NotFlowlab("it is not JSON".into()),
    }
}

/// A scenario's top level: an object whose `format` is the one this
/// version reads, checked before its other fields.
pub fn check_scenario(file: &str, text: &str, value: &Value) -> Result<(), FileError> {
    let refuse = |location, problem| {
        Err(FileError {
            file: file.into(),
            location,
            problem,
        })
    };
    let Value::Object(map) = value else {
        return refuse(
            first_char(text),
            Problem::NotFlowlab(format!("it holds {}, not an object", type_name(value))),
        );
    };
    match map.get("format") {
        None => refuse(
            Location::Whole,
            Problem::NotFlowlab(format!(
                "it has no `format`; a Flowlab scenario says \"format\": \"{FORMAT}\""
            )),
        ),
        Some(Value::String(f)) if f != FORMAT && !f.starts_with("flowlab-") => refuse(
            key_location(text, "format"),
            Problem::NotFlowlab(format!("its `format` is `{f}`, not `{FORMAT}`")),
        ),
        _ => Ok(()),
    }
}

/// A workflow file's top level: an object with a workflow's `steps` or
/// `id`, so that any other JSON is not read as a faulty workflow.
pub fn check_workflow(file: &str, text: &str, value: &Value) -> Result<(), FileError> {
    let problem = match value {
        Value::Object(map) if map.contains_key("steps") || map.contains_key("id") => return Ok(()),
        Value::Object(_) => Problem::NotFlowlab(
            "it has no `format` (as a scenario or a workspace has) and no `id` or `steps` (as a workflow has)".into(),
        ),
        other => Problem::NotFlowlab(format!("it holds {}, not an object", type_name(other))),
    };
    Err(FileError {
        file: file.into(),
        location: first_char(text),
        problem,
    })
}

fn first_char(text: &str) -> Location {
    let skipped = text.len() - text.trim_start().len();
    at_byte(text, skipped)
}

/// Where the top-level object's `key` is written, or the whole file when
/// it cannot be found.
fn key_location(text: &str, key: &str) -> Location {
    top_level_key(text, key).map_or(Location::Whole, |i| at_byte(text, i))
}

fn at_byte(text: &str, i: usize) -> Location {
    let before = &text[..i];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Location::LineColumn {
        line,
        column: 1 + before[line_start..].chars().count(),
    }
}

/// The byte offset of the opening quote of `key` in the top-level object
/// of valid JSON `text`.
fn top_level_key(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let is_key = text[i.min(text.len())..]
                    .get(1..)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'));
                if depth == 1 && is_key && text.get(start + 1..i) == Some(key) {
                    return Some(start);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_level_key_is_found_past_nested_ones_and_strings() {
        let text =
            "{\n  \"a\": {\"format\": 1},\n  \"b\": \"\\\"format\\\"\",\n  \"format\": \"x\"\n}";
        assert_eq!(
            key_location(text, "format"),
            Location::LineColumn { line: 4, column: 3 }
        );
        assert_eq!(
            key_location("{\"b\": \"format\"}", "format"),
            Location::Whole
        );
    }

    #[test]
    fn what_does_not_start_like_json_is_not_json() {
        assert_eq!(
            syntax_problem("name,email\n", "expected ident".into()),
            Problem::NotFlowlab("it is not JSON".into())
        );
        assert_eq!(
            syntax_problem(" \n ", "EOF".into()),
            Problem::NotFlowlab("it is empty".into())
        );
        assert!(matches!(
            syntax_problem("{\"a\" 1}", "x".into()),
            Problem::Syntax(_)
        ));
    }
}
