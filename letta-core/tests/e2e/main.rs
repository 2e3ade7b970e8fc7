//! End-to-end tests against the real Letta server (0.7.29 on PostgreSQL), started once for this
//! binary by `letta-testkit`, with the scripted LLM making agents deterministic.

mod admin;
mod agent_more;
mod agents;
mod archival;
mod batches;
mod blocks;
mod composio;
mod core_memory;
mod dispatch;
mod errors;
mod groups;
mod groups_sleeptime;
mod health;
mod identities;
mod mcp;
mod messages;
mod providers;
mod record;
mod record_resources;
mod runs;
mod sandbox;
mod sources;
mod streaming;
mod tools;
mod voice;

#[path = "../recording/mod.rs"]
mod recording;

use recording::Recorder;
pub(crate) use recording::once_more_after_a_race;

use letta_core::LettaClient;
use letta_core::types::{AgentState, EmbeddingConfig};
use letta_testkit::LettaServer;
use letta_testkit::llm::ScriptedAgentRequestWithMemory;
pub(crate) use letta_testkit::unique_name as unique;

pub(crate) fn server() -> &'static LettaServer {
    letta_testkit::shared()
}

/// A client for the shared server that records which operations the suite exercises.
pub(crate) fn client() -> LettaClient {
    recording_builder().build().expect("client")
}

/// Like [`client`], acting as the user `user_id` (the `user_id` header).
pub(crate) fn client_as(user_id: &str) -> LettaClient {
    recording_builder().user_id(user_id).build().expect("client")
}

fn recording_builder() -> letta_core::ClientBuilder {
    LettaClient::builder()
        .base_url(server().base_url())
        .layer(Recorder::layer(recording::V0_7))
}

/// The scripted LLM's embedding config, for sources.
pub(crate) fn embedding_config() -> EmbeddingConfig {
    server().llm().embedding_config()
}

/// An agent on the scripted LLM with `human` and `persona` blocks.
pub(crate) fn agent_request(name: &str) -> ScriptedAgentRequestWithMemory {
    server().llm().agent_request_with_memory(name)
}

/// Like [`agent_request`], on the scripted LLM's Anthropic emulation.
pub(crate) fn anthropic_agent_request(name: &str) -> ScriptedAgentRequestWithMemory {
    server()
        .llm()
        .anthropic_agent_request(name)
        .memory_blocks(letta_testkit::llm::memory_blocks())
}

pub(crate) async fn new_agent(client: &LettaClient, prefix: &str) -> AgentState {
    client
        .agents()
        .create(&agent_request(&unique(prefix)).build())
        .await
        .expect("create agent")
}
