//! Agents (`/v1/agents/`): create, retrieve, list, modify, delete and count them; read their
//! context window and groups; export them to an agent file and import them back.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{AgentCreate, BlockCreate, ListAgentsParams, AgentUpdate};
//! let agent = client
//!     .agents()
//!     .create(
//!         &AgentCreate::builder()
//!             .name("helper")
//!             .model("openai/gpt-4o-mini")
//!             .embedding("openai/text-embedding-3-small")
//!             .memory_blocks([BlockCreate::new("human", "Name: Ada")])
//!             .build(),
//!     )
//!     .await?;
//! let same = client.agents().retrieve(&agent.id).await?;
//! let renamed = client
//!     .agents()
//!     .modify(&agent.id, &AgentUpdate::builder().name("helper-2").build())
//!     .await?;
//! let tagged = client
//!     .agents()
//!     .list(&ListAgentsParams::builder().tags(["team-a"]).build())
//!     .await?;
//! let how_many = client.agents().count().await?;
//! client.agents().delete(&agent.id).await?;
//! # Ok(()) }
//! ```
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{ImportAgentParams, ManagerType};
//! let context = client.agents().context_window(&agent).await?;
//! println!("{} of {} tokens", context.context_window_size_current, context.context_window_size_max);
//! let groups = client.agents().groups(&agent, Some(ManagerType::Sleeptime)).await?;
//! let file = client.agents().export(&agent).await?;
//! std::fs::write("agent.json", file.as_json()).ok();
//! let copy = client
//!     .agents()
//!     .import(&file, &ImportAgentParams::builder().strip_messages(true).build())
//!     .await?;
//! // A document of several agents (0.16 exports can hold more than one): their IDs.
//! let ids = client.agents().import_all(&file, &ImportAgentParams::default()).await?;
//! # Ok(()) }
//! ```

use futures_util::{StreamExt, TryStreamExt};

use crate::client::{decode, multipart_file};
use crate::ids::AgentId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    AgentCreate, AgentExport, AgentState, AgentUpdate, ContextWindowOverview, Group, ImportAgentParams,
    ListAgentsParams, ManagerType,
};
use crate::{LettaClient, LettaError};

/// Agents.
#[derive(Debug, Clone, Copy)]
pub struct Agents<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Agents<'_> {
    /// Creates an agent (`create_agent`).
    pub async fn create(&self, request: &AgentCreate) -> Result<AgentState, LettaError> {
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
    pub async fn modify(&self, agent_id: &AgentId, update: &AgentUpdate) -> Result<AgentState, LettaError> {
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

    /// What the agent's model sees, with the token count of each part
    /// (`retrieve_agent_context_window`).
    pub async fn context_window(&self, agent_id: &AgentId) -> Result<ContextWindowOverview, LettaError> {
        self.client
            .call(ops::retrieve_agent_context_window(agent_id))
            .await
    }

    /// The groups the agent is a member of, optionally of one manager type
    /// (`list_agent_groups`). A group's manager agent is not a member: the groups it leads are
    /// in its state's `multi_agent_group`.
    pub async fn groups(
        &self,
        agent_id: &AgentId,
        manager_type: Option<ManagerType>,
    ) -> Result<Vec<Group>, LettaError> {
        self.client
            .call(ops::list_agent_groups(agent_id).query(&[("manager_type", manager_type)]))
            .await
    }

    /// Serialises the agent, with its memory, messages and tools, to one JSON document
    /// (`export_agent_serialized`).
    pub async fn export(&self, agent_id: &AgentId) -> Result<AgentExport, LettaError> {
        let request = ops::export_agent_serialized(agent_id);
        let path = request.path().unwrap_or_default().to_owned();
        let bytes = self.client.call_raw(request).await?;
        // Validates the JSON while keeping the exact text for a faithful re-import.
        let method = ops::EXPORT_AGENT_SERIALIZED.http_method();
        let _: serde_json::Map<String, serde_json::Value> = decode(&method, &path, &bytes)?;
        AgentExport::from_json(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Creates an agent from an exported document, uploaded as a file
    /// (`import_agent_serialized`), and returns it. 0.7.x answers with the agent; 0.16 answers
    /// with the IDs of the agents it created, so the client then reads the first one (one more
    /// request). A document holding several agents: [`Agents::import_all`].
    pub async fn import(
        &self,
        file: &AgentExport,
        params: &ImportAgentParams,
    ) -> Result<AgentState, LettaError> {
        match self.import_answer(file, params).await? {
            ImportAnswer::Agent(agent) => Ok(*agent),
            ImportAnswer::Ids { agent_ids } => match agent_ids.first() {
                Some(first) => self.retrieve(first).await,
                None => Err(LettaError::InvalidInput(
                    "the server imported no agent from this document".into(),
                )),
            },
        }
    }

    /// Creates every agent of an exported document (`import_agent_serialized`) and returns
    /// their IDs, in the server's order (0.7.x imports one agent).
    pub async fn import_all(
        &self,
        file: &AgentExport,
        params: &ImportAgentParams,
    ) -> Result<Vec<AgentId>, LettaError> {
        Ok(match self.import_answer(file, params).await? {
            ImportAnswer::Agent(agent) => vec![agent.id],
            ImportAnswer::Ids { agent_ids } => agent_ids,
        })
    }

    async fn import_answer(
        &self,
        file: &AgentExport,
        params: &ImportAgentParams,
    ) -> Result<ImportAnswer, LettaError> {
        let body = multipart_file(
            "file",
            "agent.json",
            "application/json",
            file.as_json().as_bytes(),
        );
        self.client
            .call(ops::import_agent_serialized().query(params).raw_body(body))
            .await
    }
}

/// What an import answers: the agent (0.7.x) or the IDs of the agents created (0.16,
/// `ImportedAgentsResponse`).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum ImportAnswer {
    Ids { agent_ids: Vec<AgentId> },
    Agent(Box<AgentState>),
}
