//! The `tower::Layer` that wraps a transport in the retry policy.

use tower::Layer;

use super::RetryService;
use super::config::RetryConfig;
use super::policy::RetryPolicy;

/// Retries failed requests as their operation's repeat class allows; see the
/// [module documentation](super).
///
/// ```
/// use letta_core::LettaClient;
/// use letta_core::operations as ops;
/// use letta_orchestrator::layers::retry::{RetryConfig, RetryLayer};
///
/// let client = LettaClient::builder()
///     .base_url("http://localhost:8283")
///     .layer(RetryLayer::new(
///         RetryConfig::default().max_attempts(4).attempts_for(&ops::LIST_AGENTS, 6),
///     ))
///     .build()
///     .expect("client");
/// # drop(client);
/// ```
#[derive(Debug, Clone)]
pub struct RetryLayer {
    policy: RetryPolicy,
}

impl RetryLayer {
    /// A layer with `config`. Every service it makes, and every clone of it, shares one
    /// [`RetryBudget`](super::RetryBudget) and one jitter source.
    pub fn new(config: RetryConfig) -> Self {
        Self {
            policy: RetryPolicy::new(config),
        }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = RetryService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        tower::retry::Retry::new(self.policy.clone(), inner)
    }
}
