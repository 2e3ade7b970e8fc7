use letta_core::types::{BlockCreate, BlockUpdate, ListBlocksParams};

use crate::{client, unique};

#[tokio::test]
async fn block_crud_list_and_count() {
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

    let listed = client
        .blocks()
        .list(&ListBlocksParams::builder().label(label.clone()).build())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, block.id);
    assert!(client.blocks().count().await.unwrap() >= 1);

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
async fn a_value_over_the_limit_is_rejected_with_the_servers_reason() {
    let client = client();
    let err = client
        .blocks()
        .create(
            &BlockCreate::builder()
                .label(unique("tiny"))
                .value("x".repeat(50))
                .limit(10)
                .build(),
        )
        .await
        .unwrap_err();
    assert!(err.status().is_some_and(|s| s.is_client_error()), "{err}");
    assert!(err.detail().is_some_and(|d| d.contains("limit")), "{err}");
}
