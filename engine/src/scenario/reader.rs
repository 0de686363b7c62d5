//! Reading a `serde_json::Value` field by field, so that every refusal names
//! its JSON path (`workflows[0].steps[2].next`) and unknown fields are errors.

use serde_json::{Map, Value};

use super::error::{AtPath, Decoded, Problem};
use crate::time::{parse_clock, parse_duration};

pub fn type_name(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub fn fail<T>(path: &str, problem: Problem) -> Decoded<T> {
    Err(AtPath {
        path: path.to_string(),
        problem,
    })
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// An object being read; `allowed` lists its legal fields.
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub path: String,
}

impl<'a> Obj<'a> {
    pub fn new(value: &'a Value, path: &str) -> Decoded<Obj<'a>> {
        match value {
            Value::Object(map) => Ok(Obj {
                map,
                path: path.to_string(),
            }),
            other => fail(
                path,
                Problem::WrongType {
                    expected: "an object",
                    found: type_name(other),
                },
            ),
        }
    }

    /// Refuses any field not in `allowed` (plus `x`, free space for tools).
    pub fn only(self, allowed: &[&str]) -> Decoded<Self> {
        self.check_only(allowed)?;
        Ok(self)
    }

    pub fn check_only(&self, allowed: &[&str]) -> Decoded<()> {
        for key in self.map.keys() {
            if key != "x" && !allowed.contains(&key.as_str()) {
                return fail(
                    &self.path,
                    Problem::UnknownField {
                        field: key.clone(),
                        expected: allowed.join(", "),
                    },
                );
            }
        }
        Ok(())
    }

    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The field, absent or `null` both giving `None`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub fn required(&self, key: &'static str) -> Decoded<&'a Value> {
        match self.get(key) {
            Some(v) => Ok(v),
            None => fail(&self.path, Problem::Missing(key)),
        }
    }

    pub fn str(&self, key: &'static str) -> Decoded<String> {
        string(self.required(key)?, &self.at(key))
    }

    pub fn opt_str(&self, key: &str) -> Decoded<Option<String>> {
        self.get(key).map(|v| string(v, &self.at(key))).transpose()
    }

    pub fn opt_bool(&self, key: &str) -> Decoded<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => fail(
                &self.at(key),
                Problem::WrongType {
                    expected: "true or false",
                    found: type_name(other),
                },
            ),
        }
    }

    pub fn opt_int(&self, key: &str) -> Decoded<Option<i64>> {
        self.get(key).map(|v| int(v, &self.at(key))).transpose()
    }

    pub fn opt_uint(&self, key: &str) -> Decoded<Option<u64>> {
        self.get(key).map(|v| uint(v, &self.at(key))).transpose()
    }

    pub fn opt_duration(&self, key: &str) -> Decoded<Option<u64>> {
        self.get(key)
            .map(|v| duration(v, &self.at(key)))
            .transpose()
    }

    pub fn opt_clock(&self, key: &str) -> Decoded<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => parse_clock(s).map(Some).map_err(|e| AtPath {
                path: self.at(key),
                problem: e.into(),
            }),
            Some(other) => fail(
                &self.at(key),
                Problem::WrongType {
                    expected: "a clock time \"HH:MM\"",
                    found: type_name(other),
                },
            ),
        }
    }

    pub fn opt_array(&self, key: &str) -> Decoded<Option<&'a Vec<Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => fail(
                &self.at(key),
                Problem::WrongType {
                    expected: "an array",
                    found: type_name(other),
                },
            ),
        }
    }

    pub fn opt_object(&self, key: &str) -> Decoded<Option<&'a Map<String, Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(other) => fail(
                &self.at(key),
                Problem::WrongType {
                    expected: "an object",
                    found: type_name(other),
                },
            ),
        }
    }

    pub fn strings(&self, key: &str) -> Decoded<Vec<String>> {
        let Some(items) = self.opt_array(key)? else {
            return Ok(Vec::new());
        };
        items
            .iter()
            .enumerate()
            .map(|(i, v)| string(v, &index(&self.at(key), i)))
            .collect()
    }
}

pub fn string(v: &Value, path: &str) -> Decoded<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => fail(
            path,
            Problem::WrongType {
                expected: "a string",
                found: type_name(other),
            },
        ),
    }
}

pub fn int(v: &Value, path: &str) -> Decoded<i64> {
    match v.as_i64() {
        Some(n) => Ok(n),
        None => fail(
            path,
            Problem::WrongType {
                expected: "an integer",
                found: type_name(v),
            },
        ),
    }
}

pub fn uint(v: &Value, path: &str) -> Decoded<u64> {
    match v.as_u64() {
        Some(n) => Ok(n),
        None => fail(
            path,
            Problem::WrongType {
                expected: "a non-negative integer",
                found: type_name(v),
            },
        ),
    }
}

/// `"1d2h"` or an integer number of milliseconds; negative is an error.
pub fn duration(v: &Value, path: &str) -> Decoded<u64> {
    match v {
        Value::String(s) if s.starts_with('-') && parse_duration(&s[1..]).is_ok() => fail(
            path,
            Problem::Invalid(format!("`{s}` is negative: a duration is 0 or more")),
        ),
        Value::String(s) => parse_duration(s).map_err(|e| AtPath {
            path: path.to_string(),
            problem: e.into(),
        }),
        Value::Number(n) => match n.as_u64() {
            Some(ms) => Ok(ms),
            None => fail(
                path,
                Problem::Invalid(format!(
                    "a duration must be a non-negative whole number of milliseconds, not {n}"
                )),
            ),
        },
        other => fail(
            path,
            Problem::WrongType {
                expected: "a duration such as \"5m\" or a number of milliseconds",
                found: type_name(other),
            },
        ),
    }
}
