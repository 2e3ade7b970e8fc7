//! One handle per resource group, each borrowing the client: `client.agents().list(..)`.

pub mod agents;
pub mod archival;
pub mod blocks;
pub mod core_memory;
pub mod health;
pub mod messages;
pub mod tools;

pub use agents::Agents;
pub use archival::ArchivalMemory;
pub use blocks::Blocks;
pub use core_memory::CoreMemory;
pub use health::HealthApi;
pub use messages::Messages;
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
}
