//! The voice endpoint, with a voice agent on the scripted LLM (reached through the server's
//! `OPENAI_BASE_URL`, which the harness points at it).

use futures_util::StreamExt;
use letta_core::types::{
    AgentType, ChatMessage, ChatRole, LettaMessage, ListMessagesParams, VoiceChatCompletionRequest,
};
use letta_core::{LettaError, StreamErrorKind};

use crate::{agent_request, client, new_agent, unique};

#[tokio::test]
async fn a_voice_agent_streams_chat_completion_chunks() {
    let client = client();
    let request = agent_request(&unique("voice"))
        .agent_type(AgentType::VoiceConvoAgent)
        .enable_sleeptime(true)
        .build();
    let agent = client.agents().create(&request).await.unwrap();
    assert_eq!(agent.agent_type, AgentType::VoiceConvoAgent);

    let completion = VoiceChatCompletionRequest::new(
        letta_testkit::llm::MODEL,
        [
            ChatMessage {
                role: ChatRole::System,
                content: "ignored: the agent has its own prompt".into(),
                name: None,
            },
            ChatMessage::user("hello voice"),
        ],
    );
    let mut chunks = client
        .voice()
        .chat_completions(&agent.id, &completion)
        .await
        .unwrap();
    let mut text = String::new();
    let mut ids = std::collections::BTreeSet::new();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.unwrap();
        assert_eq!(chunk.object, "chat.completion.chunk");
        assert_eq!(chunk.model, letta_testkit::llm::MODEL);
        ids.insert(chunk.id.clone());
        text.push_str(chunk.text().unwrap_or(""));
    }
    assert_eq!(text, "You said: hello voice");
    assert_eq!(ids.len(), 1, "{ids:?}");

    // The exchange is stored in the agent's conversation.
    let history = client
        .agents()
        .messages(&agent.id)
        .list(&ListMessagesParams::builder().limit(20).build())
        .await
        .unwrap();
    assert!(
        history
            .iter()
            .any(|m| matches!(m, LettaMessage::User(u) if u.content.text() == "hello voice"))
    );
    assert!(
        history
            .iter()
            .any(|m| matches!(m, LettaMessage::Assistant(a) if a.content.text() == "You said: hello voice")),
        "{history:?}"
    );
}

#[tokio::test]
async fn a_plain_agent_cannot_talk_through_the_voice_endpoint() {
    let client = client();
    let agent = new_agent(&client, "not-voice").await;
    let completion = VoiceChatCompletionRequest::new("m", [ChatMessage::user("hi")]);
    // The server fails after the 200 status line and drops the connection mid-body: the stream
    // reports it instead of ending quietly.
    let mut chunks = client
        .voice()
        .chat_completions(&agent.id, &completion)
        .await
        .unwrap();
    match chunks.next().await {
        Some(Err(LettaError::Stream {
            kind: StreamErrorKind::Truncated,
            ..
        }))
        | Some(Err(LettaError::Transport { maybe_sent: true, .. })) => {}
        other => panic!("expected a cut-off stream, got {other:?}"),
    }
    assert!(chunks.next().await.is_none());

    let err = client
        .voice()
        .chat_completions(
            &agent.id,
            &VoiceChatCompletionRequest::new(
                "m",
                [ChatMessage {
                    role: ChatRole::Assistant,
                    content: "last".into(),
                    name: None,
                }],
            ),
        )
        .await
        .err()
        .expect("refused locally");
    assert!(
        matches!(err, LettaError::InvalidInput(ref m) if m.contains("user message")),
        "{err}"
    );
}
