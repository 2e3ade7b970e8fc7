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

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use letta_core::LettaClient;
use letta_core::LettaError;
use letta_core::operations::Operation;
use letta_core::transport::{Transport, TransportRequest, TransportResponse};
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
        .layer(tower::layer::layer_fn(|inner| Recorder { inner }))
}

/// Records which operation each request is, and whether the server answered it with success.
#[derive(Clone)]
struct Recorder {
    inner: Transport,
}

impl tower::Service<TransportRequest> for Recorder {
    type Response = TransportResponse;
    type Error = LettaError;
    type Future =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), LettaError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let (method, path) = (request.method().to_string(), request.uri().path().to_owned());
        // The client tags every request with its operation; it must agree with the table.
        let Some(op) = request.extensions().get::<Operation>().copied() else {
            panic!("{method} {path} carries no operation");
        };
        assert_eq!(
            Operation::find(&method, &path).map(|o| o.id),
            Some(op.id),
            "{method} {path}"
        );
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answer = answer.await;
            let ok = answer.as_ref().is_ok_and(|r| r.status().is_success());
            record_operation(op.id, ok);
            answer
        })
    }
}

/// Appends each (operation, outcome) seen for the first time to
/// `$CARGO_TARGET_TMPDIR/e2e-operations.txt` (emptied when this binary starts) as `id ok` or
/// `id error`, so the run can report how many distinct operations it exercised on the real server
/// and how many of them the server answered with success.
fn record_operation(id: &'static str, ok: bool) {
    static SEEN: OnceLock<Mutex<HashSet<(&'static str, bool)>>> = OnceLock::new();
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-operations.txt");
    let seen = SEEN.get_or_init(|| {
        let _ = std::fs::write(&file, "");
        Mutex::new(HashSet::new())
    });
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    if seen.insert((id, ok)) {
        use std::io::Write;
        let mut out = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&file)
            .expect("operations file");
        writeln!(out, "{id} {}", if ok { "ok" } else { "error" }).expect("operations file");
    }
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
