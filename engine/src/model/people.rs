use std::borrow::Cow;

use serde_json::{json, Map, Value};

/// Someone workflows run for.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub attributes: Map<String, Value>,
}

impl Contact {
    /// `name`, `email` and `phone` are attributes too (lifecycle.md §6); a
    /// contact without an email has `email` present as `null`.
    pub fn attribute(&self, key: &str) -> Option<Cow<'_, Value>> {
        let optional =
            |v: &Option<String>| Cow::Owned(v.clone().map_or(Value::Null, Value::String));
        match key {
            "name" => Some(Cow::Owned(Value::String(self.name.clone()))),
            "email" => Some(optional(&self.email)),
            "phone" => Some(optional(&self.phone)),
            _ => self.attributes.get(key).map(Cow::Borrowed),
        }
    }

    /// `exists` without building a value.
    pub fn has_attribute(&self, key: &str) -> bool {
        match key {
            "name" => true,
            "email" => self.email.is_some(),
            "phone" => self.phone.is_some(),
            _ => self.attributes.get(key).is_some_and(|v| !v.is_null()),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "email": self.email, "phone": self.phone,
            "tags": self.tags, "attributes": self.attributes,
        })
    }
}

/// Someone who decides approvals.
#[derive(Clone, Debug, PartialEq)]
pub struct Operator {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub groups: Vec<String>,
}

impl Operator {
    pub fn in_group(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g == group)
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "email": self.email, "mobile": self.mobile,
            "groups": self.groups,
        })
    }
}
