//! The real Letta 0.16.8 server, as the testkit starts it, driven by the scripted LLM:
//! `letta_v1_agent` agents reply with the model's plain text, token streams carry it, background
//! streams (Redis) resume from a `seq_id`, and the Letta process can be killed and restarted.
//!
//! Raw JSON over HTTP: these tests check the harness, not the client's typed models.

use std::time::Duration;

use letta_testkit::{LettaRelease, LettaServer, shared_0_16, unique_name};
use serde_json::{Value, json};

/// A client with a User-Agent of its own: 0.16.8 treats callers without one as a 1.0 SDK.
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent("letta-testkit-tests/0")
        .build()
        .unwrap()
}

async fn post(server: &LettaServer, path: &str, body: &Value) -> Value {
    let answer = http()
        .post(format!("{}{path}", server.base_url()))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = answer.status();
    let text = answer.text().await.unwrap();
    assert!(status.is_success(), "POST {path}: {status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("POST {path}: {e}: {text}"))
}

/// The `data:` payloads of a server-sent-event answer, up to `[DONE]` (excluded).
async fn post_stream(server: &LettaServer, path: &str, body: &Value) -> Vec<Value> {
    let answer = http()
        .post(format!("{}{path}", server.base_url()))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = answer.status();
    let text = answer.text().await.unwrap();
    assert!(status.is_success(), "POST {path}: {status}: {text}");
    let mut events = Vec::new();
    for line in text.lines() {
        let Some(data) = line.strip_prefix("data: ") else {
            continue;
        };
        if data == "[DONE]" {
            return events;
        }
        events.push(serde_json::from_str(data).unwrap_or_else(|e| panic!("{e}: {data}")));
    }
    panic!("POST {path}: the stream did not end with [DONE]:\n{text}");
}

async fn create_v1_agent(server: &LettaServer) -> String {
    let request = server.llm().v1_agent_request(unique_name("v1")).build();
    let agent = post(server, "/v1/agents/", &serde_json::to_value(request).unwrap()).await;
    assert_eq!(agent["agent_type"], "letta_v1_agent", "{agent}");
    assert_eq!(agent["llm_config"]["model_endpoint"], server.llm().base_url());
    agent["id"].as_str().unwrap().to_owned()
}

fn user_message(text: &str) -> Value {
    json!([{"role": "user", "content": text}])
}

/// The text of the `assistant_message` events or messages in `items`, joined.
fn assistant_text(items: &[Value]) -> String {
    items
        .iter()
        .filter(|m| m["message_type"] == "assistant_message")
        .map(|m| m["content"].as_str().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn health_reports_0_16_8() {
    let server = tokio::task::spawn_blocking(shared_0_16).await.unwrap();
    assert_eq!(server.release(), LettaRelease::V0_16_8);
    assert_eq!(server.version(), "0.16.8");
    let health: Value = http()
        .get(format!("{}/v1/health/", server.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["version"], "0.16.8");
    assert_eq!(health["status"], "ok");
    let pids = server.process_ids();
    assert_eq!(pids.len(), 4, "PostgreSQL, Letta, MCP, Redis: {pids:?}");
    // CI finds the processes of its run by the run directory in their command line.
    let redis = std::fs::read(format!("/proc/{}/cmdline", pids[3])).unwrap();
    let redis = String::from_utf8_lossy(&redis);
    assert!(redis.contains("redis-server"), "{redis}");
    assert!(redis.contains(&server.run_dir().display().to_string()), "{redis}");
}

#[tokio::test]
async fn a_v1_agent_replies_with_the_scripted_plain_text() {
    let server = tokio::task::spawn_blocking(shared_0_16).await.unwrap();
    let agent = create_v1_agent(server).await;
    let body = json!({"messages": user_message("#reply plain words back")});
    let answer = post(server, &format!("/v1/agents/{agent}/messages"), &body).await;
    let messages = answer["messages"].as_array().unwrap();
    assert_eq!(assistant_text(messages), "plain words back", "{answer}");
    assert_eq!(answer["stop_reason"]["stop_reason"], "end_turn", "{answer}");
    assert!(
        messages.iter().all(|m| m["message_type"] != "tool_call_message"),
        "a v1 agent answers without a tool: {answer}"
    );
}

#[tokio::test]
async fn a_v1_agent_calls_a_tool_when_the_script_asks_then_replies() {
    let server = tokio::task::spawn_blocking(shared_0_16).await.unwrap();
    let agent = create_v1_agent(server).await;
    // `conversation_search` is one of the base tools every v1 agent gets.
    let body = json!({"messages": user_message(r#"#call conversation_search {"query": "nothing"}"#)});
    let answer = post(server, &format!("/v1/agents/{agent}/messages"), &body).await;
    let messages = answer["messages"].as_array().unwrap();
    let call = messages
        .iter()
        .find(|m| m["message_type"] == "tool_call_message")
        .unwrap_or_else(|| panic!("no tool call: {answer}"));
    assert_eq!(call["tool_call"]["name"], "conversation_search", "{answer}");
    assert!(
        messages
            .iter()
            .any(|m| m["message_type"] == "tool_return_message"),
        "{answer}"
    );
    assert!(
        assistant_text(messages).starts_with("Tool returned: "),
        "{answer}"
    );
    assert_eq!(answer["stop_reason"]["stop_reason"], "end_turn", "{answer}");
}

#[tokio::test]
async fn a_token_stream_carries_the_plain_text() {
    let server = tokio::task::spawn_blocking(shared_0_16).await.unwrap();
    let agent = create_v1_agent(server).await;
    let body = json!({
        "messages": user_message("#reply a reply long enough to come in several chunks"),
        "stream_tokens": true,
    });
    let events = post_stream(server, &format!("/v1/agents/{agent}/messages/stream"), &body).await;
    assert_eq!(events[0]["message_type"], "ping", "{events:?}");
    let chunks = events
        .iter()
        .filter(|e| e["message_type"] == "assistant_message")
        .count();
    assert!(chunks > 1, "token streaming gives several chunks: {events:?}");
    assert_eq!(
        assistant_text(&events),
        "a reply long enough to come in several chunks"
    );
    let stop = events.iter().find(|e| e["message_type"] == "stop_reason");
    assert_eq!(
        stop.map(|e| &e["stop_reason"]),
        Some(&json!("end_turn")),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_background_stream_resumes_after_a_seq_id() {
    let server = tokio::task::spawn_blocking(shared_0_16).await.unwrap();
    let agent = create_v1_agent(server).await;
    let body = json!({
        "messages": user_message("#reply one two three four five six seven eight nine ten"),
        "stream_tokens": true,
        "background": true,
    });
    let events = post_stream(server, &format!("/v1/agents/{agent}/messages/stream"), &body).await;
    assert_eq!(
        assistant_text(&events),
        "one two three four five six seven eight nine ten"
    );
    let run_id = events[0]["run_id"].as_str().unwrap().to_owned();
    let seq_ids: Vec<u64> = events.iter().filter_map(|e| e["seq_id"].as_u64()).collect();
    assert!(seq_ids.len() > 3, "{events:?}");
    assert!(seq_ids.windows(2).all(|w| w[0] < w[1]), "{seq_ids:?}");

    // Resuming after the second event replays exactly the events after it, in order.
    let after = seq_ids[1];
    let resumed = post_stream(
        server,
        &format!("/v1/runs/{run_id}/stream"),
        &json!({"starting_after": after}),
    )
    .await;
    let expected: Vec<&Value> = events
        .iter()
        .filter(|e| e["seq_id"].as_u64().is_some_and(|s| s > after))
        .collect();
    let replayed: Vec<&Value> = resumed
        .iter()
        .filter(|e| e["seq_id"].as_u64().is_some())
        .collect();
    assert_eq!(replayed, expected);
    assert!(
        resumed
            .iter()
            .all(|e| e["run_id"].is_null() || e["run_id"] == run_id.as_str()),
        "{resumed:?}"
    );
}

/// An owned server: killing it must not disturb the shared one the other tests use.
#[tokio::test]
async fn letta_0_16_8_can_be_killed_and_restarted_on_its_database() {
    let server = tokio::task::spawn_blocking(|| LettaServer::start_version(LettaRelease::V0_16_8))
        .await
        .unwrap()
        .unwrap();
    let agent = create_v1_agent(&server).await;
    let server = tokio::task::spawn_blocking(move || {
        let before = server.process_ids()[1];
        server.kill_letta().unwrap();
        let restarting = std::time::Instant::now();
        server.start_letta_again().unwrap();
        // Printed for the record (CI logs), never asserted on.
        eprintln!(
            "letta-testkit: Letta 0.16.8 restarted in {:.1?}",
            restarting.elapsed()
        );
        assert_ne!(server.process_ids()[1], before, "a new Letta process");
        server
    })
    .await
    .unwrap();
    let retrieved: Value = http()
        .get(format!("{}/v1/agents/{agent}", server.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(retrieved["id"], agent.as_str(), "the agent survives the restart");
    // Background streams still work after the restart: Redis outlives the Letta process.
    let body = json!({
        "messages": user_message("#reply still here"),
        "stream_tokens": true,
        "background": true,
    });
    let events = post_stream(&server, &format!("/v1/agents/{agent}/messages/stream"), &body).await;
    assert_eq!(assistant_text(&events), "still here");
    let run_dir = server.run_dir().to_owned();
    let pids = server.process_ids();
    tokio::task::spawn_blocking(move || drop(server)).await.unwrap();
    let alive = |pid: &u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| !stat.contains(") Z "))
    };
    for _ in 0..50 {
        if !run_dir.exists() && !pids.iter().any(alive) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let left: Vec<&u32> = pids.iter().filter(|p| alive(p)).collect();
    assert!(
        left.is_empty(),
        "processes left behind (Redis is the last): {left:?} of {pids:?}"
    );
    assert!(!run_dir.exists(), "{} was not removed", run_dir.display());
}

/// Redis is new beside PostgreSQL and Letta: when a test binary dies, the watchdog must take it
/// down too. A child process plays the test binary and is killed outright.
#[test]
fn nothing_of_0_16_8_survives_a_killed_test_binary() {
    if std::env::var_os("LETTA_TESTKIT_PLAY_DEAD_0_16").is_some() {
        let server = LettaServer::start_version(LettaRelease::V0_16_8).unwrap();
        println!("RUN_DIR={}", server.run_dir().display());
        std::thread::sleep(Duration::from_secs(600));
        return;
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "nothing_of_0_16_8_survives_a_killed_test_binary",
            "--exact",
            "--nocapture",
        ])
        .env("LETTA_TESTKIT_PLAY_DEAD_0_16", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    let run_dir = std::io::BufRead::lines(out)
        .map_while(Result::ok)
        .find_map(|line| line.trim().strip_prefix("RUN_DIR=").map(str::to_owned))
        .expect("the play-dead child never reported its server");
    // A process belongs to the server when its command line or environment names the run
    // directory (Redis's command line names its config file there).
    let ours = || -> Vec<String> {
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
            .filter(|p| {
                let has = |file: &str| {
                    std::fs::read(format!("/proc/{p}/{file}"))
                        .is_ok_and(|b| String::from_utf8_lossy(&b).contains(&run_dir))
                };
                let zombie = std::fs::read_to_string(format!("/proc/{p}/stat"))
                    .map_or(true, |stat| stat.contains(") Z "));
                !zombie && (has("cmdline") || has("environ"))
            })
            .collect()
    };
    let running = ours();
    let redis_running = running.iter().any(|p| {
        std::fs::read(format!("/proc/{p}/cmdline"))
            .is_ok_and(|c| String::from_utf8_lossy(&c).contains("redis-server"))
    });
    assert!(
        redis_running,
        "Redis should be among the server's processes: {running:?}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let mut left = ours();
    for _ in 0..100 {
        if left.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        left = ours();
    }
    assert!(left.is_empty(), "processes survived their test binary: {left:?}");
}
