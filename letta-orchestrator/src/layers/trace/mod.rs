//! A `tracing` span per request attempt: operation id, method, path template, attempt number,
//! status and latency.
//!
//! The span never holds the token, other headers, the query string or any body: the path
//! template (`/v1/agents/{agent_id}`) names the route without the IDs, and the operation id says
//! what was done. Failures are recorded as the error's kind, not its text (which can quote a
//! body).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use letta_core::LettaError;
use letta_core::operations::Operation;
use letta_core::transport::{TransportRequest, TransportResponse};
use tokio::time::Instant;
use tower::{Layer, Service};
use tracing::Instrument;

/// Wraps every request in a `letta.request` span (level INFO).
///
/// ```
/// use letta_orchestrator::layers::trace::TraceLayer;
/// let client = letta_core::LettaClient::builder().layer(TraceLayer::new()).build()?;
/// # Ok::<(), letta_core::LettaError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TraceLayer;

impl TraceLayer {
    /// The layer.
    pub fn new() -> Self {
        Self
    }
}

impl<S> Layer<S> for TraceLayer {
    type Service = Trace<S>;

    fn layer(&self, inner: S) -> Trace<S> {
        Trace { inner }
    }
}

/// The service of [`TraceLayer`].
#[derive(Debug, Clone)]
pub struct Trace<S> {
    inner: S,
}

impl<S> Service<TransportRequest> for Trace<S>
where
    S: Service<TransportRequest, Response = TransportResponse, Error = LettaError>,
    S::Future: Send + 'static,
{
    type Response = TransportResponse;
    type Error = LettaError;
    type Future = Pin<Box<dyn Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), LettaError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let op = request.extensions().get::<Operation>().copied();
        let span = tracing::info_span!(
            "letta.request",
            op = op.map(|o| o.id).unwrap_or("unknown"),
            method = %request.method(),
            path = op.map(|o| o.path).unwrap_or("unknown"),
            attempt = request.extensions().get::<super::Attempt>().map_or(1, |a| a.0),
            status = tracing::field::Empty,
            error = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let future = self.inner.call(request);
        let recorder = span.clone();
        Box::pin(
            async move {
                let answer = future.await;
                recorder.record("latency_ms", started.elapsed().as_millis() as u64);
                match &answer {
                    Ok(response) => {
                        recorder.record("status", response.status().as_u16());
                    }
                    Err(e) => {
                        recorder.record("error", error_kind(e));
                    }
                }
                tracing::debug!("letta request finished");
                answer
            }
            .instrument(span),
        )
    }
}

/// A short, body-free name for an error.
fn error_kind(e: &LettaError) -> &'static str {
    match e {
        LettaError::Api { .. } => "api",
        LettaError::Transport {
            maybe_sent: false, ..
        } => "connect",
        LettaError::Transport { .. } => "transport",
        LettaError::Timeout { .. } => "timeout",
        LettaError::Decode { .. } => "decode",
        LettaError::Stream { .. } => "stream",
        LettaError::InvalidInput(_) => "invalid_input",
        LettaError::Config(_) => "config",
        LettaError::Closed(_) => "closed",
        LettaError::TooLarge { .. } => "too_large",
        _ => "other",
    }
}

#[cfg(test)]
mod tests;
