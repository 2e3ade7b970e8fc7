//! Batch runs and group runs against the real Letta server (0.7.29 on PostgreSQL), started
//! once for this binary by `letta-testkit`, with the scripted LLM making agents deterministic.

mod batch;
mod groups;
mod sleeptime;
mod supervisor;
mod teardown;

use std::sync::atomic::{AtomicUsize, Ordering};

use letta_core::LettaClient;
use letta_core::ids::{AgentId, GroupId};
use letta_core::types::{AgentCreate, BlockCreate, EmbeddingConfig, LlmConfig, ModelEndpointType};
use letta_orchestrator::AgentHandle;
use tokio::sync::RwLock;

/// The scripted LLM's failure knob is global to the server: tests that reach the LLM hold this
/// for reading, the test that makes it fail holds it for writing.
pub(crate) static LLM: RwLock<()> = RwLock::const_new(());

/// Supervisor tests one at a time: 0.7.29 creates the manager's group tool for the organisation
/// at the first supervisor send, and attaches it only to that manager, so two first sends at
/// once on a fresh server race (one manager would miss the tool).
pub(crate) static SUPERVISOR: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub(crate) fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared().base_url())
        .build()
        .expect("client")
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

fn llm_config() -> LlmConfig {
    let llm = letta_testkit::shared().llm();
    LlmConfig::openai_compatible(letta_testkit::llm::MODEL, llm.base_url(), 16384)
}

fn embedding_config() -> EmbeddingConfig {
    EmbeddingConfig::openai_compatible(
        letta_testkit::llm::EMBEDDING_MODEL,
        letta_testkit::shared().llm().base_url(),
        letta_testkit::llm::EMBEDDING_DIM as u32,
    )
}

/// An agent on the scripted LLM.
pub(crate) fn agent_request(prefix: &str) -> AgentCreate {
    AgentCreate::named(unique(prefix))
        .llm_config(llm_config())
        .embedding_config(embedding_config())
        .memory_block(BlockCreate::new("human", "Name: Ada"))
        .memory_block(BlockCreate::new("persona", "I am a careful test agent."))
}

/// An agent on the scripted LLM's Anthropic emulation: the only kind 0.7.29 can batch.
pub(crate) fn anthropic_agent_request(prefix: &str) -> AgentCreate {
    let mut llm = LlmConfig::openai_compatible(
        letta_testkit::llm::MODEL,
        format!("{}/v1", letta_testkit::shared().llm().root_url()),
        16384,
    );
    llm.model_endpoint_type = ModelEndpointType::Anthropic;
    // Letta's Anthropic client refuses to run without a token limit.
    llm.max_tokens = Some(1024);
    llm.put_inner_thoughts_in_kwargs = Some(true);
    agent_request(prefix).llm_config(llm)
}

/// A caller-owned agent, as a handle, with its name.
pub(crate) async fn handle(client: &LettaClient, request: AgentCreate) -> (AgentHandle, String) {
    let agent = client.agents().create(&request).await.expect("create agent");
    (AgentHandle::new(client.clone(), agent.id), agent.name)
}

pub(crate) async fn assert_group_gone(client: &LettaClient, id: &GroupId) {
    let err = client.groups().retrieve(id).await.expect_err("the group is gone");
    assert!(err.is_not_found(), "{err}");
}

pub(crate) async fn assert_agent_gone(client: &LettaClient, id: &AgentId) {
    let err = client.agents().retrieve(id).await.expect_err("the agent is gone");
    assert!(err.is_not_found(), "{err}");
}

pub(crate) async fn assert_agent_exists(client: &LettaClient, id: &AgentId) {
    let agent = client
        .agents()
        .retrieve(id)
        .await
        .expect("the agent still exists");
    assert_eq!(&agent.id, id);
}
