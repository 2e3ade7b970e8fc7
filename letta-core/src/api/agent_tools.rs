//! The tools of one agent (`/v1/agents/{agent_id}/tools`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId, tool: letta_core::ids::ToolId) -> Result<(), letta_core::LettaError> {
//! let tools = client.agents().tools(&agent);
//! let state = tools.attach(&tool).await?;
//! let names: Vec<_> = tools.list().await?.into_iter().filter_map(|t| t.name).collect();
//! tools.detach(&tool).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, ToolId};
use crate::operations as ops;
use crate::types::{AgentState, Tool};
use crate::{LettaClient, LettaError};

/// The tools of one agent.
#[derive(Debug, Clone)]
pub struct AgentTools<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentTools<'_> {
    /// The tools attached to the agent, in no set order (`list_agent_tools`).
    pub async fn list(&self) -> Result<Vec<Tool>, LettaError> {
        self.client.call(ops::list_agent_tools(&self.agent_id)).await
    }

    /// Attaches a tool and returns the agent's new state (`attach_tool`).
    pub async fn attach(&self, tool_id: &ToolId) -> Result<AgentState, LettaError> {
        self.client.call(ops::attach_tool(&self.agent_id, tool_id)).await
    }

    /// Detaches a tool and returns the agent's new state (`detach_tool`).
    pub async fn detach(&self, tool_id: &ToolId) -> Result<AgentState, LettaError> {
        self.client.call(ops::detach_tool(&self.agent_id, tool_id)).await
    }
}
