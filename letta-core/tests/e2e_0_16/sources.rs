//! Sources on the real 0.16.8, which still serves the routes it deprecated for folders: CRUD,
//! an upload answered with the file (0.7.x answered a job), its files and passages, and the
//! agents it is attached to.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::ids::{FolderId, SourceId};
use letta_core::types::{
    FileProcessingStatus, FileUpload, ListSourcePassagesParams, PageParams, RetrieveFileParams, SourceCreate,
    SourceUpdate, UploadFileParams,
};

use crate::{client, new_agent, server, unique};

const PROCESSING: Duration = Duration::from_secs(120);

const TEXT: &str = "The lighthouse keeper counts gulls.\nThe harbour wall faces west.\n";

#[tokio::test]
async fn source_crud_by_name_count_and_metadata() {
    let client = client();
    let sources = client.sources();
    let request = SourceCreate::builder()
        .name(unique("src"))
        .embedding_config(server().llm().embedding_config())
        .description("Staff handbook")
        .build();
    let source = sources.create(&request).await.unwrap();
    assert_eq!(source.name, request.name);
    assert_eq!(source.description.as_deref(), Some("Staff handbook"));
    // Tests that share the server create and delete sources at the same time, so only the
    // lower bound holds.
    assert!(sources.count().await.unwrap() >= 1);
    assert_eq!(sources.retrieve(&source.id).await.unwrap().name, source.name);
    assert_eq!(sources.id_by_name(&source.name).await.unwrap(), source.id);
    assert_eq!(
        sources
            .list()
            .await
            .unwrap()
            .iter()
            .filter(|s| s.id == source.id)
            .count(),
        1
    );

    // Unlike 0.7.29, 0.16 saves the change.
    let renamed = unique("src-renamed");
    let modified = sources
        .modify(&source.id, &SourceUpdate::builder().name(renamed.clone()).build())
        .await
        .unwrap();
    assert_eq!(modified.name, renamed);
    assert_eq!(sources.id_by_name(&renamed).await.unwrap(), source.id);

    // As with folders, `GET /v1/sources/{source_id}` is declared first and takes "metadata"
    // for a source ID: the route is never reached on 0.16.8.
    let err = sources.metadata(false).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err}");
    assert!(
        err.detail()
            .is_some_and(|d| d.contains("'source_id'") && d.contains("'metadata'")),
        "{err}"
    );

    sources.delete(&source.id).await.unwrap();
    assert!(sources.retrieve(&source.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn an_uploaded_file_becomes_passages_of_an_attached_source() {
    let client = client();
    let sources = client.sources();
    let source = sources
        .create(&SourceCreate::new(
            unique("gulls"),
            server().llm().embedding_config(),
        ))
        .await
        .unwrap();

    let upload = sources
        .upload(
            &source.id,
            &FileUpload::new("gulls.txt", TEXT),
            &UploadFileParams::builder().name("harbour.txt").build(),
        )
        .await
        .unwrap();
    let uploaded = upload.file().expect("0.16 answers an upload with the file");
    assert_eq!(uploaded.source_id, source.id);
    assert_eq!(
        uploaded.original_file_name.as_deref(),
        Some("harbour.txt"),
        "the name asked for replaces the uploaded one: {uploaded:?}"
    );
    let done = sources.wait_for_upload(&upload, PROCESSING).await.unwrap();
    let file = done.file().unwrap().clone();
    assert_eq!(file.id, uploaded.id);
    assert_eq!(
        file.processing_status,
        Some(FileProcessingStatus::Completed),
        "{file:?}"
    );

    let files = sources
        .list_files(&source.id, &PageParams::default())
        .await
        .unwrap();
    assert_eq!(files.iter().map(|f| &f.id).collect::<Vec<_>>(), [&file.id]);
    let with_text = sources
        .retrieve_file(&source.id, &file.id, &RetrieveFileParams::with_content())
        .await
        .unwrap();
    assert!(
        with_text
            .content
            .as_deref()
            .is_some_and(|c| c.contains("harbour wall")),
        "{with_text:?}"
    );
    let passages = sources
        .list_passages(&source.id, &ListSourcePassagesParams::default())
        .await
        .unwrap();
    let joined: String = passages.iter().map(|p| p.text.as_str()).collect();
    assert!(joined.contains("lighthouse keeper"), "{joined}");

    let agent = new_agent(&client, "source-reader").await;
    let attached = client
        .agents()
        .sources(&agent.id)
        .attach(&source.id)
        .await
        .unwrap();
    assert!(attached.sources.iter().any(|s| s.id == source.id));
    assert_eq!(
        client
            .agents()
            .sources(&agent.id)
            .list()
            .await
            .unwrap()
            .iter()
            .map(|s| &s.id)
            .collect::<Vec<_>>(),
        [&source.id]
    );
    assert_eq!(
        sources.list_agents(&source.id).await.unwrap(),
        std::slice::from_ref(&agent.id)
    );

    let detached = client
        .agents()
        .sources(&agent.id)
        .detach(&source.id)
        .await
        .unwrap();
    assert!(detached.sources.iter().all(|s| s.id != source.id));
    assert!(
        client
            .agents()
            .sources(&agent.id)
            .list()
            .await
            .unwrap()
            .is_empty()
    );
    assert!(sources.list_agents(&source.id).await.unwrap().is_empty());

    sources.delete_file(&source.id, &file.id).await.unwrap();
    assert!(
        sources
            .list_files(&source.id, &PageParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    sources.delete(&source.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_long_file_is_split_and_paged_once_each() {
    let client = client();
    let sources = client.sources();
    let source = sources
        .create(&SourceCreate::new(
            unique("long"),
            server().llm().embedding_config(),
        ))
        .await
        .unwrap();
    let text: String = (1..=40)
        .map(|n| {
            format!(
                "Fact number {n} says that the lighthouse keeper counted {n} gulls on a windy morning by the harbour wall.\n\n"
            )
        })
        .collect();
    let upload = sources
        .upload(
            &source.id,
            &FileUpload::new("facts.md", text),
            &UploadFileParams::default(),
        )
        .await
        .unwrap();
    let done = sources.wait_for_upload(&upload, PROCESSING).await.unwrap();
    let file = done.file().unwrap();
    assert_eq!(
        file.processing_status,
        Some(FileProcessingStatus::Completed),
        "{file:?}"
    );
    // 0.7.29 stored the type the upload named (`text/markdown`); 0.16.8 guesses its own.
    assert_eq!(file.file_type.as_deref(), Some("text/x-markdown"));
    let chunks = file.total_chunks.unwrap();
    assert!(chunks >= 3, "the file should need several chunks: {chunks}");

    let all: Vec<_> = sources
        .list_all_passages(&source.id, &ListSourcePassagesParams::builder().limit(2).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len() as u64, chunks);
    let ids: HashSet<_> = all.iter().map(|p| &p.id).collect();
    assert_eq!(ids.len(), all.len(), "a passage was listed twice");
    let joined: String = all.iter().map(|p| p.text.as_str()).collect();
    for n in [1, 20, 40] {
        assert!(
            joined.contains(&format!("Fact number {n} says")),
            "fact {n} missing"
        );
    }
    let files: Vec<_> = sources
        .list_all_files(&source.id, &PageParams::limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(files.iter().map(|f| &f.id).collect::<Vec<_>>(), [&file.id]);

    sources.delete(&source.id).await.unwrap();
    assert!(
        sources
            .list_passages(&source.id, &ListSourcePassagesParams::default())
            .await
            .unwrap_or_default()
            .is_empty(),
        "deleting a source deletes its passages"
    );
}

#[tokio::test]
async fn uploading_to_a_missing_source_or_folder_is_not_found() {
    let client = client();
    let missing = "source-00000000-0000-4000-8000-000000000000";
    let err = client
        .sources()
        .upload(
            &SourceId::new(missing),
            &FileUpload::new("x.txt", "x"),
            &UploadFileParams::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = client
        .folders()
        .upload(
            &FolderId::new(missing),
            &FileUpload::new("x.txt", "x"),
            &UploadFileParams::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
}
