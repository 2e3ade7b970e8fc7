//! The limit layer against the real Letta server.

use letta_core::LettaClient;
use letta_core::ids::MessageId;
use letta_core::types::Replies;
use letta_core::types::{BlockCreate, LettaMessage, ListMessagesParams, MessageCreate};
use letta_orchestrator::layers::limit::{LimitConfig, LimitLayer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sends_to_one_agent_are_queued_and_every_turn_is_kept() {
    let server = letta_testkit::shared_selected();
    let client = LettaClient::builder()
        .base_url(server.base_url())
        .layer(LimitLayer::new(LimitConfig::recommended().max_in_flight(8)))
        .build()
        .unwrap();
    let agent = client
        .agents()
        .create(
            &server
                .llm()
                .agent_request(letta_testkit::unique_name("limits"))
                .memory_blocks([BlockCreate::new("human", "Name: Ada")])
                .build(),
        )
        .await
        .unwrap();
    let sends = (0..6).map(|i| {
        let client = client.clone();
        let id = agent.id.clone();
        tokio::spawn(async move {
            client
                .agents()
                .messages(&id)
                .send(MessageCreate::user(format!("turn {i}")))
                .await
        })
    });
    let mut replies = Vec::new();
    for send in sends {
        replies.push(send.await.unwrap().unwrap().assistant_texts());
    }
    for i in 0..6 {
        assert!(
            replies.iter().any(|r| r == &vec![format!("You said: turn {i}")]),
            "{replies:?}"
        );
    }
    // Every turn stays in the agent's context: 6 user messages, each answered.
    let state = client.agents().retrieve(&agent.id).await.unwrap();
    let in_context: std::collections::HashSet<MessageId> =
        state.message_ids.unwrap_or_default().into_iter().collect();
    let history = client
        .agents()
        .messages(&agent.id)
        .list(&ListMessagesParams::builder().limit(200).build())
        .await
        .unwrap();
    let turns: Vec<&LettaMessage> = history
        .iter()
        .filter(|m| matches!(m, LettaMessage::User(u) if u.content.text().contains("turn ")))
        .collect();
    assert_eq!(turns.len(), 6);
    for turn in turns {
        let id = turn.id().unwrap();
        assert!(
            in_context.contains(id),
            "user message {id} fell out of the agent's context"
        );
    }
}

#[tokio::test]
async fn the_recommended_stack_talks_to_the_real_server() {
    use letta_orchestrator::layers::RecommendedLayers;
    let server = letta_testkit::shared_selected();
    let client = LettaClient::builder()
        .base_url(server.base_url())
        .recommended_layers()
        .build()
        .unwrap();
    assert_eq!(
        client.health().check().await.unwrap().version,
        server.release().as_str()
    );
    let agent = client
        .agents()
        .create(
            &server
                .llm()
                .agent_request(letta_testkit::unique_name("stack"))
                .build(),
        )
        .await
        .unwrap();
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("stacked"))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), vec!["You said: stacked".to_string()]);
}
