//! The Runs screen's filters as a URL query string, so a reload or a shared
//! link opens the same table, and the time range typed as durations of
//! simulated time (`"2m"`, `"1h30m"`, the scenario format's
//! `parse_duration`). What the URL holds that cannot be read is dropped.

use flowlab_engine::machines::execution::ExecState;
use flowlab_engine::time::{parse_duration, DurationError, SimTime};

use super::executions::ExecFilter;
use crate::t;

/// The range's bounds as typed; an empty bound is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RangeText {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("From: {0}")]
    From(DurationError),
    #[error("To: {0}")]
    To(DurationError),
    #[error("From ({from}) is after To ({to}): no execution can start in that range")]
    Reversed { from: String, to: String },
}

impl RangeError {
    /// The error in the page's language (`Display` stays English).
    pub fn text(&self) -> String {
        match self {
            RangeError::From(e) => t!(
                "From: {error}",
                error = crate::engine_text::duration_error(e)
            ),
            RangeError::To(e) => t!("To: {error}", error = crate::engine_text::duration_error(e)),
            RangeError::Reversed { from, to } => t!(
                "From ({from}) is after To ({to}): no execution can start in that range",
                from = from,
                to = to
            ),
        }
    }
}

/// `(from, to)`, both inclusive, or why the text is not a range. The range
/// applies whole or not at all.
pub fn parse_range(text: &RangeText) -> Result<(Option<SimTime>, Option<SimTime>), RangeError> {
    let bound = |t: &str| {
        let t = t.trim();
        (!t.is_empty())
            .then(|| parse_duration(t).map(SimTime))
            .transpose()
    };
    let from = bound(&text.from).map_err(RangeError::From)?;
    let to = bound(&text.to).map_err(RangeError::To)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(RangeError::Reversed {
                from: text.from.trim().to_string(),
                to: text.to.trim().to_string(),
            });
        }
    }
    Ok((from, to))
}

/// The filter and range text a query string asks for; `get` reads one of
/// its parameters, already unescaped. `workflow_exists` keeps a link to a
/// workflow this workspace lacks from emptying the table.
pub fn from_query(
    get: impl Fn(&str) -> Option<String>,
    workflow_exists: impl Fn(&str) -> bool,
) -> (ExecFilter, RangeText) {
    let workflow = get("workflow").filter(|w| !w.is_empty() && workflow_exists(w));
    let version = workflow
        .as_ref()
        .and(get("version"))
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|v| *v > 0);
    let mut range = RangeText {
        from: get("from").unwrap_or_default().trim().to_string(),
        to: get("to").unwrap_or_default().trim().to_string(),
    };
    let (from, to) = parse_range(&range).unwrap_or_else(|_| {
        range = RangeText::default();
        (None, None)
    });
    let filter = ExecFilter {
        workflow,
        version,
        state: get("state").and_then(|s| ExecState::parse(&s)),
        contact: get("contact").unwrap_or_default(),
        from,
        to,
    };
    (filter, range)
}

/// `?workflow=…&state=…`, or `""` for no filter. The range is written as
/// typed (it was read by `parse_range`), only while it is a range.
pub fn to_query(filter: &ExecFilter, range: &RangeText) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(w) = &filter.workflow {
        pairs.push(("workflow", w.clone()));
    }
    if let Some(v) = filter.version {
        pairs.push(("version", v.to_string()));
    }
    if let Some(s) = filter.state {
        pairs.push(("state", s.as_str().to_string()));
    }
    if !filter.contact.is_empty() {
        pairs.push(("contact", filter.contact.clone()));
    }
    if parse_range(range).is_ok() {
        for (key, text) in [("from", &range.from), ("to", &range.to)] {
            if !text.trim().is_empty() {
                pairs.push((key, text.trim().to_string()));
            }
        }
    }
    if pairs.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", escape(&v)))
        .collect();
    format!("?{}", parts.join("&"))
}

/// Percent-encodes all but RFC 3986's unreserved characters, UTF-8 bytes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{set_current, Lang};

    #[test]
    fn range_errors_read_as_their_display_in_english_and_in_french_otherwise() {
        let all = [
            RangeError::From(DurationError::Empty),
            RangeError::To(DurationError::Syntax("45x".into())),
            RangeError::From(DurationError::Overflow("999999999d".into())),
            RangeError::To(DurationError::ClockSyntax("25:00".into())),
            RangeError::Reversed {
                from: "5m".into(),
                to: "1m".into(),
            },
        ];
        for e in &all {
            set_current(Lang::En);
            assert_eq!(e.text(), e.to_string());
            set_current(Lang::Fr);
            assert_ne!(e.text(), e.to_string(), "{e:?}");
        }
        set_current(Lang::Fr);
        assert_eq!(
            all[1].text(),
            "À\u{a0}: `45x` n’est pas une durée\u{a0}: attendu un entier suivi de ms, s, m, h ou d, p.\u{a0}ex. «\u{a0}90s\u{a0}» ou «\u{a0}1d2h\u{a0}»"
        );
        set_current(Lang::En);
    }

    const M: u64 = 60_000;

    fn range(from: &str, to: &str) -> RangeText {
        RangeText {
            from: from.into(),
            to: to.into(),
        }
    }

    /// A query string read back the way a browser's URL parser would.
    fn read(query: &str) -> impl Fn(&str) -> Option<String> + '_ {
        move |key| {
            query.trim_start_matches('?').split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                (k == key).then(|| unescape(v))
            })
        }
    }

    fn unescape(v: &str) -> String {
        let bytes = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn a_range_reads_durations_as_the_scenario_format_writes_them() {
        assert_eq!(
            parse_range(&range("2m", "1h30m")),
            Ok((Some(SimTime(2 * M)), Some(SimTime(90 * M))))
        );
        assert_eq!(parse_range(&range(" ", "")), Ok((None, None)));
        assert_eq!(
            parse_range(&range("", "1d")),
            Ok((None, Some(SimTime(1440 * M))))
        );
        assert_eq!(
            parse_range(&range("5m", "5m")),
            Ok((Some(SimTime(5 * M)), Some(SimTime(5 * M))))
        );
    }

    #[test]
    fn a_bad_bound_names_its_field_and_what_is_wrong() {
        let e = parse_range(&range("2x", "1h")).unwrap_err();
        assert!(matches!(e, RangeError::From(DurationError::Syntax(_))));
        let text = e.to_string();
        assert!(text.starts_with("From: `2x` is not a duration"), "{text}");
        let e = parse_range(&range("", "1h-")).unwrap_err();
        assert!(
            e.to_string().starts_with("To: `1h-` is not a duration"),
            "{e}"
        );
        let e = parse_range(&range("2h", "1h")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "From (2h) is after To (1h): no execution can start in that range"
        );
    }

    #[test]
    fn every_filter_survives_the_url() {
        let filter = ExecFilter {
            workflow: Some("welcome".into()),
            version: Some(2),
            state: Some(ExecState::FailedSafe),
            contact: "Ada & Co, 50% é".into(),
            from: Some(SimTime(2 * M)),
            to: Some(SimTime(90 * M)),
        };
        let text = range("2m", "1h30m");
        let q = to_query(&filter, &text);
        assert_eq!(
            q,
            "?workflow=welcome&version=2&state=FAILED_SAFE&contact=Ada%20%26%20Co%2C%2050%25%20%C3%A9&from=2m&to=1h30m"
        );
        assert_eq!(from_query(read(&q), |_| true), (filter, text));
    }

    #[test]
    fn no_filter_is_no_query() {
        assert_eq!(to_query(&ExecFilter::default(), &RangeText::default()), "");
        assert_eq!(
            from_query(read(""), |_| true),
            (ExecFilter::default(), RangeText::default())
        );
    }

    #[test]
    fn what_cannot_be_read_is_dropped() {
        let (f, r) = from_query(
            read("?workflow=gone&version=x&state=SLEEPING&from=soon&to=1h&colour=red"),
            |w| w == "welcome",
        );
        assert_eq!(f, ExecFilter::default());
        assert_eq!(
            r,
            RangeText::default(),
            "a range with a bad bound is dropped whole"
        );
        let (f, _) = from_query(read("?workflow=welcome&version=0&from=2h&to=1h"), |w| {
            w == "welcome"
        });
        assert_eq!(f.workflow.as_deref(), Some("welcome"));
        assert_eq!((f.version, f.from, f.to), (None, None, None));
        let (f, _) = from_query(read("?version=3"), |_| true);
        assert_eq!(
            f.version, None,
            "a version means nothing without its workflow"
        );
    }

    #[test]
    fn a_bad_range_stays_out_of_the_url() {
        let q = to_query(
            &ExecFilter {
                state: Some(ExecState::Running),
                ..ExecFilter::default()
            },
            &range("1h", "oops"),
        );
        assert_eq!(q, "?state=RUNNING");
    }
}
