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
fn agent_state_nested_models_are_typed_with_fallbacks() {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("fixtures/agent_state.json")).unwrap();
    let id = v["id"].clone();
    v["multi_agent_group"] = json!({
        "id": "group-1", "manager_type": "sleeptime", "agent_ids": ["agent-sleeper"],
        "description": "", "shared_block_ids": [], "manager_agent_id": id,
        "sleeptime_agent_frequency": 5, "turns_counter": 0, "last_processed_message_id": null
    });
    v["response_format"] = json!({"type": "json_schema", "json_schema": {"type": "object"}});
    v["tool_rules"] = json!([
        {"type": "exit_loop", "tool_name": "send_message"},
        {"type": "requires_approval", "tool_name": "rm"}
    ]);
    let a: AgentState = serde_json::from_value(v.clone()).unwrap();
    let group = a.multi_agent_group.as_ref().unwrap();
    assert_eq!(group.id.as_str(), "group-1");
    assert_eq!(group.manager_type, ManagerType::Sleeptime);
    assert_eq!(group.manager_agent_id.as_ref(), Some(&a.id));
    assert_eq!(group.sleeptime_agent_frequency, Some(5));
    match a.response_format.as_ref().unwrap() {
        ResponseFormat::JsonSchema { json_schema } => assert_eq!(json_schema["type"], "object"),
        other => panic!("{other:?}"),
    }
    let rules = a.tool_rules.as_ref().unwrap();
    assert_eq!(rules[1].rule_type(), "requires_approval");
    assert!(matches!(rules[1], ToolRule::Other(_)));

    // Unknown formats and group types are kept rather than refused.
    v["response_format"] = json!({"type": "xml", "dialect": "strict"});
    v["multi_agent_group"]["manager_type"] = json!("swarm_v2");
    let a: AgentState = serde_json::from_value(v).unwrap();
    assert_eq!(
        a.response_format,
        Some(ResponseFormat::Other(json!({"type": "xml", "dialect": "strict"})))
    );
    assert_eq!(
        a.multi_agent_group.unwrap().manager_type,
        ManagerType::Other("swarm_v2".into())
    );
    for (format, wire) in [
        (ResponseFormat::Text, json!({"type": "text"})),
        (ResponseFormat::JsonObject, json!({"type": "json_object"})),
    ] {
        assert_eq!(serde_json::to_value(&format).unwrap(), wire);
        assert_eq!(serde_json::from_value::<ResponseFormat>(wire).unwrap(), format);
    }
}

#[test]
fn usage_steps_messages_and_stop_reasons_are_typed() {
    let r: LettaResponse = serde_json::from_value(json!({
        "messages": [],
        "usage": {
            "message_type": "usage_statistics", "completion_tokens": 3, "prompt_tokens": 5,
            "total_tokens": 8, "step_count": 1,
            "steps_messages": [[{
                "id": "message-1", "role": "assistant", "agent_id": "agent-1",
                "content": [{"type": "text", "text": "thinking"}],
                "tool_calls": [{"id": "call-1", "type": "function",
                    "function": {"name": "send_message", "arguments": "{\"message\": \"hi\"}"}}]
            }]]
        },
        "stop_reason": {"message_type": "stop_reason", "stop_reason": "end_turn"}
    }))
    .unwrap();
    let steps = r.usage.steps_messages.as_ref().unwrap();
    let stored = &steps[0][0];
    assert_eq!(stored.id.as_str(), "message-1");
    assert_eq!(stored.role, MessageRole::Assistant);
    assert_eq!(
        stored.tool_calls.as_ref().unwrap()[0].function.name,
        "send_message"
    );
    assert_eq!(
        r.stop_reason.as_ref().map(|s| &s.stop_reason),
        Some(&StopReasonType::EndTurn)
    );
    let r: LettaResponse = serde_json::from_value(json!({
        "messages": [],
        "stop_reason": {"message_type": "stop_reason", "stop_reason": "out_of_coffee"}
    }))
    .unwrap();
    assert_eq!(
        r.stop_reason.unwrap().stop_reason,
        StopReasonType::Other("out_of_coffee".into())
    );
}

#[test]
fn step_token_details_keep_counts_this_client_does_not_name() {
    let step: Step = serde_json::from_value(json!({
        "id": "step-1",
        "completion_tokens_details": {"reasoning_tokens": 4, "accepted_prediction_tokens": 2}
    }))
    .unwrap();
    let details = step.completion_tokens_details.unwrap();
    assert_eq!(details.reasoning_tokens, 4);
    assert_eq!(details.other["accepted_prediction_tokens"], 2);
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
        serde_json::from_value(json!({"message_type": "not_yet_known_message", "id": "m", "x": 1})).unwrap();
    assert_eq!(m.message_type(), "not_yet_known_message");
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

#[test]
fn request_unions_send_what_they_do_not_model_as_given() {
    let swarm = json!({"manager_type": "swarm", "handoff_tool": "transfer"});
    let config: ManagerConfig = serde_json::from_value(swarm.clone()).unwrap();
    assert_eq!(config, ManagerConfig::Other(swarm.as_object().cloned().unwrap()));
    let group = GroupCreate::builder()
        .agent_ids(["agent-1"])
        .description("swarm")
        .manager_config(config)
        .build();
    assert_eq!(serde_json::to_value(&group).unwrap()["manager_config"], swarm);

    let update = json!({"manager_type": "swarm", "handoff_tool": "pass"});
    let decoded: ManagerConfigUpdate = serde_json::from_value(update.clone()).unwrap();
    assert!(matches!(decoded, ManagerConfigUpdate::Other(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), update);
    let known: ManagerConfigUpdate =
        serde_json::from_value(json!({"manager_type": "round_robin", "max_turns": 3})).unwrap();
    assert_eq!(known, ManagerConfigUpdate::RoundRobin { max_turns: Some(3) });

    let approval = json!({"message_type": "approval_message", "approve": true});
    let decoded: MessageUpdate = serde_json::from_value(approval.clone()).unwrap();
    assert!(matches!(decoded, MessageUpdate::Other(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), approval);

    let by_date = json!({"field": "created_at", "operator": "gt", "value": "2026-01-01"});
    let decoded: AgentSearchFilter = serde_json::from_value(by_date.clone()).unwrap();
    assert!(matches!(decoded, AgentSearchFilter::Other(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), by_date);

    let modal = json!({"timeout": 60, "pip_requirements": "not a list"});
    let input = SandboxConfigInput::Other(modal.as_object().cloned().unwrap());
    assert_eq!(serde_json::to_value(&input).unwrap(), modal);
}
