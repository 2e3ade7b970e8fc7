//! Batch runs and group runs against the real Letta server (0.7.29 on PostgreSQL), started
//! once for this binary by `letta-testkit`, with the scripted LLM making agents deterministic.

mod batch;
mod groups;
mod sleeptime;
mod supervisor;
mod teardown;

use letta_core::LettaClient;
use letta_core::ids::{AgentId, GroupId};
use letta_core::types::AgentCreate;
use letta_orchestrator::AgentHandle;
pub(crate) use letta_testkit::unique_name as unique;
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
        .base_url(letta_testkit::shared_selected().base_url())
        .build()
        .expect("client")
}

/// An agent on the scripted LLM with `human` and `persona` blocks.
pub(crate) fn agent_request(prefix: &str) -> AgentCreate {
    letta_testkit::shared_selected()
        .llm()
        .agent_request_with_memory(unique(prefix))
        .build()
}

/// Like [`agent_request`], on the scripted LLM's Anthropic emulation: the only kind 0.7.29 can
/// batch.
pub(crate) fn anthropic_agent_request(prefix: &str) -> AgentCreate {
    letta_testkit::shared_selected()
        .llm()
        .anthropic_agent_request(unique(prefix))
        .memory_blocks(letta_testkit::llm::memory_blocks())
        .build()
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
