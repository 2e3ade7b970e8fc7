//! Every agent's messages through `/v1/messages` on the real 0.16.8, the OpenAI-compatible chat
//! completions (streamed only there), and the voice endpoint that 0.16.8 retired (410).

use futures_util::StreamExt;
use letta_core::types::{
    ChatCompletionRequest, ChatMessage, LettaMessage, ListAllMessagesParams, MessageCreate, Replies,
    SearchAllMessagesRequest, SortOrder, VoiceChatCompletionRequest,
};

use crate::{client, new_agent};

#[tokio::test]
async fn every_agents_messages_are_listed_and_read_one_by_one() {
    let client = client();
    let agent = new_agent(&client, "all-messages").await;
    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user("#reply listed everywhere").into())
        .await
        .unwrap();
    assert_eq!(turn.assistant_texts(), ["listed everywhere"]);
    let reply_id = turn
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::Assistant(a) => Some(a.meta.id.clone()),
            _ => None,
        })
        .unwrap();

    // Newest first, across every agent: ours is among the newest, unless many tests wrote since.
    let newest = client
        .messages()
        .list(
            &ListAllMessagesParams::builder()
                .limit(1000)
                .order(SortOrder::Desc)
                .build(),
        )
        .await
        .unwrap();
    assert!(
        newest.iter().any(|m| m.id() == Some(&reply_id)),
        "{} messages",
        newest.len()
    );
    // Read alone, a letta_v1_agent's text reply comes back as a reasoning message: this route
    // converts without the agent's reply settings.
    let read = client.messages().retrieve(&reply_id).await.unwrap();
    assert!(
        matches!(read.as_slice(), [LettaMessage::Reasoning(r)]
            if r.meta.id == reply_id && r.reasoning == "listed everywhere"),
        "{read:?}"
    );

    // Searching needs Turbopuffer and message embeddings (Letta Cloud).
    let error = client
        .messages()
        .search(&SearchAllMessagesRequest::builder("listed").build())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert!(error.to_string().contains("Turbopuffer"), "{error}");
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn chat_completions_stream_an_agents_reply() {
    let client = client();
    let agent = new_agent(&client, "chat").await;
    let request = ChatCompletionRequest::new(
        &agent.id,
        [
            ChatMessage::user("ignored: only the last user message counts"),
            ChatMessage::user("#reply as chunks"),
        ],
    );
    let mut chunks = client.chat_completions().stream(&request).await.unwrap();
    let mut text = String::new();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.unwrap();
        assert_eq!(chunk.object, "chat.completion.chunk");
        text.push_str(chunk.text().unwrap_or(""));
    }
    assert_eq!(text, "as chunks");
    // The exchange is the agent's.
    let said: Vec<String> = client
        .agents()
        .messages(&agent.id)
        .list(&Default::default())
        .await
        .unwrap()
        .iter()
        .filter_map(LettaMessage::assistant_text)
        .collect();
    assert_eq!(said, ["as chunks"]);

    // 0.16.8 does not implement the non-streamed form.
    let error = client.chat_completions().create(&request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert!(error.to_string().contains("stream=true"), "{error}");
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn the_voice_endpoint_is_gone_from_0_16_8() {
    let client = client();
    let agent = new_agent(&client, "voice").await;
    let error = client
        .voice()
        .chat_completions(
            &agent.id,
            &VoiceChatCompletionRequest::new("m", [ChatMessage::user("hello voice")]),
        )
        .await
        .err()
        .expect("the server refuses it");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(410), "{error}");
    assert!(error.to_string().contains("deprecated"), "{error}");
    client.agents().delete(&agent.id).await.unwrap();
}
