//! The agent-loop operations of Letta 0.16 against a scripted server: the exact requests sent
//! (request line, query, body) and the decoded answers; and the raw streams a real 0.16.8 sent
//! (`fixtures/stream_*_0_16.sse`, recorded from a 0.16.8 server) decoded event by event. (The
//! recorded resumed stream is not among them: its recording cut every line at 300 characters.)

use letta_core::ids::{AgentId, ConversationId, RunId, StepId};
use letta_core::transport::full_body;
use letta_core::types::*;
use letta_core::{LettaClient, LettaError, MessageStream, ServerVersion, StreamEvent};
use serde_json::{Value, json};

mod support;

use support::{Next, Server, answer, serve};

/// A server that answers every request with `status` and `body`, and an SSE body for requests
/// that accept `text/event-stream`.
async fn server_answering(status: &'static str, body: &'static str) -> Server {
    serve(move |request, socket| {
        Box::pin(async move {
            if request
                .head
                .to_ascii_lowercase()
                .contains("accept: text/event-stream")
            {
                let sse = include_str!("fixtures/stream_tokens_0_16.sse");
                let text = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\n\r\n{sse}",
                    sse.len()
                );
                use tokio::io::AsyncWriteExt;
                let _ = socket.write_all(text.as_bytes()).await;
            } else {
                answer(socket, status, body).await;
            }
            Next::KeepOpen
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

fn only_request(server: &Server) -> (String, Value) {
    let all = server.all();
    assert_eq!(all.len(), 1, "one request, and no health check: {all:?}");
    let body = if all[0].body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&all[0].body).unwrap()
    };
    (all[0].request_line().to_owned(), body)
}

async fn events_of(sse: &'static str) -> Vec<StreamEvent> {
    MessageStream::from_body(full_body(sse))
        .collect_events()
        .await
        .unwrap()
}

const CONVERSATION: &str = r#"{"id":"conv-1","agent_id":"agent-1","summary":null,
    "in_context_message_ids":["message-1"],"isolated_block_ids":[],"model":null,
    "created_at":"2026-12-07T03:31:46+00:00","last_message_at":null,"new_field":1}"#;

#[tokio::test]
async fn a_conversation_is_created_for_an_agent_in_the_query() {
    let server = server_answering("200 OK", CONVERSATION).await;
    let request = ConversationCreate::builder()
        .summary("Trip planning")
        .isolated_block_labels(["human"])
        .build();
    let conversation = client(&server)
        .conversations()
        .create(&AgentId::new("agent-1"), &request)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/conversations/?agent_id=agent-1 HTTP/1.1");
    assert_eq!(
        body,
        json!({"summary": "Trip planning", "isolated_block_labels": ["human"]})
    );
    assert_eq!(conversation.id, ConversationId::new("conv-1"));
    assert_eq!(conversation.in_context_message_ids.len(), 1);
}

#[tokio::test]
async fn conversation_lists_send_their_filters_in_the_query() {
    let server = server_answering(
        "200 OK",
        &*Box::leak(format!("[{CONVERSATION}]").into_boxed_str()),
    )
    .await;
    let params = ListConversationsParams::builder()
        .agent_id("agent-1")
        .limit(5)
        .order(SortOrder::Asc)
        .order_by(ConversationOrderBy::LastMessageAt)
        .build();
    let page = client(&server).conversations().list(&params).await.unwrap();
    let (line, _) = only_request(&server);
    assert_eq!(
        line,
        "GET /v1/conversations/?agent_id=agent-1&limit=5&order=asc&order_by=last_message_at HTTP/1.1"
    );
    assert_eq!(page[0].agent_id, AgentId::new("agent-1"));
}

#[tokio::test]
async fn a_conversation_send_asks_for_json_and_never_sends_unset_options() {
    let body = r#"{"messages":[{"id":"message-2","date":"2026-12-07T03:31:46+00:00",
        "message_type":"assistant_message","content":"Hi!","run_id":"run-1","seq_id":3}],
        "usage":{"completion_tokens":1,"prompt_tokens":2,"total_tokens":3,"step_count":1},
        "stop_reason":{"message_type":"stop_reason","stop_reason":"end_turn"}}"#;
    let server = server_answering("200 OK", body).await;
    let hi = MessageCreate::builder(MessageRole::User, "Hi")
        .otid("otid-1")
        .build();
    let reply = client(&server)
        .conversations()
        .send(&ConversationId::new("conv-1"), hi)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/conversations/conv-1/messages HTTP/1.1");
    assert_eq!(
        body,
        json!({"messages": [{"role": "user", "content": "Hi", "otid": "otid-1"}], "streaming": false})
    );
    let meta = reply.messages[0].meta().unwrap();
    assert_eq!(meta.run_id, Some(RunId::new("run-1")));
    assert_eq!(meta.seq_id, Some(3));
}

#[tokio::test]
async fn a_conversation_stream_asks_for_a_stream_with_its_step_options() {
    let server = server_answering("200 OK", "{}").await;
    let mut request = LettaStreamingRequest::tokens(MessageCreate::user("Go"));
    request.background = Some(true);
    request.request.options = StepOptions::builder()
        .max_steps(3)
        .override_model("openai/gpt-4o")
        .build();
    let events = client(&server)
        .conversations()
        .stream(&ConversationId::new("conv-1"), request)
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/conversations/conv-1/messages HTTP/1.1");
    assert_eq!(
        body,
        json!({"messages": [{"role": "user", "content": "Go"}], "max_steps": 3,
               "override_model": "openai/gpt-4o", "stream_tokens": true, "streaming": true,
               "background": true})
    );
    assert!(matches!(events[0], StreamEvent::Ping(_)));
}

#[tokio::test]
async fn a_busy_conversation_is_a_typed_409_naming_the_run() {
    let body = r#"{"detail":"Cannot send a new message: Another request (run_id=run-7) is currently being processed for this conversation. Please wait for it to complete.","run_id":"run-7"}"#;
    let server = server_answering("409 Conflict", body).await;
    let error = client(&server)
        .conversations()
        .send(&ConversationId::new("conv-1"), MessageCreate::user("Hi"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    let busy = ConversationBusy::from_error(&error).expect("a busy answer");
    assert_eq!(busy.run_id, Some(RunId::new("run-7")));
    assert!(busy.detail.unwrap().contains("currently being processed"));
    assert_eq!(server.all().len(), 1, "a send is never retried");

    // Another 409 (a unique-constraint violation) is not a busy conversation.
    let other = LettaError::Api {
        status: http::StatusCode::CONFLICT,
        method: http::Method::POST,
        path: "/v1/conversations/".into(),
        detail: Some("duplicate key".into()),
        body: r#"{"detail":"duplicate key"}"#.into(),
    };
    assert_eq!(ConversationBusy::from_error(&other), None);
}

#[tokio::test]
async fn a_run_stream_is_reopened_after_a_seq_id() {
    let server = server_answering("200 OK", "{}").await;
    let events = client(&server)
        .runs()
        .stream(&RunId::new("run-1"), &RetrieveStreamRequest::after(41))
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/runs/run-1/stream HTTP/1.1");
    assert_eq!(body, json!({"starting_after": 41}));
    assert_eq!(events.len(), 3);
}

#[tokio::test]
async fn a_conversation_stream_is_reattached_by_otid() {
    let server = server_answering("200 OK", "{}").await;
    let request = RetrieveStreamRequest::builder()
        .otid("otid-1")
        .starting_after(2)
        .build();
    client(&server)
        .conversations()
        .retrieve_stream(&ConversationId::new("conv-1"), &request)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/conversations/conv-1/stream HTTP/1.1");
    assert_eq!(body, json!({"otid": "otid-1", "starting_after": 2}));
}

#[tokio::test]
async fn agent_cancels_report_each_runs_outcome() {
    let server = server_answering("200 OK", r#"{"run-1":"cancelled","run-2":"failed"}"#).await;
    let request = CancelRunsRequest::builder().run_ids(["run-1", "run-2"]).build();
    let outcome = client(&server)
        .agents()
        .messages(AgentId::new("agent-1"))
        .cancel(&request)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/agents/agent-1/messages/cancel HTTP/1.1");
    assert_eq!(body, json!({"run_ids": ["run-1", "run-2"]}));
    assert_eq!(outcome[&RunId::new("run-1")], "cancelled");
    assert_eq!(outcome[&RunId::new("run-2")], "failed");
}

#[tokio::test]
async fn tool_approval_goes_in_the_body_and_a_null_answer_is_none() {
    let server = server_answering("200 OK", "null").await;
    let agent = client(&server)
        .agents()
        .modify_tool_approval(&AgentId::new("agent-1"), "send_email", true)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(
        line,
        "PATCH /v1/agents/agent-1/tools/approval/send_email HTTP/1.1"
    );
    assert_eq!(body, json!({"requires_approval": true}));
    assert!(agent.is_none());
}

#[tokio::test]
async fn recompile_sends_its_flags_in_the_query() {
    let server = server_answering("200 OK", r#""You are a helpful agent.""#).await;
    let params = RecompileParams::builder().dry_run(true).build();
    let prompt = client(&server)
        .agents()
        .recompile(&AgentId::new("agent-1"), &params)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/agents/agent-1/recompile?dry_run=true HTTP/1.1");
    assert_eq!(body, Value::Null);
    assert_eq!(prompt, "You are a helpful agent.");
}

#[tokio::test]
async fn step_feedback_and_job_cancel_go_to_their_routes() {
    let step = r#"{"id":"step-1","feedback":"negative","tags":["slow"]}"#;
    let server = server_answering("200 OK", step).await;
    let feedback = StepFeedback::builder()
        .feedback(FeedbackType::Negative)
        .tags(["slow"])
        .build();
    let answered = client(&server)
        .steps()
        .modify_feedback(&StepId::new("step-1"), &feedback)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "PATCH /v1/steps/step-1/feedback HTTP/1.1");
    assert_eq!(body, json!({"feedback": "negative", "tags": ["slow"]}));
    assert_eq!(answered.id, StepId::new("step-1"));
}

#[tokio::test]
async fn chat_completions_name_the_agent_as_model() {
    let body = r#"{"id":"chatcmpl-1","object":"chat.completion","created":1765078306,
        "model":"agent-1","choices":[{"index":0,"finish_reason":"stop",
        "message":{"role":"assistant","content":"Hello!"}}]}"#;
    let server = server_answering("200 OK", body).await;
    let request = ChatCompletionRequest::new(&AgentId::new("agent-1"), [ChatMessage::user("Hi")]);
    let completion = client(&server).chat_completions().create(&request).await.unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/chat/completions HTTP/1.1");
    assert_eq!(
        body,
        json!({"model": "agent-1", "messages": [{"role": "user", "content": "Hi"}], "stream": false})
    );
    assert_eq!(completion.text(), Some("Hello!"));
    assert_eq!(completion.choices[0].finish_reason, FinishReason::Stop);

    // A model that is not an agent ID is refused before anything is sent.
    let wrong = ChatCompletionRequest::builder()
        .model("gpt-4o")
        .messages([ChatMessage::user("Hi")])
        .build();
    let error = client(&server)
        .chat_completions()
        .create(&wrong)
        .await
        .unwrap_err();
    assert!(
        matches!(error, LettaError::InvalidInput(ref m) if m.contains("agent-")),
        "{error}"
    );
    assert_eq!(server.all().len(), 1);
}

#[tokio::test]
async fn a_0_7_server_gets_none_of_it() {
    let server = server_answering("200 OK", "{}").await;
    let old = LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_7_29)
        .build()
        .unwrap();
    let error = old
        .conversations()
        .list(&ListConversationsParams::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            LettaError::NotServed {
                operation: "list_conversations",
                ..
            }
        ),
        "{error}"
    );
    assert!(server.all().is_empty());
}

#[tokio::test]
async fn a_recorded_token_stream_starts_with_a_ping_naming_the_run() {
    let events = events_of(include_str!("fixtures/stream_tokens_0_16.sse")).await;
    assert_eq!(events.len(), 3);
    let StreamEvent::Ping(ping) = &events[0] else {
        panic!("a ping first: {:?}", events[0]);
    };
    assert_eq!(
        ping.run_id,
        Some(RunId::new("run-73228d70-b578-4d0d-a70e-a8cbb5b80dbd"))
    );
    assert_eq!(ping.seq_id, None, "a foreground stream numbers nothing");
    assert!(matches!(&events[1], StreamEvent::StopReason(r) if r.stop_reason == StopReasonType::EndTurn));
    assert!(matches!(&events[2], StreamEvent::Usage(u) if u.step_count == 1));
}

#[tokio::test]
async fn a_recorded_background_stream_numbers_every_event() {
    let events = events_of(include_str!("fixtures/stream_background_0_16.sse")).await;
    let numbered: Vec<u64> = events.iter().filter_map(StreamEvent::seq_id).collect();
    assert_eq!(numbered, (1..=14).collect::<Vec<u64>>());
    let run = RunId::new("run-b6cfe9d5-d2fc-4ea4-a0d3-6ca9e1217cc5");
    assert!(events[..14].iter().all(|e| e.run_id().as_ref() == Some(&run)));
    let text: String = events
        .iter()
        .filter_map(|e| e.as_message()?.assistant_text())
        .collect();
    assert_eq!(
        text,
        "reply: one two three four five six seven eight nine ten eleven twelve "
    );
    assert!(matches!(events[14], StreamEvent::StopReason(_)));
    assert!(matches!(events[15], StreamEvent::Usage(_)));
}

#[tokio::test]
async fn approval_and_event_messages_keep_their_position_in_the_stream() {
    let sse = concat!(
        r#"data: {"id":"message-9","date":"2026-12-07T03:37:12+00:00","message_type":"approval_request_message","tool_call":{"name":"send_email","arguments":"{}","tool_call_id":"call-1"},"seq_id":5,"run_id":"run-1"}"#,
        "\n\n",
        r#"data: {"id":"message-10","date":"2026-12-07T03:37:13+00:00","message_type":"event_message","event_type":"compaction","event_data":{},"seq_id":6,"run_id":"run-1"}"#,
        "\n\n",
        r#"data: {"message_type":"stop_reason","stop_reason":"requires_approval"}"#,
        "\n\ndata: [DONE]\n\n",
    );
    let events = events_of(sse).await;
    assert_eq!(events.len(), 3);
    let Some(LettaMessage::ApprovalRequest(request)) = events[0].as_message() else {
        panic!("an approval request: {:?}", events[0]);
    };
    assert_eq!(
        request.tool_call.as_ref().unwrap().name.as_deref(),
        Some("send_email")
    );
    assert_eq!(events[0].seq_id(), Some(5));
    assert_eq!(events[0].run_id(), Some(RunId::new("run-1")));
    let Some(LettaMessage::Event(event)) = events[1].as_message() else {
        panic!("an event: {:?}", events[1]);
    };
    assert_eq!(event.event_type, "compaction");
    assert_eq!(events[1].seq_id(), Some(6));
    assert!(matches!(
        &events[2],
        StreamEvent::StopReason(r) if r.stop_reason == StopReasonType::RequiresApproval
    ));
}

#[test]
fn new_message_kinds_decode_the_same_from_text_and_from_a_value() {
    let samples = [
        json!({"id": "message-1", "date": "2026-12-07T03:37:12+00:00", "message_type": "approval_request_message",
               "tool_calls": [{"name": "send_email", "arguments": "{}", "tool_call_id": "call-1"}], "seq_id": 2}),
        json!({"id": "message-2", "date": "2026-12-07T03:37:12+00:00", "message_type": "approval_response_message",
               "approvals": [{"type": "approval", "tool_call_id": "call-1", "approve": false, "reason": "no"}]}),
        json!({"id": "message-3", "date": "2026-12-07T03:37:12+00:00", "message_type": "summary_message",
               "summary": "They talked about trains."}),
    ];
    for sample in samples {
        let from_text: LettaMessage = serde_json::from_str(&sample.to_string()).unwrap();
        let from_value = LettaMessage::from_value(sample.clone()).unwrap();
        assert_eq!(from_text, from_value);
        assert_eq!(from_text.message_type(), sample["message_type"]);
        assert!(
            from_text.meta().is_some(),
            "typed, not kept as Other: {from_text:?}"
        );
        assert_eq!(
            serde_json::to_value(&from_text).unwrap(),
            sample,
            "encodes back as it came"
        );
    }
}

#[tokio::test]
async fn an_approval_answer_is_sent_in_the_messages_list() {
    let body =
        r#"{"messages":[],"usage":{},"stop_reason":{"message_type":"stop_reason","stop_reason":"end_turn"}}"#;
    let server = server_answering("200 OK", body).await;
    let answer = ApprovalCreate::new([
        ToolCallOutcome::approve("call-1"),
        ToolCallOutcome::deny("call-2", "not today"),
    ]);
    let mut request = LettaRequest::answer(answer);
    request.messages.push(MessageCreate::user("And then?"));
    client(&server)
        .agents()
        .messages(AgentId::new("agent-1"))
        .send(&request)
        .await
        .unwrap();
    let (line, body) = only_request(&server);
    assert_eq!(line, "POST /v1/agents/agent-1/messages HTTP/1.1");
    assert_eq!(
        body,
        json!({"messages": [
            {"role": "user", "content": "And then?"},
            {"type": "approval", "approvals": [
                {"type": "approval", "tool_call_id": "call-1", "approve": true},
                {"type": "approval", "tool_call_id": "call-2", "approve": false, "reason": "not today"}
            ]}
        ]})
    );
    let decoded: LettaRequest = serde_json::from_value(body).unwrap();
    assert_eq!(
        decoded, request,
        "a request decodes back into messages and approvals"
    );
}

#[tokio::test]
async fn conversation_messages_take_type_lists_and_walk_oldest_first() {
    let server = serve(|request, socket| {
        Box::pin(async move {
            let page = if request.request_line().contains("after=message-2") {
                "[]".to_owned()
            } else {
                let item = |id: &str, text: &str| {
                    json!({"id": id, "date": "2026-12-07T03:31:46+00:00", "message_type": "user_message", "content": text})
                };
                json!([item("message-1", "one"), item("message-2", "two")]).to_string()
            };
            answer(socket, "200 OK", &page).await;
            Next::KeepOpen
        })
    })
    .await;
    let conversations = client(&server);
    let conversations = conversations.conversations();
    let id = ConversationId::new("conv-1");
    let params = ListConversationMessagesParams::builder()
        .include_return_message_types(vec![MessageType::User, MessageType::Assistant])
        .include_err(true)
        .build();
    let page = conversations.messages(&id, &params).await.unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(
        server.all()[0].request_line(),
        "GET /v1/conversations/conv-1/messages?include_err=true\
         &include_return_message_types=user_message&include_return_message_types=assistant_message HTTP/1.1"
    );

    use futures_util::TryStreamExt;
    let all: Vec<LettaMessage> = conversations
        .messages_all(&id, &ListConversationMessagesParams::builder().limit(2).build())
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|m| m.id().unwrap().as_str().to_owned()).collect();
    assert_eq!(ids, ["message-1", "message-2"]);
    let walk: Vec<String> = server.all()[1..]
        .iter()
        .map(|r| r.request_line().to_owned())
        .collect();
    assert_eq!(
        walk.len(),
        2,
        "a page, then the empty page that ends the walk: {walk:?}"
    );
    assert!(walk.iter().all(|line| line.contains("order=asc")), "{walk:?}");
    assert!(walk[1].contains("after=message-2"), "{walk:?}");
}
