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
use crate::client::{decode, multipart_file};
use crate::ids::AgentId;
use crate::operations as ops;
use crate::types::{AgentExport, AgentState, ContextWindowOverview, Group, ImportAgentParams, ManagerType};

impl Agents<'_> {
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
            .call(ops::import_agent_serialized().query(params).raw_body(body))
            .await
    }
}
