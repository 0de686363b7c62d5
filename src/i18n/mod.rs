//! English and French. English is written in the code, as in gettext: the
//! English text is the key, and `fr/` maps it to French. A missing French
//! entry shows the English (and `coverage_tests` fails).
//!
//! - `tr("Publish")` — a fixed text, `&'static str`;
//! - `t!("Version {n} is published", n = v)` — a text with named holes;
//! - `plural("{n} step|{n} steps", n)` — the form the language wants for `n`.
//!
//! The language is read when a view is built, not tracked: switching it
//! rebuilds the page under the header's switch (`App`), which is simpler
//! and cheaper than a signal behind every text.

mod catalog;
mod choice;
pub mod format;
mod lang;

#[cfg(test)]
mod coverage_tests;
pub mod fr;
pub mod samples;

use std::fmt::Display;

pub use choice::{use_lang_choice, LangChoice};
pub use format::{duration, num};
#[cfg(test)]
pub use lang::Scoped;
pub use lang::{current, set_current, Lang};

/// `en` in the current language.
pub fn tr(en: &'static str) -> &'static str {
    match current() {
        Lang::En => en,
        Lang::Fr => catalog::french(en).unwrap_or(en),
    }
}

/// Marks `en` as a text to translate where it is written, for tables built
/// in constants; `tr` translates it where it is shown (gettext's `N_`).
pub const fn en(en: &'static str) -> &'static str {
    en
}

/// `template` with each `{name}` replaced by its value. Holes without a
/// value stay as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => {
                    out.push_str(&value.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            },
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `forms` is "one|other" (in English, the key); the current language picks
/// the form for `n` (French counts 0 and 1 as one) and `{n}` becomes `n`
/// written for the language.
pub fn plural(forms: &'static str, n: u64) -> String {
    let translated = tr(forms);
    let (one, other) = translated
        .split_once('|')
        .unwrap_or((translated, translated));
    let singular = match current() {
        Lang::En => n == 1,
        Lang::Fr => n < 2,
    };
    fill(if singular { one } else { other }, &[("n", &num(n))])
}

/// A translated text with named holes:
/// `t!("Version {n} is published", n = version)`.
#[macro_export]
macro_rules! t {
    ($en:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::fill(
            $crate::i18n::tr($en),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_holes_and_keeps_unknown_ones() {
        assert_eq!(
            fill("{a} and {b}", &[("a", &1), ("b", &"two")]),
            "1 and two"
        );
        assert_eq!(fill("{a} {missing} {", &[("a", &"x")]), "x {missing} {");
    }

    #[test]
    fn plural_follows_each_language_rule() {
        let _guard = lang::Scoped::new(Lang::En);
        assert_eq!(plural("{n} step|{n} steps", 0), "0 steps");
        assert_eq!(plural("{n} step|{n} steps", 1), "1 step");
        assert_eq!(plural("{n} step|{n} steps", 1200), "1,200 steps");
        drop(_guard);
        let _guard = lang::Scoped::new(Lang::Fr);
        assert_eq!(plural("{n} step|{n} steps", 0), "0 étape");
        assert_eq!(plural("{n} step|{n} steps", 2), "2 étapes");
        assert_eq!(plural("{n} step|{n} steps", 1200), "1\u{202f}200 étapes");
    }

    #[test]
    fn tr_gives_french_only_in_french() {
        let _guard = lang::Scoped::new(Lang::Fr);
        assert_eq!(tr("Workflows"), "Workflows");
        assert_eq!(tr("Runs"), "Exécutions");
        assert_eq!(t!("{n} of {m}", n = 1, m = 2), "1 sur 2");
    }
}
