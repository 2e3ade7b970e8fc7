//! How long to wait before trying again: exponential backoff, optionally with full jitter. The
//! one schedule every retry, poll and wait loop of this workspace uses (the orchestrator's retry
//! layer and reconciled sends, [`wait`](crate::wait), batch and group polls).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How the backoff delay is randomised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Jitter {
    /// No randomness: each retry waits exactly the exponential ceiling (for tests and for
    /// reasoning about a schedule; many clients doing this retry in lockstep).
    None,
    /// Full jitter: a delay drawn uniformly from zero to the exponential ceiling, from a
    /// random seed. Spreads the retries of many clients apart.
    Full,
    /// Full jitter from a fixed seed, so a test sees the same delays on every run.
    Seeded(u64),
}

/// The exponential schedule: retry `n` (1 for the first retry) may wait up to
/// `min(max, base * 2^(n-1))`; with jitter, a delay drawn from zero to that ceiling.
///
/// ```
/// use std::time::Duration;
/// use letta_core::backoff::{Backoff, Jitter};
/// let schedule = Backoff::new(Duration::from_millis(100), Duration::from_millis(500), Jitter::None);
/// let delays: Vec<u128> = (1..=4).map(|n| schedule.delay(n).as_millis()).collect();
/// assert_eq!(delays, [100, 200, 400, 500]);
/// ```
#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    /// Shared by every clone, so concurrent requests draw different delays (a per-request copy
    /// of one generator would make them retry in lockstep).
    rng: Option<Arc<SplitMix64>>,
}

impl Backoff {
    /// A schedule starting at `base`, doubling each time up to `max`.
    pub fn new(base: Duration, max: Duration, jitter: Jitter) -> Self {
        let rng = match jitter {
            Jitter::None => None,
            Jitter::Full => Some(Arc::new(SplitMix64::new(
                RandomState::new().hash_one("letta-retry"),
            ))),
            Jitter::Seeded(seed) => Some(Arc::new(SplitMix64::new(seed))),
        };
        Self { base, max, rng }
    }

    /// The delay before retry `retry` (1 for the first retry).
    pub fn delay(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry);
        match &self.rng {
            None => ceiling,
            Some(rng) => {
                // Nanoseconds of any sane cap fit a u64 (584 years); saturate otherwise.
                let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
                let drawn = rng.next() % nanos.saturating_add(1);
                Duration::from_nanos(drawn)
            }
        }
    }

    fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.saturating_sub(1)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.max)
    }
}

/// A tiny lock-free generator (SplitMix64): enough for jitter, and deterministic under a seed.
#[derive(Debug)]
struct SplitMix64 {
    state: AtomicU64,
}

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        Self {
            state: AtomicU64::new(seed),
        }
    }

    fn next(&self) -> u64 {
        const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut z = self.state.fetch_add(GAMMA, Ordering::Relaxed).wrapping_add(GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_doubles_up_to_the_cap() {
        let b = Backoff::new(
            Duration::from_millis(100),
            Duration::from_millis(500),
            Jitter::None,
        );
        let delays: Vec<_> = (1..=5).map(|n| b.delay(n).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 500, 500]);
        // A huge attempt number saturates instead of overflowing.
        assert_eq!(b.delay(200), Duration::from_millis(500));
    }

    #[test]
    fn seeded_jitter_repeats_and_stays_under_the_ceiling() {
        let draw = || {
            let b = Backoff::new(Duration::from_secs(1), Duration::from_secs(8), Jitter::Seeded(7));
            (1..=6).map(|n| b.delay(n)).collect::<Vec<_>>()
        };
        let first = draw();
        assert_eq!(first, draw());
        let ceilings = [1, 2, 4, 8, 8, 8];
        for (delay, ceiling) in first.iter().zip(ceilings) {
            assert!(*delay <= Duration::from_secs(ceiling), "{delay:?} > {ceiling}s");
        }
        // Jitter actually varies the delays.
        assert!(first.windows(2).any(|w| w[0] != w[1]));
    }
}
