//! The fault proxy between plain reqwest and the real Letta server: without rules it is
//! transparent, and each fault does what it says.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule, FaultStats, Injection};
use serde_json::{Value, json};

fn proxy() -> FaultProxy {
    FaultProxy::in_front_of(letta_testkit::shared()).expect("start proxy")
}

fn direct(path: &str) -> String {
    format!("{}{path}", letta_testkit::shared().base_url())
}

async fn new_agent(http: &reqwest::Client, base: &str) -> String {
    let llm = letta_testkit::shared().llm();
    let name = letta_testkit::unique_name("fault-proxy");
    let agent: Value = http
        .post(format!("{base}/v1/agents/"))
        .json(&json!({
            "name": name,
            "llm_config": llm.llm_config(),
            "embedding_config": llm.embedding_config(),
            "memory_blocks": [
                {"label": "human", "value": "Name: Ada"},
                {"label": "persona", "value": "A test agent."},
            ],
        }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(agent["name"], name.as_str());
    agent["id"].as_str().unwrap().to_owned()
}

/// Whether a TCP reset caused `err` (not a refused connection, not a status).
fn is_reset(err: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::ConnectionReset;
        }
        source = e.source();
    }
    false
}

fn send_body(text: &str) -> Value {
    json!({"messages": [{"role": "user", "content": text}]})
}

/// Texts of the agent's user and assistant messages from the first user message on, straight
/// from the server.
async fn turns(http: &reqwest::Client, agent: &str) -> Vec<String> {
    let messages: Vec<Value> = http
        .get(direct(&format!("/v1/agents/{agent}/messages?limit=100")))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    messages
        .iter()
        .filter_map(|m| match m["message_type"].as_str()? {
            "assistant_message" => Some(format!("assistant: {}", m["content"].as_str()?)),
            // User messages arrive wrapped in a JSON envelope; keep only the typed text.
            "user_message" => {
                // User messages may arrive in a JSON envelope; system events (the first
                // login) use one too, with another type.
                let content = m["content"].as_str()?;
                match serde_json::from_str::<Value>(content) {
                    Ok(envelope) if envelope.is_object() => {
                        envelope["message"].as_str().map(|t| format!("user: {t}"))
                    }
                    _ => Some(format!("user: {content}")),
                }
            }
            _ => None,
        })
        // The agent's greeting before any user message is not a turn.
        .skip_while(|t| !t.starts_with("user: "))
        .collect()
}

#[tokio::test]
async fn without_rules_a_get_passes_unchanged() {
    let proxy = proxy();
    let http = reqwest::Client::new();
    let via = http
        .get(format!("{}/v1/health/", proxy.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(via.status(), 200);
    let via: Value = via.json().await.unwrap();
    let straight: Value = http
        .get(direct("/v1/health/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(via, straight);
    assert_eq!(via["status"], "ok");
    let stats = proxy.stats();
    assert_eq!((stats.requests, stats.forwarded), (1, 1));
    assert!(stats.injected.is_empty());
}

#[tokio::test]
async fn reset_after_forward_loses_the_answer_but_not_the_turn() {
    let proxy = proxy();
    let http = reqwest::Client::new();
    let agent = new_agent(&http, &proxy.base_url()).await;
    proxy.push_rule(
        FaultRule::new(Fault::ResetAfterForward)
            .method("POST")
            .path("/v1/agents/*/messages"),
    );
    let err = http
        .post(format!("{}/v1/agents/{agent}/messages", proxy.base_url()))
        .json(&send_body("hi"))
        .send()
        .await
        .expect_err("the connection is reset");
    assert!(is_reset(&err), "{err:?}");
    assert_eq!(
        turns(&http, &agent).await,
        ["user: hi", "assistant: You said: hi"],
        "the server ran the turn"
    );
    let stats = proxy.stats();
    assert_eq!((stats.requests, stats.forwarded, stats.reset_after), (2, 2, 1));
    assert_eq!(
        stats.injected,
        [Injection {
            method: "POST".into(),
            path: format!("/v1/agents/{agent}/messages"),
            fault: Fault::ResetAfterForward,
        }]
    );
}

#[tokio::test]
async fn reset_before_forward_never_reaches_the_server() {
    let proxy = proxy();
    let http = reqwest::Client::new();
    let agent = new_agent(&http, &proxy.base_url()).await;
    proxy.push_rule(FaultRule::new(Fault::ResetBeforeForward).path("/v1/agents/*/messages"));
    let url = format!("{}/v1/agents/{agent}/messages", proxy.base_url());
    let err = http
        .post(&url)
        .json(&send_body("lost"))
        .send()
        .await
        .expect_err("reset");
    assert!(is_reset(&err), "{err:?}");
    assert!(turns(&http, &agent).await.is_empty());

    // The rule applied once; the next send goes through.
    let reply: Value = http
        .post(&url)
        .json(&send_body("hi"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reply["messages"].to_string().contains("You said: hi"), "{reply}");
    assert_eq!(
        turns(&http, &agent).await,
        ["user: hi", "assistant: You said: hi"]
    );
    let stats = proxy.stats();
    assert_eq!((stats.requests, stats.forwarded, stats.reset_before), (3, 2, 1));
}

#[tokio::test]
async fn status_faults_are_answered_by_the_proxy() {
    let proxy = proxy();
    proxy.push_rule(FaultRule::new(Fault::Status {
        status: 429,
        retry_after: Some("2".into()),
        retry_after_ms: Some(1500),
    }));
    proxy.push_rule(FaultRule::new(Fault::Status {
        status: 503,
        retry_after: None,
        retry_after_ms: None,
    }));
    let http = reqwest::Client::new();
    let url = format!("{}/v1/health/", proxy.base_url());

    let first = http.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 429);
    assert_eq!(first.headers()["retry-after"], "2");
    assert_eq!(first.headers()["retry-after-ms"], "1500");
    assert_eq!(
        first.json::<Value>().await.unwrap(),
        json!({"detail": "injected fault"})
    );

    let second = http.get(&url).send().await.unwrap();
    assert_eq!(second.status(), 503);
    assert!(second.headers().get("retry-after").is_none());

    let third = http.get(&url).send().await.unwrap();
    assert_eq!(third.status(), 200);
    let stats = proxy.stats();
    assert_eq!((stats.requests, stats.forwarded, stats.status), (3, 1, 2));
}

/// Collects a streamed body until it ends or fails.
async fn stream_text(response: reqwest::Response) -> (String, Option<reqwest::Error>) {
    let mut text = String::new();
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
            Err(e) => return (text, Some(e)),
        }
    }
    (text, None)
}

#[tokio::test]
async fn cut_and_end_stream_faults_stop_the_stream_before_done() {
    let proxy = proxy();
    let http = reqwest::Client::new();
    let agent = new_agent(&http, &proxy.base_url()).await;
    let url = format!("{}/v1/agents/{agent}/messages/stream", proxy.base_url());

    // Unfaulted, the stream arrives whole through the proxy.
    let whole = http.post(&url).json(&send_body("hi")).send().await.unwrap();
    assert_eq!(
        whole.headers()["content-type"],
        "text/event-stream; charset=utf-8"
    );
    let (text, err) = stream_text(whole).await;
    assert!(err.is_none(), "{err:?}");
    assert!(text.contains("You said: hi"), "{text}");
    assert!(text.trim_end().ends_with("data: [DONE]"), "{text}");
    let events = text.matches("\n\n").count();
    assert!(events > 2, "{text}");

    proxy.push_rule(
        FaultRule::new(Fault::CutStreamAfter { events: 1 }).path_prefix("/v1/agents/*/messages/stream"),
    );
    let cut = http.post(&url).json(&send_body("again")).send().await.unwrap();
    assert_eq!(cut.status(), 200);
    let (text, err) = stream_text(cut).await;
    assert!(err.is_some(), "a cut chunked body is an error: {text}");
    assert_eq!(text.matches("\n\n").count(), 1, "{text}");
    assert!(text.starts_with("data: "), "{text}");
    assert!(!text.contains("[DONE]"), "{text}");

    // Ended well-formed: no error at the HTTP level, just no `[DONE]`.
    proxy.push_rule(FaultRule::new(Fault::EndStreamAfter { events: 2 }));
    let ended = http.post(&url).json(&send_body("more")).send().await.unwrap();
    let (text, err) = stream_text(ended).await;
    assert!(err.is_none(), "{err:?}");
    assert_eq!(text.matches("\n\n").count(), 2, "{text}");
    assert!(!text.contains("[DONE]"), "{text}");

    let stats = proxy.stats();
    assert_eq!((stats.cut_streams, stats.ended_streams), (1, 1));
    assert_eq!(stats.forwarded, 4);
}

#[tokio::test]
async fn delay_holds_the_request_then_forwards_it() {
    let proxy = proxy();
    let delay = Duration::from_millis(300);
    proxy.push_rule(FaultRule::new(Fault::Delay(delay)));
    let started = Instant::now();
    let body: Value = reqwest::get(format!("{}/v1/health/", proxy.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // A lower bound only: the delay happened (no claim about speed).
    assert!(started.elapsed() >= delay);
    assert_eq!(body["status"], "ok");
    let stats = proxy.stats();
    assert_eq!((stats.requests, stats.forwarded, stats.delayed), (1, 1, 1));
}

/// Which of `n` sequential health checks the proxy answered 503.
async fn faulted_pattern(proxy: &FaultProxy, n: usize) -> Vec<bool> {
    let http = reqwest::Client::new();
    let mut pattern = Vec::new();
    for _ in 0..n {
        let status = http
            .get(format!("{}/v1/health/", proxy.base_url()))
            .send()
            .await
            .unwrap()
            .status();
        assert!(status == 200 || status == 503, "{status}");
        pattern.push(status == 503);
    }
    pattern
}

#[tokio::test]
async fn probabilistic_rules_with_a_seed_are_reproducible() {
    let proxy = proxy();
    let rule = || {
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
            retry_after_ms: None,
        })
        .method("GET")
        .path("/v1/health")
        .probability(0.25, 2024)
    };
    proxy.push_rule(rule());
    let first = faulted_pattern(&proxy, 40).await;
    let hits = first.iter().filter(|h| **h).count();
    assert!(hits > 0 && hits < 40, "{first:?}");
    let stats = proxy.stats();
    assert_eq!(
        (stats.requests, stats.status, stats.forwarded),
        (40, hits, 40 - hits)
    );

    proxy.clear();
    assert_eq!(proxy.stats(), FaultStats::default());
    proxy.push_rule(rule());
    assert_eq!(faulted_pattern(&proxy, 40).await, first);

    // Another proxy with the same rule makes the same choices.
    let other = self::proxy();
    other.push_rule(rule());
    assert_eq!(faulted_pattern(&other, 40).await, first);
}

#[tokio::test]
async fn concurrent_requests_are_faulted_a_reproducible_number_of_times() {
    // The n-th matching request gets the same decision whatever the arrival order, so the
    // number faulted among N concurrent requests is fixed by the seed.
    let rule = || {
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
            retry_after_ms: None,
        })
        .path("/v1/health")
        .probability(0.2, 7)
    };
    let sequential = proxy();
    sequential.push_rule(rule());
    let expected = faulted_pattern(&sequential, 60)
        .await
        .iter()
        .filter(|h| **h)
        .count();

    let proxy = proxy();
    proxy.push_rule(rule());
    let http = reqwest::Client::new();
    let statuses = futures_util::future::join_all((0..60).map(|_| {
        let request = http.get(format!("{}/v1/health/", proxy.base_url())).send();
        async move { request.await.unwrap().status().as_u16() }
    }))
    .await;
    let faulted = statuses.iter().filter(|s| **s == 503).count();
    assert_eq!(faulted, expected, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 60 - expected);
    let stats = proxy.stats();
    assert_eq!(
        (stats.requests, stats.status, stats.forwarded),
        (60, expected, 60 - expected)
    );
    assert_eq!(stats.injected.len(), expected);
}

#[tokio::test]
async fn reset_after_forward_on_a_stream_still_completes_the_turn() {
    let proxy = proxy();
    let http = reqwest::Client::new();
    let agent = new_agent(&http, &proxy.base_url()).await;
    proxy.push_rule(FaultRule::new(Fault::ResetAfterForward).path("/v1/agents/*/messages/stream"));
    let url = format!("{}/v1/agents/{agent}/messages/stream", proxy.base_url());
    let err = http
        .post(&url)
        .json(&send_body("hi"))
        .send()
        .await
        .expect_err("reset before the head reaches the client");
    assert!(is_reset(&err), "{err:?}");
    assert_eq!(
        turns(&http, &agent).await,
        ["user: hi", "assistant: You said: hi"]
    );
    assert_eq!(proxy.stats().reset_after, 1);
}

/// A tiny upstream that answers every request `200 ok` and counts them.
async fn counting_upstream() -> (std::net::SocketAddr, std::sync::Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        loop {
            let (mut conn, _) = listener.accept().await.unwrap();
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0; 4096];
                let _ = conn.read(&mut buf).await;
                seen.fetch_add(1, Ordering::SeqCst);
                let _ = conn
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                    .await;
            });
        }
    });
    (addr, count)
}

fn is_refused(err: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        source = e.source();
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusing_connections_then_listening_again_on_the_same_port() {
    let (upstream, served) = counting_upstream().await;
    let proxy = FaultProxy::start(upstream).unwrap();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let url = format!("{}/v1/health/", proxy.base_url());
    assert_eq!(http.get(&url).send().await.unwrap().text().await.unwrap(), "ok");

    proxy.refuse_connections().unwrap();
    for _ in 0..3 {
        let err = http.get(&url).send().await.unwrap_err();
        assert!(err.is_connect() && is_refused(&err), "{err:?}");
    }
    // Twice in a row is harmless.
    proxy.refuse_connections().unwrap();
    assert!(http.get(&url).send().await.unwrap_err().is_connect());

    proxy.restore().unwrap();
    assert_eq!(http.get(&url).send().await.unwrap().text().await.unwrap(), "ok");
    assert_eq!(
        served.load(Ordering::SeqCst),
        2,
        "refused requests never reached the upstream"
    );
    assert_eq!(proxy.stats().requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_black_hole_holds_connections_unanswered_until_restored() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (upstream, served) = counting_upstream().await;
    let proxy = FaultProxy::start(upstream).unwrap();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    let url = format!("{}/v1/health/", proxy.base_url());

    proxy.black_hole().unwrap();
    let started = Instant::now();
    let err = http.get(&url).send().await.unwrap_err();
    assert!(
        err.is_timeout(),
        "the connection was accepted and never answered: {err:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(700));
    // A raw connection that writes its request and waits.
    let mut raw = tokio::net::TcpStream::connect(proxy.addr()).await.unwrap();
    raw.write_all(b"GET /v1/health/ HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    let silent = tokio::time::timeout(Duration::from_millis(500), raw.read(&mut buf)).await;
    assert!(silent.is_err(), "nothing comes back from a black hole");

    // From a refused state too: listening again, as a black hole.
    proxy.refuse_connections().unwrap();
    assert!(http.get(&url).send().await.unwrap_err().is_connect());
    proxy.black_hole().unwrap();
    assert!(http.get(&url).send().await.unwrap_err().is_timeout());

    proxy.restore().unwrap();
    let read = tokio::time::timeout(Duration::from_secs(2), raw.read(&mut buf)).await;
    assert!(
        matches!(read, Ok(Ok(0)) | Ok(Err(_))),
        "the held connection is closed when the outage ends: {read:?}"
    );
    assert_eq!(http.get(&url).send().await.unwrap().text().await.unwrap(), "ok");
    assert_eq!(
        served.load(Ordering::SeqCst),
        1,
        "held requests never reached the upstream"
    );
    let stats = proxy.stats();
    assert_eq!((stats.black_holed, stats.requests), (3, 1));
}
