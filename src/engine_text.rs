//! Errors the engine writes in English, in the page's language: the same
//! values, the words around them translated.

use flowlab_engine::time::DurationError;

use crate::i18n::{en, fill, tr};
use crate::t;

/// The engine's reasons for refusing a command (`command_rejected`), with
/// their values as named holes.
const REJECTIONS: &[&str] = &[
    en("`{id}` is {status}: it takes no enrollments"),
    en("`{workflow}` has no version {version} (it has {count})"),
    en("`{workflow}` has no version {number}"),
    en("a contact `{id}` already exists"),
    en("a rollback of {execution} is already running"),
    en("a workflow `{id}` already exists"),
    en("cannot publish a workflow that is {status}"),
    en("no changes since version {n}"),
    en("no contact `{id}`: nothing was enrolled"),
    en("no contact `{id}`"),
    en("no execution `{id}`"),
    en("no execution has reached `{step}` of `{workflow}` v{number} yet"),
    en("no operator `{operator}`"),
    en("no shared approval is open there"),
    en("no workflow `{id}`"),
    en("operator `{operator}` is not in group `{group}`"),
    en("step `{step}` is not an approval with scope workflow"),
    en("the approval of {execution} is already decided"),
    en("the draft has {n} error(s): {list}"),
    en("the new contact needs an id"),
    en("the new workflow needs an id"),
    en("this approval is already decided"),
    en("version {number} of `{workflow}` has no step `{step}`"),
    en("{execution} has already ended ({state})"),
    en("{execution} has no exhausted compensation to run again"),
    en("{execution} is already acknowledged ({state})"),
    en("{execution} is {state}: only FAILED_UNSAFE can be rolled back"),
    en("{execution} is {state}: only an ended execution can be acknowledged"),
    en("{execution} is {state}, not waiting for a decision"),
];

/// Why the engine refused a command, in the page's language; a reason it
/// does not know stays as the engine wrote it.
pub fn rejection(reason: &str) -> String {
    REJECTIONS
        .iter()
        .find_map(|template| {
            let values = unfill(template, reason)?;
            let args: Vec<(&str, &dyn std::fmt::Display)> = values
                .iter()
                .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
                .collect();
            Some(fill(tr(template), &args))
        })
        .unwrap_or_else(|| reason.to_owned())
}

/// The values of `template`'s `{holes}` that make it `text`, if any.
fn unfill<'t>(template: &'t str, text: &str) -> Option<Vec<(&'t str, String)>> {
    match template.find('{') {
        None => (template == text).then(Vec::new),
        Some(open) => {
            let rest = text.strip_prefix(&template[..open])?;
            let close = open + template[open..].find('}')?;
            let name = &template[open + 1..close];
            let after = &template[close + 1..];
            let literal_end = after.find('{').unwrap_or(after.len());
            let literal = &after[..literal_end];
            for (at, _) in rest.match_indices(literal).filter(|(at, _)| *at > 0) {
                if literal.is_empty() && after.is_empty() {
                    break;
                }
                if let Some(mut values) = unfill(after, &rest[at..]) {
                    values.insert(0, (name, rest[..at].to_owned()));
                    return Some(values);
                }
            }
            (after.is_empty() && !rest.is_empty()).then(|| vec![(name, rest.to_owned())])
        }
    }
}

/// A duration's error in the page's language.
#[rustfmt::skip] // keeps each key next to `t!(` for coverage_tests
pub fn duration_error(e: &DurationError) -> String {
    match e {
        DurationError::Empty => tr("empty duration").to_string(),
        DurationError::Syntax(text) => t!("`{text}` is not a duration: expected an integer followed by ms, s, m, h or d, e.g. \"90s\" or \"1d2h\"",
            text = text
        ),
        DurationError::Overflow(text) => t!("duration `{text}` is too large", text = text),
        DurationError::ClockSyntax(text) => t!("`{text}` is not a clock time: expected \"HH:MM\" between 00:00 and 23:59",
            text = text
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{set_current, Lang};

    #[test]
    fn a_template_gives_back_the_values_that_filled_it() {
        assert_eq!(
            unfill(
                "operator `{operator}` is not in group `{group}`",
                "operator `op3` is not in group `marketing-leads`"
            ),
            Some(vec![
                ("operator", "op3".into()),
                ("group", "marketing-leads".into())
            ])
        );
        assert_eq!(
            unfill(
                "{execution} has already ended ({state})",
                "e12 has already ended (COMPLETED)"
            ),
            Some(vec![
                ("execution", "e12".into()),
                ("state", "COMPLETED".into())
            ])
        );
        assert_eq!(
            unfill("no changes since version {n}", "no changes since version 3"),
            Some(vec![("n", "3".into())])
        );
        assert_eq!(
            unfill(
                "this approval is already decided",
                "this approval is already decided"
            ),
            Some(vec![])
        );
        assert_eq!(
            unfill("no contact `{id}`", "no contact `c1`: nothing was enrolled"),
            None
        );
        assert_eq!(
            unfill("no changes since version {n}", "no changes since"),
            None
        );
    }

    #[test]
    fn refusals_read_in_french_with_their_values_and_unknown_ones_stay() {
        set_current(Lang::Fr);
        let said = rejection("operator `op3` is not in group `marketing-leads`");
        let unknown = rejection("something new went wrong");
        let specific = rejection("no contact `c9`: nothing was enrolled");
        set_current(Lang::En);
        assert!(
            said.contains("`op3`")
                && said.contains("`marketing-leads`")
                && !said.contains("operator"),
            "{said}"
        );
        assert_eq!(unknown, "something new went wrong");
        assert!(
            specific.contains("`c9`") && specific != "no contact `c9`: nothing was enrolled",
            "{specific}"
        );
        assert_eq!(
            rejection("no contact `c9`: nothing was enrolled"),
            "no contact `c9`: nothing was enrolled"
        );
    }

    #[test]
    fn english_is_the_engines_own_message_and_french_differs() {
        for e in [
            DurationError::Empty,
            DurationError::Syntax("2x".into()),
            DurationError::Overflow("9999999999999999999d".into()),
            DurationError::ClockSyntax("25:00".into()),
        ] {
            set_current(Lang::En);
            assert_eq!(duration_error(&e), e.to_string());
            set_current(Lang::Fr);
            assert_ne!(duration_error(&e), e.to_string());
        }
        set_current(Lang::En);
    }
}
