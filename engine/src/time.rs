//! Simulated time. The engine never reads a clock: every instant it sees is
//! a `SimTime` handed in by a driver.

use std::fmt;

pub const SECOND: u64 = 1_000;
pub const MINUTE: u64 = 60 * SECOND;
pub const HOUR: u64 = 60 * MINUTE;
pub const DAY: u64 = 24 * HOUR;

/// Milliseconds of simulated time since the scenario's instant 0.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub fn ms(self) -> u64 {
        self.0
    }

    pub fn plus(self, ms: u64) -> SimTime {
        SimTime(self.0.saturating_add(ms))
    }

    /// Milliseconds since midnight of the simulated day.
    pub fn time_of_day(self) -> u64 {
        self.0 % DAY
    }
}

impl fmt::Display for SimTime {
    /// `d2 14:03:07.250` style: day number, then the clock.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = self.0 / DAY;
        let rest = self.0 % DAY;
        let (h, m, s, ms) = (
            rest / HOUR,
            rest % HOUR / MINUTE,
            rest % MINUTE / SECOND,
            rest % SECOND,
        );
        if ms == 0 {
            write!(f, "d{day} {h:02}:{m:02}:{s:02}")
        } else {
            write!(f, "d{day} {h:02}:{m:02}:{s:02}.{ms:03}")
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("empty duration")]
    Empty,
    #[error("`{0}` is not a duration: expected an integer followed by ms, s, m, h or d, e.g. \"90s\" or \"1d2h\"")]
    Syntax(String),
    #[error("duration `{0}` is too large")]
    Overflow(String),
    #[error("`{0}` is not a clock time: expected \"HH:MM\" between 00:00 and 23:59")]
    ClockSyntax(String),
}

/// Parses `"1d2h"`, `"90s"`, `"250ms"`: integers each followed by a unit.
pub fn parse_duration(text: &str) -> Result<u64, DurationError> {
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let bytes = text.as_bytes();
    let syntax = || DurationError::Syntax(text.to_string());
    let overflow = || DurationError::Overflow(text.to_string());
    let mut total: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err(syntax());
        }
        let n: u64 = text[start..i].parse().map_err(|_| overflow())?;
        let unit_ms = if text[i..].starts_with("ms") {
            i += 2;
            1
        } else {
            let unit = match bytes.get(i) {
                Some(b's') => SECOND,
                Some(b'm') => MINUTE,
                Some(b'h') => HOUR,
                Some(b'd') => DAY,
                _ => return Err(syntax()),
            };
            i += 1;
            unit
        };
        total = n
            .checked_mul(unit_ms)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(overflow)?;
    }
    Ok(total)
}

/// Writes a duration the way people write them: `1d2h`, `90s` → `1m30s`.
pub fn format_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".to_string();
    }
    let mut out = String::new();
    let mut rest = ms;
    for (unit, name) in [
        (DAY, "d"),
        (HOUR, "h"),
        (MINUTE, "m"),
        (SECOND, "s"),
        (1, "ms"),
    ] {
        if rest >= unit {
            out.push_str(&format!("{}{}", rest / unit, name));
            rest %= unit;
        }
    }
    out
}

/// `"HH:MM"` → milliseconds after midnight.
pub fn parse_clock(text: &str) -> Result<u64, DurationError> {
    let bad = || DurationError::ClockSyntax(text.to_string());
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m): (u64, u64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * HOUR + m * MINUTE)
}

pub fn format_clock(ms_of_day: u64) -> String {
    format!("{:02}:{:02}", ms_of_day / HOUR, ms_of_day % HOUR / MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compound_durations() {
        assert_eq!(parse_duration("1d2h"), Ok(DAY + 2 * HOUR));
        assert_eq!(parse_duration("90s"), Ok(90 * SECOND));
        assert_eq!(parse_duration("250ms"), Ok(250));
        assert_eq!(parse_duration("1m30s5ms"), Ok(90_005));
        assert_eq!(parse_duration("0m"), Ok(0));
    }

    #[test]
    fn rejects_malformed_durations() {
        for bad in ["", "m", "5", "5x", "-5m", "1.5h", "5 m", "h5"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(matches!(
            parse_duration("99999999999999999999d"),
            Err(DurationError::Overflow(_))
        ));
    }

    #[test]
    fn formats_round_trip() {
        for ms in [0, 1, 999, 90_000, DAY + 2 * HOUR + 5, 3 * DAY] {
            assert_eq!(parse_duration(&format_duration(ms)), Ok(ms));
        }
        assert_eq!(format_duration(90_000), "1m30s");
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("09:30"), Ok(9 * HOUR + 30 * MINUTE));
        assert!(parse_clock("24:00").is_err());
        assert!(parse_clock("9:30").is_err());
        assert_eq!(format_clock(parse_clock("17:05").unwrap()), "17:05");
    }

    #[test]
    fn displays_day_and_clock() {
        assert_eq!(SimTime(DAY + HOUR + 1500).to_string(), "d1 01:00:01.500");
        assert_eq!(SimTime(0).to_string(), "d0 00:00:00");
    }
}
