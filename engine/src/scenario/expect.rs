use serde_json::{Map, Value};

/// What `flowlab-sim test` checks against a trace.
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    /// Some trace line has all these fields with equal values.
    Event(Map<String, Value>),
    /// No trace line has all these fields.
    NoEvent(Map<String, Value>),
    /// The number of matching lines compares as given.
    Count {
        pattern: Map<String, Value>,
        compare: CountCompare,
        value: u64,
    },
    /// The execution's last state.
    FinalState { execution: String, state: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountCompare {
    Equals,
    AtLeast,
    AtMost,
}

impl CountCompare {
    pub fn key(self) -> &'static str {
        match self {
            CountCompare::Equals => "equals",
            CountCompare::AtLeast => "at_least",
            CountCompare::AtMost => "at_most",
        }
    }

    pub fn holds(self, actual: u64, expected: u64) -> bool {
        match self {
            CountCompare::Equals => actual == expected,
            CountCompare::AtLeast => actual >= expected,
            CountCompare::AtMost => actual <= expected,
        }
    }
}

/// A trace line has every field of the pattern, with an equal value.
pub fn line_matches(line: &Map<String, Value>, pattern: &Map<String, Value>) -> bool {
    pattern
        .iter()
        .all(|(k, v)| line.get(k).is_some_and(|actual| values_equal(actual, v)))
}

/// JSON equality where `60000` and `60000.0` are the same number.
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        _ => a == b,
    }
}
