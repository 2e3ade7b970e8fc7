//! [`LimitLayer`] and its configuration.

use std::sync::Arc;

use tower::Layer;

use super::{Limit, Shared};

/// What to limit. Everything is off by default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LimitConfig {
    /// Requests in flight at once, across every clone of the client; a streamed response keeps
    /// its slot until the stream ends.
    pub max_in_flight: Option<usize>,
    /// Queue sends to one agent so that only one runs at a time (first come, first served).
    pub one_send_per_agent: bool,
    /// A token bucket: requests per second, and how many may burst at once.
    pub rate: Option<(f64, u32)>,
}

impl LimitConfig {
    /// The recommended limits for 0.7.x: one send per agent; no global or rate limit.
    pub fn recommended() -> Self {
        Self {
            one_send_per_agent: true,
            ..Self::default()
        }
    }

    /// Limits requests in flight.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = Some(n);
        self
    }

    /// Queues sends per agent.
    pub fn one_send_per_agent(mut self, on: bool) -> Self {
        self.one_send_per_agent = on;
        self
    }

    /// Limits the request rate.
    pub fn rate(mut self, per_second: f64, burst: u32) -> Self {
        self.rate = Some((per_second, burst));
        self
    }
}

/// Applies [`LimitConfig`]; every service it makes shares one set of limits.
///
/// ```
/// use letta_orchestrator::layers::limit::{LimitConfig, LimitLayer};
/// let client = letta_core::LettaClient::builder()
///     .layer(LimitLayer::new(LimitConfig::recommended().max_in_flight(32)))
///     .build()?;
/// # Ok::<(), letta_core::LettaError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LimitLayer {
    shared: Arc<Shared>,
}

impl LimitLayer {
    /// A layer with these limits.
    pub fn new(config: LimitConfig) -> Self {
        Self {
            shared: Arc::new(Shared::new(&config)),
        }
    }
}

impl<S> Layer<S> for LimitLayer {
    type Service = Limit<S>;

    fn layer(&self, inner: S) -> Limit<S> {
        Limit::new(inner, self.shared.clone())
    }
}
