//! Archives (`/v1/archives/`, Letta 0.16): named stores of passages that agents share, and the
//! semantic search of an agent's archival memory.
//!
//! An agent searches the archives attached to it with its archival-memory tools; a passage
//! stored in an archive is seen by every agent attached to it.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::TryStreamExt;
//! use letta_core::types::{
//!     AgentPageParams, AgentRelationship, ArchivalMemorySearchParams, ArchiveCreate, ArchivePassageCreate,
//!     ArchiveUpdate, ListArchivesParams,
//! };
//! let archives = client.archives();
//! let archive = archives.create(&ArchiveCreate::new("research")).await?;
//! let same = archives.retrieve(&archive.id).await?;
//! archives
//!     .modify(&archive.id, &ArchiveUpdate::builder().description("Papers we read").build())
//!     .await?;
//! let stored = archives
//!     .create_passage(&archive.id, &ArchivePassageCreate::builder().text("Ada likes tea.").tags(["people"]).build())
//!     .await?;
//! let more = archives
//!     .create_passages(&archive.id, [ArchivePassageCreate::new("Bob likes coffee.")])
//!     .await?;
//! client.agents().archives(&agent).attach(&archive.id).await?;
//! let readers = archives
//!     .list_agents(&archive.id, &AgentPageParams::builder().include([AgentRelationship::Tags]).build())
//!     .await?;
//! let every_reader: Vec<_> = archives.list_all_agents(&archive.id, &AgentPageParams::default()).try_collect().await?;
//! let hits = client
//!     .agents()
//!     .archival(&agent)
//!     .search(&ArchivalMemorySearchParams::builder().query("tea").top_k(3).build())
//!     .await?;
//! let page = archives.list(&ListArchivesParams::builder().agent_id(agent.clone()).build()).await?;
//! let all: Vec<_> = archives.list_all(&ListArchivesParams::default()).try_collect().await?;
//! archives.delete_passage(&archive.id, &stored.id).await?;
//! client.agents().archives(&agent).detach(&archive.id).await?;
//! archives.delete(&archive.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, ArchiveId, PassageId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    AgentPageParams, AgentState, ArchivalMemorySearchParams, ArchivalMemorySearchResponse, Archive,
    ArchiveCreate, ArchivePassageBatch, ArchivePassageCreate, ArchiveUpdate, ListArchivesParams, Passage,
};
use crate::{LettaClient, LettaError};

use super::ArchivalMemory;

/// Archives.
#[derive(Debug, Clone, Copy)]
pub struct Archives<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Archives<'_> {
    /// Creates an archive (`create_archive`).
    pub async fn create(&self, request: &ArchiveCreate) -> Result<Archive, LettaError> {
        if request.name.trim().is_empty() {
            return Err(LettaError::InvalidInput("an archive needs a name".into()));
        }
        self.client.call(ops::create_archive().json(request)).await
    }

    /// Fetches an archive (`retrieve_archive`).
    pub async fn retrieve(&self, archive_id: &ArchiveId) -> Result<Archive, LettaError> {
        self.client.call(ops::retrieve_archive(archive_id)).await
    }

    /// Lists one page of archives (`list_archives`; newest first unless `params.order` says
    /// otherwise).
    pub async fn list(&self, params: &ListArchivesParams) -> Result<Vec<Archive>, LettaError> {
        self.client.call(ops::list_archives().query(params)).await
    }

    /// Every archive matching `params`, in `params.order`, page by page as the stream is read
    /// (`list_archives`).
    pub fn list_all(&self, params: &ListArchivesParams) -> Paginated<Archive> {
        list_pages(
            self.client,
            ops::list_archives().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Changes an archive's name or description (`modify_archive`).
    pub async fn modify(
        &self,
        archive_id: &ArchiveId,
        update: &ArchiveUpdate,
    ) -> Result<Archive, LettaError> {
        self.client
            .call(ops::modify_archive(archive_id).json(update))
            .await
    }

    /// Deletes an archive with its passages (`delete_archive`).
    pub async fn delete(&self, archive_id: &ArchiveId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_archive(archive_id))
            .await
            .map(drop)
    }

    /// Lists one page of the agents attached to an archive (`list_agents_for_archive`; newest
    /// first unless `params.order` says otherwise). Their relations (`blocks`, `tools`, ...) are
    /// empty unless `params.include` names them.
    pub async fn list_agents(
        &self,
        archive_id: &ArchiveId,
        params: &AgentPageParams,
    ) -> Result<Vec<AgentState>, LettaError> {
        self.client
            .call(ops::list_agents_for_archive(archive_id).query(params))
            .await
    }

    /// Every agent attached to an archive, page by page as the stream is read
    /// (`list_agents_for_archive`).
    pub fn list_all_agents(&self, archive_id: &ArchiveId, params: &AgentPageParams) -> Paginated<AgentState> {
        list_pages(
            self.client,
            ops::list_agents_for_archive(archive_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Stores one passage in an archive; the server embeds it (`create_passage_in_archive`).
    pub async fn create_passage(
        &self,
        archive_id: &ArchiveId,
        passage: &ArchivePassageCreate,
    ) -> Result<Passage, LettaError> {
        check_text(passage)?;
        self.client
            .call(ops::create_passage_in_archive(archive_id).json(passage))
            .await
    }

    /// Stores several passages in an archive in one request (`create_passages_in_archive`), and
    /// returns them as stored.
    pub async fn create_passages(
        &self,
        archive_id: &ArchiveId,
        passages: impl IntoIterator<Item = ArchivePassageCreate>,
    ) -> Result<Vec<Passage>, LettaError> {
        let batch = ArchivePassageBatch::new(passages);
        batch.passages.iter().try_for_each(check_text)?;
        self.client
            .call(ops::create_passages_in_archive(archive_id).json(&batch))
            .await
    }

    /// Deletes a passage from an archive and from its vector store
    /// (`delete_passage_from_archive`).
    pub async fn delete_passage(
        &self,
        archive_id: &ArchiveId,
        passage_id: &PassageId,
    ) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_passage_from_archive(archive_id, passage_id))
            .await
            .map(drop)
    }
}

/// An empty passage has nothing to embed; the server would store it all the same.
fn check_text(passage: &ArchivePassageCreate) -> Result<(), LettaError> {
    if passage.text.trim().is_empty() {
        return Err(LettaError::InvalidInput("a passage needs text".into()));
    }
    Ok(())
}

/// The archives of one agent.
#[derive(Debug, Clone)]
pub struct AgentArchives<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentArchives<'_> {
    /// Attaches an archive, so the agent's archival memory tools search and store in it
    /// (`attach_archive_to_agent`).
    pub async fn attach(&self, archive_id: &ArchiveId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::attach_archive_to_agent(&self.agent_id, archive_id))
            .await
            .map(drop)
    }

    /// Detaches an archive (`detach_archive_from_agent`).
    pub async fn detach(&self, archive_id: &ArchiveId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::detach_archive_from_agent(&self.agent_id, archive_id))
            .await
            .map(drop)
    }
}

impl ArchivalMemory<'_> {
    /// Searches the agent's archival memory by embedding similarity, best match first, as its
    /// own `archival_memory_search` tool does (`search_archival_memory`; Letta 0.16).
    pub async fn search(
        &self,
        params: &ArchivalMemorySearchParams,
    ) -> Result<ArchivalMemorySearchResponse, LettaError> {
        if params.query.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "an archival memory search needs a query".into(),
            ));
        }
        self.client
            .call(ops::search_archival_memory(&self.agent_id).query(params))
            .await
    }
}

impl crate::paging::Cursor for Archive {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}
