//! Agents (`/v1/agents/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{CreateAgent, CreateBlock, ListAgentsParams, UpdateAgent};
//! let agent = client
//!     .agents()
//!     .create(&CreateAgent::named("helper")
//!         .model("openai/gpt-4o-mini")
//!         .embedding("openai/text-embedding-3-small")
//!         .memory_block(CreateBlock::new("human", "Name: Ada")))
//!     .await?;
//! let same = client.agents().retrieve(&agent.id).await?;
//! let renamed = client
//!     .agents()
//!     .modify(&agent.id, &UpdateAgent { name: Some("helper-2".into()), ..Default::default() })
//!     .await?;
//! let tagged = client
//!     .agents()
//!     .list(&ListAgentsParams { tags: vec!["team-a".into()], ..Default::default() })
//!     .await?;
//! let how_many = client.agents().count().await?;
//! client.agents().delete(&agent.id).await?;
//! # Ok(()) }
//! ```

use futures_util::{StreamExt, TryStreamExt};

use crate::ids::AgentId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{AgentState, CreateAgent, ListAgentsParams, UpdateAgent};
use crate::{LettaClient, LettaError};

/// Agents.
#[derive(Debug, Clone, Copy)]
pub struct Agents<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Agents<'_> {
    /// Creates an agent (`create_agent`).
    pub async fn create(&self, request: &CreateAgent) -> Result<AgentState, LettaError> {
        self.client.call(ops::create_agent().json(request)).await
    }

    /// Fetches an agent (`retrieve_agent`).
    pub async fn retrieve(&self, agent_id: &AgentId) -> Result<AgentState, LettaError> {
        self.client.call(ops::retrieve_agent(agent_id)).await
    }

    /// Lists one page of agents (`list_agents`), newest first unless `params.ascending`.
    pub async fn list(&self, params: &ListAgentsParams) -> Result<Vec<AgentState>, LettaError> {
        let request = ops::list_agents()
            .query(params)
            .query(&params.match_all_tags_query());
        let mut agents: Vec<AgentState> = self.client.call(request).await?;
        agents.retain(|a| params.keeps(a));
        Ok(agents)
    }

    /// Every agent matching the filters, oldest first unless `params.ascending` is `false`,
    /// fetched page by page as the stream is read (`list_agents`). `params.limit` sets the page
    /// size; `params.after` where to start.
    pub fn list_all(&self, params: &ListAgentsParams) -> Paginated<AgentState> {
        let filter = params.clone();
        let request = ops::list_agents()
            .query(params)
            .query(&params.match_all_tags_query());
        // Oldest first by default, so `after` moves forward.
        list_pages(
            self.client,
            request,
            Walk::Forward,
            1,
            Order::DefaultTo("ascending", "true"),
        )
        .try_filter(move |agent| std::future::ready(filter.keeps(agent)))
        .boxed()
    }

    /// Changes an agent (`modify_agent`).
    pub async fn modify(&self, agent_id: &AgentId, update: &UpdateAgent) -> Result<AgentState, LettaError> {
        self.client.call(ops::modify_agent(agent_id).json(update)).await
    }

    /// Deletes an agent (`delete_agent`).
    pub async fn delete(&self, agent_id: &AgentId) -> Result<(), LettaError> {
        self.client.call_raw(ops::delete_agent(agent_id)).await.map(drop)
    }

    /// Counts the agents of the current user (`count_agents`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_agents()).await
    }
}
