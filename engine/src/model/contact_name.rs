use serde_json::Value;

/// A contact's `name` as written: a file may leave it out, write `null`, or
/// give a string. Filters see each differently (lifecycle.md §6), and an
/// export writes it back the way it came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ContactName {
    #[default]
    Missing,
    Null,
    Given(String),
}

impl ContactName {
    /// The attribute a filter sees: absent, `null`, or the string.
    pub fn value(&self) -> Option<Value> {
        match self {
            ContactName::Missing => None,
            ContactName::Null => Some(Value::Null),
            ContactName::Given(s) => Some(Value::String(s.clone())),
        }
    }

    /// From an attribute value (`set`): a string is the name, `null` is
    /// null, anything else is kept as its JSON text.
    pub fn from_value(v: &Value) -> ContactName {
        match v {
            Value::Null => ContactName::Null,
            Value::String(s) => ContactName::Given(s.clone()),
            other => ContactName::Given(other.to_string()),
        }
    }

    pub fn given(&self) -> Option<&str> {
        match self {
            ContactName::Given(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_gives_its_own_attribute_value() {
        assert_eq!(ContactName::Missing.value(), None);
        assert_eq!(ContactName::Null.value(), Some(Value::Null));
        assert_eq!(
            ContactName::Given("Ada".into()).value(),
            Some(Value::String("Ada".into()))
        );
        assert_eq!(ContactName::from_value(&Value::Null), ContactName::Null);
    }
}
