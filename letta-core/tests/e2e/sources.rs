use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::LettaError;
use letta_core::ids::SourceId;
use letta_core::types::{
    FileUpload, JobStatus, LettaMessage, ListSourcePassagesParams, MessageCreate, PageParams, SourceCreate,
    SourceUpdate,
};

use crate::{client, embedding_config, new_agent, unique};

const UPLOAD_WAIT: Duration = Duration::from_secs(90);

fn source_request(prefix: &str) -> SourceCreate {
    SourceCreate::new(unique(prefix), embedding_config())
}

#[tokio::test]
async fn source_create_retrieve_find_list_count_modify_delete() {
    let client = client();
    let request = SourceCreate::builder()
        .name(unique("src"))
        .embedding_config(embedding_config())
        .description("Staff handbook")
        .build();
    let source = client.sources().create(&request).await.unwrap();
    assert_eq!(source.name, request.name);
    assert_eq!(source.description.as_deref(), Some("Staff handbook"));
    assert_eq!(
        source.embedding_config.embedding_dim,
        embedding_config().embedding_dim
    );
    assert!(source.created_at.is_some());

    assert_eq!(
        client.sources().retrieve(&source.id).await.unwrap().name,
        source.name
    );
    assert_eq!(
        client.sources().id_by_name(&source.name).await.unwrap(),
        source.id
    );
    let listed = client.sources().list().await.unwrap();
    assert_eq!(
        listed.iter().filter(|s| s.id == source.id).count(),
        1,
        "the new source is listed once"
    );
    assert!(client.sources().count().await.unwrap() >= 1);

    // 0.7.29 answers the PATCH with the change but does not save it; `modify` returns the
    // source as stored, so the change visibly did not happen.
    let renamed = unique("src-renamed");
    let modified = client
        .sources()
        .modify(
            &source.id,
            &SourceUpdate::builder()
                .name(renamed.clone())
                .instructions("Cite the page.")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified, client.sources().retrieve(&source.id).await.unwrap());
    assert_eq!(modified.name, source.name, "0.7.29 does not save source changes");
    assert!(
        client
            .sources()
            .id_by_name(&renamed)
            .await
            .unwrap_err()
            .is_not_found()
    );

    client.sources().delete(&source.id).await.unwrap();
    assert!(
        client
            .sources()
            .retrieve(&source.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        client
            .sources()
            .id_by_name(&source.name)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn a_source_without_an_embedding_is_refused_before_sending() {
    let err = client()
        .sources()
        .create(&SourceCreate::builder().name(unique("noembed")).build())
        .await
        .unwrap_err();
    assert!(
        matches!(err, LettaError::InvalidInput(ref m) if m.contains("embedding")),
        "{err}"
    );
}

#[tokio::test]
async fn uploading_to_a_missing_source_is_not_found() {
    // 0.7.29 answers this with a bare 500; the client reports the 404 of the source.
    let err = client()
        .sources()
        .upload(
            &SourceId::new("source-00000000-0000-4000-8000-000000000000"),
            &FileUpload::new("x.txt", "x"),
            &Default::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

const ADA: &str = "Ada Lovelace wrote the first published program.\nShe worked with Charles Babbage on the Analytical Engine.\n";

#[tokio::test]
async fn an_uploaded_file_becomes_passages_an_attached_agent_can_search() {
    let client = client();
    let source = client.sources().create(&source_request("ada")).await.unwrap();

    let upload = client
        .sources()
        .upload(&source.id, &FileUpload::new("ada.txt", ADA), &Default::default())
        .await
        .unwrap();
    let job = upload.job().expect("0.7.29 answers an upload with a job").clone();
    let metadata = job.metadata.clone().unwrap();
    assert_eq!(metadata["filename"], "ada.txt");
    assert_eq!(metadata["source_id"], source.id.as_str());
    let done = client.sources().wait_for_job(&job, UPLOAD_WAIT).await.unwrap();
    assert_eq!(done.id, job.id);
    assert_eq!(done.status, JobStatus::Completed);
    assert_eq!(done.num_documents(), Some(1));
    assert_eq!(done.num_passages(), Some(1));
    assert!(done.completed_at.is_some());

    let files = client
        .sources()
        .list_files(&source.id, &PageParams::default())
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file.source_id, source.id);
    assert_eq!(file.file_type.as_deref(), Some("text/plain"));
    assert_eq!(file.file_size, Some(ADA.len() as u64));
    let stored_name = file.file_name.clone().unwrap();
    assert!(
        stored_name.starts_with("ada") && stored_name.ends_with(".txt"),
        "{stored_name}"
    );

    let passages = client
        .sources()
        .list_passages(&source.id, &ListSourcePassagesParams::default())
        .await
        .unwrap();
    assert_eq!(passages.len(), 1);
    assert_eq!(passages[0].text.trim(), ADA.trim());
    assert_eq!(passages[0].file_id.as_deref(), Some(file.id.as_str()));
    assert_eq!(passages[0].source_id.as_deref(), Some(source.id.as_str()));

    let agent = new_agent(&client, "reader").await;
    let attached = client
        .agents()
        .sources(&agent.id)
        .attach(&source.id)
        .await
        .unwrap();
    assert_eq!(
        attached.sources.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec![source.id.as_str()]
    );
    let sources = client.agents().sources(&agent.id).list().await.unwrap();
    assert_eq!(
        sources.iter().map(|s| &s.id).collect::<Vec<_>>(),
        vec![&source.id]
    );

    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user(
            r#"#call archival_memory_search {"query": "Babbage"}"#,
        ))
        .await
        .unwrap();
    let found = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r.tool_return.clone()),
            _ => None,
        })
        .expect("a tool return");
    assert!(found.contains("Analytical Engine"), "{found}");

    let detached = client
        .agents()
        .sources(&agent.id)
        .detach(&source.id)
        .await
        .unwrap();
    assert!(detached.sources.is_empty());
    assert!(
        client
            .agents()
            .sources(&agent.id)
            .list()
            .await
            .unwrap()
            .is_empty()
    );

    client.sources().delete_file(&source.id, &file.id).await.unwrap();
    assert!(
        client
            .sources()
            .list_files(&source.id, &PageParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    client.sources().delete(&source.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_long_file_is_split_and_paged_in_order() {
    let client = client();
    let source = client.sources().create(&source_request("long")).await.unwrap();
    let text: String = (1..=40)
        .map(|n| {
            format!(
                "Fact number {n} says that the lighthouse keeper counted {n} gulls on a windy morning by the harbour wall.\n\n"
            )
        })
        .collect();
    let job = client
        .sources()
        .upload(
            &source.id,
            &FileUpload::new("facts.md", text.clone()),
            &Default::default(),
        )
        .await
        .unwrap()
        .job()
        .expect("0.7.29 answers an upload with a job")
        .clone();
    let done = client.sources().wait_for_job(&job, UPLOAD_WAIT).await.unwrap();
    assert_eq!(done.status, JobStatus::Completed);
    let expected = done.num_passages().unwrap();
    assert!(expected >= 3, "the file should need several chunks: {expected}");

    let all: Vec<_> = client
        .sources()
        .list_all_passages(&source.id, &ListSourcePassagesParams::builder().limit(2).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len() as u64, expected);
    let ids: std::collections::HashSet<_> = all.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids.len(), all.len(), "a passage was listed twice");
    let joined: String = all.iter().map(|p| p.text.as_str()).collect();
    for n in [1, 20, 40] {
        assert!(
            joined.contains(&format!("Fact number {n} says")),
            "fact {n} missing"
        );
    }

    let files: Vec<_> = client
        .sources()
        .list_all_files(&source.id, &PageParams::limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_type.as_deref(), Some("text/markdown"));
    client.sources().delete(&source.id).await.unwrap();
    assert!(
        client
            .sources()
            .list_passages(&source.id, &ListSourcePassagesParams::default())
            .await
            .unwrap()
            .is_empty(),
        "deleting a source deletes its passages"
    );
}
