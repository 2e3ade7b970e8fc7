//! Sources (`/v1/sources/`): uploaded files, split into passages that agents with the source
//! attached can search.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use std::time::Duration;
//! use letta_core::types::{FileUpload, ListSourcePassagesParams, SourceCreate, SourceUpdate};
//! let source = client
//!     .sources()
//!     .create(&SourceCreate::with_embedding_handle("handbook", "openai/text-embedding-3-small"))
//!     .await?;
//! let job = client
//!     .sources()
//!     .upload(&source.id, &FileUpload::new("rules.txt", "Lunch is at noon."), &Default::default())
//!     .await?;
//! let done = client.sources().wait_for_upload(&job, Duration::from_secs(60)).await?;
//! if let Some(job) = done.job() {
//!     println!("{:?} passages", job.num_passages());
//! }
//! let passages = client.sources().list_passages(&source.id, &ListSourcePassagesParams::default()).await?;
//! client.agents().sources(&agent).attach(&source.id).await?;
//! client
//!     .sources()
//!     .modify(&source.id, &SourceUpdate::builder().description("Staff rules").build())
//!     .await?;
//! let files = client.sources().list_files(&source.id, &Default::default()).await?;
//! client.sources().delete_file(&source.id, &files[0].id).await?;
//! client.sources().delete(&source.id).await?;
//! let same = client.sources().retrieve(&source.id).await?;
//! let id = client.sources().id_by_name("handbook").await?;
//! let all = client.sources().list().await?;
//! let how_many = client.sources().count().await?;
//! let attached = client.agents().sources(&agent).list().await?;
//! client.agents().sources(&agent).detach(&source.id).await?;
//! // Letta 0.16 only, deprecated there in favour of `client.folders()`:
//! let stats = client.sources().metadata(false).await?;
//! let readers = client.sources().list_agents(&source.id).await?;
//! let file = client.sources().retrieve_file(&source.id, &files[0].id, &Default::default()).await?;
//! # Ok(()) }
//! ```

use std::time::Duration;

use crate::ids::{AgentId, FileId, SourceId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    AgentState, FileMetadata, FileUpload, Job, ListSourcePassagesParams, OrganizationSourcesStats,
    PageParams, Passage, RetrieveFileParams, Source, SourceCreate, SourceUpdate, SourceUpload,
    UploadFileParams,
};
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Sources.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Sources<'_> {
    /// Creates a source (`create_source`). It needs an embedding (`embedding_config` or an
    /// `embedding` handle); without one 0.7.29 fails with a 500, so this refuses it up front.
    pub async fn create(&self, request: &SourceCreate) -> Result<Source, LettaError> {
        request.validate()?;
        self.client.call(ops::create_source().json(request)).await
    }

    /// Fetches a source (`retrieve_source`).
    pub async fn retrieve(&self, source_id: &SourceId) -> Result<Source, LettaError> {
        self.client.call(ops::retrieve_source(source_id)).await
    }

    /// The ID of the source named `name` (`get_source_id_by_name`).
    pub async fn id_by_name(&self, name: &str) -> Result<SourceId, LettaError> {
        self.client.call(ops::get_source_id_by_name(name)).await
    }

    /// Every source of the organization, oldest first (`list_sources`; the server does not page
    /// it).
    pub async fn list(&self) -> Result<Vec<Source>, LettaError> {
        self.client.call(ops::list_sources()).await
    }

    /// Counts the sources of the organization (`count_sources`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_sources()).await
    }

    /// Changes a source's name, description, instructions or metadata (`modify_source`), and
    /// returns the source as stored afterwards.
    ///
    /// 0.7.29 answers this PATCH with the changed source but never saves the change (its
    /// manager commits an async session without awaiting it). So this reads the source back
    /// and returns what is stored: against 0.7.29 it comes back unchanged, rather than the
    /// server's answer suggesting a change that did not happen.
    pub async fn modify(&self, source_id: &SourceId, update: &SourceUpdate) -> Result<Source, LettaError> {
        self.client
            .call_raw(ops::modify_source(source_id).json(update))
            .await?;
        self.retrieve(source_id).await
    }

    /// Deletes a source with its files and passages (`delete_source`).
    pub async fn delete(&self, source_id: &SourceId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_source(source_id))
            .await
            .map(drop)
    }

    /// Uploads a file as `multipart/form-data` (`upload_file_to_source`). The server answers at
    /// once, 0.7.x with a [`Job`] and 0.16 with the file, and splits and embeds the file in the
    /// background: wait for it with [`wait_for_upload`](Self::wait_for_upload).
    ///
    /// 0.7.29 answers an upload to a missing source with a bare 500 (a failed assertion); this
    /// then looks the source up and returns that 404 instead, so `is_not_found()` holds.
    ///
    /// `params` (0.16) choose what happens to a file whose name the source already has, and
    /// the name to store it under; 0.7.x ignores them.
    pub async fn upload(
        &self,
        source_id: &SourceId,
        file: &FileUpload,
        params: &UploadFileParams,
    ) -> Result<SourceUpload, LettaError> {
        let (bytes, content_type) = file.multipart()?;
        let body = crate::request::RequestBody::Raw { bytes, content_type };
        let result = self
            .client
            .call(ops::upload_file_to_source(source_id).query(params).raw_body(body))
            .await;
        match result {
            Err(failed) if failed.status() == Some(http::StatusCode::INTERNAL_SERVER_ERROR) => {
                // The 500 may have closed the pooled connection; the lookup is a GET, so one
                // retry on a fresh connection is safe.
                let mut lookup = self.retrieve(source_id).await;
                if matches!(lookup, Err(LettaError::Transport { .. })) {
                    lookup = self.retrieve(source_id).await;
                }
                match lookup {
                    Err(missing) if missing.is_not_found() => Err(missing),
                    _ => Err(failed),
                }
            }
            other => other,
        }
    }

    /// Waits until an upload's processing has ended, well or not, and returns it in that state:
    /// a job with [`wait_for_job`](Self::wait_for_job), a file by polling it
    /// (`get_file_metadata`) until its [`processing_status`](FileMetadata::processing_status)
    /// is terminal.
    ///
    /// Gives up with [`LettaError::Timeout`] after `timeout` (a job or file whose processing
    /// task died is never done).
    pub async fn wait_for_upload(
        &self,
        upload: &SourceUpload,
        timeout: Duration,
    ) -> Result<SourceUpload, LettaError> {
        let file = match upload {
            SourceUpload::Job(job) => return self.wait_for_job(job, timeout).await.map(SourceUpload::Job),
            SourceUpload::File(file) => file,
        };
        let no_content = RetrieveFileParams::default();
        let polled = poll_until(
            "file",
            file.id.as_str(),
            &WaitOptions::within(timeout),
            || self.retrieve_file(&file.source_id, &file.id, &no_content),
            |current| match &current.processing_status {
                Some(status) => (status.is_terminal(), status.to_string()),
                None => (true, "unknown".to_owned()),
            },
        )
        .await;
        match polled {
            Err(LettaError::WaitTimeout { .. }) => Err(LettaError::Timeout {
                method: ops::GET_FILE_METADATA.http_method(),
                path: ops::get_file_metadata(&file.source_id, &file.id)
                    .path()
                    .unwrap_or_default()
                    .to_owned(),
                after: timeout,
            }),
            other => other.map(SourceUpload::File),
        }
    }

    /// Polls a job (`retrieve_job`) until it completes, fails or is cancelled, and returns it in
    /// that state; check [`Job::status`] and, for uploads, [`Job::num_passages`].
    ///
    /// Gives up with [`LettaError::Timeout`] after `timeout`: when ingestion raises, 0.7.29
    /// leaves the job `running` forever, so an unbounded wait could never end.
    pub async fn wait_for_job(&self, job: &Job, timeout: Duration) -> Result<Job, LettaError> {
        if job.status.is_terminal() {
            return Ok(job.clone());
        }
        match self
            .client
            .jobs()
            .wait(&job.id, &WaitOptions::within(timeout))
            .await
        {
            Err(LettaError::WaitTimeout { .. }) => Err(LettaError::Timeout {
                method: ops::RETRIEVE_JOB.http_method(),
                path: ops::retrieve_job(&job.id).path().unwrap_or_default().to_owned(),
                after: timeout,
            }),
            other => other,
        }
    }

    /// Lists one page of the files of a source, oldest first (`list_source_files`).
    pub async fn list_files(
        &self,
        source_id: &SourceId,
        params: &PageParams,
    ) -> Result<Vec<FileMetadata>, LettaError> {
        self.client
            .call(ops::list_source_files(source_id).query(params))
            .await
    }

    /// Every file of a source, oldest first, page by page as the stream is read
    /// (`list_source_files`).
    pub fn list_all_files(&self, source_id: &SourceId, params: &PageParams) -> Paginated<FileMetadata> {
        list_pages(
            self.client,
            ops::list_source_files(source_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Deletes a file and its passages from a source (`delete_file_from_source`).
    pub async fn delete_file(&self, source_id: &SourceId, file_id: &FileId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_file_from_source(source_id, file_id))
            .await
            .map(drop)
    }

    /// Lists one page of the passages of a source, oldest first (`list_source_passages`).
    pub async fn list_passages(
        &self,
        source_id: &SourceId,
        params: &ListSourcePassagesParams,
    ) -> Result<Vec<Passage>, LettaError> {
        self.client
            .call(ops::list_source_passages(source_id).query(params))
            .await
    }

    /// Every passage of a source, oldest first, page by page as the stream is read
    /// (`list_source_passages`).
    pub fn list_all_passages(
        &self,
        source_id: &SourceId,
        params: &ListSourcePassagesParams,
    ) -> Paginated<Passage> {
        list_pages(
            self.client,
            ops::list_source_passages(source_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// How many sources and files the organization has and their size
    /// (`get_sources_metadata`; Letta 0.16); with `per_file`, each source lists its files' names
    /// and sizes.
    ///
    /// Deprecated by the server (0.16.8): use [`Folders::metadata`](super::Folders::metadata).
    /// Neither is reached on a self-hosted 0.16.8, which declares `GET /v1/sources/{source_id}`
    /// first and answers 422 (`source_id` does not match `source-<uuid>`).
    pub async fn metadata(&self, per_file: bool) -> Result<OrganizationSourcesStats, LettaError> {
        self.client
            .call(ops::get_sources_metadata().query(&[("include_detailed_per_source_metadata", per_file)]))
            .await
    }

    /// The IDs of the agents a source is attached to (`get_agents_for_source`; Letta 0.16).
    ///
    /// Deprecated by the server (0.16.8): use
    /// [`Folders::list_agents`](super::Folders::list_agents).
    pub async fn list_agents(&self, source_id: &SourceId) -> Result<Vec<AgentId>, LettaError> {
        self.client.call(ops::get_agents_for_source(source_id)).await
    }

    /// Fetches a file of a source (`get_file_metadata`; Letta 0.16); with
    /// `params.include_content`, its full text too.
    ///
    /// Deprecated by the server (0.16.8): use
    /// [`Folders::retrieve_file`](super::Folders::retrieve_file).
    pub async fn retrieve_file(
        &self,
        source_id: &SourceId,
        file_id: &FileId,
        params: &RetrieveFileParams,
    ) -> Result<FileMetadata, LettaError> {
        self.client
            .call(ops::get_file_metadata(source_id, file_id).query(params))
            .await
    }
}

/// The sources attached to one agent.
#[derive(Debug, Clone)]
pub struct AgentSources<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentSources<'_> {
    /// The sources attached to the agent, in no set order (`list_agent_sources`).
    pub async fn list(&self) -> Result<Vec<Source>, LettaError> {
        self.client.call(ops::list_agent_sources(&self.agent_id)).await
    }

    /// Attaches a source, so the agent's archival search finds its passages
    /// (`attach_source_to_agent`). Returns the agent's new state.
    pub async fn attach(&self, source_id: &SourceId) -> Result<AgentState, LettaError> {
        self.client
            .call(ops::attach_source_to_agent(&self.agent_id, source_id))
            .await
    }

    /// Detaches a source (`detach_source_from_agent`). Returns the agent's new state.
    pub async fn detach(&self, source_id: &SourceId) -> Result<AgentState, LettaError> {
        self.client
            .call(ops::detach_source_from_agent(&self.agent_id, source_id))
            .await
    }
}
