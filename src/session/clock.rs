//! The page clock's settings: where simulated time stands, how fast it runs,
//! and whether it runs. Plain data; the timers that move it live in
//! `runtime::page_clock`.

use flowlab_engine::time::SimTime;
use serde::{Deserialize, Serialize};

/// How many simulated milliseconds pass per real millisecond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speed {
    X1,
    X10,
    X60,
    X600,
    X3600,
    /// As fast as the page can go, in slices that keep it responsive.
    Max,
}

impl Speed {
    pub const ALL: [Speed; 6] = [
        Speed::X1,
        Speed::X10,
        Speed::X60,
        Speed::X600,
        Speed::X3600,
        Speed::Max,
    ];

    /// The factor, `None` for [`Speed::Max`].
    pub fn factor(self) -> Option<u64> {
        match self {
            Speed::X1 => Some(1),
            Speed::X10 => Some(10),
            Speed::X60 => Some(60),
            Speed::X600 => Some(600),
            Speed::X3600 => Some(3600),
            Speed::Max => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::X1 => "1×",
            Speed::X10 => "10×",
            Speed::X60 => "60×",
            Speed::X600 => "600×",
            Speed::X3600 => "3600×",
            Speed::Max => "max",
        }
    }

    /// The name used in `data-testid`s and settings.
    pub fn key(self) -> &'static str {
        match self {
            Speed::X1 => "1",
            Speed::X10 => "10",
            Speed::X60 => "60",
            Speed::X600 => "600",
            Speed::X3600 => "3600",
            Speed::Max => "max",
        }
    }

    /// Real milliseconds until `sim_ms` simulated milliseconds have passed
    /// (0 at [`Speed::Max`]).
    pub fn real_ms(self, sim_ms: u64) -> u64 {
        match self.factor() {
            Some(f) => sim_ms.div_ceil(f),
            None => 0,
        }
    }
}

/// The clock as it is saved and restored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Simulated time shown on the clock; never behind the engine.
    pub now: SimTime,
    pub speed: Speed,
    pub paused: bool,
    /// Where a "run until" stops the clock.
    pub stop_at: Option<SimTime>,
}

impl Clock {
    /// Whether the clock simulates as fast as the page can rather than at
    /// its speed: at max speed, and on the way to a "run until" (which
    /// jumps to its time at any speed setting, then pauses there).
    pub fn jumps(&self) -> bool {
        self.speed.factor().is_none() || self.stop_at.is_some()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            now: SimTime(0),
            speed: Speed::X60,
            paused: true,
            stop_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_time_is_simulated_time_over_the_factor_rounded_up() {
        assert_eq!(Speed::X1.real_ms(1500), 1500);
        assert_eq!(Speed::X60.real_ms(60_000), 1000);
        assert_eq!(Speed::X3600.real_ms(1), 1);
        assert_eq!(Speed::Max.real_ms(86_400_000), 0);
    }

    #[test]
    fn a_run_until_jumps_at_any_speed() {
        let mut clock = Clock::default();
        assert!(!clock.jumps());
        clock.stop_at = Some(SimTime(1_800_000));
        assert!(clock.jumps());
        clock.stop_at = None;
        clock.speed = Speed::Max;
        assert!(clock.jumps());
    }

    #[test]
    fn speeds_have_distinct_keys() {
        let mut keys: Vec<_> = Speed::ALL.iter().map(|s| s.key()).collect();
        keys.dedup();
        assert_eq!(keys.len(), Speed::ALL.len());
    }
}
