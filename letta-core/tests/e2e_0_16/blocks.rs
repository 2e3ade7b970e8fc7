//! Blocks on the real 0.16.8: CRUD, count, the agents that share a block, and the identities
//! that own one.

use letta_core::types::{
    BlockCreate, BlockUpdate, IdentityCreate, IdentityType, ListBlocksParams, OrderedPageParams, SortOrder,
};

use crate::{client, new_agent, unique};

#[tokio::test]
async fn block_crud_list_count_and_delete() {
    let client = client();
    let label = unique("notes");
    let block = client
        .blocks()
        .create(
            &BlockCreate::builder()
                .label(&label)
                .value("Ship on Fridays.")
                .limit(1000)
                .description("team notes")
                .build(),
        )
        .await
        .unwrap();
    assert!(block.id.as_str().starts_with("block-"));
    assert_eq!(block.label.as_deref(), Some(label.as_str()));
    assert_eq!(block.limit, 1000);
    assert_eq!(block.description.as_deref(), Some("team notes"));
    // Tests that share the server create and delete blocks at the same time, so only the
    // lower bound holds.
    assert!(client.blocks().count().await.unwrap() >= 1);

    assert_eq!(
        client.blocks().retrieve(&block.id).await.unwrap().value,
        "Ship on Fridays."
    );
    let changed = client
        .blocks()
        .modify(&block.id, &BlockUpdate::value("Ship on Mondays."))
        .await
        .unwrap();
    assert_eq!(changed.value, "Ship on Mondays.");
    assert_eq!(
        client.blocks().retrieve(&block.id).await.unwrap().value,
        "Ship on Mondays."
    );

    let listed = client
        .blocks()
        .list(&ListBlocksParams::builder().label(label.clone()).build())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].id, block.id);
    assert_eq!(listed[0].value, "Ship on Mondays.");

    client.blocks().delete(&block.id).await.unwrap();
    assert!(
        client
            .blocks()
            .retrieve(&block.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn a_shared_block_lists_the_agents_it_is_attached_to() {
    let client = client();
    let agent = new_agent(&client, "block-reader").await;
    let block = client
        .blocks()
        .create(&BlockCreate::new(unique("shared"), "Shared facts."))
        .await
        .unwrap();
    assert!(client.blocks().list_agents(&block.id).await.unwrap().is_empty());

    client
        .agents()
        .core_memory(&agent.id)
        .attach_block(&block.id)
        .await
        .unwrap();
    let readers = client.blocks().list_agents(&block.id).await.unwrap();
    assert_eq!(readers.iter().map(|a| &a.id).collect::<Vec<_>>(), [&agent.id]);
    assert_eq!(readers[0].name, agent.name);
    let labels: Vec<_> = readers[0]
        .memory
        .blocks
        .iter()
        .filter_map(|b| b.label.as_deref())
        .collect();
    assert!(
        labels.contains(&"human") && labels.contains(&"persona"),
        "{labels:?}"
    );
    assert!(!readers[0].tools.is_empty(), "{:?}", readers[0]);

    client.agents().delete(&agent.id).await.unwrap();
    assert!(client.blocks().list_agents(&block.id).await.unwrap().is_empty());
    client.blocks().delete(&block.id).await.unwrap();
}

#[tokio::test]
async fn an_identity_attached_to_a_block_owns_it_until_detached() {
    let client = client();
    let key = unique("owner");
    let identity = client
        .identities()
        .create(&IdentityCreate::new(&key, "Block Owner", IdentityType::User))
        .await
        .unwrap();
    let block = client
        .blocks()
        .create(&BlockCreate::new(unique("owned"), "Owned facts."))
        .await
        .unwrap();

    let owned = client
        .blocks()
        .attach_identity(&block.id, &identity.id)
        .await
        .unwrap();
    assert_eq!(owned.id, block.id);
    assert_eq!(owned.value, "Owned facts.");
    let of_identity = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .identity_id(identity.id.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(of_identity.iter().map(|b| &b.id).collect::<Vec<_>>(), [&block.id]);
    // 0.16.8 always answers an identity with empty `block_ids` (deprecated); its blocks are
    // listed by their own route.
    let blocks_of = client
        .identities()
        .list_blocks(&identity.id, &OrderedPageParams::default())
        .await
        .unwrap();
    assert_eq!(blocks_of.iter().map(|b| &b.id).collect::<Vec<_>>(), [&block.id]);

    let unowned = client
        .blocks()
        .detach_identity(&block.id, &identity.id)
        .await
        .unwrap();
    assert_eq!(unowned.id, block.id);
    assert!(
        client
            .identities()
            .list_blocks(&identity.id, &OrderedPageParams::default())
            .await
            .unwrap()
            .is_empty()
    );

    client.blocks().delete(&block.id).await.unwrap();
    client.identities().delete(&identity.id).await.unwrap();
}

#[tokio::test]
async fn a_value_over_the_limit_is_stored_all_the_same() {
    // 0.7.29 refused this block (422, "Edit failed: Exceeds 10 character limit"); 0.16.8 no
    // longer checks a new block's value against its limit.
    let client = client();
    let block = client
        .blocks()
        .create(
            &BlockCreate::builder()
                .label(unique("tiny"))
                .value("x".repeat(50))
                .limit(10)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(block.limit, 10);
    assert_eq!(client.blocks().retrieve(&block.id).await.unwrap().value.len(), 50);
    client.blocks().delete(&block.id).await.unwrap();
}

#[tokio::test]
async fn blocks_are_found_by_tag_by_text_and_by_how_many_agents_use_them() {
    let client = client();
    let tag = unique("topic");
    let marker = unique("Marker");
    let used = client
        .blocks()
        .create(
            &BlockCreate::builder()
                .label(unique("used"))
                .value(format!("Seen by one agent: {marker}"))
                .description("the shared one")
                .tags([tag.clone(), "shared".to_owned()])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(used.tags.as_deref().map(<[String]>::len), Some(2), "{used:?}");
    let spare = client
        .blocks()
        .create(
            &BlockCreate::builder()
                .label(unique("spare"))
                .value(format!("Seen by nobody: {marker}"))
                .tags([tag.clone()])
                .build(),
        )
        .await
        .unwrap();
    let agent = new_agent(&client, "block-count").await;
    client
        .agents()
        .core_memory(&agent.id)
        .attach_block(&used.id)
        .await
        .unwrap();

    let ids = |blocks: Vec<letta_core::types::Block>| {
        blocks.into_iter().map(|b| b.id.to_string()).collect::<Vec<_>>()
    };
    let tagged = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .tags([tag.clone()])
                .order(SortOrder::Asc)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(tagged), [used.id.as_str(), spare.id.as_str()]);
    let both_tags = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .tags([tag.clone(), "shared".to_owned()])
                .match_all_tags(true)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(both_tags), [used.id.as_str()]);
    // The value search ignores case.
    let by_value = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .value_search(marker.to_lowercase())
                .order(SortOrder::Desc)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(by_value), [spare.id.as_str(), used.id.as_str()]);
    let unused = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .value_search(marker.clone())
                .connected_to_agents_count_eq(0)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(unused), [spare.id.as_str()]);
    let in_use = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .value_search(marker.clone())
                .connected_to_agents_count_gt(0)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(in_use), [used.id.as_str()]);
    let by_description = client
        .blocks()
        .list(
            &ListBlocksParams::builder()
                .tags([tag.clone()])
                .description_search("SHARED ONE")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(ids(by_description), [used.id.as_str()]);

    let retagged = client
        .blocks()
        .modify(&spare.id, &BlockUpdate::builder().tags(["retired"]).build())
        .await
        .unwrap();
    assert_eq!(retagged.tags, Some(vec!["retired".to_owned()]));
    let still_tagged = client
        .blocks()
        .list(&ListBlocksParams::builder().tags([tag]).build())
        .await
        .unwrap();
    assert_eq!(ids(still_tagged), [used.id.as_str()]);

    client.agents().delete(&agent.id).await.unwrap();
    client.blocks().delete(&used.id).await.unwrap();
    client.blocks().delete(&spare.id).await.unwrap();
}
