//! One handle per resource group, each borrowing the client: `client.agents().list(..)`.

pub mod admin;
pub mod agent_loop;
pub mod agent_tools;
pub mod agents;
pub mod all_messages;
pub mod archival;
pub mod archives;
pub mod attachments;
pub mod auth;
pub mod batches;
pub mod blocks;
pub mod chat_completions;
pub mod cloud;
pub mod composio;
pub mod conversations;
pub mod core_memory;
pub mod embeddings;
pub mod folders;
pub mod group_messages;
pub mod groups;
pub mod health;
pub mod identities;
pub mod jobs;
pub mod mcp;
pub mod mcp_servers;
pub mod messages;
pub mod passages;
pub mod providers;
pub mod run_details;
pub mod runs;
pub mod sandbox;
pub mod sources;
pub mod steps;
pub mod tags;
pub mod telemetry;
pub mod tools;
pub mod voice;

pub use admin::{Admin, Organizations, Users};
pub use agent_tools::AgentTools;
pub use agents::Agents;
pub use all_messages::AllMessages;
pub use archival::ArchivalMemory;
pub use archives::{AgentArchives, Archives};
pub use attachments::AgentIdentities;
pub use auth::Auth;
pub use batches::Batches;
pub use blocks::Blocks;
pub use chat_completions::ChatCompletions;
pub use cloud::AgentTemplates;
pub use composio::Composio;
pub use conversations::Conversations;
pub use core_memory::CoreMemory;
pub use embeddings::Embeddings;
pub use folders::{AgentFiles, AgentFolders, Folders};
pub use group_messages::GroupMessages;
pub use groups::Groups;
pub use health::Health;
pub use identities::Identities;
pub use jobs::Jobs;
pub use mcp::Mcp;
pub use mcp_servers::{McpConnectStream, McpServers};
pub use messages::Messages;
pub use passages::Passages;
pub use providers::{Models, Providers};
pub use runs::Runs;
pub use sandbox::SandboxConfigs;
pub use sources::{AgentSources, Sources};
pub use steps::Steps;
pub use tags::Tags;
pub use telemetry::Telemetry;
pub use tools::Tools;
pub use voice::{ChatCompletionStream, Voice};

use crate::LettaClient;
use crate::ids::{AgentId, GroupId};

impl LettaClient {
    /// Server health: `client.health().check()`.
    pub fn health(&self) -> Health<'_> {
        Health { client: self }
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

    /// Archives: stores of passages agents share (Letta 0.16).
    pub fn archives(&self) -> Archives<'_> {
        Archives { client: self }
    }

    /// Folders: 0.16's name for sources, with files agents open (Letta 0.16).
    pub fn folders(&self) -> Folders<'_> {
        Folders { client: self }
    }

    /// Passage search across agents and archives (Letta 0.16).
    pub fn passages(&self) -> Passages<'_> {
        Passages { client: self }
    }

    /// Bring-your-own-key LLM providers.
    pub fn providers(&self) -> Providers<'_> {
        Providers { client: self }
    }

    /// The chat and embedding models the server's providers offer.
    pub fn models(&self) -> Models<'_> {
        Models { client: self }
    }

    /// MCP servers by ID (0.16): `client.mcp_servers().list()`.
    pub fn mcp_servers(&self) -> McpServers<'_> {
        McpServers { client: self }
    }

    /// Tool sandbox configurations and their environment variables.
    pub fn sandbox_configs(&self) -> SandboxConfigs<'_> {
        SandboxConfigs { client: self }
    }

    /// Multi-agent groups and their conversations.
    pub fn groups(&self) -> Groups<'_> {
        Groups { client: self }
    }

    /// Identities (users, organizations) agents and blocks belong to.
    pub fn identities(&self) -> Identities<'_> {
        Identities { client: self }
    }

    /// Runs: agent steps started in the background.
    pub fn runs(&self) -> Runs<'_> {
        Runs { client: self }
    }

    /// Agent steps (LLM calls) and their usage.
    pub fn steps(&self) -> Steps<'_> {
        Steps { client: self }
    }

    /// Provider traces of steps.
    pub fn telemetry(&self) -> Telemetry<'_> {
        Telemetry { client: self }
    }

    /// Background jobs (file uploads, batches).
    pub fn jobs(&self) -> Jobs<'_> {
        Jobs { client: self }
    }

    /// Message batches over many agents.
    pub fn batches(&self) -> Batches<'_> {
        Batches { client: self }
    }

    /// The agents' tags.
    pub fn tags(&self) -> Tags<'_> {
        Tags { client: self }
    }

    /// Embedding storage.
    pub fn embeddings(&self) -> Embeddings<'_> {
        Embeddings { client: self }
    }

    /// Authentication.
    pub fn auth(&self) -> Auth<'_> {
        Auth { client: self }
    }

    /// The voice agents' chat-completions endpoint.
    pub fn voice(&self) -> Voice<'_> {
        Voice { client: self }
    }

    /// Users and organizations (the self-hosted server's admin routes).
    pub fn admin(&self) -> Admin<'_> {
        Admin { client: self }
    }

    /// Every agent's messages: list, search, fetch by ID (0.16+).
    pub fn messages(&self) -> AllMessages<'_> {
        AllMessages { client: self }
    }

    /// OpenAI-compatible chat completions answered by agents (0.16+).
    pub fn chat_completions(&self) -> ChatCompletions<'_> {
        ChatCompletions { client: self }
    }

    /// Conversations: separate threads of one agent (0.16+).
    pub fn conversations(&self) -> Conversations<'_> {
        Conversations { client: self }
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

impl<'c> Groups<'c> {
    /// The conversation of one group: send, stream, list, modify, reset.
    pub fn messages(&self, group_id: impl Into<GroupId>) -> GroupMessages<'c> {
        GroupMessages {
            client: self.client,
            group_id: group_id.into(),
        }
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

    /// The tools of one agent: list, attach, detach.
    pub fn tools(&self, agent_id: impl Into<AgentId>) -> AgentTools<'c> {
        AgentTools {
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

    /// The archives attached to one agent (Letta 0.16).
    pub fn archives(&self, agent_id: impl Into<AgentId>) -> AgentArchives<'c> {
        AgentArchives {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The folders attached to one agent (Letta 0.16).
    pub fn folders(&self, agent_id: impl Into<AgentId>) -> AgentFolders<'c> {
        AgentFolders {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The files of the folders attached to one agent, open or closed (Letta 0.16).
    pub fn files(&self, agent_id: impl Into<AgentId>) -> AgentFiles<'c> {
        AgentFiles {
            client: self.client,
            agent_id: agent_id.into(),
        }
    }

    /// The identities of one agent (Letta 0.16).
    pub fn identities(&self, agent_id: impl Into<AgentId>) -> AgentIdentities<'c> {
        AgentIdentities {
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
