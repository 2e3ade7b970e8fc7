use futures_util::StreamExt;
use letta_core::types::{LettaMessage, LettaStreamingRequest, MessageCreate};
use letta_core::{MessageStream, StreamEvent};

use crate::{client, new_agent};

async fn drain(mut stream: MessageStream) -> Vec<StreamEvent> {
    let mut events = Vec::new();
    while let Some(event) = stream.next().await {
        events.push(event.expect("stream event"));
    }
    events
}

fn texts(events: &[StreamEvent]) -> (String, String) {
    let mut reasoning = String::new();
    let mut assistant = String::new();
    for event in events {
        match event {
            StreamEvent::Message(LettaMessage::Reasoning(r)) => reasoning.push_str(&r.reasoning),
            StreamEvent::Message(LettaMessage::Assistant(a)) => assistant.push_str(&a.content.text()),
            _ => {}
        }
    }
    (reasoning, assistant)
}

#[tokio::test]
async fn streaming_steps_yields_whole_messages_then_usage() {
    let client = client();
    let agent = new_agent(&client, "stream-steps").await;
    let stream = client
        .agents()
        .messages(&agent.id)
        .stream(&LettaStreamingRequest::steps(MessageCreate::user("stream me")))
        .await
        .unwrap();
    let events = drain(stream).await;
    let (reasoning, assistant) = texts(&events);
    assert_eq!(reasoning, "The user said: stream me");
    assert_eq!(assistant, "You said: stream me");
    match events.last() {
        Some(StreamEvent::Usage(u)) => assert!(u.step_count >= 1 && u.total_tokens > 0, "{u:?}"),
        other => panic!("usage must come last, got {other:?}"),
    }
}

#[tokio::test]
async fn streaming_tokens_yields_chunks_that_add_up() {
    let client = client();
    let agent = new_agent(&client, "stream-tokens").await;
    let stream = client
        .agents()
        .messages(&agent.id)
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user(
            "token by token please",
        )))
        .await
        .unwrap();
    let events = drain(stream).await;
    let assistant_chunks = events
        .iter()
        .filter(|e| matches!(e, StreamEvent::Message(LettaMessage::Assistant(_))))
        .count();
    assert!(
        assistant_chunks > 1,
        "expected several chunks, got {assistant_chunks}: {events:?}"
    );
    let (reasoning, assistant) = texts(&events);
    assert_eq!(reasoning, "The user said: token by token please");
    assert_eq!(assistant, "You said: token by token please");
    assert!(
        matches!(events.last(), Some(StreamEvent::Usage(_))),
        "{:?}",
        events.last()
    );
}

#[tokio::test]
async fn streaming_a_tool_call_shows_call_and_return() {
    let client = client();
    let agent = new_agent(&client, "stream-tool").await;
    let stream = client
        .agents()
        .messages(&agent.id)
        .stream(&LettaStreamingRequest::steps(MessageCreate::user(
            r#"#call core_memory_append {"label": "human", "content": "Likes chess."}"#,
        )))
        .await
        .unwrap();
    let events = drain(stream).await;
    let call = events.iter().find_map(|e| match e {
        StreamEvent::Message(LettaMessage::ToolCall(c)) => c.tool_call.name.clone(),
        _ => None,
    });
    assert_eq!(call.as_deref(), Some("core_memory_append"));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, StreamEvent::Message(LettaMessage::ToolReturn(_))))
    );
    let human = client
        .agents()
        .core_memory(&agent.id)
        .retrieve_block("human")
        .await
        .unwrap();
    assert!(human.value.contains("Likes chess."), "{}", human.value);
}
