use serde_json::{json, Map, Value};

use super::Contact;

/// A condition on a contact (lifecycle.md §6).
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    Compare {
        attribute: String,
        op: FilterOp,
        value: Value,
    },
    Exists {
        attribute: String,
    },
    Tag(String),
    All(Vec<Filter>),
    Any(Vec<Filter>),
    Not(Box<Filter>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl FilterOp {
    pub fn as_str(self) -> &'static str {
        match self {
            FilterOp::Eq => "=",
            FilterOp::Ne => "!=",
            FilterOp::Lt => "<",
            FilterOp::Le => "<=",
            FilterOp::Gt => ">",
            FilterOp::Ge => ">=",
        }
    }

    pub fn parse(text: &str) -> Option<FilterOp> {
        Some(match text {
            "=" => FilterOp::Eq,
            "!=" => FilterOp::Ne,
            "<" => FilterOp::Lt,
            "<=" => FilterOp::Le,
            ">" => FilterOp::Gt,
            ">=" => FilterOp::Ge,
            _ => return None,
        })
    }
}

impl Filter {
    pub fn matches(&self, contact: &Contact) -> bool {
        match self {
            Filter::Compare {
                attribute,
                op,
                value,
            } => match contact.attribute(attribute) {
                Some(actual) => compare(&actual, *op, value),
                None => *op == FilterOp::Ne,
            },
            Filter::Exists { attribute } => contact.has_attribute(attribute),
            Filter::Tag(tag) => contact.tags.iter().any(|t| t == tag),
            Filter::All(parts) => parts.iter().all(|f| f.matches(contact)),
            Filter::Any(parts) => parts.iter().any(|f| f.matches(contact)),
            Filter::Not(inner) => !inner.matches(contact),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Filter::Compare {
                attribute,
                op,
                value,
            } => {
                json!({"attribute": attribute, "op": op.as_str(), "value": value})
            }
            Filter::Exists { attribute } => json!({"attribute": attribute, "op": "exists"}),
            Filter::Tag(tag) => json!({ "tag": tag }),
            Filter::All(parts) => {
                json!({"all": parts.iter().map(Filter::to_json).collect::<Vec<_>>()})
            }
            Filter::Any(parts) => {
                json!({"any": parts.iter().map(Filter::to_json).collect::<Vec<_>>()})
            }
            Filter::Not(inner) => {
                let mut m = Map::new();
                m.insert("not".into(), inner.to_json());
                Value::Object(m)
            }
        }
    }

    /// One line a person can read: `score >= 50 and tag lead`.
    pub fn describe(&self) -> String {
        match self {
            Filter::Compare {
                attribute,
                op,
                value,
            } => format!("{attribute} {} {value}", op.as_str()),
            Filter::Exists { attribute } => format!("{attribute} exists"),
            Filter::Tag(tag) => format!("tag {tag}"),
            Filter::All(parts) => join(parts, " and "),
            Filter::Any(parts) => join(parts, " or "),
            Filter::Not(inner) => format!("not ({})", inner.describe()),
        }
    }
}

fn join(parts: &[Filter], sep: &str) -> String {
    if parts.is_empty() {
        return if sep == " and " {
            "always".into()
        } else {
            "never".into()
        };
    }
    parts
        .iter()
        .map(|p| format!("({})", p.describe()))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Numbers as numbers, strings as strings (byte order), booleans and null
/// only with `=` / `!=`; anything else of different types is false, but `!=`.
fn compare(actual: &Value, op: FilterOp, expected: &Value) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => a.partial_cmp(&b),
            _ => None,
        },
        (Value::String(a), Value::String(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
        (Value::Bool(a), Value::Bool(b)) => return equality_only(a == b, op),
        (Value::Null, Value::Null) => return equality_only(true, op),
        _ => None,
    };
    match ordering {
        None => op == FilterOp::Ne,
        Some(o) => match op {
            FilterOp::Eq => o == Ordering::Equal,
            FilterOp::Ne => o != Ordering::Equal,
            FilterOp::Lt => o == Ordering::Less,
            FilterOp::Le => o != Ordering::Greater,
            FilterOp::Gt => o == Ordering::Greater,
            FilterOp::Ge => o != Ordering::Less,
        },
    }
}

fn equality_only(equal: bool, op: FilterOp) -> bool {
    match op {
        FilterOp::Eq => equal,
        FilterOp::Ne => !equal,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> Contact {
        Contact {
            id: "c1".into(),
            name: crate::model::ContactName::Given("Ada".into()),
            email: Some("ada@example.com".into()),
            phone: None,
            tags: vec!["lead".into()],
            attributes: json!({"plan": "pro", "score": 72, "consent": true, "gone": null})
                .as_object()
                .unwrap()
                .clone(),
        }
    }

    fn cmp(attribute: &str, op: FilterOp, value: Value) -> Filter {
        Filter::Compare {
            attribute: attribute.into(),
            op,
            value,
        }
    }

    #[test]
    fn numbers_compare_as_numbers_and_strings_bytewise() {
        let c = ada();
        assert!(cmp("score", FilterOp::Ge, json!(50)).matches(&c));
        assert!(cmp("score", FilterOp::Lt, json!(72.5)).matches(&c));
        assert!(!cmp("score", FilterOp::Gt, json!(72)).matches(&c));
        assert!(
            cmp("plan", FilterOp::Gt, json!("Pro")).matches(&c),
            "byte order: 'p' > 'P'"
        );
        assert!(cmp("name", FilterOp::Eq, json!("Ada")).matches(&c));
    }

    #[test]
    fn mismatched_types_and_missing_attributes_are_false_except_not_equal() {
        let c = ada();
        assert!(!cmp("score", FilterOp::Eq, json!("72")).matches(&c));
        assert!(cmp("score", FilterOp::Ne, json!("72")).matches(&c));
        assert!(!cmp("missing", FilterOp::Eq, json!(1)).matches(&c));
        assert!(cmp("missing", FilterOp::Ne, json!(1)).matches(&c));
        assert!(
            !cmp("consent", FilterOp::Gt, json!(false)).matches(&c),
            "booleans only with = and !="
        );
        assert!(cmp("consent", FilterOp::Eq, json!(true)).matches(&c));
        assert!(cmp("phone", FilterOp::Eq, Value::Null).matches(&c));
    }

    #[test]
    fn exists_needs_a_non_null_value() {
        let c = ada();
        assert!(Filter::Exists {
            attribute: "email".into()
        }
        .matches(&c));
        assert!(!Filter::Exists {
            attribute: "phone".into()
        }
        .matches(&c));
        assert!(!Filter::Exists {
            attribute: "gone".into()
        }
        .matches(&c));
    }

    #[test]
    fn combinators() {
        let c = ada();
        let lead = Filter::Tag("lead".into());
        let vip = Filter::Tag("vip".into());
        assert!(Filter::All(vec![lead.clone(), Filter::Not(Box::new(vip.clone()))]).matches(&c));
        assert!(!Filter::All(vec![lead.clone(), vip.clone()]).matches(&c));
        assert!(Filter::Any(vec![vip, lead]).matches(&c));
        assert!(Filter::All(vec![]).matches(&c));
        assert!(!Filter::Any(vec![]).matches(&c));
    }
}
