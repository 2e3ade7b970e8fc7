use std::fmt::Write;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use letta_core::LettaError;
use letta_core::operations as ops;
use letta_core::transport::{TransportRequest, full_body};
use tower::{Layer, ServiceExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::TraceLayer;

/// Keeps every span field as `name=value`, across `new_span` and later `record`s.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut Vec<String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut text = String::new();
        let _ = write!(text, "{}={:?}", field.name(), value);
        self.0.push(text);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = self.0.lock().unwrap();
        fields.push(format!("span={}", attrs.metadata().name()));
        attrs.record(&mut Fields(&mut fields));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn a_span_names_the_operation_and_its_outcome_but_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let service = TraceLayer::new().layer(tower::service_fn(|_r: TransportRequest| async {
        Ok::<_, LettaError>(
            http::Response::builder()
                .status(404)
                .body(full_body("secret body"))
                .unwrap(),
        )
    }));
    let request = http::Request::builder()
        .method("GET")
        .uri("http://letta.test/v1/agents/agent-123?name=private")
        .header("authorization", "Bearer sk-hidden")
        .extension(ops::RETRIEVE_AGENT)
        .body(Bytes::new())
        .unwrap();
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 404);
    let fields = capture.0.lock().unwrap().join(" ");
    for expected in [
        "span=letta.request",
        "op=\"retrieve_agent\"",
        "method=GET",
        "path=\"/v1/agents/{agent_id}\"",
        "status=404",
        "latency_ms=",
    ] {
        assert!(fields.contains(expected), "{expected} missing from {fields}");
    }
    for secret in ["sk-hidden", "agent-123", "private", "secret body"] {
        assert!(!fields.contains(secret), "{secret} leaked into {fields}");
    }
}

#[tokio::test]
async fn a_failure_is_recorded_by_kind() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let service = TraceLayer::new().layer(tower::service_fn(|_r: TransportRequest| async {
        Err::<letta_core::transport::TransportResponse, _>(LettaError::InvalidInput("body text".into()))
    }));
    let request = http::Request::builder()
        .method("POST")
        .uri("http://letta.test/v1/agents/a/messages")
        .extension(ops::SEND_MESSAGE)
        .body(Bytes::from_static(b"{\"messages\":[]}"))
        .unwrap();
    let _ = service.oneshot(request).await;
    let fields = capture.0.lock().unwrap().join(" ");
    assert!(fields.contains("error=\"invalid_input\""), "{fields}");
    assert!(!fields.contains("body text"), "{fields}");
}

#[tokio::test(start_paused = true)]
async fn each_retry_attempt_gets_its_own_span_with_its_number() {
    use crate::layers::retry::{RetryBudget, RetryConfig, RetryLayer};
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let transport = tower::service_fn(move |_r: TransportRequest| {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        async move {
            let status = if n < 2 { 503 } else { 200 };
            Ok::<_, LettaError>(
                http::Response::builder()
                    .status(status)
                    .body(full_body("{}"))
                    .unwrap(),
            )
        }
    });
    // Trace inside retry: a span per attempt.
    let service = RetryLayer::new(RetryConfig::default().budget(RetryBudget::unlimited()))
        .layer(TraceLayer::new().layer(transport));
    let request = http::Request::builder()
        .method("GET")
        .uri("http://letta.test/v1/agents/")
        .extension(ops::LIST_AGENTS)
        .body(Bytes::new())
        .unwrap();
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let fields = capture.0.lock().unwrap().join(" ");
    for expected in ["attempt=1", "attempt=2", "attempt=3", "status=503", "status=200"] {
        assert!(fields.contains(expected), "{expected} missing from {fields}");
    }
}
