//! Agent handles, specs, typed output and workflows, end to end on the real Letta server with
//! the scripted LLM (one server for the whole binary).

mod handles;
mod spec;
mod typed;
mod workflows;

use std::sync::atomic::{AtomicUsize, Ordering};

use letta_core::LettaClient;
use letta_core::types::{EmbeddingConfig, LlmConfig};
use letta_orchestrator::{AgentHandle, AgentSpec};

pub(crate) fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared().base_url())
        .build()
        .expect("client")
}

pub(crate) fn unique(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A spec on the scripted LLM with `human` and `persona` blocks.
pub(crate) fn spec(name: &str) -> AgentSpec {
    let server = letta_testkit::shared();
    AgentSpec::new(name)
        .llm_config(LlmConfig::openai_compatible(
            letta_testkit::llm::MODEL,
            server.llm().base_url(),
            16384,
        ))
        .embedding_config(EmbeddingConfig::openai_compatible(
            letta_testkit::llm::EMBEDDING_MODEL,
            server.llm().base_url(),
            letta_testkit::llm::EMBEDDING_DIM as u32,
        ))
        .memory("human", "Name: Ada")
        .memory("persona", "I am a careful test agent.")
}

pub(crate) async fn new_agent(prefix: &str) -> AgentHandle {
    spec(&unique(prefix)).create(&client()).await.expect("create agent")
}
