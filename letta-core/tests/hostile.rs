//! Servers that hang, redirect elsewhere, drop pooled connections or trickle bytes: every call
//! ends, within its limits, with an error that says what happened; no header or body goes to
//! another origin; idempotent requests survive stale connections and sends are never repeated.
//! (Size limits and memory: `tests/memory.rs`.)

mod support;

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_core::types::{LettaStreamingRequest, MessageCreate};
use letta_core::{ClientBuilder, LettaClient, LettaError, StreamErrorKind, StreamEvent};
use support::{Next, answer, serve};
use tokio::io::AsyncWriteExt;

const ASSISTANT: &str = r#"{"id":"message-1","date":"2026-11-23T14:58:38+00:00","message_type":"assistant_message","content":"Hel"}"#;

/// The same builder, with no layers (direct dispatch) and with a pass-through layer (service
/// dispatch over the default transport).
fn both(builder: impl Fn() -> ClientBuilder) -> [(&'static str, LettaClient); 2] {
    [
        ("direct", builder().build().unwrap()),
        (
            "service",
            builder()
                .layer(tower::layer::layer_fn(|inner| inner))
                .build()
                .unwrap(),
        ),
    ]
}

fn stream_request() -> LettaStreamingRequest {
    LettaStreamingRequest::tokens(MessageCreate::user("hi"))
}

#[tokio::test]
async fn a_silent_server_on_stream_times_out_within_the_shorter_limit() {
    let server = serve(|_, _| {
        Box::pin(async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Next::Close
        })
    })
    .await;
    // The idle timeout is the shorter one here, the call timeout in the second case.
    for (timeout, idle, expected) in [(10_000, 400, 400), (300, 10_000, 300)] {
        let (timeout, idle) = (Duration::from_millis(timeout), Duration::from_millis(idle));
        for (how, client) in both(|| {
            LettaClient::builder()
                .base_url(&server.url)
                .timeout(timeout)
                .stream_idle_timeout(idle)
        }) {
            let started = Instant::now();
            let err = client
                .agents()
                .messages("agent-1")
                .stream(&stream_request())
                .await
                .unwrap_err();
            let took = started.elapsed();
            match &err {
                LettaError::Timeout { after, path, .. } => {
                    assert_eq!(*after, Duration::from_millis(expected), "{how}");
                    assert_eq!(path, "/v1/agents/agent-1/messages/stream");
                }
                other => panic!("{how}: unexpected {other:?}"),
            }
            assert!(took < Duration::from_millis(expected + 1000), "{how}: {took:?}");
        }
    }
}

/// Status line and headers of an error, then silence: the body never comes.
async fn silent_error_body() -> support::Server {
    serve(|_, socket| {
        Box::pin(async move {
            let _ = socket
                .write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"det")
                .await;
            tokio::time::sleep(Duration::from_secs(60)).await;
            Next::Close
        })
    })
    .await
}

#[tokio::test]
async fn an_error_body_that_never_comes_times_out() {
    let server = silent_error_body().await;
    for (how, client) in both(|| {
        LettaClient::builder()
            .base_url(&server.url)
            .timeout(Duration::from_millis(400))
            .stream_idle_timeout(Duration::from_secs(30))
    }) {
        let started = Instant::now();
        let err = client.agents().count().await.unwrap_err();
        assert!(
            matches!(&err, LettaError::Timeout { after, .. } if *after == Duration::from_millis(400)),
            "{how}: {err:?}"
        );
        // On the stream path too: the headers came in time, the error body must come within
        // the call timeout of the send.
        let err = client
            .agents()
            .messages("agent-1")
            .stream(&stream_request())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, LettaError::Timeout { after, path, .. }
                if *after == Duration::from_millis(400) && path.ends_with("/messages/stream")),
            "{how}: {err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3), "{how}");
    }
}

#[tokio::test]
async fn the_total_stream_deadline_counts_from_the_send() {
    // Headers after 400 ms, then an event every 50 ms: a 600 ms total deadline counted from the
    // send ends the stream about 600 ms after the send, not 600 ms after the headers.
    let server = serve(|_, socket| {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n")
                .await;
            for _ in 0..100 {
                let _ = socket
                    .write_all(format!("data: {ASSISTANT}\n\n").as_bytes())
                    .await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Next::Close
        })
    })
    .await;
    let client = LettaClient::builder()
        .base_url(&server.url)
        .stream_total_timeout(Duration::from_millis(600))
        .build()
        .unwrap();
    let started = Instant::now();
    let stream = client
        .agents()
        .messages("agent-1")
        .stream(&stream_request())
        .await
        .unwrap();
    let err = stream.collect_events().await.unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(err, LettaError::Stream { kind: StreamErrorKind::TotalTimeout(d), .. } if d == Duration::from_millis(600)),
        "{err:?}"
    );
    assert!(took < Duration::from_millis(900), "{took:?}");
}

#[tokio::test]
async fn keep_alive_comments_count_as_activity() {
    // 1.2 s of `: keep-alive` every 100 ms, then one event: a 400 ms idle timeout is not hit.
    let server = serve(|_, socket| {
        Box::pin(async move {
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n")
                .await;
            for _ in 0..12 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = socket.write_all(b": keep-alive\n\n").await;
            }
            let _ = socket
                .write_all(format!("data: {ASSISTANT}\n\ndata: [DONE]\n\n").as_bytes())
                .await;
            Next::Close
        })
    })
    .await;
    let client = LettaClient::builder()
        .base_url(&server.url)
        .stream_idle_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let events = client
        .agents()
        .messages("agent-1")
        .stream(&stream_request())
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert!(
        matches!(events.as_slice(), [StreamEvent::Message(_)]),
        "{events:?}"
    );
}

#[tokio::test]
async fn duration_max_timeouts_mean_no_limit() {
    let server = serve(|request, socket| {
        Box::pin(async move {
            if request.request_line().starts_with("GET") {
                answer(socket, "200 OK", support::COUNT).await;
                return Next::KeepOpen;
            }
            let _ = socket
                .write_all(
                    format!("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\ndata: {ASSISTANT}\n\ndata: {ASSISTANT}\n\ndata: [DONE]\n\n")
                        .as_bytes(),
                )
                .await;
            Next::Close
        })
    })
    .await;
    let client = LettaClient::builder()
        .base_url(&server.url)
        .timeout(Duration::MAX)
        .stream_idle_timeout(Duration::MAX)
        .stream_total_timeout(Duration::MAX)
        .build()
        .unwrap();
    assert_eq!(client.agents().count().await.unwrap(), 3);
    let events = client
        .agents()
        .messages("agent-1")
        .stream(&stream_request())
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    let elsewhere = serve(|_, socket| {
        Box::pin(async move {
            answer(socket, "200 OK", support::COUNT).await;
            Next::Close
        })
    })
    .await;
    let target = format!("{}/steal?token=abc", elsewhere.url);
    for status in ["302 Found", "307 Temporary Redirect"] {
        let location = target.clone();
        let server = serve(move |_, socket| {
            let location = location.clone();
            Box::pin(async move {
                let text = format!("HTTP/1.1 {status}\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n");
                let _ = socket.write_all(text.as_bytes()).await;
                Next::KeepOpen
            })
        })
        .await;
        for (how, client) in both(|| {
            LettaClient::builder()
                .base_url(&server.url)
                .api_key("sk-secret")
                .user_id("user-1")
                .project("proj-1")
        }) {
            // A create: a POST with a JSON body (307 would re-send it).
            let err = client
                .agents()
                .create(&letta_core::types::AgentCreate::builder().name("a").build())
                .await
                .unwrap_err();
            match &err {
                LettaError::Api {
                    status: got, detail, ..
                } => {
                    assert_eq!(got.as_u16(), status[..3].parse::<u16>().unwrap(), "{how}");
                    let detail = detail.as_deref().unwrap();
                    assert!(detail.contains(&elsewhere.url), "{how}: {detail}");
                    assert!(detail.contains("another origin"), "{how}: {detail}");
                    assert!(!err.to_string().contains("token=abc"), "{how}: {err}");
                }
                other => panic!("{how}: unexpected {other:?}"),
            }
            let err = client.agents().count().await.unwrap_err();
            assert_eq!(
                err.status().map(|s| s.as_u16()),
                Some(status[..3].parse().unwrap())
            );
        }
        assert_eq!(server.count("POST /v1/agents/"), 2, "{status}");
    }
    // The other origin heard nothing at all: no connection, so no header and no body.
    assert_eq!(elsewhere.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_without_a_referer() {
    let server = serve(|request, socket| {
        Box::pin(async move {
            if request.request_line().starts_with("GET /v1/agents/count ") {
                let _ = socket
                    .write_all(b"HTTP/1.1 307 Temporary Redirect\r\nlocation: /v1/agents/count-moved\r\ncontent-length: 0\r\n\r\n")
                    .await;
            } else {
                answer(socket, "200 OK", support::COUNT).await;
            }
            Next::KeepOpen
        })
    })
    .await;
    for (how, client) in both(|| LettaClient::builder().base_url(&server.url).api_key("sk-secret")) {
        assert_eq!(client.agents().count().await.unwrap(), 3, "{how}");
    }
    let moved: Vec<_> = server
        .all()
        .into_iter()
        .filter(|r| r.request_line().starts_with("GET /v1/agents/count-moved "))
        .collect();
    assert_eq!(moved.len(), 2);
    for request in moved {
        let head = request.head.to_ascii_lowercase();
        assert!(!head.contains("referer"), "{head}");
    }
}

#[tokio::test]
async fn idempotent_calls_survive_a_server_that_closes_after_every_answer() {
    // Answers, then closes a moment later, without `Connection: close` (as 0.7.29 does after a
    // 500): the client's next request is on its way on that connection when it closes (without
    // the repeat, 150 of the 300 failed when this test was written).
    let server = serve(|_, socket| {
        Box::pin(async move {
            answer(socket, "200 OK", support::COUNT).await;
            tokio::time::sleep(Duration::from_millis(2)).await;
            Next::Close
        })
    })
    .await;
    let client = LettaClient::new(&server.url).unwrap();
    let mut failures = Vec::new();
    for _ in 0..300 {
        if let Err(e) = client.agents().count().await {
            failures.push(e.to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures: {:?}",
        failures.len(),
        &failures[..1]
    );
    let _ = writeln!(
        std::io::stderr(),
        "stale connections: 300 calls on a default client to a server that closes after every answer: 0 failures ({} requests reached it)",
        server.count("GET /v1/agents/count")
    );
}

#[tokio::test]
async fn idempotent_calls_survive_a_server_that_closes_idle_connections() {
    // Closes a connection idle for 100 ms (as uvicorn does after 5 s); four workers call with
    // pauses of 99-101 ms, so many requests meet a connection the server is closing (without the
    // repeat, 67 of the 300 failed when this test was written).
    let server = serve(|_, socket| {
        Box::pin(async move {
            answer(socket, "200 OK", support::COUNT).await;
            let mut byte = [0u8; 1];
            match tokio::time::timeout(Duration::from_millis(100), socket.peek(&mut byte)).await {
                Ok(Ok(n)) if n > 0 => Next::KeepOpen,
                _ => Next::Close,
            }
        })
    })
    .await;
    let client = LettaClient::new(&server.url).unwrap();
    let failures = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for w in 0..4u64 {
        let (client, failures) = (client.clone(), failures.clone());
        workers.push(tokio::spawn(async move {
            for i in 0..75u64 {
                if let Err(e) = client.agents().count().await {
                    eprintln!("{e}");
                    failures.fetch_add(1, Ordering::SeqCst);
                }
                tokio::time::sleep(Duration::from_millis(99 + (i + w) % 3)).await;
            }
        }));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    assert_eq!(failures.load(Ordering::SeqCst), 0);
    let reached = server.count("GET /v1/agents/count");
    assert!(reached >= 300);
    let _ = writeln!(
        std::io::stderr(),
        "stale connections: 300 calls on a default client to a server that closes connections idle for 100 ms: 0 failures ({reached} requests reached it)"
    );
}

/// Reads each request and closes the connection without answering the first one of each kind;
/// answers every later one.
async fn drops_the_first_of_each() -> support::Server {
    let seen = Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
    serve(move |request, socket| {
        let first = seen.lock().unwrap().insert(request.request_line().to_owned());
        Box::pin(async move {
            if first {
                return Next::Close;
            }
            let body = if request.request_line().starts_with("GET") {
                support::COUNT
            } else {
                r#"{"messages":[],"usage":{"completion_tokens":0,"prompt_tokens":0,"total_tokens":0,"step_count":0}}"#
            };
            answer(socket, "200 OK", body).await;
            Next::KeepOpen
        })
    })
    .await
}

#[tokio::test]
async fn a_dropped_get_is_repeated_once_a_dropped_send_never() {
    let server = drops_the_first_of_each().await;
    let client = LettaClient::new(&server.url).unwrap();
    assert_eq!(client.agents().count().await.unwrap(), 3);
    assert_eq!(server.count("GET /v1/agents/count "), 2);

    let err = client
        .agents()
        .messages("agent-1")
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    match &err {
        LettaError::Transport { maybe_sent, path, .. } => {
            assert!(*maybe_sent);
            assert_eq!(path, "/v1/agents/agent-1/messages");
        }
        other => panic!("unexpected {other:?}"),
    }
    // The send went out once; the error says why it failed, down to the cause.
    assert_eq!(server.count("POST /v1/agents/agent-1/messages "), 1);
    let text = err.to_string();
    assert!(
        text.contains("connection closed before message completed"),
        "{text}"
    );

    // A create is not repeated either.
    let err = client
        .agents()
        .create(&letta_core::types::AgentCreate::builder().name("a").build())
        .await
        .unwrap_err();
    assert!(matches!(err, LettaError::Transport { .. }), "{err:?}");
    assert_eq!(server.count("POST /v1/agents/ "), 1);
}

#[tokio::test]
async fn a_dropped_get_is_repeated_on_the_service_path_too() {
    let server = drops_the_first_of_each().await;
    let client = LettaClient::builder()
        .base_url(&server.url)
        .layer(tower::layer::layer_fn(|inner| inner))
        .build()
        .unwrap();
    assert_eq!(client.agents().count().await.unwrap(), 3);
    assert_eq!(server.count("GET /v1/agents/count "), 2);
    let err = client
        .agents()
        .messages("agent-1")
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LettaError::Transport { maybe_sent: true, .. }),
        "{err:?}"
    );
    assert_eq!(server.count("POST /v1/agents/agent-1/messages "), 1);
}

#[tokio::test]
async fn a_stream_event_past_the_limit_is_a_typed_error() {
    let server = serve(|_, socket| {
        Box::pin(async move {
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\ndata: \"")
                .await;
            support::pour(socket, b"x", Some(4 * 1024 * 1024), false).await;
            Next::Close
        })
    })
    .await;
    for (how, client) in both(|| {
        LettaClient::builder()
            .base_url(&server.url)
            .max_event_bytes(1024 * 1024)
    }) {
        let mut stream = client
            .agents()
            .messages("agent-1")
            .stream(&stream_request())
            .await
            .unwrap();
        match stream.next().await {
            Some(Err(e @ LettaError::Stream { .. })) => {
                assert!(e.is_too_large(), "{how}: {e:?}");
                assert!(e.to_string().contains("1048576 bytes"), "{how}: {e}");
            }
            other => panic!("{how}: unexpected {other:?}"),
        }
        assert!(stream.next().await.is_none());
    }
}
