//! Contacts and operators as the JSON text a snapshot holds, written and read
//! by serde straight from and into the model, with no `serde_json::Value`
//! tree in between. Keys go out sorted, as the `Value` maps of the first
//! encoder wrote them, so the bytes are the same.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::model::{Contact, ContactName, Operator};

#[derive(Serialize)]
pub(crate) struct ContactOut<'a> {
    attributes: &'a Map<String, Value>,
    email: &'a Option<String>,
    id: &'a str,
    /// Left out when missing, `null` when null.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Option<&'a str>>,
    phone: &'a Option<String>,
    tags: &'a [String],
}

impl<'a> From<&'a Contact> for ContactOut<'a> {
    fn from(c: &'a Contact) -> Self {
        ContactOut {
            attributes: &c.attributes,
            email: &c.email,
            id: &c.id,
            name: match &c.name {
                ContactName::Missing => None,
                ContactName::Null => Some(None),
                ContactName::Given(s) => Some(Some(s)),
            },
            phone: &c.phone,
            tags: &c.tags,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactIn {
    id: String,
    #[serde(default, deserialize_with = "present")]
    name: Option<Option<String>>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    attributes: Map<String, Value>,
}

/// A field that is there, `null` included: `Some(None)` for `null`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl From<ContactIn> for Contact {
    fn from(c: ContactIn) -> Contact {
        Contact {
            id: c.id,
            name: match c.name {
                None => ContactName::Missing,
                Some(None) => ContactName::Null,
                Some(Some(s)) => ContactName::Given(s),
            },
            email: c.email,
            phone: c.phone,
            tags: c.tags,
            attributes: c.attributes,
        }
    }
}

#[derive(Serialize)]
struct OperatorOut<'a> {
    email: &'a Option<String>,
    groups: &'a [String],
    id: &'a str,
    mobile: &'a Option<String>,
    name: &'a str,
}

impl<'a> From<&'a Operator> for OperatorOut<'a> {
    fn from(o: &'a Operator) -> Self {
        OperatorOut {
            email: &o.email,
            groups: &o.groups,
            id: &o.id,
            mobile: &o.mobile,
            name: &o.name,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorIn {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    mobile: Option<String>,
    #[serde(default)]
    groups: Vec<String>,
}

impl From<OperatorIn> for Operator {
    fn from(o: OperatorIn) -> Operator {
        Operator {
            name: o.name.unwrap_or_else(|| o.id.clone()),
            id: o.id,
            email: o.email,
            mobile: o.mobile,
            groups: o.groups,
        }
    }
}

/// The operators as one JSON array.
pub struct Operators<'a>(pub &'a [Operator]);

impl Serialize for Operators<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(OperatorOut::from))
    }
}
