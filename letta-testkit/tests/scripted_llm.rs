//! End-to-end checks of the scripted LLM server over real HTTP.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_testkit::llm::{EMBEDDING_DIM, EMBEDDING_MODEL, MODEL, ScriptedLlm};
use serde_json::{Value, json};

/// A Letta-like request with a `send_message` tool.
fn chat_body(text: &str, stream: bool) -> Value {
    json!({
        "model": MODEL,
        "stream": stream,
        "stream_options": if stream { json!({"include_usage": true}) } else { Value::Null },
        "messages": [
            {"role": "system", "content": "You are a test agent."},
            {"role": "user", "content": json!({"type": "user_message", "message": text, "time": "now"}).to_string()}
        ],
        "tools": [{"type": "function", "function": {"name": "send_message", "parameters": {
            "type": "object",
            "properties": {"inner_thoughts": {"type": "string"}, "message": {"type": "string"}},
            "required": ["inner_thoughts", "message"]
        }}}],
        "tool_choice": "required",
        "parallel_tool_calls": false
    })
}

/// Posts `body` as JSON to `path` under the server's base URL.
async fn post(llm: &ScriptedLlm, path: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", llm.base_url()))
        .json(body)
        .send()
        .await
        .expect("request sent")
}

/// Minimal standard base64 decoder for checking the server's encoding.
fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            other => panic!("bad base64 byte {other}"),
        }
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let mut n = 0u32;
        for (i, &c) in data.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..data.len() - 1]);
    }
    out
}

#[tokio::test]
async fn models_lists_both() {
    let llm = ScriptedLlm::start().expect("server starts");
    assert!(llm.base_url().ends_with("/v1"));
    assert_eq!(llm.addr().ip().to_string(), "127.0.0.1");
    let body: Value = reqwest::get(format!("{}/models", llm.base_url()))
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(body["object"], "list");
    let ids: Vec<&str> = body["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(ids, [MODEL, EMBEDDING_MODEL]);
    assert_eq!(body["data"][0]["owned_by"], "letta-testkit");

    let missing = reqwest::get(format!("{}/nope", llm.base_url()))
        .await
        .expect("get");
    assert_eq!(missing.status(), 404);
    let err: Value = missing.json().await.expect("json error");
    assert!(err["error"]["message"].is_string());
}

#[tokio::test]
async fn non_stream_completion_echoes() {
    let llm = ScriptedLlm::start().expect("server starts");
    let resp = post(&llm, "/chat/completions", &chat_body("hi", false)).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["object"], "chat.completion");
    let choice = &body["choices"][0];
    assert_eq!(choice["finish_reason"], "tool_calls");
    let call = &choice["message"]["tool_calls"][0];
    assert_eq!(call["id"], "call_1");
    assert_eq!(call["function"]["name"], "send_message");
    let raw = call["function"]["arguments"].as_str().expect("arguments string");
    assert!(raw.starts_with("{\"inner_thoughts\":"), "{raw}");
    let args: Value = serde_json::from_str(raw).expect("arguments JSON");
    assert_eq!(args["message"], "You said: hi");
    assert!(body["usage"]["prompt_tokens"].as_u64() > Some(0));
    assert!(body["usage"]["completion_tokens"].as_u64() > Some(0));
}

#[tokio::test]
async fn stream_completion_fragments_reassemble() {
    let llm = ScriptedLlm::start().expect("server starts");
    let resp = post(&llm, "/chat/completions", &chat_body("stream me", true)).await;
    assert_eq!(resp.status(), 200);
    let content_type = resp.headers()[reqwest::header::CONTENT_TYPE].clone();
    assert_eq!(content_type, "text/event-stream");
    let mut raw = Vec::new();
    let mut frames = resp.bytes_stream();
    while let Some(piece) = frames.next().await {
        raw.extend_from_slice(&piece.expect("stream bytes"));
    }
    let text = String::from_utf8(raw).expect("utf8");
    let datas: Vec<&str> = text
        .split("\n\n")
        .filter(|e| !e.is_empty())
        .map(|e| e.strip_prefix("data: ").expect("data frame"))
        .collect();
    assert_eq!(datas.last().copied(), Some("[DONE]"));
    let chunks: Vec<Value> = datas[..datas.len() - 1]
        .iter()
        .map(|d| serde_json::from_str(d).expect("chunk JSON"))
        .collect();
    assert!(chunks.len() > 4, "several fragments expected");
    assert_eq!(
        chunks[0]["choices"][0]["delta"]["tool_calls"][0]["function"]["name"],
        "send_message"
    );
    let args: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str())
        .collect();
    assert!(args.starts_with("{\"inner_thoughts\":"), "{args}");
    let parsed: Value = serde_json::from_str(&args).expect("reassembled JSON");
    assert_eq!(parsed["message"], "You said: stream me");
    let n = chunks.len();
    assert_eq!(chunks[n - 2]["choices"][0]["finish_reason"], "tool_calls");
    assert_eq!(chunks[n - 1]["choices"], json!([]));
    assert!(chunks[n - 1]["usage"]["total_tokens"].as_u64() > Some(0));
    for c in &chunks {
        assert_eq!(c["object"], "chat.completion.chunk");
        assert!(c["id"].is_string() && c["created"].is_u64() && c["model"] == MODEL);
    }
}

#[tokio::test]
async fn latency_is_applied() {
    let llm = ScriptedLlm::start().expect("server starts");
    let latency = Duration::from_millis(300);
    llm.set_latency(latency);
    let started = Instant::now();
    let resp = post(&llm, "/chat/completions", &chat_body("slow", false)).await;
    assert_eq!(resp.status(), 200);
    assert!(started.elapsed() >= latency);
}

#[tokio::test]
async fn fail_next_then_recover_and_record() {
    let llm = ScriptedLlm::start().expect("server starts");
    llm.fail_next(2, 503);
    for _ in 0..2 {
        let resp = post(&llm, "/chat/completions", &chat_body("x", false)).await;
        assert_eq!(resp.status(), 503);
        let err: Value = resp.json().await.expect("json");
        assert_eq!(err["error"]["type"], "server_error");
    }
    let ok = post(&llm, "/chat/completions", &chat_body("again", false)).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(llm.chat_request_count(), 3);
    let recorded = llm.chat_requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[2], chat_body("again", false));
}

#[tokio::test]
async fn malformed_json_is_400() {
    let llm = ScriptedLlm::start().expect("server starts");
    let client = reqwest::Client::new();
    for (path, body) in [
        ("/chat/completions", "{not json"),
        ("/chat/completions", "[1,2]"),
        ("/chat/completions", "{\"model\":\"m\"}"),
        ("/embeddings", "{oops"),
        ("/embeddings", "{\"input\": 5}"),
    ] {
        let resp = client
            .post(format!("{}{path}", llm.base_url()))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status(), 400, "{path} {body}");
        let err: Value = resp.json().await.expect("json error");
        assert_eq!(err["error"]["type"], "invalid_request_error");
    }
    assert_eq!(llm.chat_request_count(), 0);
}

#[tokio::test]
async fn embeddings_float_and_base64_agree() {
    let llm = ScriptedLlm::start().expect("server starts");
    let input = json!(["the sky is blue", "blue sky", "trains run late"]);
    let float: Value = post(
        &llm,
        "/embeddings",
        &json!({"input": input, "model": EMBEDDING_MODEL, "encoding_format": "float"}),
    )
    .await
    .json()
    .await
    .expect("json");
    let vectors: Vec<Vec<f32>> = float["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|d| {
            d["embedding"]
                .as_array()
                .expect("floats")
                .iter()
                .map(|x| x.as_f64().expect("number") as f32)
                .collect()
        })
        .collect();
    assert_eq!(vectors.len(), 3);
    assert!(vectors.iter().all(|v| v.len() == EMBEDDING_DIM));
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    assert!(dot(&vectors[0], &vectors[1]) > dot(&vectors[0], &vectors[2]));

    let b64: Value = post(
        &llm,
        "/embeddings",
        &json!({"input": input, "model": EMBEDDING_MODEL, "encoding_format": "base64"}),
    )
    .await
    .json()
    .await
    .expect("json");
    for (i, v) in vectors.iter().enumerate() {
        let bytes = decode_base64(b64["data"][i]["embedding"].as_str().expect("base64 string"));
        let decoded: Vec<f32> = bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        assert_eq!(&decoded, v);
    }

    let small: Value = post(&llm, "/embeddings", &json!({"input": "x", "dimensions": 64}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(small["data"][0]["embedding"].as_array().map(Vec::len), Some(64));
    assert_eq!(small["model"], EMBEDDING_MODEL);
}

/// Sends an Anthropic-style request (with the testkit's key unless `key` says otherwise).
async fn anthropic(
    llm: &ScriptedLlm,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
    key: &str,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", llm.root_url()))
        .header("x-api-key", key)
        .header("anthropic-version", "2023-06-01");
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.expect("request sent")
}

/// A Letta-like Anthropic Messages body: the heartbeat merged into the turn with the tool result.
fn anthropic_body(text: &str) -> Value {
    json!({
        "model": MODEL,
        "max_tokens": 1024,
        "system": "You are a test agent.",
        "tools": [{"name": "send_message", "input_schema": {"type": "object", "properties": {
            "inner_thoughts": {"type": "string"}, "message": {"type": "string"}
        }}}],
        "tool_choice": {"type": "any"},
        "messages": [
            {"role": "user", "content": [
                {"type": "text", "text": json!({"type": "login"}).to_string()},
                {"type": "text", "text": json!({"type": "user_message", "message": text}).to_string()}
            ]}
        ]
    })
}

#[tokio::test]
async fn anthropic_messages_follow_the_same_script() {
    let llm = ScriptedLlm::start().expect("server starts");
    let key = letta_testkit::llm::ANTHROPIC_API_KEY;
    let resp = anthropic(
        &llm,
        reqwest::Method::POST,
        "/v1/messages",
        Some(&anthropic_body("hi claude")),
        key,
    )
    .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["type"], "message");
    assert_eq!(body["stop_reason"], "tool_use");
    assert_eq!(body["content"][0]["name"], "send_message");
    assert_eq!(body["content"][0]["input"]["message"], "You said: hi claude");
    assert_eq!(llm.anthropic_requests().len(), 1);

    let mut streamed = anthropic_body("stream claude");
    streamed["stream"] = json!(true);
    let text = anthropic(&llm, reqwest::Method::POST, "/v1/messages", Some(&streamed), key)
        .await
        .text()
        .await
        .expect("body");
    assert!(text.starts_with("event: message_start\n"), "{text}");
    assert!(
        text.trim_end().ends_with(r#"data: {"type":"message_stop"}"#),
        "{text}"
    );

    let denied = anthropic(
        &llm,
        reqwest::Method::POST,
        "/v1/messages",
        Some(&anthropic_body("x")),
        "sk-ant-wrong",
    )
    .await;
    assert_eq!(denied.status(), 401);
    let err: Value = denied.json().await.expect("json");
    assert_eq!(err["error"]["type"], "authentication_error");
}

#[tokio::test]
async fn anthropic_batches_end_with_jsonl_results_or_hold_until_cancelled() {
    let llm = ScriptedLlm::start().expect("server starts");
    let key = letta_testkit::llm::ANTHROPIC_API_KEY;
    let batch = json!({"requests": [
        {"custom_id": "agent-1", "params": anthropic_body("first")},
        {"custom_id": "agent-2", "params": anthropic_body("#reply second")}
    ]});
    let created: Value = anthropic(
        &llm,
        reqwest::Method::POST,
        "/v1/messages/batches",
        Some(&batch),
        key,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(created["type"], "message_batch");
    assert_eq!(created["processing_status"], "ended");
    let id = created["id"].as_str().expect("id").to_owned();
    let results_url = created["results_url"].as_str().expect("results url").to_owned();
    let lines = reqwest::Client::new()
        .get(&results_url)
        .header("x-api-key", key)
        .send()
        .await
        .expect("results")
        .text()
        .await
        .expect("text");
    let results: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect();
    assert_eq!(results.len(), 2);
    assert_eq!(results[1]["custom_id"], "agent-2");
    assert_eq!(
        results[1]["result"]["message"]["content"][0]["input"]["message"],
        "second"
    );

    let held = json!({"requests": [{"custom_id": "agent-3", "params": anthropic_body("#hold on")}]});
    let created: Value = anthropic(
        &llm,
        reqwest::Method::POST,
        "/v1/messages/batches",
        Some(&held),
        key,
    )
    .await
    .json()
    .await
    .expect("json");
    let held_id = created["id"].as_str().expect("id").to_owned();
    assert_ne!(held_id, id);
    let running: Value = anthropic(
        &llm,
        reqwest::Method::GET,
        &format!("/v1/messages/batches/{held_id}"),
        None,
        key,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(running["processing_status"], "in_progress");
    let cancelling: Value = anthropic(
        &llm,
        reqwest::Method::POST,
        &format!("/v1/messages/batches/{held_id}/cancel"),
        None,
        key,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(cancelling["processing_status"], "canceling");
    let missing = anthropic(&llm, reqwest::Method::GET, "/v1/messages/batches/nope", None, key).await;
    assert_eq!(missing.status(), 404);
}
