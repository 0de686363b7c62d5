//! A filter in one line a person reads, in the page's language:
//! `(score >= 50) and (tag lead)`, `(score >= 50) et (tag lead)`. Attribute
//! names, operators and values stay as written; the joining words change.

use flowlab_engine::model::Filter;

use crate::i18n::tr;
use crate::t;

pub fn filter_text(filter: &Filter) -> String {
    match filter {
        Filter::Compare {
            attribute,
            op,
            value,
        } => format!("{attribute} {} {value}", op.as_str()),
        Filter::Exists { attribute } => t!("{attribute} exists", attribute = attribute),
        Filter::Tag(tag) => t!("tag {tag}", tag = tag),
        Filter::All(parts) if parts.is_empty() => tr("always").to_owned(),
        Filter::Any(parts) if parts.is_empty() => tr("never").to_owned(),
        Filter::All(parts) => join(parts, tr(" and ")),
        Filter::Any(parts) => join(parts, tr(" or ")),
        Filter::Not(inner) => t!("not ({filter})", filter = filter_text(inner)),
    }
}

fn join(parts: &[Filter], separator: &str) -> String {
    parts
        .iter()
        .map(|p| format!("({})", filter_text(p)))
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use flowlab_engine::model::FilterOp;
    use serde_json::json;

    use super::*;
    use crate::i18n::{set_current, Lang};

    fn sample() -> Filter {
        Filter::All(vec![
            Filter::Compare {
                attribute: "score".into(),
                op: FilterOp::Ge,
                value: json!(50),
            },
            Filter::Not(Box::new(Filter::Tag("churned".into()))),
            Filter::Exists {
                attribute: "email".into(),
            },
        ])
    }

    #[test]
    fn english_reads_as_the_engine_writes_it() {
        set_current(Lang::En);
        assert_eq!(filter_text(&sample()), sample().describe());
        assert_eq!(
            filter_text(&Filter::Any(vec![])),
            Filter::Any(vec![]).describe()
        );
    }

    #[test]
    fn french_changes_only_the_words_around_what_is_written() {
        set_current(Lang::Fr);
        let text = filter_text(&sample());
        set_current(Lang::En);
        assert_eq!(
            text,
            "(score >= 50) et (non (tag churned)) et (email existe)"
        );
    }
}
