//! Numbers and durations written for the current language, the way
//! `Intl.NumberFormat` writes them (the browser test `intl_agrees` checks
//! that): `1,234.5` in English, `1 234,5` in French (a narrow no-break
//! space, U+202F, between groups).

use super::{current, Lang};

/// A whole number with its thousands grouped.
pub fn num(n: u64) -> String {
    group(&n.to_string(), current())
}

/// A number with at most `digits` decimals (trailing zeros dropped).
pub fn dec(x: f64, digits: usize) -> String {
    let lang = current();
    let text = format!("{:.*}", digits, x.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if x < 0.0 && (whole != "0" || !frac.is_empty()) {
        out.push('-');
    }
    out.push_str(&group(whole, lang));
    if !frac.is_empty() {
        out.push(match lang {
            Lang::En => '.',
            Lang::Fr => ',',
        });
        out.push_str(frac);
    }
    out
}

/// A share as a percentage with at most one decimal: `12.5%`, `12,5 %`.
pub fn percent(share: f64) -> String {
    let n = dec(share * 100.0, 1);
    match current() {
        Lang::En => format!("{n}%"),
        Lang::Fr => format!("{n}\u{a0}%"),
    }
}

/// `n` grouped by narrow no-break spaces in every language: counts that
/// sit beside code-like text (the timeline, a damaged log's figures).
pub fn num_thin(n: u64) -> String {
    group_with(&n.to_string(), "\u{202f}")
}

fn group(digits: &str, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    group_with(digits, sep)
}

fn group_with(digits: &str, sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

const UNITS: [(u64, &str, &str); 4] = [
    (86_400_000, "d", "j"),
    (3_600_000, "h", "h"),
    (60_000, "m", "min"),
    (1_000, "s", "s"),
];

/// A duration in its two largest non-zero units, for reading (inputs keep
/// the file format's `1d2h`): `3d 4h`, `45m`, `0s` in English; `3 j 4 h`,
/// `45 min`, `0 s` in French. Under a second it is in milliseconds.
pub fn duration(ms: u64) -> String {
    let lang = current();
    let write = |n: u64, en: &str, fr: &str| match lang {
        Lang::En => format!("{n}{en}"),
        Lang::Fr => format!("{n}\u{a0}{fr}"),
    };
    if ms < 1_000 {
        return if ms == 0 {
            write(0, "s", "s")
        } else {
            write(ms, "ms", "ms")
        };
    }
    let mut parts = Vec::new();
    let mut rest = ms;
    for (size, en, fr) in UNITS {
        let n = rest / size;
        rest %= size;
        if n > 0 && parts.len() < 2 {
            parts.push(write(n, en, fr));
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::lang::Scoped;
    use super::*;

    #[test]
    fn english_groups_by_commas_and_uses_a_point() {
        let _l = Scoped::new(Lang::En);
        assert_eq!(num(0), "0");
        assert_eq!(num(1234), "1,234");
        assert_eq!(num(1_234_567), "1,234,567");
        assert_eq!(dec(1234.5, 2), "1,234.5");
        assert_eq!(dec(2.0, 1), "2");
        assert_eq!(percent(0.125), "12.5%");
    }

    #[test]
    fn french_groups_by_narrow_spaces_and_uses_a_comma() {
        let _l = Scoped::new(Lang::Fr);
        assert_eq!(num(123), "123");
        assert_eq!(num(1234), "1\u{202f}234");
        assert_eq!(num(12_345), "12\u{202f}345");
        assert_eq!(num(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(dec(12345.25, 2), "12\u{202f}345,25");
        assert_eq!(percent(0.5), "50\u{a0}%");
    }

    #[test]
    fn durations_keep_two_units_in_each_language() {
        let _l = Scoped::new(Lang::En);
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(250), "250ms");
        assert_eq!(duration(90_061_000), "1d 1h");
        assert_eq!(duration(2_700_000), "45m");
        drop(_l);
        let _l = Scoped::new(Lang::Fr);
        assert_eq!(duration(0), "0\u{a0}s");
        assert_eq!(duration(90_061_000), "1\u{a0}j 1\u{a0}h");
        assert_eq!(duration(2_700_000), "45\u{a0}min");
    }
}
