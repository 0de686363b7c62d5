//! Editing a filter tree (lifecycle.md §6) by path, for the condition
//! builder: a path is the child indexes from the root, a `not` counting as
//! a group of one. Every edit gives a new tree.

use flowlab_engine::model::{Filter, FilterOp};
use serde_json::Value;

/// The operators the builder offers, `exists` included.
pub const OPS: [&str; 7] = ["=", "!=", "<", "<=", ">", ">=", "exists"];

pub fn children(f: &Filter) -> &[Filter] {
    match f {
        Filter::All(c) | Filter::Any(c) => c,
        Filter::Not(inner) => std::slice::from_ref(inner.as_ref()),
        _ => &[],
    }
}

pub fn get<'a>(f: &'a Filter, path: &[usize]) -> Option<&'a Filter> {
    match path.split_first() {
        None => Some(f),
        Some((i, rest)) => get(children(f).get(*i)?, rest),
    }
}

/// `f` with the node at `path` replaced by what `change` makes of it.
pub fn update(f: &Filter, path: &[usize], change: &dyn Fn(&Filter) -> Filter) -> Filter {
    let Some((i, rest)) = path.split_first() else {
        return change(f);
    };
    let at = |c: &Vec<Filter>| -> Vec<Filter> {
        c.iter()
            .enumerate()
            .map(|(j, x)| {
                if j == *i {
                    update(x, rest, change)
                } else {
                    x.clone()
                }
            })
            .collect()
    };
    match f {
        Filter::All(c) => Filter::All(at(c)),
        Filter::Any(c) => Filter::Any(at(c)),
        Filter::Not(inner) if *i == 0 => Filter::Not(Box::new(update(inner, rest, change))),
        other => other.clone(),
    }
}

/// `f` without the node at `path`; `None` when that was the root. A `not`
/// whose inner filter goes goes with it.
pub fn remove(f: &Filter, path: &[usize]) -> Option<Filter> {
    let (last, parent) = path.split_last()?;
    if matches!(get(f, parent), Some(Filter::Not(_))) {
        return remove(f, parent);
    }
    Some(update(f, parent, &|p| match p {
        Filter::All(c) => Filter::All(without(c, *last)),
        Filter::Any(c) => Filter::Any(without(c, *last)),
        other => other.clone(),
    }))
}

fn without(c: &[Filter], i: usize) -> Vec<Filter> {
    c.iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, x)| x.clone())
        .collect()
}

/// Adds `child` to the group at `path`; a condition there becomes an
/// `all` group of itself and the child.
pub fn add(f: &Filter, path: &[usize], child: Filter) -> Filter {
    update(f, path, &|node| match node {
        Filter::All(c) => Filter::All(c.iter().cloned().chain([child.clone()]).collect()),
        Filter::Any(c) => Filter::Any(c.iter().cloned().chain([child.clone()]).collect()),
        other => Filter::All(vec![other.clone(), child.clone()]),
    })
}

/// Wraps the node at `path` in `not`, or unwraps it.
pub fn toggle_not(f: &Filter, path: &[usize]) -> Filter {
    update(f, path, &|node| match node {
        Filter::Not(inner) => (**inner).clone(),
        other => Filter::Not(Box::new(other.clone())),
    })
}

/// Switches a group between `all` and `any`.
pub fn set_group(f: &Filter, path: &[usize], any: bool) -> Filter {
    update(f, path, &|node| match (node, any) {
        (Filter::All(c), true) => Filter::Any(c.clone()),
        (Filter::Any(c), false) => Filter::All(c.clone()),
        (other, _) => other.clone(),
    })
}

/// A new comparison row.
pub fn blank() -> Filter {
    Filter::Compare {
        attribute: String::new(),
        op: FilterOp::Eq,
        value: Value::String(String::new()),
    }
}

/// The parts of a leaf row: attribute (or tag), operator (`tag` for a tag
/// test), value text.
pub fn leaf_parts(f: &Filter) -> Option<(String, &'static str, String)> {
    match f {
        Filter::Compare {
            attribute,
            op,
            value,
        } => Some((attribute.clone(), op.as_str(), value_text(value))),
        Filter::Exists { attribute } => Some((attribute.clone(), "exists", String::new())),
        Filter::Tag(tag) => Some((tag.clone(), "tag", String::new())),
        _ => None,
    }
}

/// A leaf from its row; `op` is one of [`OPS`] or `tag`.
pub fn leaf(attribute: &str, op: &str, value: &str) -> Filter {
    let attribute = attribute.trim().to_string();
    match op {
        "tag" => Filter::Tag(attribute),
        "exists" => Filter::Exists { attribute },
        _ => Filter::Compare {
            attribute,
            op: FilterOp::parse(op).unwrap_or(FilterOp::Eq),
            value: parse_value(value),
        },
    }
}

/// `50` is a number, `true`/`false`/`null` what they say, `"50"` (quoted)
/// and anything else a string.
pub fn parse_value(text: &str) -> Value {
    let t = text.trim();
    match serde_json::from_str::<Value>(t) {
        Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Null | Value::String(_))) => v,
        _ => Value::String(t.to_string()),
    }
}

pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) if parse_value(s) != Value::String(s.clone()) => format!("{v}"),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree() -> Filter {
        Filter::All(vec![
            leaf("score", ">=", "50"),
            Filter::Not(Box::new(Filter::Tag("churned".into()))),
        ])
    }

    #[test]
    fn values_read_as_json_when_they_can() {
        assert_eq!(parse_value("50"), json!(50));
        assert_eq!(parse_value(" true "), json!(true));
        assert_eq!(parse_value("pro"), json!("pro"));
        assert_eq!(parse_value("\"50\""), json!("50"));
        assert_eq!(value_text(&json!("50")), "\"50\"");
        assert_eq!(value_text(&json!("pro")), "pro");
        assert_eq!(value_text(&json!(2.5)), "2.5");
    }

    #[test]
    fn rows_round_trip() {
        for f in [
            leaf("plan", "=", "pro"),
            leaf("email", "exists", ""),
            leaf("vip", "tag", ""),
        ] {
            let (a, op, v) = leaf_parts(&f).unwrap();
            assert_eq!(leaf(&a, op, &v), f);
        }
        assert_eq!(tree().describe(), "(score >= 50) and (not (tag churned))");
    }

    #[test]
    fn paths_reach_through_groups_and_nots() {
        let t = tree();
        assert_eq!(get(&t, &[1, 0]), Some(&Filter::Tag("churned".into())));
        let changed = update(&t, &[1, 0], &|_| Filter::Tag("vip".into()));
        assert_eq!(changed.describe(), "(score >= 50) and (not (tag vip))");
        assert_eq!(get(&t, &[5]), None);
    }

    #[test]
    fn adding_removing_and_switching() {
        let t = add(&tree(), &[], blank());
        assert_eq!(children(&t).len(), 3);
        let t = set_group(&t, &[], true);
        assert!(matches!(t, Filter::Any(_)));
        let t = remove(&t, &[2]).unwrap();
        assert_eq!(t.describe(), "(score >= 50) or (not (tag churned))");
        let t = remove(&t, &[1, 0]).unwrap();
        assert_eq!(
            t.describe(),
            "(score >= 50)",
            "the not goes with its filter"
        );
        assert_eq!(remove(&t, &[]), None);
        let single = add(&leaf("a", "=", "1"), &[], leaf("b", "=", "2"));
        assert_eq!(single.describe(), "(a = 1) and (b = 2)");
        let negated = toggle_not(&single, &[0]);
        assert_eq!(negated.describe(), "(not (a = 1)) and (b = 2)");
        assert_eq!(toggle_not(&negated, &[0]), single);
    }
}
