use futures_util::TryStreamExt;
use letta_core::types::ListPassagesParams;

use crate::{client, new_agent};

#[tokio::test]
async fn insert_list_search_page_and_delete() {
    let client = client();
    let agent = new_agent(&client, "archive").await;
    let archive = client.agents().archival(&agent.id);
    let texts = [
        "Ada drinks green tea every morning.",
        "The lab is on the third floor.",
        "Chess club meets on Tuesdays.",
    ];
    for text in texts {
        let stored = archive.create(text).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].text, text);
        assert!(stored[0].id.as_str().starts_with("passage-"));
    }

    let listed = archive.list(&ListPassagesParams::default()).await.unwrap();
    assert_eq!(listed.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), texts);

    let hits = archive
        .list(&ListPassagesParams::builder().search("green tea").limit(1).build())
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].text, texts[0]);

    let paged: Vec<_> = archive
        .list_all(&ListPassagesParams::builder().limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(paged.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), texts);

    archive.delete(&listed[1].id).await.unwrap();
    let left = archive.list(&ListPassagesParams::default()).await.unwrap();
    assert_eq!(
        left.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        [texts[0], texts[2]]
    );
}

#[tokio::test]
async fn empty_text_is_refused_locally() {
    let client = client();
    let agent = new_agent(&client, "archive-empty").await;
    let err = client
        .agents()
        .archival(&agent.id)
        .create("  ")
        .await
        .unwrap_err();
    assert!(matches!(err, letta_core::LettaError::InvalidInput(_)), "{err}");
}
