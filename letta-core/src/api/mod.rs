//! One handle per resource group, each borrowing the client: `client.agents().list(..)`.

pub mod admin;
pub mod agents;
pub mod archival;
pub mod blocks;
pub mod cloud;
pub mod composio;
pub mod core_memory;
pub mod health;
pub mod mcp;
pub mod messages;
pub mod providers;
pub mod sandbox;
pub mod sources;
pub mod tools;

pub use admin::{Admin, Organizations, Users};
pub use agents::Agents;
pub use archival::ArchivalMemory;
pub use blocks::Blocks;
pub use cloud::AgentTemplates;
pub use composio::Composio;
pub use core_memory::CoreMemory;
pub use health::HealthApi;
pub use mcp::Mcp;
pub use messages::Messages;
pub use providers::{Models, Providers};
pub use sandbox::SandboxConfigs;
pub use sources::{AgentSources, Sources};
pub use tools::Tools;

use crate::LettaClient;
use crate::ids::AgentId;

impl LettaClient {
    /// Server health: `client.health().check()`.
    pub fn health(&self) -> HealthApi<'_> {
        HealthApi { client: self }
    }

    /// Agents: create, retrieve, list, modify, delete, count.
    pub fn agents(&self) -> Agents<'_> {
        Agents { client: self }
    }

    /// Standalone memory blocks.
    pub fn blocks(&self) -> Blocks<'_> {
        Blocks { client: self }
    }

    /// Tools.
    pub fn tools(&self) -> Tools<'_> {
        Tools { client: self }
    }

    /// Sources: uploaded files and their passages.
    pub fn sources(&self) -> Sources<'_> {
        Sources { client: self }
    }

    /// Bring-your-own-key LLM providers.
    pub fn providers(&self) -> Providers<'_> {
        Providers { client: self }
    }

    /// The chat and embedding models the server's providers offer.
    pub fn models(&self) -> Models<'_> {
        Models { client: self }
    }

    /// Tool sandbox configurations and their environment variables.
    pub fn sandbox_configs(&self) -> SandboxConfigs<'_> {
        SandboxConfigs { client: self }
    }

    /// Users and organizations (the self-hosted server's admin routes).
    pub fn admin(&self) -> Admin<'_> {
        Admin { client: self }
    }
}

impl<'c> Tools<'c> {
    /// Composio apps and actions (needs a Composio API key on the server).
    pub fn composio(&self) -> Composio<'c> {
        Composio { client: self.client }
    }

    /// MCP servers and their tools.
    pub fn mcp(&self) -> Mcp<'c> {
        Mcp { client: self.client }
    }
}

impl<'c> Agents<'c> {
    /// The conversation of one agent: send, stream, list, modify, reset.
    pub fn messages(&self, agent_id: impl Into<AgentId>) -> Messages<'c> {
        Messages {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The core memory (blocks) of one agent.
    pub fn core_memory(&self, agent_id: impl Into<AgentId>) -> CoreMemory<'c> {
        CoreMemory {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The archival memory (passages) of one agent.
    pub fn archival(&self, agent_id: impl Into<AgentId>) -> ArchivalMemory<'c> {
        ArchivalMemory {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The sources attached to one agent.
    pub fn sources(&self, agent_id: impl Into<AgentId>) -> AgentSources<'c> {
        AgentSources {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The templates of one agent (Letta Cloud only).
    pub fn templates(&self, agent_id: impl Into<AgentId>) -> AgentTemplates<'c> {
        AgentTemplates {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }
}
