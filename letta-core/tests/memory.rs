//! Answers and stream events larger than the client accepts: each is a typed error naming the
//! limit, and the process's peak memory stays within a small multiple of the limit.
//!
//! Peak memory is measured in a child process: each test runs its own test binary again with
//! `--exact <test> --nocapture` and `LETTA_MEMORY_CHILD=<test>`; the child starts a hostile
//! server and a client with an 8 MiB limit, notes its `VmHWM` (peak resident set) before the call
//! and after it, and prints both; the parent asserts on the difference. The big bodies are
//! generated 64 KiB at a time and never held by the server.

mod support;

use std::io::Write as _;
use std::process::Command;
use std::time::Duration;

use futures_util::StreamExt;
use letta_core::types::{LettaStreamingRequest, MessageCreate};
use letta_core::{LettaClient, LettaError, StreamErrorKind, StreamEvent};
use support::{Next, pour, serve};
use tokio::io::AsyncWriteExt;

const CHILD: &str = "LETTA_MEMORY_CHILD";
const LIMIT: u64 = 8 * 1024 * 1024;
const GIB: u64 = 1024 * 1024 * 1024;

/// The peak resident set of this process so far, in KiB.
fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// In the parent: runs `name` in a child and returns how much its peak memory grew during the
/// call, in KiB. In the child (`LETTA_MEMORY_CHILD=name`): runs `scenario` and prints that.
fn measured<F, Fut>(name: &str, scenario: F) -> Option<u64>
where
    F: FnOnce(LettaClient, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    if std::env::var(CHILD).is_ok_and(|v| v == name) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = hostile(name).await;
            let client = LettaClient::builder()
                .base_url(&server.url)
                .max_response_bytes(LIMIT)
                .max_event_bytes(LIMIT)
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap();
            // Warm up the client and the server's task (one small call) before the baseline.
            let _ = client.health().check().await;
            let before = vm_hwm_kib();
            scenario(client, server.url.clone()).await;
            let after = vm_hwm_kib();
            println!("MEMORY {name} before_kib={before} after_kib={after}");
        });
        return None;
    }
    if std::env::var(CHILD).is_ok() {
        return None; // a child running another test
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.find("MEMORY ").map(|at| &l[at..]))
        .unwrap_or_else(|| panic!("no measurement in:\n{stdout}"));
    let field = |key: &str| -> u64 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    let grew = field("after_kib=") - field("before_kib=");
    // One line per case, so a run shows the figures.
    let _ = writeln!(
        std::io::stderr(),
        "{line} grew_kib={grew} limit_kib={}",
        LIMIT / 1024
    );
    Some(grew)
}

/// Peak growth allowed for one call: four times the limit. A limited read holds at most the
/// limit (its buffer never grows past it), the SSE parser at most the limit plus what its
/// buffer's doubling leaves spare; the rest is slack for the allocator and the runtime.
fn assert_bounded(grew_kib: Option<u64>) {
    if let Some(grew) = grew_kib {
        assert!(
            grew <= 4 * LIMIT / 1024,
            "peak memory grew {grew} KiB for a {} KiB limit",
            LIMIT / 1024
        );
    }
}

/// The hostile server each case talks to; `GET /v1/health/` answers normally.
async fn hostile(case: &str) -> support::Server {
    let case = case.to_owned();
    serve(move |request, socket| {
        let case = case.clone();
        Box::pin(async move {
            if request.request_line().starts_with("GET /v1/health/") {
                support::answer(socket, "200 OK", r#"{"version":"0.7.29","status":"ok"}"#).await;
                return Next::KeepOpen;
            }
            let head = |status: &str, framing: &str, kind: &str| {
                format!("HTTP/1.1 {status}\r\ncontent-type: {kind}\r\n{framing}\r\n")
            };
            let json = "application/json";
            let sse = "text/event-stream";
            let (head, unit, total, chunked, tail): (String, &[u8], Option<u64>, bool, &str) =
                match case.as_str() {
                    "a_1gib_body_with_its_length_is_refused_before_reading" => (
                        head("200 OK", &format!("content-length: {GIB}\r\n"), json),
                        b" ",
                        Some(GIB),
                        false,
                        "",
                    ),
                    "a_1gib_chunked_body_is_refused_at_the_limit" => (
                        head("200 OK", "transfer-encoding: chunked\r\n", json),
                        b" ",
                        Some(GIB),
                        true,
                        "",
                    ),
                    "an_endless_body_is_refused_at_the_limit" => (
                        head("200 OK", "connection: close\r\n", json),
                        b"[",
                        None,
                        false,
                        "",
                    ),
                    "an_endless_error_body_is_refused_at_the_limit" => (
                        head(
                            "500 Internal Server Error",
                            "transfer-encoding: chunked\r\n",
                            json,
                        ),
                        b"x",
                        None,
                        true,
                        "",
                    ),
                    "a_200mb_sse_line_is_refused_at_the_limit" => (
                        format!("{}data: \"", head("200 OK", "connection: close\r\n", sse)),
                        b"x",
                        Some(200_000_000),
                        false,
                        "\"\n\ndata: [DONE]\n\n",
                    ),
                    "a_40mb_unknown_event_is_refused_at_the_limit" => (
                        format!(
                            "{}data: {{\"message_type\":\"new_kind\",\"blob\":[",
                            head("200 OK", "connection: close\r\n", sse)
                        ),
                        b"0,",
                        Some(40_000_000),
                        false,
                        "0]}\n\ndata: [DONE]\n\n",
                    ),
                    "a_6mb_unknown_event_under_the_limit_is_kept_raw" => (
                        format!(
                            "{}data: {{\"message_type\":\"new_kind\",\"blob\":[",
                            head("200 OK", "connection: close\r\n", sse)
                        ),
                        b"0,",
                        Some(6_000_000),
                        false,
                        "0]}\n\ndata: [DONE]\n\n",
                    ),
                    other => panic!("no case {other}"),
                };
            if socket.write_all(head.as_bytes()).await.is_err() {
                return Next::Close;
            }
            pour(socket, unit, total, chunked).await;
            let _ = socket.write_all(tail.as_bytes()).await;
            Next::Close
        })
    })
    .await
}

fn assert_too_large(err: &LettaError, status: u16, declared: Option<u64>) {
    match err {
        LettaError::TooLarge {
            method,
            path,
            status: got,
            limit,
            declared: got_declared,
        } => {
            assert_eq!((method.as_str(), path.as_str()), ("GET", "/v1/agents/count"));
            assert_eq!((got.as_u16(), *limit, *got_declared), (status, LIMIT, declared));
            let text = err.to_string();
            assert!(
                text.contains("GET /v1/agents/count") && text.contains("8388608 bytes"),
                "{text}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_1gib_body_with_its_length_is_refused_before_reading() {
    assert_bounded(measured(
        "a_1gib_body_with_its_length_is_refused_before_reading",
        |client, _| async move {
            let err = client.agents().count().await.unwrap_err();
            assert_too_large(&err, 200, Some(GIB));
        },
    ));
}

#[test]
fn a_1gib_chunked_body_is_refused_at_the_limit() {
    assert_bounded(measured(
        "a_1gib_chunked_body_is_refused_at_the_limit",
        |client, _| async move {
            let err = client.agents().count().await.unwrap_err();
            assert_too_large(&err, 200, None);
        },
    ));
}

#[test]
fn an_endless_body_is_refused_at_the_limit() {
    assert_bounded(measured(
        "an_endless_body_is_refused_at_the_limit",
        |client, _| async move {
            let err = client.agents().count().await.unwrap_err();
            assert_too_large(&err, 200, None);
        },
    ));
}

#[test]
fn an_endless_error_body_is_refused_at_the_limit() {
    assert_bounded(measured(
        "an_endless_error_body_is_refused_at_the_limit",
        |client, _| async move {
            let err = client.agents().count().await.unwrap_err();
            assert_too_large(&err, 500, None);
        },
    ));
}

async fn first_event(client: &LettaClient) -> Option<Result<StreamEvent, LettaError>> {
    let mut stream = client
        .agents()
        .messages("agent-1")
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user("hi")))
        .await
        .unwrap();
    stream.next().await
}

fn assert_event_too_large(event: Option<Result<StreamEvent, LettaError>>) {
    match event {
        Some(Err(LettaError::Stream {
            kind: StreamErrorKind::EventTooLarge { limit },
            path,
            ..
        })) => {
            assert_eq!(limit, LIMIT);
            assert_eq!(path, "/v1/agents/agent-1/messages/stream");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_200mb_sse_line_is_refused_at_the_limit() {
    assert_bounded(measured(
        "a_200mb_sse_line_is_refused_at_the_limit",
        |client, _| async move {
            assert_event_too_large(first_event(&client).await);
        },
    ));
}

#[test]
fn a_40mb_unknown_event_is_refused_at_the_limit() {
    assert_bounded(measured(
        "a_40mb_unknown_event_is_refused_at_the_limit",
        |client, _| async move {
            assert_event_too_large(first_event(&client).await);
        },
    ));
}

#[test]
fn a_6mb_unknown_event_under_the_limit_is_kept_raw() {
    // 3 million small numbers: as a generic JSON `Value` this took about 37 times its size.
    assert_bounded(measured(
        "a_6mb_unknown_event_under_the_limit_is_kept_raw",
        |client, _| async move {
            match first_event(&client).await {
                Some(Ok(StreamEvent::OtherRaw(raw))) => {
                    assert!(
                        raw.get()
                            .starts_with(r#"{"message_type":"new_kind","blob":[0,0,"#)
                    );
                    assert!(raw.get().len() > 6_000_000);
                }
                other => panic!("unexpected {other:?}"),
            }
        },
    ));
}
