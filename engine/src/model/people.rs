use std::borrow::Cow;

use serde_json::{json, Map, Value};

use super::ContactName;

/// Someone workflows run for.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub id: String,
    pub name: ContactName,
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
            "name" => self.name.value().map(Cow::Owned),
            "email" => Some(optional(&self.email)),
            "phone" => Some(optional(&self.phone)),
            _ => self.attributes.get(key).map(Cow::Borrowed),
        }
    }

    /// `exists` without building a value.
    pub fn has_attribute(&self, key: &str) -> bool {
        match key {
            "name" => self.name.given().is_some(),
            "email" => self.email.is_some(),
            "phone" => self.phone.is_some(),
            _ => self.attributes.get(key).is_some_and(|v| !v.is_null()),
        }
    }

    /// The name to show: the given name, else a dash (a missing or `null`
    /// name). For display only: never written back.
    pub fn display_name(&self) -> &str {
        self.name.given().unwrap_or("\u{2014}")
    }

    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        if let Some(name) = self.name.value() {
            m.insert("name".into(), name);
        }
        m.insert("email".into(), json!(self.email));
        m.insert("phone".into(), json!(self.phone));
        m.insert("tags".into(), json!(self.tags));
        m.insert("attributes".into(), json!(self.attributes));
        Value::Object(m)
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
