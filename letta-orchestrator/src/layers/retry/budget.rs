//! The retry budget: a token bucket of retries, refilled by requests, shared by every clone of
//! the layer and its services, so a failing server is not hammered by retries.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Tokens are kept in thousandths, so a fractional refill per request adds up exactly.
const UNIT: u64 = 1000;

/// A bucket of retries shared by all requests through one [`RetryLayer`](super::RetryLayer).
///
/// It starts with `reserve` retries; each retry takes one, and each new request puts back
/// `per_request` (a fraction: 0.2 means at most one retry per five requests in the long run),
/// never above `reserve`. When it is empty a failed request is returned as it is, without a
/// retry. Unlike a time-based budget it needs no clock, so it behaves the same under a paused
/// test clock.
///
/// Clones share the bucket.
#[derive(Debug, Clone)]
pub struct RetryBudget {
    inner: Option<Arc<Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    milli_tokens: AtomicU64,
    cap: u64,
    refill: u64,
}

impl RetryBudget {
    /// A bucket of `reserve` retries, refilled by `per_request` retries per request (clamped to
    /// `0.0..=1.0`).
    pub fn new(reserve: u32, per_request: f32) -> Self {
        let cap = u64::from(reserve) * UNIT;
        // Clamped first, so the cast cannot overflow; NaN becomes 0.
        let refill = (per_request.clamp(0.0, 1.0) * UNIT as f32) as u64;
        Self {
            inner: Some(Arc::new(Bucket {
                milli_tokens: AtomicU64::new(cap),
                cap,
                refill,
            })),
        }
    }

    /// No budget: every retry the policy allows happens.
    pub fn unlimited() -> Self {
        Self { inner: None }
    }

    /// Retries left right now (`None` when unlimited).
    pub fn remaining(&self) -> Option<u32> {
        self.inner
            .as_ref()
            .map(|b| u32::try_from(b.milli_tokens.load(Ordering::Relaxed) / UNIT).unwrap_or(u32::MAX))
    }

    /// A new request passes: put back its share.
    pub(crate) fn deposit(&self) {
        if let Some(b) = &self.inner {
            let _ = b
                .milli_tokens
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                    Some(t.saturating_add(b.refill).min(b.cap))
                });
        }
    }

    /// Takes one retry; false when the bucket is empty.
    pub(crate) fn withdraw(&self) -> bool {
        match &self.inner {
            None => true,
            Some(b) => b
                .milli_tokens
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| t.checked_sub(UNIT))
                .is_ok(),
        }
    }
}

impl Default for RetryBudget {
    /// Ten retries in reserve, refilled by one retry per five requests.
    fn default() -> Self {
        Self::new(10, 0.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_empties_and_refills_by_requests() {
        let budget = RetryBudget::new(2, 0.5);
        let clone = budget.clone();
        assert!(budget.withdraw());
        assert!(clone.withdraw());
        assert!(!budget.withdraw(), "the clone spent from the same bucket");
        assert_eq!(budget.remaining(), Some(0));
        budget.deposit();
        assert!(!budget.withdraw(), "half a retry is not a retry");
        budget.deposit();
        assert!(budget.withdraw());
        for _ in 0..100 {
            budget.deposit();
        }
        assert_eq!(budget.remaining(), Some(2), "never above the reserve");
    }

    #[test]
    fn unlimited_never_runs_out() {
        let budget = RetryBudget::unlimited();
        assert!((0..1000).all(|_| budget.withdraw()));
        assert_eq!(budget.remaining(), None);
    }
}
