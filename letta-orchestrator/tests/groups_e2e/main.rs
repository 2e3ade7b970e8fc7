//! Batch runs and group runs against the real Letta server (0.7.29 or 0.16.8, as
//! `LETTA_SERVER_VERSION` says, on PostgreSQL), started once for this binary by
//! `letta-testkit`, with the scripted LLM making agents deterministic. 0.7.29 runs the groups;
//! on 0.16.8 the orchestrator does.

mod batch;
mod failures;
mod groups;
mod sleeptime;
mod supervisor;
mod teardown;

use letta_core::LettaClient;
use letta_core::ids::{AgentId, GroupId};
use letta_core::types::{AgentCreate, LettaMessage, ListMessagesParams, ReplyTool};
use letta_orchestrator::{AgentHandle, Replies};
use letta_testkit::LettaRelease;
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

/// Whether the suite runs against 0.16.8 (where the orchestrator runs the groups).
pub(crate) fn on_0_16() -> bool {
    letta_testkit::shared_selected().release() == LettaRelease::V0_16_8
}

/// The agent's newest stored messages, oldest first.
pub(crate) async fn own_history(client: &LettaClient, agent: &AgentId) -> Vec<LettaMessage> {
    client
        .agents()
        .messages(agent)
        .list(&ListMessagesParams::builder().limit(100).build())
        .await
        .expect("the agent's history")
}

/// What the agent said: its assistant messages, and the `message` of its `send_message` calls
/// (0.16.8 gives an agent created with `enable_sleeptime` that tool, and lists its calls as
/// tool calls, not as assistant messages).
pub(crate) fn said(messages: &[LettaMessage]) -> Vec<String> {
    let reply_tool = ReplyTool::default();
    messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::ToolCall(_) => std::slice::from_ref(m)
                .last_reply_json(&reply_tool)
                .and_then(|json| serde_json::from_str::<String>(&json).ok()),
            other => other.assistant_text(),
        })
        .collect()
}

/// How many user messages of `history` hold `text`.
pub(crate) fn user_messages_with(history: &[LettaMessage], text: &str) -> usize {
    history
        .iter()
        .filter(|m| matches!(m, LettaMessage::User(u) if u.content.text().contains(text)))
        .count()
}
