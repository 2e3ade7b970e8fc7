//! One client for both servers, on the real 0.16.8: the version is learned, a 0.7-only operation
//! is refused with nothing sent, and the operations 0.16 reshaped go out in its shape.

use letta_core::ids::{AgentId, PassageId};
use letta_core::types::{MessageCreate, ProviderType};
use letta_core::{ApiLevel, LettaClient, LettaError, ServerVersion, operations};
use letta_testkit::fault_proxy::FaultProxy;

use crate::{client, new_agent, server};

#[tokio::test]
async fn the_client_learns_it_talks_to_0_16_8() {
    let client = client();
    let health = client.health().check().await.unwrap();
    assert_eq!(health.version, "0.16.8");
    assert_eq!(
        client.server_version().await.unwrap(),
        Some(ServerVersion::V0_16_8)
    );
    assert_eq!(client.api_level().await.unwrap(), ApiLevel::V0_16);
}

#[tokio::test]
async fn a_0_7_operation_is_refused_by_the_real_0_16_8_server_with_nothing_sent() {
    // The proxy counts what reaches the server.
    let proxy = FaultProxy::in_front_of(server()).unwrap();
    let client = LettaClient::new(proxy.base_url()).unwrap();
    let agent = AgentId::new("agent-00000000-0000-4000-8000-000000000000");
    let passage = PassageId::new("passage-00000000-0000-4000-8000-000000000000");
    let error = client
        .call::<serde_json::Value>(
            operations::modify_passage(&agent, &passage).json(&serde_json::json!({"text": "x"})),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&error, LettaError::NotServed { operation: "modify_passage", server_version, .. } if server_version == "0.16.8"),
        "{error:?}"
    );
    let group = letta_core::ids::GroupId::new("group-00000000-0000-4000-8000-000000000000");
    let error = client
        .call::<serde_json::Value>(operations::send_group_message(&group))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            LettaError::NotServed {
                operation: "send_group_message",
                ..
            }
        ),
        "{error:?}"
    );
    // Only the health check went out, once.
    assert_eq!(proxy.stats().requests, 1);
    // An operation both serve still goes, and the server answers it.
    let agents: Vec<serde_json::Value> = client.call(operations::list_agents()).await.unwrap();
    drop(agents);
    assert_eq!(proxy.stats().requests, 2);
}

#[tokio::test]
async fn reset_messages_takes_its_flag_in_the_body_on_0_16() {
    // 0.7.x read the flag from the query; 0.16 answers that with 422.
    let client = client();
    let agent = new_agent(&client, "reset").await;
    let messages = client.agents().messages(&agent.id);
    let turn = messages
        .send(&MessageCreate::user("#reply hello there").into())
        .await
        .unwrap();
    assert!(
        turn.messages
            .iter()
            .any(|m| m.assistant_text().as_deref() == Some("hello there")),
        "{turn:?}"
    );
    let in_context = |state: &letta_core::types::AgentState| state.message_ids.clone().unwrap_or_default();
    let before = client.agents().retrieve(&agent.id).await.unwrap();
    assert!(
        in_context(&before).len() >= 3,
        "system, user, reply: {:?}",
        before.message_ids
    );
    let reset = messages.reset(false).await.unwrap();
    assert_eq!(reset.id, agent.id);
    // 0.16 keeps the old messages in recall memory (the list still has them); what a reset
    // clears is the context: only the system prompt is left in it.
    assert_eq!(in_context(&reset).len(), 1, "{:?}", reset.message_ids);
    assert_eq!(in_context(&reset)[0], in_context(&before)[0]);
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_provider_check_is_a_post_on_0_16() {
    // The key is fake and the provider's public API is out of reach: the server answers with an
    // error about the key or the network, never 405 (wrong method) or 422 (wrong shape).
    let error = client()
        .providers()
        .check(ProviderType::Anthropic, "sk-ant-not-a-real-key")
        .await
        .unwrap_err();
    let status = error.status().expect("the server answered");
    assert!(![405, 422].contains(&status.as_u16()), "{error}");
}
