//! From a file's bytes to a `serde_json::Value`, the same way in the app's
//! import and in `flowlab-sim`: a size limit checked before anything is
//! read, a UTF-8 byte-order mark skipped, other non-UTF-8 input refused at
//! its line:column, and a key written twice in one object refused at its
//! JSON path (serde_json alone keeps the last one silently).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::{FileError, Location, Problem};
use super::not_flowlab::syntax_problem;
use super::reader::{index, join};

pub use crate::limits::MAX_FILE_BYTES;

const BOM: &str = "\u{feff}";

/// The text of a file's bytes: UTF-8, with a leading byte-order mark
/// dropped. Invalid UTF-8 is refused at the line:column of its first bad
/// byte rather than replaced, so nothing is imported changed.
pub fn file_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, FileError> {
    too_large(file, bytes.len())?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix(BOM).unwrap_or(text)),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column =
                1 + std::str::from_utf8(&before[line_start..]).map_or(0, |s| s.chars().count());
            Err(FileError {
                file: file.into(),
                location: Location::LineColumn { line, column },
                problem: Problem::NotUtf8 {
                    byte: bytes[e.valid_up_to()],
                },
            })
        }
    }
}

fn too_large(file: &str, size: usize) -> Result<(), FileError> {
    if size > MAX_FILE_BYTES {
        return Err(FileError {
            file: file.into(),
            location: Location::Whole,
            problem: Problem::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            },
        });
    }
    Ok(())
}

/// Parses JSON text, reporting syntax errors at line:column and a repeated
/// key at its path.
pub fn parse_json(file: &str, text: &str) -> Result<Value, FileError> {
    too_large(file, text.len())?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = UniqueKeys {
        path: String::new(),
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    parsed.map_err(|e| {
        // serde_json says column 0 for an error at the very start of a line (EOF after a newline).
        let at = if text.trim().is_empty() {
            Location::Whole
        } else {
            Location::LineColumn {
                line: e.line(),
                column: e.column().max(1),
            }
        };
        let problem = match duplicate.into_inner() {
            Some((path, key)) => Problem::DuplicateKey { path, key },
            None => syntax_problem(text, syntax_message(&e)),
        };
        FileError {
            file: file.into(),
            location: at,
            problem,
        }
    })
}

fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// Builds a `Value` like serde_json does, remembering the path of each
/// object so that a repeated key can be named.
struct UniqueKeys<'a> {
    path: String,
    duplicate: &'a RefCell<Option<(String, String)>>,
}

impl<'de> DeserializeSeed<'de> for UniqueKeys<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(UniqueKeys {
            path: index(&self.path, items.len()),
            duplicate: self.duplicate,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some((self.path.clone(), key.clone()));
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = map.next_value_seed(UniqueKeys {
                path: join(&self.path, &key),
                duplicate: self.duplicate,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_refused_at_its_path() {
        let e = parse_json("f.json", "{\"a\": [1, {\"b\": 1,\n \"b\": 2}]}").unwrap_err();
        assert_eq!(
            e.problem,
            Problem::DuplicateKey {
                path: "a[1]".into(),
                key: "b".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "f.json: 2:4: key `b` is written twice in the object at a[1]"
        );
        let top = parse_json("f.json", "{\"x\": 1, \"x\": 1}").unwrap_err();
        assert!(
            top.to_string().contains("twice in the top-level object"),
            "{top}"
        );
    }

    #[test]
    fn values_parse_as_serde_json_parses_them() {
        let text =
            r#"{"a": [1, -2, 3.5, "s", null, true, {"k": {}}], "big": 18446744073709551615}"#;
        assert_eq!(
            parse_json("f", text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
        assert!(matches!(
            parse_json("f", "{} x").unwrap_err().problem,
            Problem::Syntax(_)
        ));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_utf8_refused_where_it_is() {
        assert_eq!(file_text("f", b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert_eq!(
            parse_json("f", "\u{feff}{}").unwrap(),
            Value::Object(Map::new())
        );
        let e = file_text("f", b"{\n  \"name\": \"caf\xE9\"}").unwrap_err();
        assert_eq!(
            e.location,
            Location::LineColumn {
                line: 2,
                column: 15
            }
        );
        assert_eq!(e.problem, Problem::NotUtf8 { byte: 0xE9 });
        assert!(e.to_string().contains("not UTF-8"), "{e}");
    }
}
