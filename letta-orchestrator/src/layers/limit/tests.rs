use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use letta_core::LettaError;
use letta_core::operations::{self as ops, Operation};
use letta_core::transport::{ResponseBody, TransportRequest, TransportResponse, full_body};
use tokio::sync::{Mutex as AsyncMutex, mpsc};
use tower::{Layer, Service, ServiceExt};

use super::{LimitConfig, LimitLayer};

type FrameSender = mpsc::Sender<Result<http_body::Frame<Bytes>, letta_core::error::BoxError>>;

/// A transport whose responses stream until the test closes them; it counts calls in flight.
#[derive(Clone, Default)]
struct Held {
    calls: Arc<AtomicUsize>,
    senders: Arc<AsyncMutex<Vec<FrameSender>>>,
}

impl Service<TransportRequest> for Held {
    type Response = TransportResponse;
    type Error = LettaError;
    type Future =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), LettaError>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _request: TransportRequest) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            this.calls.fetch_add(1, Ordering::SeqCst);
            let (tx, rx) = mpsc::channel(1);
            this.senders.lock().await.push(tx);
            let stream =
                futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|f| (f, rx)) });
            let body: ResponseBody = http_body_util::StreamBody::new(stream).boxed();
            Ok(http::Response::new(body))
        })
    }
}

fn request(op: Operation, path: &str) -> TransportRequest {
    http::Request::builder()
        .method(op.method)
        .uri(format!("http://letta.test{path}"))
        .extension(op)
        .body(Bytes::new())
        .unwrap()
}

async fn settle() {
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_streaming_response_keeps_its_slot_until_the_body_ends() {
    let held = Held::default();
    let service = LimitLayer::new(LimitConfig::default().max_in_flight(1)).layer(held.clone());
    let first = service
        .clone()
        .oneshot(request(ops::LIST_AGENTS, "/v1/agents/"))
        .await
        .unwrap();
    let second = tokio::spawn(service.clone().oneshot(request(ops::LIST_TOOLS, "/v1/tools/")));
    settle().await;
    assert_eq!(
        held.calls.load(Ordering::SeqCst),
        1,
        "the second request must wait for the slot"
    );
    // Ending the first body frees the slot.
    held.senders.lock().await.remove(0);
    let collected = first.into_body().collect().await.unwrap().to_bytes();
    assert!(collected.is_empty());
    let _second = second.await.unwrap().unwrap();
    assert_eq!(held.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn sends_to_one_agent_queue_and_other_agents_do_not_wait() {
    let held = Held::default();
    let service = LimitLayer::new(LimitConfig::recommended()).layer(held.clone());
    let path = "/v1/agents/agent-1/messages";
    let first = service
        .clone()
        .oneshot(request(ops::SEND_MESSAGE, path))
        .await
        .unwrap();
    let same_agent = tokio::spawn(
        service
            .clone()
            .oneshot(request(ops::SEND_MESSAGE, "/v1/agents/agent-1/messages/stream")),
    );
    settle().await;
    assert_eq!(
        held.calls.load(Ordering::SeqCst),
        1,
        "a second send to agent-1 must queue"
    );
    let other = service
        .clone()
        .oneshot(request(ops::SEND_MESSAGE, "/v1/agents/agent-2/messages"))
        .await
        .unwrap();
    assert_eq!(
        held.calls.load(Ordering::SeqCst),
        2,
        "agent-2 does not wait for agent-1"
    );
    // Reads are not queued either.
    let _read = service
        .clone()
        .oneshot(request(ops::LIST_MESSAGES, path))
        .await
        .unwrap();
    assert_eq!(held.calls.load(Ordering::SeqCst), 3);
    drop(first);
    let _queued = same_agent.await.unwrap().unwrap();
    assert_eq!(held.calls.load(Ordering::SeqCst), 4);
    drop(other);
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_spaces_requests_evenly() {
    let answer = tower::service_fn(|_r: TransportRequest| async {
        Ok::<_, LettaError>(http::Response::new(full_body("[]")))
    });
    let service = LimitLayer::new(LimitConfig::default().rate(2.0, 1)).layer(answer);
    let start = tokio::time::Instant::now();
    let mut at = Vec::new();
    for _ in 0..5 {
        service
            .clone()
            .oneshot(request(ops::LIST_AGENTS, "/v1/agents/"))
            .await
            .unwrap();
        at.push(start.elapsed());
    }
    let expected: Vec<Duration> = [0, 500, 1000, 1500, 2000]
        .iter()
        .map(|ms| Duration::from_millis(*ms))
        .collect();
    assert_eq!(at, expected);
}

#[tokio::test(start_paused = true)]
async fn clones_share_one_bucket() {
    let answer = tower::service_fn(|_r: TransportRequest| async {
        Ok::<_, LettaError>(http::Response::new(full_body("[]")))
    });
    let layer = LimitLayer::new(LimitConfig::default().rate(1.0, 2));
    let a = layer.layer(answer);
    let b = layer.layer(answer);
    let start = tokio::time::Instant::now();
    a.clone()
        .oneshot(request(ops::LIST_AGENTS, "/v1/agents/"))
        .await
        .unwrap();
    b.clone()
        .oneshot(request(ops::LIST_AGENTS, "/v1/agents/"))
        .await
        .unwrap();
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "the burst of two is spent by both clones"
    );
    a.clone()
        .oneshot(request(ops::LIST_AGENTS, "/v1/agents/"))
        .await
        .unwrap();
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}
