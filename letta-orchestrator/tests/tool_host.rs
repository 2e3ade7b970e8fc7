//! The tool host on its own: what a stub's call gets back, and what is refused. (The whole
//! route through the real Letta server is in `tools_e2e`.)

use std::sync::Arc;
use std::time::Duration;

use letta_core::rust_tool::{LettaTool, SECRET_ENV, SECRET_HEADER, ToolDefinition, ToolError, ToolFuture};
use letta_orchestrator::tools::{ToolHost, ToolHostConfig};
use serde_json::{Value, json};

/// A hand-written tool: the behaviour the macro's expansion has, without the macro.
struct Scripted;

impl LettaTool for Scripted {
    fn definition(&self) -> ToolDefinition {
        ToolDefinition::new(
            "scripted",
            "Does what its `mode` says.",
            letta_core::rust_tool::__private::args_schema::<Value>(),
        )
    }

    fn call(&self, arguments: Value) -> ToolFuture {
        Box::pin(async move {
            match arguments["mode"].as_str() {
                Some("echo") => Ok(arguments["text"].clone()),
                Some("fail") => Err(ToolError::Failed("the input was rejected".into())),
                Some("panic") => panic!("scripted panic"),
                Some("sleep") => {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    Ok(Value::Null)
                }
                _ => Err(ToolError::InvalidArguments {
                    tool: "scripted".into(),
                    message: "unknown mode".into(),
                }),
            }
        })
    }
}

async fn host() -> ToolHost {
    let tools: Vec<Arc<dyn LettaTool>> = vec![Arc::new(Scripted)];
    ToolHost::start(
        tools,
        ToolHostConfig {
            call_timeout: Duration::from_millis(500),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn secret(host: &ToolHost) -> String {
    host.environment()
        .into_iter()
        .find(|(k, _)| k == SECRET_ENV)
        .map(|(_, v)| v)
        .unwrap()
}

async fn call(host: &ToolHost, tool: &str, secret: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/tools/{tool}", host.url()))
        .header(SECRET_HEADER, secret)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn calls_answer_values_and_errors_and_the_host_keeps_running() {
    let host = host().await;
    let secret = secret(&host);
    assert!(
        host.url().starts_with("http://127.0.0.1:"),
        "loopback: {}",
        host.url()
    );

    let (status, body) = call(&host, "scripted", &secret, json!({"mode": "echo", "text": "hi"})).await;
    assert_eq!((status, body), (200, json!({"ok": "hi"})));

    let (status, body) = call(&host, "scripted", &secret, json!({"mode": "fail"})).await;
    assert_eq!((status, body), (200, json!({"error": "the input was rejected"})));

    let (status, body) = call(&host, "scripted", &secret, json!({"mode": "panic"})).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"], "tool `scripted` panicked: scripted panic");

    let (status, body) = call(&host, "scripted", &secret, json!({"mode": "sleep"})).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"], "tool `scripted` did not finish within 500ms");

    // Still serving after a panic and a time-out.
    let (_, body) = call(
        &host,
        "scripted",
        &secret,
        json!({"mode": "echo", "text": "again"}),
    )
    .await;
    assert_eq!(body, json!({"ok": "again"}));
    let stats = host.stats();
    assert_eq!((stats.calls, stats.failures, stats.refused), (5, 3, 0));
}

#[tokio::test]
async fn calls_without_the_secret_or_to_unknown_tools_are_refused() {
    let host = host().await;
    let secret = secret(&host);
    let (status, body) = call(&host, "scripted", "wrong", json!({"mode": "echo", "text": "x"})).await;
    assert_eq!((status, body), (401, json!({"error": "unauthorized"})));
    let (status, body) = call(&host, "scripted", "", json!({"mode": "echo", "text": "x"})).await;
    assert_eq!((status, body), (401, json!({"error": "unauthorized"})));
    let (status, body) = call(&host, "nope", &secret, json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"], "no tool named `nope` on this host");
    let (status, _) = call(&host, "scripted", &secret, json!(["not", "an", "object"])).await;
    assert_eq!(status, 400);
    let stats = host.stats();
    assert_eq!((stats.calls, stats.refused), (0, 4), "nothing ran");
    assert!(!format!("{host:?}").contains(&secret), "the secret never prints");
}

#[tokio::test]
async fn a_dropped_host_stops_listening() {
    let host = host().await;
    let addr = host.local_addr();
    drop(host);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn a_call_timeout_of_duration_max_means_no_limit_and_nothing_overflows() {
    let tools: Vec<Arc<dyn LettaTool>> = vec![Arc::new(Scripted)];
    let host = ToolHost::start(
        tools,
        ToolHostConfig {
            call_timeout: Duration::MAX,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let environment = host.environment();
    let stub_timeout = environment
        .iter()
        .find(|(k, _)| k == letta_core::rust_tool::TIMEOUT_ENV)
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(
        stub_timeout,
        letta_orchestrator::tools::STUB_TIMEOUT_CAP_SECS.to_string(),
        "the stubs' timeout is capped"
    );
    assert!(format!("{host:?}").contains("call_timeout"));

    let secret = secret(&host);
    let (status, body) = call(
        &host,
        "scripted",
        &secret,
        json!({"mode": "echo", "text": "unbounded"}),
    )
    .await;
    assert_eq!((status, body), (200, json!({"ok": "unbounded"})));
    let (status, body) = call(&host, "scripted", &secret, json!({"mode": "panic"})).await;
    assert_eq!(status, 200);
    assert_eq!(body["error"], "tool `scripted` panicked: scripted panic");
    let (_, body) = call(&host, "scripted", &secret, json!({"mode": "fail"})).await;
    assert_eq!(body, json!({"error": "the input was rejected"}));
    let stats = host.stats();
    assert_eq!((stats.calls, stats.failures, stats.refused), (3, 2, 0));
}
