//! End-to-end tests against the real Letta 0.16.8 server (the last self-hostable release, and the
//! shape of Letta Cloud's API), started by `letta-testkit` with the scripted LLM driving
//! `letta_v1_agent` agents. The 0.7.29 suite is `tests/e2e`; both record which operations they
//! exercised (`tests/recording`), and CI prints the counts per server.

mod admin;
mod agent_extras;
mod agent_messages;
mod agents;
mod archival;
mod batches_jobs;
mod blocks;
mod conversations;
mod core_memory;
mod folders;
mod groups_identities;
mod health;
mod mcp;
mod messages_misc;
mod providers;
mod resume;
mod runs_steps;
#[path = "../e2e/sandbox.rs"]
mod sandbox;
mod sources;
mod tools;
mod versions;

#[path = "../recording/mod.rs"]
mod recording;

use letta_core::LettaClient;
use letta_core::types::AgentState;
use letta_testkit::LettaServer;

use recording::Recorder;
pub(crate) use recording::once_more_after_a_race;

pub(crate) use letta_testkit::unique_name as unique;

pub(crate) fn server() -> &'static LettaServer {
    letta_testkit::shared_0_16()
}

/// A client for the shared 0.16.8 server that records which operations the suite exercises.
pub(crate) fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(server().base_url())
        .layer(Recorder::layer(recording::V0_16))
        .build()
        .expect("client")
}

/// A `letta_v1_agent` on the scripted LLM, with `human` and `persona` blocks.
pub(crate) async fn new_agent(client: &LettaClient, prefix: &str) -> AgentState {
    let request = server()
        .llm()
        .v1_agent_request_with_memory(unique(prefix))
        .build();
    client
        .agents()
        .create(&request)
        .await
        .expect("create a letta_v1_agent")
}
