//! The recommended middleware stack, and the order it goes in.
//!
//! A request passes, outermost first:
//!
//! 1. [`LimitLayer`]: waits for its agent's queue (one send per agent), a global slot and a rate
//!    token, once per call, so a retried send still counts as one turn in its agent's queue;
//! 2. [`RetryLayer`]: retries what the operation table says is safe to repeat (never a send that
//!    may have reached the server), with backoff, `Retry-After` and a shared budget;
//! 3. [`TraceLayer`]: one span per attempt, so each retry is visible with its own status and
//!    latency;
//! 4. the HTTP transport, with the client's connect timeout; the client's call timeout wraps
//!    all of it, and streams get the idle timeout between events.
//!
//! [`ClientBuilder::layer`] puts the layer added first closest to the network, so the stack is
//! added innermost first. Any other stack can be passed the same way.

use letta_core::ClientBuilder;

use super::limit::{LimitConfig, LimitLayer};
use super::retry::{RetryConfig, RetryLayer};
use super::trace::TraceLayer;

/// Adds the recommended layers to a client builder.
///
/// ```
/// use letta_orchestrator::layers::RecommendedLayers;
/// let client = letta_core::LettaClient::builder().recommended_layers().build()?;
/// # Ok::<(), letta_core::LettaError>(())
/// ```
pub trait RecommendedLayers: Sized {
    /// Trace, retry with defaults, and one send per agent.
    fn recommended_layers(self) -> Self {
        self.layers_with(RetryConfig::default(), LimitConfig::recommended())
    }

    /// The same stack with your retry and limit settings.
    fn layers_with(self, retry: RetryConfig, limits: LimitConfig) -> Self;
}

impl RecommendedLayers for ClientBuilder {
    fn layers_with(self, retry: RetryConfig, limits: LimitConfig) -> Self {
        self.layer(TraceLayer::new())
            .layer(RetryLayer::new(retry))
            .layer(LimitLayer::new(limits))
    }
}
