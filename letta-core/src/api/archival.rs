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

use crate::client::{RequestBody, json};
use crate::ids::{AgentId, PassageId};
use crate::operations as ops;
use crate::paging::{Paginated, Walk, list_pages};
use crate::types::{CreateArchivalMemory, ListPassagesParams, Passage};
use crate::{LettaClient, LettaError};

/// The archival memory of one agent.
#[derive(Debug, Clone)]
pub struct ArchivalMemory<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl ArchivalMemory<'_> {
    /// Stores text; long text may be split into several passages (`create_passage`).
    pub async fn insert(&self, text: impl Into<String>) -> Result<Vec<Passage>, LettaError> {
        let request = CreateArchivalMemory { text: text.into() };
        if request.text.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "archival memory text must not be empty".into(),
            ));
        }
        self.client
            .run(
                &ops::CREATE_PASSAGE,
                &[self.agent_id.as_str()],
                &Vec::new(),
                json(&request)?,
            )
            .await
    }

    /// Lists one page of passages, or searches them with `params.search` (`list_passages`).
    pub async fn list(&self, params: &ListPassagesParams) -> Result<Vec<Passage>, LettaError> {
        self.client
            .run(
                &ops::LIST_PASSAGES,
                &[self.agent_id.as_str()],
                &params.to_query(),
                RequestBody::Empty,
            )
            .await
    }

    /// Every passage, page by page as the stream is read (`list_passages`).
    pub fn list_all(&self, params: &ListPassagesParams) -> Paginated<Passage> {
        list_pages(
            self.client,
            &ops::LIST_PASSAGES,
            &[self.agent_id.as_str()],
            Walk::Forward,
            1,
            params,
        )
    }

    /// Deletes one passage (`delete_passage`).
    pub async fn delete(&self, passage_id: &PassageId) -> Result<(), LettaError> {
        self.client
            .run_unit(
                &ops::DELETE_PASSAGE,
                &[self.agent_id.as_str(), passage_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }
}
