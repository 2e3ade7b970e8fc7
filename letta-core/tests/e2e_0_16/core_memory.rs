//! An agent's core memory on the real 0.16.8: the whole memory, its blocks by label, a change
//! to one, and a shared block attached and detached.

use letta_core::types::{BlockCreate, BlockUpdate};

use crate::{client, new_agent, unique};

#[tokio::test]
async fn blocks_by_label_retrieve_modify_and_list() {
    let client = client();
    let agent = new_agent(&client, "core").await;
    let memory = client.agents().core_memory(&agent.id);

    let whole = memory.retrieve().await.unwrap();
    assert_eq!(
        whole.block("persona").unwrap().value,
        "I am a careful test agent."
    );
    assert_eq!(whole.block("human").unwrap().value, "Name: Ada");

    let mut labels: Vec<String> = memory
        .list_blocks()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|b| b.label)
        .collect();
    labels.sort();
    assert_eq!(labels, ["human", "persona"]);

    let human = memory.retrieve_block("human").await.unwrap();
    assert_eq!(human.value, "Name: Ada");
    let changed = memory
        .modify_block("human", &BlockUpdate::value("Name: Ada Lovelace"))
        .await
        .unwrap();
    assert_eq!(changed.value, "Name: Ada Lovelace");
    assert_eq!(changed.id, human.id);
    assert_eq!(
        memory.retrieve_block("human").await.unwrap().value,
        "Name: Ada Lovelace"
    );
    assert_eq!(
        memory.retrieve_block("persona").await.unwrap().value,
        "I am a careful test agent."
    );
    assert!(
        memory
            .retrieve_block("nonexistent")
            .await
            .unwrap_err()
            .is_not_found()
    );
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn attach_and_detach_a_shared_block() {
    let client = client();
    let agent = new_agent(&client, "core-attach").await;
    let label = unique("shared");
    let block = client
        .blocks()
        .create(&BlockCreate::new(&label, "Shared facts."))
        .await
        .unwrap();
    let memory = client.agents().core_memory(&agent.id);

    let state = memory.attach_block(&block.id).await.unwrap();
    assert_eq!(
        state.memory.block(&label).map(|b| b.id.clone()),
        Some(block.id.clone())
    );
    assert_eq!(
        memory.retrieve_block(&label).await.unwrap().value,
        "Shared facts."
    );

    let state = memory.detach_block(&block.id).await.unwrap();
    assert!(state.memory.block(&label).is_none());
    assert!(memory.retrieve_block(&label).await.unwrap_err().is_not_found());
    // Detaching keeps the block itself.
    assert_eq!(
        client.blocks().retrieve(&block.id).await.unwrap().value,
        "Shared facts."
    );
    client.blocks().delete(&block.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}
