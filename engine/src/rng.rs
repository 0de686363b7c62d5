//! Seeded randomness without a stream: every draw is a pure function of the
//! seed and of what it is for (execution, step, attempt number), so a draw
//! never depends on the order of unrelated events, and replaying a log needs
//! no generator state. SplitMix64 mixing; identical on every platform.

pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What a draw is for; part of its key, so two purposes never share a draw.
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum Purpose {
    AttemptFault = 1,
    AttemptDuration = 2,
    WaitDuration = 3,
    CompensationFault = 4,
    CompensationDuration = 5,
    GeneratedContact = 6,
}

pub fn draw(seed: u64, purpose: Purpose, a: u64, b: u64, c: u64) -> u64 {
    let mut h = mix(seed ^ (purpose as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    h = mix(h ^ a);
    h = mix(h ^ b.rotate_left(21));
    mix(h ^ c.rotate_left(42))
}

/// A uniform float in [0, 1) from the top 53 bits.
pub fn unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `min..=max` (Lemire's multiply-shift: no modulo bias worth naming).
pub fn between(x: u64, min: u64, max: u64) -> u64 {
    if max <= min {
        return min;
    }
    let span = max - min;
    if span == u64::MAX {
        return x;
    }
    min + ((x as u128 * (span as u128 + 1)) >> 64) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_stable_and_distinct_by_key() {
        let a = draw(7, Purpose::AttemptFault, 1, 2, 3);
        assert_eq!(a, draw(7, Purpose::AttemptFault, 1, 2, 3));
        assert_ne!(a, draw(7, Purpose::AttemptFault, 1, 2, 4));
        assert_ne!(a, draw(8, Purpose::AttemptFault, 1, 2, 3));
        assert_ne!(a, draw(7, Purpose::WaitDuration, 1, 2, 3));
    }

    #[test]
    fn between_stays_in_bounds_and_reaches_both_ends() {
        let (mut lo, mut hi) = (false, false);
        for i in 0..10_000 {
            let v = between(mix(i), 5, 8);
            assert!((5..=8).contains(&v));
            lo |= v == 5;
            hi |= v == 8;
        }
        assert!(lo && hi);
        assert_eq!(between(123, 4, 4), 4);
    }

    #[test]
    fn unit_is_roughly_uniform() {
        let n = 100_000;
        let below = (0..n).filter(|i| unit(mix(*i)) < 0.2).count() as f64 / n as f64;
        assert!((below - 0.2).abs() < 0.01, "{below}");
    }
}
