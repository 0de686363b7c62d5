//! ISO 8601 durations (`P1DT2H30M`) for BPMN timers, from and to milliseconds.

use crate::time::{DAY, HOUR, MINUTE, SECOND};

pub fn format(ms: u64) -> String {
    let (days, rest) = (ms / DAY, ms % DAY);
    let (hours, rest) = (rest / HOUR, rest % HOUR);
    let (minutes, rest) = (rest / MINUTE, rest % MINUTE);
    let (seconds, millis) = (rest / SECOND, rest % SECOND);
    let mut out = String::from("P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours + minutes + seconds + millis > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if minutes > 0 {
            out.push_str(&format!("{minutes}M"));
        }
        if millis > 0 {
            out.push_str(&format!("{seconds}.{millis:03}S"));
        } else if seconds > 0 || (hours == 0 && minutes == 0) {
            out.push_str(&format!("{seconds}S"));
        }
    }
    out
}

/// Days, hours, minutes and seconds (seconds with up to three decimals);
/// years, months and weeks have no fixed length and are refused.
pub fn parse(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = 0u64;
    let mut any = false;
    for (part, units) in [
        (date, &[('D', DAY)][..]),
        (
            time.unwrap_or(""),
            &[('H', HOUR), ('M', MINUTE), ('S', SECOND)][..],
        ),
    ] {
        let mut number = String::new();
        let mut allowed = units.iter();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let unit = allowed.find(|(u, _)| *u == c)?.1;
            let ms = if unit == SECOND {
                let seconds: f64 = number.parse().ok()?;
                (seconds * 1000.0).round() as u64
            } else {
                number.parse::<u64>().ok()?.checked_mul(unit)?
            };
            total = total.checked_add(ms)?;
            number.clear();
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    if time == Some("") {
        return None;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for ms in [
            0,
            1,
            1500,
            2 * SECOND,
            90 * SECOND,
            DAY,
            DAY + 2 * HOUR,
            3 * DAY + 250,
        ] {
            assert_eq!(parse(&format(ms)), Some(ms), "{}", format(ms));
        }
        assert_eq!(format(DAY + 2 * HOUR), "P1DT2H");
        assert_eq!(format(10 * MINUTE), "PT10M");
        assert_eq!(parse("P1W"), None);
        assert_eq!(parse("PT"), None);
        assert_eq!(parse("P1Y"), None);
    }
}
