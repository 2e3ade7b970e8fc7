//! The retry layer's log events: one per retry with the operation, attempt, reason and delay,
//! one when it gives up, and never a header or a body.

use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use letta_core::LettaError;
use letta_core::operations as ops;
use letta_core::transport::{TransportRequest, TransportResponse, full_body};
use letta_orchestrator::layers::retry::{Jitter, RetryBudget, RetryConfig, RetryLayer};
use tower::{Layer, ServiceExt};
use tracing::field::Field;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Keeps every event as `LEVEL field=value ...` text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = event.metadata().level().to_string();
        event.record(&mut |field: &Field, value: &dyn std::fmt::Debug| {
            let _ = write!(line, " {}={:?}", field.name(), value);
        });
        self.0.lock().unwrap().push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test(start_paused = true)]
async fn each_retry_and_the_give_up_are_logged_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let service = RetryLayer::new(
        RetryConfig::default()
            .max_attempts(3)
            .jitter(Jitter::None)
            .base_delay(Duration::from_millis(100))
            .budget(RetryBudget::unlimited()),
    )
    .layer(tower::service_fn(|_request: TransportRequest| async {
        Ok::<TransportResponse, LettaError>(
            http::Response::builder()
                .status(503)
                .body(full_body("server body text"))
                .unwrap(),
        )
    }));
    let mut request = http::Request::builder()
        .method("GET")
        .uri("http://letta.test/v1/agents/")
        .header("authorization", "Bearer sk-secret-token")
        .body(Bytes::from_static(b"request body text"))
        .unwrap();
    request.extensions_mut().insert(ops::LIST_AGENTS);
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 503);

    let events = capture.0.lock().unwrap().clone();
    assert_eq!(
        events,
        [
            "WARN message=retrying operation=\"list_agents\" attempt=1 reason=status 503 Service Unavailable delay=100ms",
            "WARN message=retrying operation=\"list_agents\" attempt=2 reason=status 503 Service Unavailable delay=200ms",
            "INFO message=giving up: no attempts left operation=\"list_agents\" attempt=3 reason=status 503 Service Unavailable",
        ]
    );
    for event in &events {
        assert!(!event.contains("secret"), "{event}");
        assert!(!event.contains("body text"), "{event}");
    }
}
