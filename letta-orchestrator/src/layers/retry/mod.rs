//! Retrying failed requests, as a `tower` layer over the client's transport.
//!
//! ```
//! use letta_core::LettaClient;
//! use letta_orchestrator::layers::retry::{RetryConfig, RetryLayer};
//!
//! let client = LettaClient::builder()
//!     .layer(RetryLayer::new(RetryConfig::default()))
//!     .build()
//!     .expect("client");
//! # drop(client);
//! ```
//!
//! **What is retried** comes from the operation table, not from the method or the path: each
//! request carries its [`Operation`](letta_core::operations::Operation), whose
//! [`Repeat`](letta_core::operations::Repeat) class says what sending it twice would do.
//!
//! - `Idempotent` requests are retried after a transport error, a timeout, and answers 408,
//!   429 and 5xx.
//! - `Unsafe` requests (creating things) and `AgentTurn` requests (sends, which run the agent)
//!   are retried only when the connection failed before anything was written
//!   (`LettaError::Transport { maybe_sent: false, .. }`). After any other failure the server may
//!   have acted, so the error or answer is returned unchanged: 0.7.x does not deduplicate, and
//!   a second send would run the agent twice.
//! - A request without an operation (a custom transport user) is classed by its method: GET,
//!   HEAD, OPTIONS, PUT, DELETE and PATCH as idempotent, anything else as unsafe.
//!
//! **When**: exponential backoff with full jitter ([`RetryConfig::base_delay`], doubling, capped
//! by [`RetryConfig::max_delay`]), except that a `retry-after-ms` or `Retry-After` (seconds or
//! an HTTP date) on a retryable answer sets the delay; if it asks for longer than
//! [`RetryConfig::max_retry_after`] the layer gives up and returns that answer.
//!
//! **How often**: [`RetryConfig::max_attempts`] attempts in all, per operation with
//! [`RetryConfig::attempts_for`], per request with a [`RetryOverride`] in the request's
//! extensions (honoured when present; the resource API does not set one, but a layer above
//! this one can). A shared [`RetryBudget`] bounds retries across all requests.
//!
//! Each retry logs a `tracing` warning with the operation ID, the attempt, the reason and the
//! delay (never headers or bodies); giving up logs why. The body of a retried error answer is
//! dropped unread; the last answer is returned intact.
//!
//! The client's own timeout ([`ClientBuilder::timeout`](letta_core::ClientBuilder::timeout))
//! covers the whole call, retries and delays included; a timeout layer added *before* this one
//! (closer to the network) limits each attempt instead, and its `LettaError::Timeout` is
//! retried for idempotent requests.

mod backoff;
mod budget;
mod config;
mod layer;
mod policy;

pub use budget::RetryBudget;
pub use config::RetryConfig;
pub use layer::RetryLayer;
pub(crate) use letta_core::backoff::Backoff;
pub use letta_core::backoff::Jitter;
pub use policy::{RetryPolicy, RetryReason};

/// The service [`RetryLayer`] makes: `tower`'s retry service with this crate's policy.
pub type RetryService<S> = tower::retry::Retry<RetryPolicy, S>;

/// A per-request limit on attempts, honoured when it is in the request's extensions.
///
/// It takes precedence over [`RetryConfig::max_attempts`] and
/// [`RetryConfig::attempts_for`]; it cannot make an unsafe request retryable after an ambiguous
/// failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetryOverride {
    /// Attempts in all, the first included; `None` keeps the configured number.
    pub max_attempts: Option<u32>,
}

impl RetryOverride {
    /// Never retry this request.
    pub fn never() -> Self {
        Self {
            max_attempts: Some(1),
        }
    }

    /// At most `attempts` attempts in all for this request.
    pub fn attempts(attempts: u32) -> Self {
        Self {
            max_attempts: Some(attempts),
        }
    }
}
