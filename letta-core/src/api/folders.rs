//! Folders (`/v1/folders/`, Letta 0.16): 0.16's name for sources. Uploaded files are split into
//! passages that agents with the folder attached can search, and open as files in their
//! context. A folder is a [`Source`](crate::types::Source) with the same ID.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::TryStreamExt;
//! use letta_core::types::{
//!     DuplicateFileHandling, FileUpload, ListAgentFilesParams, ListFolderFilesParams, ListFoldersParams,
//!     OrderedPageParams, RetrieveFileParams, SourceCreate, SourceUpdate, UploadFileParams,
//! };
//! use letta_core::wait::WaitOptions;
//! use std::time::Duration;
//! let folders = client.folders();
//! let folder = folders
//!     .create(&SourceCreate::with_embedding_handle("handbook", "openai/text-embedding-3-small"))
//!     .await?;
//! let file = folders
//!     .upload(
//!         &folder.id,
//!         &FileUpload::new("rules.txt", "Lunch is at noon."),
//!         &UploadFileParams::builder().duplicate_handling(DuplicateFileHandling::Replace).build(),
//!     )
//!     .await?;
//! let file = folders.wait_for_file(&file, &WaitOptions::within(Duration::from_secs(60))).await?;
//! let with_text = folders.retrieve_file(&folder.id, &file.id, &RetrieveFileParams::with_content()).await?;
//! let files = folders.list_files(&folder.id, &ListFolderFilesParams::default()).await?;
//! let every_file: Vec<_> = folders.list_all_files(&folder.id, &ListFolderFilesParams::default()).try_collect().await?;
//! let passages = folders.list_passages(&folder.id, &OrderedPageParams::default()).await?;
//! let every_passage: Vec<_> = folders.list_all_passages(&folder.id, &OrderedPageParams::default()).try_collect().await?;
//!
//! let attached = client.agents().folders(&agent);
//! attached.attach(&folder.id).await?;
//! let of_agent = attached.list(&OrderedPageParams::default()).await?;
//! let every_one: Vec<_> = attached.list_all(&OrderedPageParams::default()).try_collect().await?;
//! let readers = folders.list_agents(&folder.id, &OrderedPageParams::default()).await?;
//! let open_files = client.agents().files(&agent);
//! let evicted = open_files.open(&file.id).await?;
//! let page = open_files.list(&ListAgentFilesParams::builder().is_open(true).build()).await?;
//! open_files.close(&file.id).await?;
//! let closed = open_files.close_all().await?;
//! attached.detach(&folder.id).await?;
//!
//! folders.modify(&folder.id, &SourceUpdate::builder().description("Staff rules").build()).await?;
//! let same = folders.retrieve(&folder.id).await?;
//! let named = folders.list(&ListFoldersParams::builder().name("handbook").build()).await?;
//! let every_folder: Vec<_> = folders.list_all(&ListFoldersParams::default()).try_collect().await?;
//! let how_many = folders.count().await?;
//! let stats = folders.metadata(true).await?;
//! let id = folders.id_by_name("handbook").await?;
//! folders.delete_file(&folder.id, &file.id).await?;
//! folders.delete(&folder.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, FileId, FolderId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    AgentFilesPage, AgentState, FileMetadata, FileUpload, Folder, ListAgentFilesParams,
    ListFolderFilesParams, ListFoldersParams, OrderedPageParams, OrganizationSourcesStats, Passage,
    RetrieveFileParams, SourceCreate, SourceUpdate, UploadFileParams,
};
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Folders.
#[derive(Debug, Clone, Copy)]
pub struct Folders<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Folders<'_> {
    /// Creates a folder (`create_folder`). Without `embedding` or `embedding_config` the
    /// server uses its default embedding handle, and refuses the folder (400) if it has none.
    pub async fn create(&self, request: &SourceCreate) -> Result<Folder, LettaError> {
        if request.name.trim().is_empty() {
            return Err(LettaError::InvalidInput("a folder needs a name".into()));
        }
        self.client.call(ops::create_folder().json(request)).await
    }

    /// Fetches a folder (`retrieve_folder`).
    pub async fn retrieve(&self, folder_id: &FolderId) -> Result<Folder, LettaError> {
        self.client.call(ops::retrieve_folder(folder_id)).await
    }

    /// The ID of the folder named `name` (`get_folder_by_name`).
    ///
    /// Deprecated by the server (0.16.8): use [`list`](Self::list) with
    /// [`ListFoldersParams::name`].
    pub async fn id_by_name(&self, name: &str) -> Result<FolderId, LettaError> {
        self.client.call(ops::get_folder_by_name(name)).await
    }

    /// Lists one page of folders (`list_folders`; oldest first unless `params.order` says
    /// otherwise).
    pub async fn list(&self, params: &ListFoldersParams) -> Result<Vec<Folder>, LettaError> {
        self.client.call(ops::list_folders().query(params)).await
    }

    /// Every folder matching `params`, page by page as the stream is read (`list_folders`).
    pub fn list_all(&self, params: &ListFoldersParams) -> Paginated<Folder> {
        list_pages(
            self.client,
            ops::list_folders().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Counts the folders of the organization (`count_folders`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_folders()).await
    }

    /// How many folders and files the organization has and their size (`retrieve_metadata`);
    /// with `per_file`, each folder lists its files' names and sizes.
    ///
    /// A self-hosted 0.16.8 never reaches this route: it declares `GET /v1/folders/{folder_id}`
    /// first, which takes `metadata` for a folder ID and answers 422 (`folder_id` too short).
    /// Count with [`count`](Self::count) and sum the sizes of [`list_files`](Self::list_files)
    /// there instead.
    pub async fn metadata(&self, per_file: bool) -> Result<OrganizationSourcesStats, LettaError> {
        self.client
            .call(ops::retrieve_metadata().query(&[("include_detailed_per_source_metadata", per_file)]))
            .await
    }

    /// Changes a folder's name, description, instructions or metadata (`modify_folder`).
    pub async fn modify(&self, folder_id: &FolderId, update: &SourceUpdate) -> Result<Folder, LettaError> {
        self.client.call(ops::modify_folder(folder_id).json(update)).await
    }

    /// Deletes a folder with its files and passages, and takes its files out of the context of
    /// the agents it was attached to (`delete_folder`).
    pub async fn delete(&self, folder_id: &FolderId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_folder(folder_id))
            .await
            .map(drop)
    }

    /// Lists one page of the IDs of the agents a folder is attached to
    /// (`list_agents_for_folder`).
    pub async fn list_agents(
        &self,
        folder_id: &FolderId,
        params: &OrderedPageParams,
    ) -> Result<Vec<AgentId>, LettaError> {
        self.client
            .call(ops::list_agents_for_folder(folder_id).query(params))
            .await
    }

    /// Uploads a file as `multipart/form-data` (`upload_file_to_folder`). The server answers at
    /// once with the file, `processing_status` `parsing`, and splits and embeds it in the
    /// background: wait for it with [`wait_for_file`](Self::wait_for_file). With
    /// [`DuplicateFileHandling::Skip`](crate::types::DuplicateFileHandling::Skip) and a file of
    /// that name already there, the answer is that file, and nothing is uploaded.
    ///
    /// The server accepts text, Markdown, JSON, PDF and source code files, picked by the part's
    /// MIME type or else the name's extension; others are refused (415).
    pub async fn upload(
        &self,
        folder_id: &FolderId,
        file: &FileUpload,
        params: &UploadFileParams,
    ) -> Result<FileMetadata, LettaError> {
        let (bytes, content_type) = file.multipart()?;
        let body = crate::request::RequestBody::Raw { bytes, content_type };
        self.client
            .call(ops::upload_file_to_folder(folder_id).query(params).raw_body(body))
            .await
    }

    /// Polls an uploaded file (`retrieve_file`) until its processing has completed or failed,
    /// and returns it in that state; check
    /// [`processing_status`](FileMetadata::processing_status) and `error_message`.
    ///
    /// Gives up with [`LettaError::WaitTimeout`] after `options.timeout`; a file whose
    /// processing task died stays `parsing` or `embedding` for good.
    pub async fn wait_for_file(
        &self,
        file: &FileMetadata,
        options: &WaitOptions,
    ) -> Result<FileMetadata, LettaError> {
        let no_content = RetrieveFileParams::default();
        poll_until(
            "file",
            file.id.as_str(),
            options,
            || self.retrieve_file(&file.source_id, &file.id, &no_content),
            |current| match &current.processing_status {
                Some(status) => (status.is_terminal(), status.to_string()),
                // A server that does not track processing (0.7.x) has nothing to wait for.
                None => (true, "unknown".to_owned()),
            },
        )
        .await
    }

    /// Fetches a file of a folder (`retrieve_file`); with `params.include_content`, its full
    /// text too.
    pub async fn retrieve_file(
        &self,
        folder_id: &FolderId,
        file_id: &FileId,
        params: &RetrieveFileParams,
    ) -> Result<FileMetadata, LettaError> {
        self.client
            .call(ops::retrieve_file(folder_id, file_id).query(params))
            .await
    }

    /// Lists one page of the files of a folder (`list_files_for_folder`; newest first unless
    /// `params.order` says otherwise).
    pub async fn list_files(
        &self,
        folder_id: &FolderId,
        params: &ListFolderFilesParams,
    ) -> Result<Vec<FileMetadata>, LettaError> {
        self.client
            .call(ops::list_files_for_folder(folder_id).query(params))
            .await
    }

    /// Every file of a folder, page by page as the stream is read (`list_files_for_folder`).
    pub fn list_all_files(
        &self,
        folder_id: &FolderId,
        params: &ListFolderFilesParams,
    ) -> Paginated<FileMetadata> {
        list_pages(
            self.client,
            ops::list_files_for_folder(folder_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Deletes a file and its passages from a folder (`delete_file_from_folder`).
    pub async fn delete_file(&self, folder_id: &FolderId, file_id: &FileId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_file_from_folder(folder_id, file_id))
            .await
            .map(drop)
    }

    /// Lists one page of the passages of a folder (`list_folder_passages`; newest first unless
    /// `params.order` says otherwise).
    pub async fn list_passages(
        &self,
        folder_id: &FolderId,
        params: &OrderedPageParams,
    ) -> Result<Vec<Passage>, LettaError> {
        self.client
            .call(ops::list_folder_passages(folder_id).query(params))
            .await
    }

    /// Every passage of a folder, page by page as the stream is read (`list_folder_passages`).
    pub fn list_all_passages(&self, folder_id: &FolderId, params: &OrderedPageParams) -> Paginated<Passage> {
        list_pages(
            self.client,
            ops::list_folder_passages(folder_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }
}

/// The folders attached to one agent.
#[derive(Debug, Clone)]
pub struct AgentFolders<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentFolders<'_> {
    /// Lists one page of the folders attached to the agent (`list_folders_for_agent`; newest
    /// first unless `params.order` says otherwise).
    pub async fn list(&self, params: &OrderedPageParams) -> Result<Vec<Folder>, LettaError> {
        self.client
            .call(ops::list_folders_for_agent(&self.agent_id).query(params))
            .await
    }

    /// Every folder attached to the agent, page by page as the stream is read
    /// (`list_folders_for_agent`).
    pub fn list_all(&self, params: &OrderedPageParams) -> Paginated<Folder> {
        list_pages(
            self.client,
            ops::list_folders_for_agent(&self.agent_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Attaches a folder: its files come into the agent's context and its file tools are added
    /// (`attach_folder_to_agent`). Returns the agent's new state, or `None` when the server
    /// answers an SDK 1.x User-Agent with nothing.
    pub async fn attach(&self, folder_id: &FolderId) -> Result<Option<AgentState>, LettaError> {
        self.client
            .call(ops::attach_folder_to_agent(&self.agent_id, folder_id))
            .await
    }

    /// Detaches a folder and takes its files out of the agent's context
    /// (`detach_folder_from_agent`). Returns the agent's new state, or `None` when the server
    /// answers an SDK 1.x User-Agent with nothing.
    pub async fn detach(&self, folder_id: &FolderId) -> Result<Option<AgentState>, LettaError> {
        self.client
            .call(ops::detach_folder_from_agent(&self.agent_id, folder_id))
            .await
    }
}

/// The files of the folders attached to one agent, open or closed in its context.
#[derive(Debug, Clone)]
pub struct AgentFiles<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentFiles<'_> {
    /// Lists one page of the agent's files with their open or closed state
    /// (`list_files_for_agent`); `has_more` and `next_cursor` say whether and where to go on.
    ///
    /// There is no `list_all` here: 0.16.8 sorts the first page by attachment ID and later
    /// pages by creation time while it filters them by ID, so a walk with `after` can repeat
    /// or skip files. Ask for one page as large as needed (`limit`).
    pub async fn list(&self, params: &ListAgentFilesParams) -> Result<AgentFilesPage, LettaError> {
        self.client
            .call(ops::list_files_for_agent(&self.agent_id).query(params))
            .await
    }

    /// Opens a file in the agent's context (`open_file_for_agent`). Returns the names of the
    /// files closed to make room (the agent holds a limited number open, least recently used
    /// first out).
    pub async fn open(&self, file_id: &FileId) -> Result<Vec<String>, LettaError> {
        self.client
            .call(ops::open_file_for_agent(&self.agent_id, file_id))
            .await
    }

    /// Closes a file in the agent's context (`close_file_for_agent`).
    pub async fn close(&self, file_id: &FileId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::close_file_for_agent(&self.agent_id, file_id))
            .await
            .map(drop)
    }

    /// Closes every open file of the agent (`close_all_files_for_agent`). Returns the names of
    /// the files it closed.
    pub async fn close_all(&self) -> Result<Vec<String>, LettaError> {
        self.client
            .call(ops::close_all_files_for_agent(&self.agent_id))
            .await
    }
}

impl crate::paging::Cursor for Folder {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}
