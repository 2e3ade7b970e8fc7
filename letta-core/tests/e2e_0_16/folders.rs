//! Folders on the real 0.16.8: CRUD, a real multipart upload processed into passages, its
//! files, an agent that opens and closes them, and the organization's storage figures.

use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::types::{
    DuplicateFileHandling, FileProcessingStatus, FileUpload, ListAgentFilesParams, ListFolderFilesParams,
    ListFoldersParams, OrderedPageParams, RetrieveFileParams, SourceCreate, SourceUpdate, UploadFileParams,
};
use letta_core::wait::WaitOptions;

use crate::{client, new_agent, server, unique};

const PROCESSING: Duration = Duration::from_secs(120);

const ADA: &str = "Ada Lovelace wrote the first published program.\nShe worked with Charles Babbage on the Analytical Engine.\n";

fn folder_request(prefix: &str) -> SourceCreate {
    SourceCreate::new(unique(prefix), server().llm().embedding_config())
}

#[tokio::test]
async fn folder_crud_by_name_count_and_metadata() {
    let client = client();
    let folders = client.folders();
    let request = SourceCreate::builder()
        .name(unique("folder"))
        .embedding_config(server().llm().embedding_config())
        .description("Staff handbook")
        .build();
    let folder = folders.create(&request).await.unwrap();
    assert_eq!(folder.name, request.name);
    assert_eq!(folder.description.as_deref(), Some("Staff handbook"));
    // Tests that share the server create and delete folders at the same time, so only the
    // lower bound holds.
    assert!(folders.count().await.unwrap() >= 1);

    assert_eq!(folders.retrieve(&folder.id).await.unwrap().name, folder.name);
    assert_eq!(folders.id_by_name(&folder.name).await.unwrap(), folder.id);
    let named = folders
        .list(&ListFoldersParams::builder().name(folder.name.clone()).build())
        .await
        .unwrap();
    assert_eq!(named.iter().map(|f| &f.id).collect::<Vec<_>>(), [&folder.id]);
    let every: Vec<_> = folders
        .list_all(&ListFoldersParams::builder().limit(50).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(every.iter().filter(|f| f.id == folder.id).count(), 1);

    // 0.16 saves a change (0.7.29 answered the PATCH without saving it).
    let renamed = unique("folder-renamed");
    let modified = folders
        .modify(
            &folder.id,
            &SourceUpdate::builder()
                .name(renamed.clone())
                .instructions("Cite the page.")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.name, renamed);
    let read = folders.retrieve(&folder.id).await.unwrap();
    assert_eq!(read.name, renamed);
    assert_eq!(read.instructions.as_deref(), Some("Cite the page."));
    assert_eq!(folders.id_by_name(&renamed).await.unwrap(), folder.id);

    // 0.16.8 declares `GET /v1/folders/{folder_id}` before `GET /v1/folders/metadata`, so the
    // metadata route is never reached: "metadata" is taken for a folder ID and refused.
    let err = folders.metadata(true).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err}");
    assert!(
        err.detail()
            .is_some_and(|d| d.contains("'folder_id'") && d.contains("'metadata'")),
        "{err}"
    );

    folders.delete(&folder.id).await.unwrap();
    assert!(folders.retrieve(&folder.id).await.unwrap_err().is_not_found());
    assert!(folders.id_by_name(&renamed).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn an_uploaded_file_is_processed_into_passages_an_agent_can_open() {
    let client = client();
    let folders = client.folders();
    let folder = folders.create(&folder_request("ada")).await.unwrap();

    let uploaded = folders
        .upload(
            &folder.id,
            &FileUpload::new("ada.txt", ADA),
            &UploadFileParams::default(),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.source_id, folder.id);
    assert_eq!(uploaded.original_file_name.as_deref(), Some("ada.txt"));
    let file = folders
        .wait_for_file(&uploaded, &WaitOptions::within(PROCESSING))
        .await
        .unwrap();
    assert_eq!(
        file.processing_status,
        Some(FileProcessingStatus::Completed),
        "{file:?}"
    );
    assert_eq!(file.file_size, Some(ADA.len() as u64));
    assert_eq!(file.file_type.as_deref(), Some("text/plain"));

    let with_text = folders
        .retrieve_file(&folder.id, &file.id, &RetrieveFileParams::with_content())
        .await
        .unwrap();
    assert!(
        with_text
            .content
            .as_deref()
            .is_some_and(|c| c.contains("Analytical Engine")),
        "{with_text:?}"
    );
    let files = folders
        .list_files(&folder.id, &ListFolderFilesParams::default())
        .await
        .unwrap();
    assert_eq!(files.iter().map(|f| &f.id).collect::<Vec<_>>(), [&file.id]);
    let every_file: Vec<_> = folders
        .list_all_files(&folder.id, &ListFolderFilesParams::builder().limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(every_file.len(), 1);

    let passages = folders
        .list_passages(&folder.id, &OrderedPageParams::default())
        .await
        .unwrap();
    assert!(!passages.is_empty());
    let joined: String = passages.iter().map(|p| p.text.as_str()).collect();
    assert!(joined.contains("Babbage"), "{joined}");
    assert!(passages.iter().all(|p| p.file_id.as_ref() == Some(&file.id)));
    let every_passage: Vec<_> = folders
        .list_all_passages(&folder.id, &OrderedPageParams::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(every_passage.len(), passages.len());

    let agent = new_agent(&client, "folder-reader").await;
    let attached = client.agents().folders(&agent.id);
    let state = attached
        .attach(&folder.id)
        .await
        .unwrap()
        .expect("this client gets the agent");
    assert!(
        state.sources.iter().any(|s| s.id == folder.id),
        "{:?}",
        state.sources
    );
    let of_agent = attached.list(&OrderedPageParams::default()).await.unwrap();
    assert_eq!(of_agent.iter().map(|f| &f.id).collect::<Vec<_>>(), [&folder.id]);
    let every_one: Vec<_> = attached
        .list_all(&OrderedPageParams::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(every_one.len(), 1);
    assert_eq!(
        folders
            .list_agents(&folder.id, &OrderedPageParams::default())
            .await
            .unwrap(),
        std::slice::from_ref(&agent.id)
    );

    let open_files = client.agents().files(&agent.id);
    let page = open_files.list(&ListAgentFilesParams::default()).await.unwrap();
    assert_eq!(page.files.len(), 1, "{page:?}");
    assert_eq!(page.files[0].file_id, file.id);
    assert_eq!(page.files[0].folder_id, folder.id);
    assert!(!page.has_more);

    open_files.close(&file.id).await.unwrap();
    let closed = open_files
        .list(&ListAgentFilesParams::builder().is_open(true).build())
        .await
        .unwrap();
    assert!(closed.files.is_empty(), "{closed:?}");
    let evicted = open_files.open(&file.id).await.unwrap();
    assert!(evicted.is_empty(), "{evicted:?}");
    let open = open_files
        .list(&ListAgentFilesParams::builder().is_open(true).build())
        .await
        .unwrap();
    assert_eq!(
        open.files.iter().map(|f| &f.file_id).collect::<Vec<_>>(),
        [&file.id]
    );
    assert!(open.files[0].is_open);
    // In an agent's context a file is named after its folder.
    let in_context = format!("{}/{}", folder.name, file.file_name.clone().unwrap());
    assert_eq!(open.files[0].file_name, in_context);
    let closed_all = open_files.close_all().await.unwrap();
    assert_eq!(closed_all, [in_context]);
    assert!(
        open_files
            .list(&ListAgentFilesParams::builder().is_open(true).build())
            .await
            .unwrap()
            .files
            .is_empty()
    );

    let state = attached
        .detach(&folder.id)
        .await
        .unwrap()
        .expect("this client gets the agent");
    assert!(state.sources.iter().all(|s| s.id != folder.id));
    assert!(
        attached
            .list(&OrderedPageParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        open_files
            .list(&ListAgentFilesParams::default())
            .await
            .unwrap()
            .files
            .is_empty()
    );

    folders.delete_file(&folder.id, &file.id).await.unwrap();
    assert!(
        folders
            .list_files(&folder.id, &ListFolderFilesParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        folders
            .list_passages(&folder.id, &OrderedPageParams::default())
            .await
            .unwrap()
            .is_empty()
    );
    folders.delete(&folder.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_duplicate_is_skipped_or_refused_as_asked_and_an_unknown_type_is_415() {
    let client = client();
    let folders = client.folders();
    let folder = folders.create(&folder_request("dup")).await.unwrap();
    let first = folders
        .upload(
            &folder.id,
            &FileUpload::new("notes.md", "# Notes\nAda likes tea.\n"),
            &UploadFileParams::default(),
        )
        .await
        .unwrap();
    let first = folders
        .wait_for_file(&first, &WaitOptions::within(PROCESSING))
        .await
        .unwrap();
    let again = folders
        .upload(
            &folder.id,
            &FileUpload::new("notes.md", "# Other notes\n"),
            &UploadFileParams::builder()
                .duplicate_handling(DuplicateFileHandling::Skip)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    let refused = folders
        .upload(
            &folder.id,
            &FileUpload::new("notes.md", "# Other notes\n"),
            &UploadFileParams::builder()
                .duplicate_handling(DuplicateFileHandling::Error)
                .build(),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400), "{refused}");
    assert!(
        refused.detail().is_some_and(|d| d.contains("notes.md")),
        "{refused}"
    );
    let unsupported = folders
        .upload(
            &folder.id,
            &FileUpload::new("image.bin", vec![0u8, 159, 146, 150]),
            &UploadFileParams::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        unsupported.status().map(|s| s.as_u16()),
        Some(415),
        "{unsupported}"
    );
    assert_eq!(
        folders
            .list_files(&folder.id, &ListFolderFilesParams::default())
            .await
            .unwrap()
            .len(),
        1
    );
    folders.delete(&folder.id).await.unwrap();
}
