//! Resumable streams against loopback servers that break their connections on purpose: every
//! event is delivered once and in order, the re-open asks for what comes after the last one, the
//! step is never sent twice, and a stream that cannot resume says why. (The same on the real
//! 0.16.8, cut by the fault proxy: `tests/e2e_0_16/resume.rs`.)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use letta_core::backoff::{Backoff, Jitter};
use letta_core::ids::{AgentId, RunId};
use letta_core::stream::ResumePolicy;
use letta_core::types::{LettaStreamingRequest, MessageCreate};
use letta_core::{LettaClient, LettaError, ServerVersion, StreamErrorKind, StreamEvent};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

mod support;

use support::{Next, Server, answer, serve};

fn ping(seq: u64) -> String {
    format!(r#"{{"message_type":"ping","id":"ping-{seq}","run_id":"run-1","seq_id":{seq}}}"#)
}

fn word(seq: u64) -> String {
    format!(
        r#"{{"id":"message-1","date":"2026-12-07T03:37:12+00:00","message_type":"assistant_message","otid":"o-1","seq_id":{seq},"run_id":"run-1","content":"w{seq} "}}"#
    )
}

const STOP: &str = r#"{"message_type":"stop_reason","stop_reason":"end_turn"}"#;
const USAGE: &str = r#"{"message_type":"usage_statistics","completion_tokens":5,"prompt_tokens":10,"total_tokens":15,"step_count":1}"#;

/// Writes an event-stream answer with no length: its end is the connection's close.
async fn events(socket: &mut TcpStream, events: &[String]) {
    let mut text =
        String::from("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n");
    for event in events {
        text.push_str(&format!("data: {event}\n\n"));
    }
    let _ = socket.write_all(text.as_bytes()).await;
}

/// The send's events: a ping and words 2..=`cut_after`, then the connection closes (no `[DONE]`).
fn send_events(cut_after: u64) -> Vec<String> {
    std::iter::once(ping(1))
        .chain((2..=cut_after).map(word))
        .collect()
}

/// A 0.16 server whose background send breaks after `cut_after` events, and whose run stream
/// replays from one event *before* what it is asked for (a server may overlap; the client must
/// not deliver twice), breaking again while `breaks` allows, then ending the run at word 9.
async fn flaky_server(cut_after: u64, breaks: Arc<AtomicUsize>) -> Server {
    serve(move |request, socket| {
        let breaks = breaks.clone();
        Box::pin(async move {
            let line = request.request_line().to_owned();
            if line.starts_with("POST /v1/agents/agent-1/messages/stream ") {
                events(socket, &send_events(cut_after)).await;
                return Next::Close;
            }
            if line.starts_with("POST /v1/runs/run-1/stream ") {
                let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
                let after = body["starting_after"].as_u64().unwrap();
                let from = after.max(2);
                if breaks.fetch_sub(1, Ordering::SeqCst) > 0 {
                    // Breaks again after two events.
                    let some: Vec<String> = (from..from + 2).map(word).collect();
                    events(socket, &some).await;
                    return Next::Close;
                }
                let mut rest: Vec<String> = (from..=9).map(word).collect();
                rest.extend([STOP.to_owned(), USAGE.to_owned(), "[DONE]".to_owned()]);
                events(socket, &rest).await;
                return Next::Close;
            }
            answer(socket, "404 Not Found", r#"{"detail":"Not Found"}"#).await;
            Next::Close
        })
    })
    .await
}

fn client(server: &Server) -> LettaClient {
    LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_16_8)
        .build()
        .unwrap()
}

fn quick() -> ResumePolicy {
    ResumePolicy {
        max_attempts: 3,
        backoff: Backoff::new(Duration::from_millis(5), Duration::from_millis(20), Jitter::None),
    }
}

async fn start(client: &LettaClient) -> letta_core::stream::ResumableStream {
    client
        .agents()
        .messages(AgentId::new("agent-1"))
        .stream_background(LettaStreamingRequest::tokens(MessageCreate::user(
            "#reply nine words",
        )))
        .await
        .unwrap()
        .with_policy(quick())
}

/// Reads a stream to its end: the `seq_id`s delivered, the stop reasons and usages seen, and
/// the error it ended with, if any.
async fn drain(
    stream: &mut letta_core::stream::ResumableStream,
) -> (Vec<u64>, usize, usize, Option<LettaError>) {
    let (mut seqs, mut stops, mut usages) = (Vec::new(), 0, 0);
    while let Some(event) = stream.next().await {
        match event {
            Ok(StreamEvent::StopReason(_)) => stops += 1,
            Ok(StreamEvent::Usage(_)) => usages += 1,
            Ok(event) => seqs.push(event.seq_id().expect("numbered")),
            Err(error) => return (seqs, stops, usages, Some(error)),
        }
    }
    (seqs, stops, usages, None)
}

#[tokio::test]
async fn a_cut_stream_resumes_after_the_last_event_and_delivers_each_once() {
    let server = flaky_server(5, Arc::new(AtomicUsize::new(0))).await;
    let client = client(&server);
    let mut stream = start(&client).await;
    let (seqs, stops, usages, error) = drain(&mut stream).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seqs, (1..=9).collect::<Vec<_>>());
    assert_eq!((stops, usages), (1, 1));
    assert_eq!(stream.run_id(), Some(&RunId::new("run-1")));
    assert_eq!(stream.last_seq_id(), Some(9));
    // Sent once; re-opened once, after the last delivered event.
    assert_eq!(server.count("POST /v1/agents/agent-1/messages/stream "), 1);
    let reopens: Vec<serde_json::Value> = server
        .all()
        .iter()
        .filter(|r| r.request_line().starts_with("POST /v1/runs/run-1/stream "))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(reopens, [serde_json::json!({"starting_after": 5})]);
    let sent: serde_json::Value = serde_json::from_slice(
        &server
            .all()
            .iter()
            .find(|r| r.request_line().contains("/messages/stream"))
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(sent["background"], true);
    assert_eq!(sent["stream_tokens"], true);
}

#[tokio::test]
async fn repeated_breaks_resume_each_time_from_where_the_stream_got() {
    let server = flaky_server(3, Arc::new(AtomicUsize::new(2))).await;
    let client = client(&server);
    let mut stream = start(&client).await;
    let (seqs, stops, usages, error) = drain(&mut stream).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seqs, (1..=9).collect::<Vec<_>>());
    assert_eq!((stops, usages), (1, 1));
    let afters: Vec<u64> = server
        .all()
        .iter()
        .filter(|r| r.request_line().starts_with("POST /v1/runs/run-1/stream "))
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["starting_after"]
                .as_u64()
                .unwrap()
        })
        .collect();
    // 1..=3 from the send; the server answers from the event asked after (one overlap): 3 again
    // and 4, break; 4 again and 5, break; then 5 again and the rest.
    assert_eq!(afters, [3, 4, 5]);
}

#[tokio::test]
async fn a_run_that_cannot_be_reopened_ends_with_the_last_error_after_the_attempts() {
    let reopens = Arc::new(AtomicUsize::new(0));
    let seen = reopens.clone();
    let server = serve(move |request, socket| {
        let seen = seen.clone();
        Box::pin(async move {
            if request.request_line().contains("/messages/stream") {
                events(socket, &send_events(4)).await;
            } else {
                seen.fetch_add(1, Ordering::SeqCst);
                answer(socket, "503 Service Unavailable", r#"{"detail":"restarting"}"#).await;
            }
            Next::Close
        })
    })
    .await;
    let client = client(&server);
    let mut stream = start(&client).await;
    let (seqs, _, _, error) = drain(&mut stream).await;
    assert_eq!(seqs, [1, 2, 3, 4]);
    let error = error.expect("it gives up");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(reopens.load(Ordering::SeqCst), 3, "the policy allows 3 attempts");
    assert_eq!(stream.last_seq_id(), Some(4), "where to re-attach later");
    assert!(stream.next().await.is_none(), "ended");
}

#[tokio::test]
async fn a_break_before_the_run_is_named_cannot_resume_and_says_the_outcome_is_unknown() {
    let server = serve(|request, socket| {
        Box::pin(async move {
            if request.request_line().contains("/messages/stream") {
                events(socket, &[]).await;
            }
            Next::Close
        })
    })
    .await;
    let client = client(&server);
    let mut stream = start(&client).await;
    let (seqs, _, _, error) = drain(&mut stream).await;
    assert!(seqs.is_empty());
    let error = error.expect("no run to re-open");
    assert!(
        matches!(
            &error,
            LettaError::Stream {
                kind: StreamErrorKind::Truncated,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.failure_class(), letta_core::FailureClass::MayHaveRun);
    assert_eq!(server.count("POST /v1/runs/"), 0);
}

#[tokio::test]
async fn attach_follows_a_run_from_a_seq_id_without_sending_anything_else() {
    let server = flaky_server(5, Arc::new(AtomicUsize::new(0))).await;
    let client = client(&server);
    let mut stream = client
        .runs()
        .attach(&RunId::new("run-1"), Some(6))
        .with_policy(quick());
    assert!(server.all().is_empty(), "nothing is sent before the first poll");
    let (seqs, stops, usages, error) = drain(&mut stream).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seqs, [7, 8, 9], "the overlap the server sends back is dropped");
    assert_eq!((stops, usages), (1, 1));
    assert_eq!(server.count("POST /v1/agents/"), 0);
}

#[tokio::test]
async fn a_0_7_server_refuses_a_background_stream_before_sending() {
    let server = flaky_server(5, Arc::new(AtomicUsize::new(0))).await;
    let old = LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_7_29)
        .build()
        .unwrap();
    let error = old
        .agents()
        .messages(AgentId::new("agent-1"))
        .stream_background(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert!(matches!(error, LettaError::NotServed { .. }), "{error:?}");
    assert!(error.to_string().contains("background mode"), "{error}");
    assert!(server.all().is_empty());
}
