//! Typed handles on one agent: send, stream, run in the background, memory, archival, tools.

use letta_core::LettaClient;
use letta_core::ids::AgentId;

/// One agent on one server: the client and the agent's ID. Cheap to clone.
///
/// Every method is one or a few API calls; the handle caches nothing, so it never goes stale.
#[derive(Debug, Clone)]
pub struct AgentHandle {
    client: LettaClient,
    id: AgentId,
}

impl AgentHandle {
    /// A handle on the agent `id`, reached through `client` (and its layers).
    pub fn new(client: LettaClient, id: impl Into<AgentId>) -> Self {
        Self { client, id: id.into() }
    }

    /// The agent's ID.
    pub fn id(&self) -> &AgentId {
        &self.id
    }

    /// The client the handle calls through.
    pub fn client(&self) -> &LettaClient {
        &self.client
    }
}
