use letta_core::LettaError;
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
    assert!(
        whole
            .prompt_template
            .as_deref()
            .unwrap_or("")
            .contains("block.label")
    );

    let mut labels: Vec<String> = memory
        .list_blocks()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|b| b.label)
        .collect();
    labels.sort();
    assert_eq!(labels, vec!["human", "persona"]);

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
    // The persona is untouched.
    assert_eq!(
        memory.retrieve_block("persona").await.unwrap().value,
        "I am a careful test agent."
    );
}

#[tokio::test]
async fn modifying_an_unknown_label_is_refused_and_changes_nothing() {
    let client = client();
    let agent = new_agent(&client, "core-unknown").await;
    let memory = client.agents().core_memory(&agent.id);
    let err = memory
        .modify_block("nonexistent", &BlockUpdate::value("oops"))
        .await
        .unwrap_err();
    match &err {
        LettaError::InvalidInput(message) => {
            assert!(
                message.contains("nonexistent") && message.contains("human"),
                "{message}"
            )
        }
        other => panic!("unexpected {other:?}"),
    }
    let values: Vec<String> = memory
        .list_blocks()
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.value)
        .collect();
    assert!(!values.contains(&"oops".to_string()), "{values:?}");
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
    assert!(
        memory
            .retrieve_block(&label)
            .await
            .unwrap_err()
            .status()
            .is_some()
    );
    // Detaching keeps the block itself.
    assert_eq!(
        client.blocks().retrieve(&block.id).await.unwrap().value,
        "Shared facts."
    );
}
