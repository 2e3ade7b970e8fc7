//! Records real server responses as JSON fixtures for the decoding tests in `tests/decode.rs`.
//!
//! ```text
//! cargo test -p letta-core --test e2e record_fixtures -- --ignored
//! ```

use std::path::PathBuf;

use crate::{agent_request, server, unique};

async fn fetch(
    http: &reqwest::Client,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> String {
    let mut request = http.request(method, format!("{}{path}", server().base_url()));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response.text().await.unwrap()
}

fn save(name: &str, text: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pretty = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap(),
        Err(_) => text.to_owned(),
    };
    std::fs::write(dir.join(name), pretty).unwrap();
}

#[tokio::test]
#[ignore = "writes fixtures; run by hand after a server upgrade"]
async fn record_fixtures() {
    use reqwest::Method;
    let http = reqwest::Client::new();
    save(
        "health.json",
        &fetch(&http, Method::GET, "/v1/health/", None).await,
    );

    let request = serde_json::to_value(agent_request(&unique("fixture")).tags(["fixture"]).build()).unwrap();
    let agent = fetch(&http, Method::POST, "/v1/agents/", Some(request)).await;
    save("agent_state.json", &agent);
    let id = serde_json::from_str::<serde_json::Value>(&agent).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let send = serde_json::json!({"messages": [{"role": "user", "content": "#call archival_memory_insert {\"content\": \"Ada likes tea.\"}"}]});
    save(
        "send_response.json",
        &fetch(
            &http,
            Method::POST,
            &format!("/v1/agents/{id}/messages"),
            Some(send),
        )
        .await,
    );
    save(
        "messages_list.json",
        &fetch(
            &http,
            Method::GET,
            &format!("/v1/agents/{id}/messages?limit=50"),
            None,
        )
        .await,
    );
    let stream = serde_json::json!({"messages": [{"role": "user", "content": "stream please"}], "stream_tokens": true});
    save(
        "stream_tokens.sse",
        &fetch(
            &http,
            Method::POST,
            &format!("/v1/agents/{id}/messages/stream"),
            Some(stream),
        )
        .await,
    );
    save(
        "memory.json",
        &fetch(&http, Method::GET, &format!("/v1/agents/{id}/core-memory"), None).await,
    );
    save(
        "passages.json",
        &fetch(
            &http,
            Method::GET,
            &format!("/v1/agents/{id}/archival-memory"),
            None,
        )
        .await,
    );
    save(
        "tools_page.json",
        &fetch(&http, Method::GET, "/v1/tools/?limit=3", None).await,
    );
    let run = serde_json::json!({"messages": [{"role": "user", "content": "later"}]});
    save(
        "run.json",
        &fetch(
            &http,
            Method::POST,
            &format!("/v1/agents/{id}/messages/async"),
            Some(run),
        )
        .await,
    );
}
