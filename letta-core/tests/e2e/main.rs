//! End-to-end tests against the real Letta server (0.7.29 on PostgreSQL), started once for this
//! binary by `letta-testkit`, with the scripted LLM making agents deterministic.

mod agents;
mod archival;
mod blocks;
mod core_memory;
mod errors;
mod health;
mod messages;
mod record;
mod streaming;
mod tools;

use std::sync::atomic::{AtomicUsize, Ordering};

use letta_core::LettaClient;
use letta_core::types::{AgentState, CreateAgent, CreateBlock, EmbeddingConfig, LlmConfig};
use letta_testkit::LettaServer;

pub(crate) fn server() -> &'static LettaServer {
    letta_testkit::shared()
}

pub(crate) fn client() -> LettaClient {
    LettaClient::new(server().base_url()).expect("client")
}

/// A name no other test uses.
pub(crate) fn unique(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

pub(crate) fn llm_config() -> LlmConfig {
    LlmConfig::openai_compatible(letta_testkit::llm::MODEL, server().llm().base_url(), 16384)
}

pub(crate) fn embedding_config() -> EmbeddingConfig {
    EmbeddingConfig::openai_compatible(
        letta_testkit::llm::EMBEDDING_MODEL,
        server().llm().base_url(),
        letta_testkit::llm::EMBEDDING_DIM as u32,
    )
}

/// An agent on the scripted LLM with `human` and `persona` blocks.
pub(crate) fn agent_request(name: &str) -> CreateAgent {
    CreateAgent::named(name)
        .llm_config(llm_config())
        .embedding_config(embedding_config())
        .memory_block(CreateBlock::new("human", "Name: Ada"))
        .memory_block(CreateBlock::new("persona", "I am a careful test agent."))
}

pub(crate) async fn new_agent(client: &LettaClient, prefix: &str) -> AgentState {
    client
        .agents()
        .create(&agent_request(&unique(prefix)))
        .await
        .expect("create agent")
}
