//! Limits: a global concurrency limit, one send in flight per agent, and a shared rate limit.
//!
//! - The concurrency permit is held for the whole life of a response, body included, so a
//!   stream that runs for minutes keeps its slot (a permit released at the headers would let
//!   unbounded streams pile up).
//! - Sends to one agent (operations of class [`Repeat::AgentTurn`]) are queued, first come first
//!   served, one at a time per agent: 0.7.29 accepts concurrent sends to one agent and can then
//!   lose entries of its in-context `message_ids`. The queue is the same per-agent queue the
//!   fan-out and map-reduce use; here it holds every send made through the client, whatever
//!   made it.
//! - The rate limit is a token bucket shared by every clone of the layer (and so of the client).
//!
//! Permits are taken in that order (agent, then global, then a token), so a request waiting for
//! its agent does not hold a global slot.

mod body;
mod bucket;
mod layer;

pub use layer::{LimitConfig, LimitLayer};

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http_body_util::BodyExt;
use letta_core::LettaError;
use letta_core::ids::AgentId;
use letta_core::operations::{Operation, Repeat};
use letta_core::transport::{TransportRequest, TransportResponse};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::{Service, ServiceExt};

use self::body::PermitBody;
use self::bucket::TokenBucket;
use crate::per_agent::OnePerAgent;

/// State shared by every clone of one [`LimitLayer`].
#[derive(Debug)]
pub(crate) struct Shared {
    global: Option<Arc<Semaphore>>,
    per_agent: Option<OnePerAgent>,
    rate: Option<TokenBucket>,
}

impl Shared {
    pub(crate) fn new(config: &LimitConfig) -> Self {
        Self {
            global: config.max_in_flight.map(|n| Arc::new(Semaphore::new(n.max(1)))),
            per_agent: config.one_send_per_agent.then(OnePerAgent::default),
            rate: config
                .rate
                .map(|(per_second, burst)| TokenBucket::new(per_second, burst)),
        }
    }
}

/// The agent a send goes to: the `{agent_id}` segment of `/v1/agents/{agent_id}/...`.
fn agent_of(request: &TransportRequest) -> Option<AgentId> {
    let op = request.extensions().get::<Operation>()?;
    if op.repeat != Repeat::AgentTurn || !op.path.starts_with("/v1/agents/{agent_id}") {
        return None;
    }
    let path = request.uri().path();
    let rest = path.split("/v1/agents/").nth(1)?;
    rest.split('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(AgentId::from)
}

/// The service of [`LimitLayer`].
#[derive(Debug, Clone)]
pub struct Limit<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S> Limit<S> {
    pub(crate) fn new(inner: S, shared: Arc<Shared>) -> Self {
        Self { inner, shared }
    }
}

impl<S> Service<TransportRequest> for Limit<S>
where
    S: Service<TransportRequest, Response = TransportResponse, Error = LettaError> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = TransportResponse;
    type Error = LettaError;
    type Future = Pin<Box<dyn Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), LettaError>> {
        // Waiting happens in `call`, per request: a queue for one agent must not block others.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let inner = self.inner.clone();
        let shared = self.shared.clone();
        Box::pin(async move {
            let mut permits: Vec<OwnedSemaphorePermit> = Vec::with_capacity(2);
            if let Some(agents) = &shared.per_agent {
                if let Some(agent) = agent_of(&request) {
                    permits.push(agents.acquire(&agent).await.map_err(closed)?);
                }
            }
            if let Some(global) = &shared.global {
                permits.push(global.clone().acquire_owned().await.map_err(closed)?);
            }
            if let Some(rate) = &shared.rate {
                rate.take().await;
            }
            let response = inner.oneshot(request).await?;
            if permits.is_empty() {
                return Ok(response);
            }
            Ok(response.map(|body| PermitBody::new(body, permits).boxed()))
        })
    }
}

fn closed(_: tokio::sync::AcquireError) -> LettaError {
    LettaError::Closed("the limit layer")
}

#[cfg(test)]
mod tests;
