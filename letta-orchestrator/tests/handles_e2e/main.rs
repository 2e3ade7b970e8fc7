//! Agent handles, specs, typed output and workflows, end to end on the real Letta server with
//! the scripted LLM (one server for the whole binary).

mod conversations;
mod handles;
mod resume;
mod spec;
mod typed;
mod workflows;

use letta_core::LettaClient;
use letta_orchestrator::{AgentHandle, AgentSpec};
pub(crate) use letta_testkit::unique_name as unique;

pub(crate) fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .build()
        .expect("client")
}

/// A spec on the scripted LLM with `human` and `persona` blocks.
pub(crate) fn spec(name: &str) -> AgentSpec {
    AgentSpec::from(
        letta_testkit::shared_selected()
            .llm()
            .agent_request_with_memory(name)
            .build(),
    )
}

pub(crate) async fn new_agent(prefix: &str) -> AgentHandle {
    spec(&unique(prefix))
        .create(&client())
        .await
        .expect("create agent")
}

/// Whether the suite runs on 0.16.8 (the release `LETTA_SERVER_VERSION` names).
pub(crate) fn on_0_16() -> bool {
    letta_testkit::shared_selected().release() == letta_testkit::LettaRelease::V0_16_8
}

/// The kinds of message a scripted agent's one-step reply holds: 0.7.29's agents reason, then
/// call `send_message`; 0.16.8's `letta_v1_agent` answers in plain text, and the scripted
/// model gives no reasoning.
pub(crate) fn reply_kinds() -> &'static [&'static str] {
    if on_0_16() {
        &["assistant_message"]
    } else {
        &["reasoning_message", "assistant_message"]
    }
}

/// The script that makes a typed agent's model answer with `value`, the way a real model does
/// on the server under test: on 0.7.29 as the object argument of `send_message` (whose
/// `message` parameter is the schema); on 0.16.8 as the JSON text of a plain reply (the model
/// is held to the schema by its `response_format`).
pub(crate) fn typed_reply(value: &serde_json::Value) -> String {
    if on_0_16() {
        format!("#reply {value}")
    } else {
        format!("#call send_message {}", serde_json::json!({ "message": value }))
    }
}
