//! More of an agent (`/v1/agents/...`): its context window, its groups, and export to and import
//! from an agent file.
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
//!     .import(&file, &ImportAgentParams { strip_messages: Some(true), ..Default::default() })
//!     .await?;
//! # Ok(()) }
//! ```

use crate::LettaError;
use crate::api::Agents;
use crate::client::{RequestBody, decode, multipart_file, push_opt};
use crate::ids::AgentId;
use crate::operations as ops;
use crate::types::{AgentExport, AgentState, ContextWindowOverview, Group, ImportAgentParams, ManagerType};

impl Agents<'_> {
    /// What the agent's model sees, with the token count of each part
    /// (`retrieve_agent_context_window`).
    pub async fn context_window(&self, agent_id: &AgentId) -> Result<ContextWindowOverview, LettaError> {
        self.client
            .run(
                &ops::RETRIEVE_AGENT_CONTEXT_WINDOW,
                &[agent_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
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
        let mut query = Vec::new();
        push_opt(&mut query, "manager_type", &manager_type);
        self.client
            .run(
                &ops::LIST_AGENT_GROUPS,
                &[agent_id.as_str()],
                &query,
                RequestBody::Empty,
            )
            .await
    }

    /// Serialises the agent, with its memory, messages and tools, to one JSON document
    /// (`export_agent_serialized`).
    pub async fn export(&self, agent_id: &AgentId) -> Result<AgentExport, LettaError> {
        let op = &ops::EXPORT_AGENT_SERIALIZED;
        let path = op.path(&[agent_id.as_str()])?;
        let bytes = self
            .client
            .op_bytes(op, &path, &Vec::new(), RequestBody::Empty, Default::default())
            .await?;
        // Validates the JSON while keeping the exact text for a faithful re-import.
        let _: serde_json::Map<String, serde_json::Value> = decode(&op.http_method(), &path, &bytes)?;
        AgentExport::from_json(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Creates an agent from an exported document, uploaded as a file
    /// (`import_agent_serialized`).
    pub async fn import(
        &self,
        file: &AgentExport,
        params: &ImportAgentParams,
    ) -> Result<AgentState, LettaError> {
        let body = multipart_file(
            "file",
            "agent.json",
            "application/json",
            file.as_json().as_bytes(),
        );
        self.client
            .run(&ops::IMPORT_AGENT_SERIALIZED, &[], &params.to_query(), body)
            .await
    }
}
