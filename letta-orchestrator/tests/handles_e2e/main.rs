//! Agent handles, specs, typed output and workflows, end to end on the real Letta server with
//! the scripted LLM (one server for the whole binary).

mod conversations;
mod gate;
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
