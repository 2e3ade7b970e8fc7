//! The retry layer against a scripted in-memory transport, on a paused clock: the schedule,
//! `Retry-After`, limits, the budget, and which requests may be retried at all.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{Method, StatusCode};
use http_body::{Body, Frame};
use http_body_util::BodyExt;
use letta_core::error::BoxError;
use letta_core::operations::{self as ops, Operation};
use letta_core::transport::{TransportRequest, TransportResponse, full_body};
use letta_core::types::ListTagsParams;
use letta_core::{LettaClient, LettaError};
use letta_orchestrator::layers::retry::{Jitter, RetryBudget, RetryConfig, RetryLayer, RetryOverride};
use tokio::time::Instant;
use tower::{Layer, Service, ServiceExt};

type Outcome = Result<TransportResponse, LettaError>;
type Step = Box<dyn FnOnce() -> Outcome + Send>;

/// A transport that answers a programmed sequence of outcomes and records each call.
#[derive(Clone, Default)]
struct Script {
    steps: Arc<Mutex<VecDeque<Step>>>,
    calls: Arc<Mutex<Vec<(Instant, TransportRequest)>>>,
}

impl Script {
    fn new(steps: Vec<Step>) -> Self {
        Self {
            steps: Arc::new(Mutex::new(steps.into())),
            calls: Arc::default(),
        }
    }

    /// The scripted service; clones share the script.
    fn service(
        &self,
    ) -> impl Service<
        TransportRequest,
        Response = TransportResponse,
        Error = LettaError,
        Future = Pin<Box<dyn Future<Output = Outcome> + Send>>,
    >
    + Clone
    + Send
    + Sync
    + 'static
    + use<> {
        let script = self.clone();
        tower::service_fn(move |request: TransportRequest| {
            let step = script.steps.lock().unwrap().pop_front();
            script.calls.lock().unwrap().push((Instant::now(), request));
            Box::pin(async move {
                match step {
                    Some(step) => step(),
                    None => Err(LettaError::InvalidInput("script exhausted".into())),
                }
            }) as Pin<Box<dyn Future<Output = Outcome> + Send>>
        })
    }

    fn calls(&self) -> usize {
        self.calls.lock().unwrap().len()
    }

    /// Time between consecutive calls.
    fn gaps(&self) -> Vec<Duration> {
        let calls = self.calls.lock().unwrap();
        calls.windows(2).map(|w| w[1].0 - w[0].0).collect()
    }

    /// Every call's request body, to check that retries resend the same bytes.
    fn bodies(&self) -> Vec<Bytes> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .map(|(_, r)| r.body().clone())
            .collect()
    }
}

fn status(code: u16) -> Step {
    status_with(code, &[])
}

fn status_with(code: u16, headers: &[(&'static str, &str)]) -> Step {
    let headers: Vec<(&'static str, String)> = headers.iter().map(|(k, v)| (*k, v.to_string())).collect();
    Box::new(move || {
        let mut builder = http::Response::builder().status(code);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        Ok(builder.body(full_body(format!("answer {code}"))).unwrap())
    })
}

fn ok(body: &'static str) -> Step {
    Box::new(move || Ok(http::Response::new(full_body(body))))
}

fn transport_error(maybe_sent: bool) -> Step {
    Box::new(move || {
        Err(LettaError::Transport {
            method: Method::POST,
            path: "/v1/x".into(),
            maybe_sent,
            source: "connection failed".into(),
        })
    })
}

fn timeout() -> Step {
    Box::new(|| {
        Err(LettaError::Timeout {
            method: Method::POST,
            path: "/v1/x".into(),
            after: Duration::from_secs(5),
        })
    })
}

fn request(op: Operation) -> TransportRequest {
    let mut r = http::Request::builder()
        .method(op.method)
        .uri(format!("http://letta.test{}", op.path))
        .body(Bytes::from_static(b"{\"payload\":true}"))
        .unwrap();
    r.extensions_mut().insert(op);
    r
}

/// No jitter and no budget, so the schedule is exact.
fn exact() -> RetryConfig {
    RetryConfig::default()
        .jitter(Jitter::None)
        .budget(RetryBudget::unlimited())
        .base_delay(Duration::from_millis(100))
        .max_delay(Duration::from_millis(350))
}

async fn run(config: RetryConfig, script: &Script, request: TransportRequest) -> Outcome {
    RetryLayer::new(config)
        .layer(script.service())
        .oneshot(request)
        .await
}

async fn text(response: TransportResponse) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn ms(values: &[u64]) -> Vec<Duration> {
    values.iter().map(|v| Duration::from_millis(*v)).collect()
}

#[tokio::test(start_paused = true)]
async fn backoff_doubles_up_to_the_max_delay() {
    let script = Script::new(vec![
        status(503),
        status(502),
        status(500),
        status(504),
        ok("done"),
    ]);
    let response = run(exact().max_attempts(5), &script, request(ops::LIST_AGENTS))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(text(response).await, "done");
    assert_eq!(script.gaps(), ms(&[100, 200, 350, 350]));
    // Each retry resent the same body.
    assert!(script.bodies().iter().all(|b| b == "{\"payload\":true}"));
}

#[tokio::test(start_paused = true)]
async fn seeded_jitter_is_reproducible_and_under_each_ceiling() {
    let schedule = || async {
        let script = Script::new(vec![status(503), status(503), status(503), status(503), ok("x")]);
        let config = exact().jitter(Jitter::Seeded(42)).max_attempts(5);
        run(config, &script, request(ops::LIST_TOOLS)).await.unwrap();
        script.gaps()
    };
    let first = schedule().await;
    assert_eq!(first, schedule().await);
    for (gap, ceiling) in first.iter().zip(ms(&[100, 200, 350, 350])) {
        assert!(*gap <= ceiling, "{gap:?} above {ceiling:?}");
    }
    assert_ne!(first, ms(&[100, 200, 350, 350]), "jitter changed nothing");
}

#[tokio::test(start_paused = true)]
async fn retry_after_seconds_sets_the_delay() {
    let script = Script::new(vec![status_with(429, &[("retry-after", "7")]), ok("done")]);
    let response = run(exact(), &script, request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(text(response).await, "done");
    assert_eq!(script.gaps(), vec![Duration::from_secs(7)]);
}

#[tokio::test(start_paused = true)]
async fn retry_after_ms_wins_over_retry_after() {
    let script = Script::new(vec![
        status_with(503, &[("retry-after-ms", "1500"), ("retry-after", "9")]),
        ok("done"),
    ]);
    run(exact(), &script, request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(script.gaps(), ms(&[1500]));
}

#[tokio::test(start_paused = true)]
async fn retry_after_http_date_sets_the_delay() {
    let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(20));
    let script = Script::new(vec![status_with(503, &[("retry-after", &at)]), ok("done")]);
    run(exact(), &script, request(ops::LIST_AGENTS)).await.unwrap();
    // The date has whole seconds, so the wait is a little under 20 s.
    let gap = script.gaps()[0];
    assert!(
        gap > Duration::from_secs(18) && gap <= Duration::from_secs(20),
        "{gap:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_above_the_cap_returns_the_answer() {
    let script = Script::new(vec![status_with(429, &[("retry-after", "120")]), ok("never")]);
    let config = exact().max_retry_after(Duration::from_secs(30));
    let response = run(config, &script, request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(script.calls(), 1);
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "120");
    assert_eq!(text(response).await, "answer 429");
}

#[tokio::test(start_paused = true)]
async fn attempt_limit_returns_the_last_answer() {
    let script = Script::new(vec![status(500), status(502), status(503), ok("too late")]);
    let response = run(exact().max_attempts(3), &script, request(ops::LIST_AGENTS))
        .await
        .unwrap();
    assert_eq!(script.calls(), 3);
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(text(response).await, "answer 503");
}

#[tokio::test(start_paused = true)]
async fn attempts_per_operation_and_per_request() {
    let failing = || Script::new((0..10).map(|_| status(503)).collect());
    let config = exact().max_attempts(2).attempts_for(&ops::LIST_AGENTS, 5);

    let script = failing();
    run(config.clone(), &script, request(ops::LIST_AGENTS))
        .await
        .unwrap();
    assert_eq!(script.calls(), 5, "per-operation override");

    let script = failing();
    run(config.clone(), &script, request(ops::LIST_TOOLS))
        .await
        .unwrap();
    assert_eq!(script.calls(), 2, "default for other operations");

    let script = failing();
    let mut never = request(ops::LIST_AGENTS);
    never.extensions_mut().insert(RetryOverride::never());
    run(config.clone(), &script, never).await.unwrap();
    assert_eq!(script.calls(), 1, "RetryOverride::never");

    let script = failing();
    let mut three = request(ops::LIST_TOOLS);
    three.extensions_mut().insert(RetryOverride::attempts(3));
    run(config, &script, three).await.unwrap();
    assert_eq!(script.calls(), 3, "RetryOverride::attempts beats the config");
}

#[tokio::test(start_paused = true)]
async fn budget_is_shared_and_runs_out() {
    let script = Script::new((0..20).map(|_| status(503)).collect());
    let budget = RetryBudget::new(3, 0.0);
    let layer = RetryLayer::new(exact().max_attempts(10).budget(budget.clone()));
    // Two services from clones of one layer draw from one bucket.
    let first = layer.clone().layer(script.service());
    let second = layer.layer(script.service());

    let response = first.oneshot(request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(script.calls(), 4, "three retries, then the bucket is empty");
    assert_eq!(budget.remaining(), Some(0));

    let response = second.oneshot(request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(script.calls(), 5, "no retry left for the other service");
}

#[tokio::test(start_paused = true)]
async fn budget_refills_with_requests() {
    let script = Script::new(vec![
        status(503),
        ok("a"),
        ok("b"),
        status(503),
        status(503),
        ok("never"),
    ]);
    let budget = RetryBudget::new(1, 0.5);
    let service = RetryLayer::new(exact().budget(budget.clone())).layer(script.service());

    let response = service.clone().oneshot(request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(text(response).await, "a");
    assert_eq!(budget.remaining(), Some(0), "the one retry is spent");

    let response = service.clone().oneshot(request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(text(response).await, "b");
    assert_eq!(budget.remaining(), Some(0), "half a retry so far");

    // The third request brings the bucket to one retry, spends it, and then has none left.
    let response = service.oneshot(request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(script.calls(), 5);
}

/// The heart of it: a request that may have run on the server is never sent again, unless it
/// is idempotent.
#[tokio::test(start_paused = true)]
async fn unsafe_and_agent_turns_retry_only_when_nothing_was_sent() {
    for op in [ops::SEND_MESSAGE, ops::CREATE_AGENT, ops::SEND_GROUP_MESSAGE] {
        let script = Script::new(vec![transport_error(false), transport_error(false), ok("sent")]);
        let response = run(exact(), &script, request(op)).await.unwrap();
        assert_eq!(text(response).await, "sent", "{}", op.id);
        assert_eq!(script.calls(), 3, "{}: connect failures are retried", op.id);

        let script = Script::new(vec![timeout(), ok("twice")]);
        let error = run(exact(), &script, request(op)).await.unwrap_err();
        assert!(matches!(error, LettaError::Timeout { .. }), "{}: {error}", op.id);
        assert_eq!(script.calls(), 1, "{}: not retried after a timeout", op.id);

        let script = Script::new(vec![transport_error(true), ok("twice")]);
        let error = run(exact(), &script, request(op)).await.unwrap_err();
        assert!(
            matches!(error, LettaError::Transport { maybe_sent: true, .. }),
            "{}: {error}",
            op.id
        );
        assert_eq!(script.calls(), 1, "{}: not retried when maybe sent", op.id);

        for code in [500, 502, 503, 429, 408] {
            let script = Script::new(vec![status(code), ok("twice")]);
            let response = run(exact(), &script, request(op)).await.unwrap();
            assert_eq!(response.status().as_u16(), code);
            assert_eq!(text(response).await, format!("answer {code}"));
            assert_eq!(script.calls(), 1, "{}: not retried after {code}", op.id);
        }
    }
}

#[tokio::test(start_paused = true)]
async fn idempotent_requests_retry_ambiguous_failures() {
    let script = Script::new(vec![
        transport_error(true),
        timeout(),
        status(408),
        transport_error(false),
        ok("done"),
    ]);
    let response = run(exact().max_attempts(5), &script, request(ops::LIST_AGENTS))
        .await
        .unwrap();
    assert_eq!(text(response).await, "done");
    assert_eq!(script.calls(), 5);

    // Client errors other than 408 and 429 are answers, not failures.
    let script = Script::new(vec![status(404), ok("never")]);
    let response = run(exact(), &script, request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(script.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn without_an_operation_the_method_decides() {
    let bare = |method: Method| {
        http::Request::builder()
            .method(method)
            .uri("http://letta.test/custom")
            .body(Bytes::new())
            .unwrap()
    };
    let script = Script::new(vec![status(503), ok("done")]);
    run(exact(), &script, bare(Method::GET)).await.unwrap();
    assert_eq!(script.calls(), 2, "GET is idempotent");

    let script = Script::new(vec![status(503), ok("never")]);
    let response = run(exact(), &script, bare(Method::POST)).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(script.calls(), 1, "POST is unsafe");

    let script = Script::new(vec![transport_error(false), ok("done")]);
    run(exact(), &script, bare(Method::POST)).await.unwrap();
    assert_eq!(script.calls(), 2, "POST that never left is retried");
}

/// A body that counts its drops.
struct Tracked {
    data: Option<Bytes>,
    drops: Arc<AtomicUsize>,
}

impl Body for Tracked {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        Poll::Ready(self.get_mut().data.take().map(|d| Ok(Frame::data(d))))
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test(start_paused = true)]
async fn retried_bodies_are_dropped_and_the_last_returned_intact() {
    let drops = Arc::new(AtomicUsize::new(0));
    let answer = |code: u16, text: &'static str| -> Step {
        let drops = drops.clone();
        Box::new(move || {
            let body = Tracked {
                data: Some(Bytes::from_static(text.as_bytes())),
                drops,
            };
            Ok(http::Response::builder()
                .status(code)
                .header("x-final", text)
                .body(body.boxed())
                .unwrap())
        })
    };
    let script = Script::new(vec![
        answer(503, "first"),
        answer(500, "second"),
        answer(503, "last"),
    ]);
    let response = run(exact(), &script, request(ops::LIST_AGENTS)).await.unwrap();
    assert_eq!(drops.load(Ordering::SeqCst), 2, "both retried answers released");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["x-final"], "last");
    assert_eq!(text(response).await, "last");
    assert_eq!(drops.load(Ordering::SeqCst), 3);
}

/// Through the client: the resource API tags requests with their operation, and the layer
/// reads it.
#[tokio::test(start_paused = true)]
async fn through_the_client_builder() {
    let script = Script::new(vec![
        status(503),
        ok(r#"["alpha","beta"]"#),
        status(500),
        ok("never"),
    ]);
    let client = LettaClient::builder()
        .base_url("http://letta.test")
        .transport(script.service())
        .layer(RetryLayer::new(exact()))
        .build()
        .unwrap();
    let tags = client.tags().list(&ListTagsParams::default()).await.unwrap();
    assert_eq!(tags, ["alpha", "beta"]);
    assert_eq!(script.calls(), 2);

    let error = client
        .agents()
        .messages("agent-00000000-0000-4000-8000-000000000000")
        .send(letta_core::types::MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(script.calls(), 3, "a send is not repeated after a 500");
}
