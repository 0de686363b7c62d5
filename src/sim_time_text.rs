//! Simulated time for reading, in the page's language.

use flowlab_engine::time::SimTime;

use crate::t;

/// "Day 2 · 13:05:09" for simulated time.
pub fn format_sim_time(t: SimTime) -> String {
    let s = t.0 / 1000;
    let day = s / 86_400;
    let (h, m, sec) = ((s % 86_400) / 3600, (s % 3600) / 60, s % 60);
    format!("{} · {h:02}:{m:02}:{sec:02}", t!("Day {n}", n = day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulated_time_reads_as_day_and_clock() {
        assert_eq!(format_sim_time(SimTime(0)), "Day 0 · 00:00:00");
        assert_eq!(format_sim_time(SimTime(90_061_000)), "Day 1 · 01:01:01");
    }

    #[test]
    fn simulated_time_reads_in_french() {
        use crate::i18n::{set_current, Lang};
        set_current(Lang::Fr);
        let text = format_sim_time(SimTime(90_061_000));
        set_current(Lang::En);
        assert_eq!(text, "Jour 1 · 01:01:01");
    }
}
