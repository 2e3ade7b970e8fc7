//! Archival memory on the real 0.16.8: an agent's passages (stored in its default archive),
//! their semantic search, shared archives attached to agents, and the organization-wide
//! passage search.

use futures_util::TryStreamExt;
use letta_core::types::{
    AgentPageParams, ArchivalMemorySearchParams, ArchiveCreate, ArchivePassageCreate, ArchiveUpdate,
    ListArchivesParams, ListPassagesParams, PassageSearchRequest,
};

use crate::{client, new_agent, server, unique};

const TEXTS: [&str; 3] = [
    "Ada drinks green tea every morning.",
    "The lab is on the third floor.",
    "Chess club meets on Tuesdays.",
];

#[tokio::test]
async fn an_agents_passages_are_stored_listed_searched_and_deleted() {
    let client = client();
    let agent = new_agent(&client, "archival").await;
    let archival = client.agents().archival(&agent.id);
    for text in TEXTS {
        let stored = archival.create(text).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].text, text);
        assert!(stored[0].id.as_str().starts_with("passage-"));
    }

    let listed = archival
        .list(&ListPassagesParams::builder().ascending(true).build())
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), TEXTS);

    let found = archival
        .search(
            &ArchivalMemorySearchParams::builder()
                .query("green tea")
                .top_k(1)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(found.count, 1, "{found:?}");
    assert_eq!(found.results[0].content, TEXTS[0]);
    assert_eq!(found.results[0].id, listed[0].id);

    let paged: Vec<_> = archival
        .list_all(&ListPassagesParams::builder().ascending(true).limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        paged.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        TEXTS,
        "one passage a page, each once, in order"
    );

    // The estimate counts agents' passages only (3 here, at 4 bytes a dimension).
    assert!(client.embeddings().total_storage_size().await.unwrap() > 0.0);

    archival.delete(&listed[1].id).await.unwrap();
    let left = archival
        .list(&ListPassagesParams::builder().ascending(true).build())
        .await
        .unwrap();
    assert_eq!(
        left.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        [TEXTS[0], TEXTS[2]]
    );

    // The agent's passages live in an archive of its own, which the archive listing shows.
    let own = client
        .archives()
        .list(&ListArchivesParams::builder().agent_id(agent.id.clone()).build())
        .await
        .unwrap();
    assert_eq!(own.len(), 1, "{own:?}");
    assert_eq!(left[0].archive_id.as_ref(), Some(&own[0].id));
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn archive_crud_and_its_passages() {
    let client = client();
    let name = unique("research");
    let archive = client
        .archives()
        .create(
            &ArchiveCreate::builder()
                .name(&name)
                .description("Papers we read")
                .embedding_config(server().llm().embedding_config())
                .build(),
        )
        .await
        .unwrap();
    assert!(archive.id.as_str().starts_with("archive-"), "{archive:?}");
    assert_eq!(archive.name, name);
    assert_eq!(archive.description.as_deref(), Some("Papers we read"));

    assert_eq!(client.archives().retrieve(&archive.id).await.unwrap().name, name);
    let renamed = unique("research-renamed");
    let modified = client
        .archives()
        .modify(
            &archive.id,
            &ArchiveUpdate::builder()
                .name(&renamed)
                .description("Papers we cited")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.name, renamed);
    assert_eq!(modified.description.as_deref(), Some("Papers we cited"));
    let named = client
        .archives()
        .list(&ListArchivesParams::builder().name(&renamed).build())
        .await
        .unwrap();
    assert_eq!(named.iter().map(|a| &a.id).collect::<Vec<_>>(), [&archive.id]);

    let one = client
        .archives()
        .create_passage(
            &archive.id,
            &ArchivePassageCreate::builder()
                .text("Ada likes tea.")
                .tags(["people"])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(one.text, "Ada likes tea.");
    assert_eq!(one.archive_id.as_ref(), Some(&archive.id));
    assert_eq!(one.tags.as_deref(), Some(&["people".to_owned()][..]));
    let more = client
        .archives()
        .create_passages(
            &archive.id,
            [
                ArchivePassageCreate::new("Bob likes coffee."),
                ArchivePassageCreate::new("Cleo likes cocoa."),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        more.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        ["Bob likes coffee.", "Cleo likes cocoa."]
    );

    let hits = client
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .query("Bob likes coffee")
                .archive_id(archive.id.clone())
                .limit(10)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert_eq!(hits[0].passage.text, "Bob likes coffee.");
    assert!(hits[0].score >= hits[1].score, "{hits:?}");
    let tagged = client
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .archive_id(archive.id.clone())
                .tags(["people"])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        tagged.iter().map(|h| &h.passage.id).collect::<Vec<_>>(),
        [&one.id]
    );

    client
        .archives()
        .delete_passage(&archive.id, &more[0].id)
        .await
        .unwrap();
    let left = client
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .query("likes")
                .archive_id(archive.id.clone())
                .build(),
        )
        .await
        .unwrap();
    let mut texts: Vec<_> = left.iter().map(|h| h.passage.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["Ada likes tea.", "Cleo likes cocoa."]);

    client.archives().delete(&archive.id).await.unwrap();
    assert!(
        client
            .archives()
            .retrieve(&archive.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn an_attached_archive_is_searched_by_the_agent() {
    let client = client();
    let agent = new_agent(&client, "archive-reader").await;
    let archive = client
        .archives()
        .create(
            &ArchiveCreate::builder()
                .name(unique("shared-archive"))
                .embedding_config(server().llm().embedding_config())
                .build(),
        )
        .await
        .unwrap();
    client
        .archives()
        .create_passage(
            &archive.id,
            &ArchivePassageCreate::new("The boiler is in the cellar."),
        )
        .await
        .unwrap();
    assert!(
        client
            .archives()
            .list_agents(&archive.id, &AgentPageParams::default())
            .await
            .unwrap()
            .is_empty()
    );

    client
        .agents()
        .archives(&agent.id)
        .attach(&archive.id)
        .await
        .unwrap();
    let readers = client
        .archives()
        .list_agents(&archive.id, &AgentPageParams::default())
        .await
        .unwrap();
    assert_eq!(readers.iter().map(|a| &a.id).collect::<Vec<_>>(), [&agent.id]);
    let found = client
        .agents()
        .archival(&agent.id)
        .search(&ArchivalMemorySearchParams::new("boiler cellar"))
        .await
        .unwrap();
    assert_eq!(
        found
            .results
            .iter()
            .map(|r| r.content.as_str())
            .collect::<Vec<_>>(),
        ["The boiler is in the cellar."]
    );
    let by_agent = client
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .query("boiler")
                .agent_id(agent.id.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(by_agent.len(), 1, "{by_agent:?}");
    assert_eq!(by_agent[0].passage.text, "The boiler is in the cellar.");

    // Without an agent or archive the search spans the organization; the passage's words are
    // unique to this test, so it ranks first.
    let everywhere = client
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .query("The boiler is in the cellar.")
                .limit(5)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        everywhere.first().map(|h| h.passage.text.as_str()),
        Some("The boiler is in the cellar."),
        "{everywhere:?}"
    );

    client
        .agents()
        .archives(&agent.id)
        .detach(&archive.id)
        .await
        .unwrap();
    assert!(
        client
            .archives()
            .list_agents(&archive.id, &AgentPageParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    client.archives().delete(&archive.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}
