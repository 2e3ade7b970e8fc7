//! The retry layer on a real client: against the real Letta server (started once for this
//! binary by `letta-testkit`), and against a port nobody listens on.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use letta_core::transport::{Transport, TransportRequest};
use letta_core::types::{AgentCreate, BlockCreate, ListAgentsParams, MessageCreate, Replies};
use letta_core::{LettaClient, LettaError};
use letta_orchestrator::layers::retry::{Jitter, RetryConfig, RetryLayer};
use tower::ServiceExt;

/// A layer that counts the requests reaching it: added before the retry layer, it sits below
/// it and sees every attempt.
fn counting(count: Arc<AtomicUsize>) -> impl tower::Layer<Transport, Service = Transport> + Send {
    tower::layer::layer_fn(move |inner: Transport| {
        let count = count.clone();
        Transport::new(tower::service_fn(move |request: TransportRequest| {
            count.fetch_add(1, Ordering::SeqCst);
            inner.clone().oneshot(request)
        }))
    })
}

fn retry() -> RetryLayer {
    RetryLayer::new(
        RetryConfig::default()
            .max_attempts(3)
            .base_delay(Duration::from_millis(5))
            .jitter(Jitter::None),
    )
}

fn agent_request(name: &str) -> AgentCreate {
    letta_testkit::shared_selected()
        .llm()
        .agent_request(name)
        .memory_blocks([BlockCreate::new("human", "Name: Ada")])
        .build()
}

/// The scripted LLM's failure knob is global to the server: tests that send hold this lock.
static SENDS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test]
async fn a_client_with_the_retry_layer_works_normally() {
    let _sends = SENDS.lock().await;
    let count = Arc::new(AtomicUsize::new(0));
    let client = LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .layer(counting(count.clone()))
        .layer(retry())
        .build()
        .unwrap();
    let name = letta_testkit::unique_name("retry-e2e");

    let agent = client.agents().create(&agent_request(&name)).await.unwrap();
    assert_eq!(agent.name, name);

    let listed = client
        .agents()
        .list(&ListAgentsParams::builder().name(name.clone()).build())
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|a| &a.id).collect::<Vec<_>>(), [&agent.id]);

    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("hi"))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), ["You said: hi"]);

    // A healthy server: one attempt per call, nothing retried.
    assert_eq!(count.load(Ordering::SeqCst), 3);
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_send_to_a_closed_port_is_retried_then_fails_to_connect() {
    // A port that was just free: connecting to it is refused, so nothing was sent.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let count = Arc::new(AtomicUsize::new(0));
    let client = LettaClient::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .layer(counting(count.clone()))
        .layer(retry())
        .build()
        .unwrap();

    let error = client
        .agents()
        .messages("agent-00000000-0000-4000-8000-000000000000")
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            LettaError::Transport {
                maybe_sent: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 3, "three attempts in all");
}

#[tokio::test]
async fn a_send_the_server_fails_is_not_sent_again() {
    let _sends = SENDS.lock().await;
    let server = letta_testkit::shared_selected();
    let count = Arc::new(AtomicUsize::new(0));
    let client = LettaClient::builder()
        .base_url(server.base_url())
        .layer(counting(count.clone()))
        .layer(retry())
        .build()
        .unwrap();
    let name = letta_testkit::unique_name("retry-e2e-fail");
    let agent = client.agents().create(&agent_request(&name)).await.unwrap();
    count.store(0, Ordering::SeqCst);

    // Every model call fails (the server's own OpenAI client retries too), so the step fails.
    server.llm().fail_next(20, 500);
    let error = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    server.llm().fail_next(0, 500);
    assert!(error.status().is_some_and(|s| s.is_server_error()), "{error:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1, "an agent turn is sent once");
    client.agents().delete(&agent.id).await.unwrap();
}
