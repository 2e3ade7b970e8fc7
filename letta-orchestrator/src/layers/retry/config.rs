//! What the retry layer may do: attempts, delays, the budget, per-operation overrides.

use std::collections::HashMap;
use std::time::Duration;

use letta_core::operations::Operation;

use super::Jitter;
use super::budget::RetryBudget;

/// Settings of a [`RetryLayer`](super::RetryLayer).
///
/// Which requests may be retried at all is not configured here: it comes from each operation's
/// [`Repeat`](letta_core::operations::Repeat) class in the operation table.
#[derive(Debug, Clone)]
pub struct RetryConfig {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) jitter: Jitter,
    pub(crate) max_retry_after: Duration,
    pub(crate) budget: RetryBudget,
    pub(crate) per_operation: HashMap<&'static str, u32>,
}

impl Default for RetryConfig {
    /// Three attempts in all, backoff from 200 ms doubling up to 10 s with full jitter, a server's
    /// `Retry-After` honoured up to 30 s, and the default [`RetryBudget`].
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            jitter: Jitter::Full,
            max_retry_after: Duration::from_secs(30),
            budget: RetryBudget::default(),
            per_operation: HashMap::new(),
        }
    }
}

impl RetryConfig {
    /// Attempts in all, the first included (1 means no retry). Default 3.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Attempts in all for one operation, overriding [`max_attempts`](Self::max_attempts); for
    /// instance `.attempts_for(&ops::LIST_AGENTS, 5)`. The operation's repeat class still decides
    /// which failures are retried.
    pub fn attempts_for(mut self, operation: &Operation, attempts: u32) -> Self {
        self.per_operation.insert(operation.id, attempts);
        self
    }

    /// The ceiling of the first retry's delay; it doubles for each further retry. Default 200 ms.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The most any backoff delay can be. Default 10 s.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// How delays are randomised. Default [`Jitter::Full`].
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// The longest `Retry-After` (or `retry-after-ms`) honoured: when the server asks for a
    /// longer wait, the layer gives up and returns its answer. Default 30 s.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// The retry budget (shared by every clone of the layer built from this config).
    pub fn budget(mut self, budget: RetryBudget) -> Self {
        self.budget = budget;
        self
    }

    /// Attempts in all for `operation_id` (with no per-request override).
    pub(crate) fn attempts_of(&self, operation_id: Option<&str>) -> u32 {
        operation_id
            .and_then(|id| self.per_operation.get(id).copied())
            .unwrap_or(self.max_attempts)
    }
}
