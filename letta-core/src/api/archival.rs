//! An agent's archival memory (`/v1/agents/{agent_id}/archival-memory`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::ListPassagesParams;
//! let archive = client.agents().archival(&agent);
//! let stored = archive.insert("Ada likes tea.").await?;
//! let hits = archive
//!     .list(&ListPassagesParams { search: Some("tea".into()), limit: Some(3), ..Default::default() })
//!     .await?;
//! archive.delete(&stored[0].id).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, PassageId};
use crate::paging::{DEFAULT_PAGE_SIZE, Paginated, Walk, paginate};
use crate::types::{CreateArchivalMemory, ListPassagesParams, Passage};
use crate::{LettaClient, LettaError};

/// The archival memory of one agent.
#[derive(Debug, Clone)]
pub struct ArchivalMemory<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl ArchivalMemory<'_> {
    fn path(&self) -> Result<String, LettaError> {
        Ok(format!("/v1/agents/{}/archival-memory", self.agent_id.segment()?))
    }

    /// Stores text; long text may be split into several passages (`create_passage`).
    pub async fn insert(&self, text: impl Into<String>) -> Result<Vec<Passage>, LettaError> {
        let request = CreateArchivalMemory { text: text.into() };
        if request.text.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "archival memory text must not be empty".into(),
            ));
        }
        self.client.post(&self.path()?, &request).await
    }

    /// Lists one page of passages, or searches them with `params.search` (`list_passages`).
    pub async fn list(&self, params: &ListPassagesParams) -> Result<Vec<Passage>, LettaError> {
        self.client.get(&self.path()?, &params.to_query()).await
    }

    /// Every passage, page by page as the stream is read (`list_passages`).
    pub fn list_all(&self, params: &ListPassagesParams) -> Paginated<Passage> {
        let client = self.client.clone();
        let params = params.clone();
        let path = self.path().map_err(|e| e.to_string());
        let page_size = params.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        paginate(
            Walk::Forward,
            params.after.clone(),
            page_size,
            move |after, limit| {
                let client = client.clone();
                let path = path.clone().map_err(LettaError::InvalidInput);
                let query = ListPassagesParams {
                    after,
                    limit: Some(limit),
                    ..params.clone()
                }
                .to_query();
                async move { client.get(&path?, &query).await }
            },
        )
    }

    /// Deletes one passage (`delete_passage`).
    pub async fn delete(&self, passage_id: &PassageId) -> Result<(), LettaError> {
        self.client
            .delete(&format!("{}/{}", self.path()?, passage_id.segment()?))
            .await
    }
}
