//! Faults the real server cannot be made to produce on demand: a malformed body, a stream cut
//! short, an in-band stream error, a server that never answers, and what a token looks like on
//! the wire. A one-shot raw HTTP server on loopback plays the misbehaving server.

use std::time::Duration;

use futures_util::StreamExt;
use letta_core::types::{LettaStreamingRequest, MessageCreate};
use letta_core::{LettaClient, LettaError, StreamErrorKind, StreamEvent};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Answers one request with `response` (raw HTTP), and hands back the request it received.
async fn one_shot(response: &'static str, hold_open: Duration) -> (String, oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = socket.read(&mut buf).await.unwrap();
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request).to_string();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if body.len() >= length {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        let _ = tx.send(String::from_utf8_lossy(&request).to_string());
        tokio::time::sleep(hold_open).await;
        let _ = socket.write_all(response.as_bytes()).await;
        let _ = socket.shutdown().await;
    });
    (format!("http://{addr}"), rx)
}

const ASSISTANT: &str = r#"{"id":"message-1","date":"2026-11-23T14:58:38+00:00","message_type":"assistant_message","content":"Hel"}"#;

#[tokio::test]
async fn malformed_body_is_a_decode_error_that_keeps_the_body() {
    let (url, _) = one_shot(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 17\r\nconnection: close\r\n\r\n{\"version\": 0.7.2",
        Duration::ZERO,
    )
    .await;
    let err = LettaClient::new(url).unwrap().health().check().await.unwrap_err();
    match &err {
        LettaError::Decode {
            method, path, body, ..
        } => {
            assert_eq!(method.as_str(), "GET");
            assert_eq!(path, "/v1/health/");
            assert_eq!(body, "{\"version\": 0.7.2");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("could not decode"), "{err}");
}

#[tokio::test]
async fn wrong_shape_is_a_decode_error_too() {
    let (url, _) = one_shot(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 13\r\nconnection: close\r\n\r\n{\"status\":42}",
        Duration::ZERO,
    )
    .await;
    let err = LettaClient::new(url).unwrap().health().check().await.unwrap_err();
    assert!(
        matches!(err, LettaError::Decode { ref body, .. } if body == "{\"status\":42}"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_stream_without_done_is_truncated_not_a_silent_success() {
    let response: &'static str = Box::leak(
        format!("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\ndata: {ASSISTANT}\n\n")
            .into_boxed_str(),
    );
    let (url, _) = one_shot(response, Duration::ZERO).await;
    let client = LettaClient::new(url).unwrap();
    let mut stream = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap();
    assert!(matches!(stream.next().await, Some(Ok(StreamEvent::Message(_)))));
    match stream.next().await {
        Some(Err(LettaError::Stream {
            kind: StreamErrorKind::Truncated,
            path,
            ..
        })) => {
            assert_eq!(path, "/v1/agents/agent-1/messages/stream")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn an_in_band_error_frame_is_an_err() {
    let (url, _) = one_shot(
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\ndata: {\"error\":\"Stream failed (internal error occurred)\"}\n\ndata: [DONE]\n\n",
        Duration::ZERO,
    )
    .await;
    let client = LettaClient::new(url).unwrap();
    let events: Vec<_> = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 1);
    match &events[0] {
        Err(LettaError::Stream {
            kind: StreamErrorKind::Server(message),
            ..
        }) => {
            assert_eq!(message, "Stream failed (internal error occurred)")
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn stream_tokens_is_sent_in_the_json_body() {
    let (url, request) = one_shot(
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\ndata: [DONE]\n\n",
        Duration::ZERO,
    )
    .await;
    let client = LettaClient::new(url).unwrap();
    let events = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert!(events.is_empty());
    let request = request.await.unwrap();
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("POST /v1/agents/agent-1/messages/stream HTTP/1.1"),
        "{head}"
    );
    assert!(!head.contains("stream_tokens"), "{head}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"messages":[{"role":"user","content":"hi"}],"stream_tokens":true})
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (url, _) = one_shot("", Duration::from_secs(30)).await;
    let client = LettaClient::builder()
        .base_url(url)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.agents().count().await.unwrap_err();
    match &err {
        LettaError::Timeout { after, path, .. } => {
            assert_eq!(*after, Duration::from_millis(300));
            assert_eq!(path, "/v1/agents/count");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn the_token_goes_on_the_wire_but_never_into_errors_or_debug() {
    let (url, request) = one_shot(
        "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 27\r\nconnection: close\r\n\r\n{\"detail\":\"Invalid token.\"}",
        Duration::ZERO,
    )
    .await;
    let client = LettaClient::builder()
        .base_url(url)
        .api_key("sk-secret-value-123")
        .user_id("user-1")
        .project("proj-1")
        .build()
        .unwrap();
    let err = client.agents().count().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.detail(), Some("Invalid token."));
    for text in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!text.contains("sk-secret-value-123"), "{text}");
    }
    let request = request.await.unwrap().to_ascii_lowercase();
    assert!(
        request.contains("authorization: bearer sk-secret-value-123"),
        "{request}"
    );
    assert!(request.contains("user_id: user-1"), "{request}");
    assert!(request.contains("x-project: proj-1"), "{request}");
}

/// A server that answers a stream request with SSE headers, then writes `events` with `gap`
/// between them, then (if `done`) `[DONE]`, then keeps the connection open for `hold`.
async fn drip(events: usize, gap: Duration, done: bool, hold: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 65536];
        let _ = socket.read(&mut buf).await.unwrap();
        socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n")
            .await
            .unwrap();
        for i in 0..events {
            tokio::time::sleep(gap).await;
            let event = ASSISTANT.replace("\"Hel\"", &format!("\"chunk{i} \""));
            socket
                .write_all(format!("data: {event}\n\n").as_bytes())
                .await
                .unwrap();
        }
        if done {
            socket.write_all(b"data: [DONE]\n\n").await.unwrap();
        }
        tokio::time::sleep(hold).await;
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_stream_that_keeps_talking_outlives_its_idle_timeout() {
    // 12 events 100 ms apart: 1.2 s in all, three times the 400 ms idle timeout.
    let url = drip(12, Duration::from_millis(100), true, Duration::ZERO).await;
    let client = LettaClient::builder()
        .base_url(url)
        .stream_idle_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let events = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert_eq!(events.len(), 12);
}

#[tokio::test]
async fn a_stream_that_goes_silent_ends_with_an_idle_timeout() {
    let url = drip(2, Duration::from_millis(50), false, Duration::from_secs(30)).await;
    let client = LettaClient::builder()
        .base_url(url)
        .stream_idle_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let mut stream = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap();
    assert!(matches!(stream.next().await, Some(Ok(StreamEvent::Message(_)))));
    assert!(matches!(stream.next().await, Some(Ok(StreamEvent::Message(_)))));
    match stream.next().await {
        Some(Err(e)) => {
            assert!(e.is_timeout(), "{e:?}");
            assert!(
                matches!(&e, LettaError::Stream { kind: StreamErrorKind::IdleTimeout(d), .. } if *d == Duration::from_millis(300))
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_stream_total_timeout_is_separate_from_the_idle_one() {
    let url = drip(50, Duration::from_millis(50), true, Duration::ZERO).await;
    let client = LettaClient::builder()
        .base_url(url)
        .stream_idle_timeout(Duration::from_millis(500))
        .stream_total_timeout(Duration::from_millis(600))
        .build()
        .unwrap();
    let stream = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap();
    let err = stream.collect_events().await.unwrap_err();
    assert!(
        matches!(
            err,
            LettaError::Stream {
                kind: StreamErrorKind::TotalTimeout(_),
                ..
            }
        ),
        "{err:?}"
    );
}
