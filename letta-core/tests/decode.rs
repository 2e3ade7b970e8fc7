//! Decoding of responses recorded from the real Letta 0.7.29 server (`tests/fixtures/`, written
//! by the `record_fixtures` e2e test), and encoding of requests as the server's schema wants them.

use futures_util::StreamExt;
use letta_core::transport::full_body;
use letta_core::types::*;
use letta_core::{LettaError, StreamEvent};
use serde_json::json;

#[test]
fn health() {
    let h: HealthStatus = serde_json::from_str(include_str!("fixtures/health.json")).unwrap();
    assert_eq!((h.version.as_str(), h.status.as_str()), ("0.7.29", "ok"));
}

#[test]
fn agent_state() {
    let a: AgentState = serde_json::from_str(include_str!("fixtures/agent_state.json")).unwrap();
    assert!(a.id.as_str().starts_with("agent-"));
    assert_eq!(a.agent_type, AgentType::MemgptAgent);
    assert_eq!(a.tags, vec!["fixture"]);
    assert_eq!(a.llm_config.model, "scripted-model");
    assert_eq!(a.llm_config.model_endpoint_type, ModelEndpointType::Openai);
    assert_eq!(a.embedding_config.embedding_dim, 1536);
    assert_eq!(a.memory.block("human").unwrap().value, "Name: Ada");
    assert_eq!(a.memory.block("persona").unwrap().limit, 5000);
    let send = a
        .tools
        .iter()
        .find(|t| t.name.as_deref() == Some("send_message"))
        .unwrap();
    assert_eq!(send.tool_type, ToolType::LettaCore);
    assert!(
        a.tool_rules
            .as_ref()
            .unwrap()
            .iter()
            .any(|r| matches!(r, ToolRule::Terminal { tool_name } if tool_name == "send_message"))
    );
    assert!(a.created_at.is_some());
    assert_eq!(a.message_ids.as_ref().unwrap().len(), 4);
}

#[test]
fn agent_state_without_offsets_and_with_unknown_fields_decodes() {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("fixtures/agent_state.json")).unwrap();
    v["created_at"] = json!("2026-11-23T15:12:17");
    v["a_field_from_a_newer_server"] = json!({"x": 1});
    v["agent_type"] = json!("future_agent");
    let a: AgentState = serde_json::from_value(v).unwrap();
    assert_eq!(a.created_at.unwrap().to_rfc3339(), "2026-11-23T15:12:17+00:00");
    assert_eq!(a.agent_type, AgentType::Other("future_agent".into()));
}

#[test]
fn send_response_with_a_tool_call() {
    let r: LettaResponse = serde_json::from_str(include_str!("fixtures/send_response.json")).unwrap();
    let kinds: Vec<&str> = r.messages.iter().map(LettaMessage::message_type).collect();
    assert_eq!(
        kinds,
        [
            "reasoning_message",
            "tool_call_message",
            "tool_return_message",
            "reasoning_message",
            "assistant_message"
        ]
    );
    match &r.messages[1] {
        LettaMessage::ToolCall(c) => {
            assert_eq!(c.tool_call.name.as_deref(), Some("archival_memory_insert"));
            assert!(
                c.tool_call
                    .arguments
                    .as_deref()
                    .unwrap()
                    .contains("Ada likes tea.")
            );
        }
        other => panic!("{other:?}"),
    }
    match &r.messages[2] {
        LettaMessage::ToolReturn(t) => assert_eq!(t.status, ToolReturnStatus::Success),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.assistant_texts(), vec!["Tool returned: None"]);
    assert_eq!(r.usage.step_count, 2);
    assert_eq!(
        r.usage.total_tokens,
        r.usage.prompt_tokens + r.usage.completion_tokens
    );
    assert!(r.stop_reason.is_none());
}

#[test]
fn message_list_and_roundtrip() {
    let list: Vec<LettaMessage> = serde_json::from_str(include_str!("fixtures/messages_list.json")).unwrap();
    assert_eq!(list[0].message_type(), "system_message");
    let users: Vec<String> = list
        .iter()
        .filter_map(|m| match m {
            LettaMessage::User(u) => Some(u.content.text()),
            _ => None,
        })
        .collect();
    assert!(
        users.iter().any(|u| u.contains("#call archival_memory_insert")),
        "{users:?}"
    );
    for message in &list {
        let again: LettaMessage = serde_json::from_value(serde_json::to_value(message).unwrap()).unwrap();
        assert_eq!(&again, message);
    }
}

#[test]
fn unknown_message_type_is_kept() {
    let m: LettaMessage =
        serde_json::from_value(json!({"message_type": "approval_request_message", "id": "m", "x": 1}))
            .unwrap();
    assert_eq!(m.message_type(), "approval_request_message");
    assert!(matches!(&m, LettaMessage::Other(v) if v["x"] == 1));
    assert_eq!(serde_json::to_value(&m).unwrap()["x"], 1);
}

#[test]
fn memory_passages_tools_run() {
    let memory: Memory = serde_json::from_str(include_str!("fixtures/memory.json")).unwrap();
    assert_eq!(memory.blocks.len(), 2);
    assert!(
        memory
            .prompt_template
            .unwrap()
            .contains("{% for block in blocks %}")
    );

    let passages: Vec<Passage> = serde_json::from_str(include_str!("fixtures/passages.json")).unwrap();
    assert_eq!(passages[0].text, "Ada likes tea.");
    assert_eq!(passages[0].embedding.as_ref().unwrap().len(), 4096);
    assert_eq!(
        passages[0].embedding_config.as_ref().unwrap().embedding_model,
        "scripted-embedding"
    );

    let tools: Vec<Tool> = serde_json::from_str(include_str!("fixtures/tools_page.json")).unwrap();
    assert_eq!(tools.len(), 3);
    assert!(tools.iter().all(|t| {
        t.json_schema
            .as_ref()
            .is_some_and(|s| s.contains_key("parameters"))
    }));

    let run: Run = serde_json::from_str(include_str!("fixtures/run.json")).unwrap();
    assert_eq!(run.status, JobStatus::Created);
    assert_eq!(run.job_type, Some(JobType::Run));
    assert!(!run.status.is_terminal());
    assert_eq!(run.metadata.unwrap()["job_type"], "send_message_async");
}

#[tokio::test]
async fn recorded_token_stream() {
    let stream = letta_core::MessageStream::from_body(full_body(include_str!("fixtures/stream_tokens.sse")));
    let events = stream.collect_events().await.unwrap();
    let mut reasoning = String::new();
    let mut assistant = String::new();
    for event in &events {
        match event {
            StreamEvent::Message(LettaMessage::Reasoning(r)) => reasoning.push_str(&r.reasoning),
            StreamEvent::Message(LettaMessage::Assistant(a)) => assistant.push_str(&a.content.text()),
            _ => {}
        }
    }
    assert_eq!(reasoning, "The user said: stream please");
    assert_eq!(assistant, "You said: stream please");
    assert!(matches!(events.last(), Some(StreamEvent::Usage(u)) if u.step_count == 1));
}

#[tokio::test]
async fn recorded_stream_cut_before_done_is_truncated() {
    let text = include_str!("fixtures/stream_tokens.sse");
    let cut = &text[..text.rfind("data: [DONE]").unwrap()];
    let mut stream = letta_core::MessageStream::from_body(full_body(cut.to_owned()));
    let mut last = None;
    while let Some(event) = stream.next().await {
        last = Some(event);
    }
    assert!(matches!(
        last,
        Some(Err(LettaError::Stream {
            kind: letta_core::StreamErrorKind::Truncated,
            ..
        }))
    ));
}

#[test]
fn create_agent_sends_only_what_is_set() {
    let request = AgentCreate::builder()
        .name("a")
        .llm_config(LlmConfig::openai_compatible("m", "http://h/v1", 8192))
        .memory_blocks([BlockCreate::builder()
            .label("human")
            .value("x")
            .limit(100)
            .build()])
        .tags(["t"])
        .tools(["send_message"])
        .build();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "name": "a",
            "memory_blocks": [{"label": "human", "value": "x", "limit": 100}],
            "tools": ["send_message"],
            "tags": ["t"],
            "llm_config": {"model": "m", "model_endpoint_type": "openai", "model_endpoint": "http://h/v1", "context_window": 8192}
        })
    );
}

#[test]
fn message_requests_encode_as_the_schema_wants() {
    let request = LettaStreamingRequest::tokens(
        MessageCreate::builder(MessageRole::User, "hi")
            .otid("o-1")
            .build(),
    );
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"messages": [{"role": "user", "content": "hi", "otid": "o-1"}], "stream_tokens": true})
    );
    assert_eq!(
        serde_json::to_value(LettaStreamingRequest::steps(MessageCreate::system("s"))).unwrap(),
        json!({"messages": [{"role": "system", "content": "s"}]})
    );
    assert_eq!(
        serde_json::to_value(MessageUpdate::Assistant {
            content: "new".into()
        })
        .unwrap(),
        json!({"message_type": "assistant_message", "content": "new"})
    );
    let parts = MessageCreate::user(MessageContent::Parts(vec![ContentPart::Text(TextContent::new(
        "a",
    ))]));
    assert_eq!(
        serde_json::to_value(parts).unwrap()["content"],
        json!([{"type": "text", "text": "a"}])
    );
}

#[test]
fn tool_rules_encode_with_their_type_tag() {
    let rules = vec![
        ToolRule::Init {
            tool_name: "a".into(),
        },
        ToolRule::Child {
            tool_name: "a".into(),
            children: vec!["b".into()],
        },
        ToolRule::MaxCountPerStep {
            tool_name: "b".into(),
            max_count_limit: 2,
        },
    ];
    assert_eq!(
        serde_json::to_value(&rules).unwrap(),
        json!([
            {"type": "run_first", "tool_name": "a"},
            {"type": "constrain_child_tools", "tool_name": "a", "children": ["b"]},
            {"type": "max_count_per_step", "tool_name": "b", "max_count_limit": 2}
        ])
    );
}
