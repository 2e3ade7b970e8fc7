//! The agent the benches create on the real server: answered by the testkit's scripted LLM.

use letta_core::types::{AgentCreate, EmbeddingConfig, LlmConfig};
use letta_testkit::LettaServer;

/// A request for an agent named `name` whose model and embeddings are `server`'s scripted LLM.
pub fn scripted_agent(server: &LettaServer, name: impl Into<String>) -> AgentCreate {
    let llm = server.llm().base_url();
    AgentCreate::named(name)
        .llm_config(LlmConfig::openai_compatible(
            letta_testkit::llm::MODEL,
            &llm,
            16384,
        ))
        .embedding_config(EmbeddingConfig::openai_compatible(
            letta_testkit::llm::EMBEDDING_MODEL,
            &llm,
            letta_testkit::llm::EMBEDDING_DIM as u32,
        ))
}
