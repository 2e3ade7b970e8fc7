//! Agents on the real 0.16.8: a `letta_v1_agent` replies with plain text, and an agent read back
//! carries its tools and memory blocks (the client's User-Agent gets 0.16's full agent state).

use letta_core::types::MessageCreate;

use crate::{client, new_agent};

#[tokio::test]
async fn a_v1_agent_replies_and_reads_back_whole() {
    let client = client();
    let agent = new_agent(&client, "whole").await;
    assert_eq!(agent.agent_type.as_str(), "letta_v1_agent");
    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user("#reply plain words").into())
        .await
        .unwrap();
    let replies: Vec<String> = turn.messages.iter().filter_map(|m| m.assistant_text()).collect();
    assert_eq!(replies, ["plain words"], "{turn:?}");

    let read = client.agents().retrieve(&agent.id).await.unwrap();
    let labels: Vec<_> = read
        .memory
        .blocks
        .iter()
        .filter_map(|b| b.label.as_deref())
        .collect();
    assert!(
        labels.contains(&"human") && labels.contains(&"persona"),
        "{labels:?}"
    );
    assert!(
        !read.tools.is_empty(),
        "0.16 sends the tools to this client: {read:?}"
    );
    let listed = client
        .agents()
        .list(
            &letta_core::types::ListAgentsParams::builder()
                .name(agent.name.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(!listed[0].memory.blocks.is_empty() && !listed[0].tools.is_empty());
    client.agents().delete(&agent.id).await.unwrap();
}
