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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use letta_core::LettaClient;
use letta_core::LettaError;
use letta_core::operations::Operation;
use letta_core::transport::{Transport, TransportRequest, TransportResponse};
use letta_core::types::{
    AgentCreate, AgentState, BlockCreate, EmbeddingConfig, LlmConfig, ModelEndpointType,
};
use letta_testkit::LettaServer;

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
pub(crate) fn agent_request(name: &str) -> AgentCreate {
    AgentCreate::named(name)
        .llm_config(llm_config())
        .embedding_config(embedding_config())
        .memory_block(BlockCreate::new("human", "Name: Ada"))
        .memory_block(BlockCreate::new("persona", "I am a careful test agent."))
}

/// An agent on the scripted LLM's Anthropic emulation (endpoint type `anthropic`): the only kind
/// 0.7.x can put in a message batch. The server's Anthropic SDK reaches the emulation through
/// `ANTHROPIC_BASE_URL`, whatever `model_endpoint` says.
pub(crate) fn anthropic_agent_request(name: &str) -> AgentCreate {
    let mut llm = LlmConfig::openai_compatible(
        letta_testkit::llm::MODEL,
        format!("{}/v1", server().llm().root_url()),
        16384,
    );
    llm.model_endpoint_type = ModelEndpointType::Anthropic;
    // Letta's Anthropic client refuses to run without a token limit.
    llm.max_tokens = Some(1024);
    llm.put_inner_thoughts_in_kwargs = Some(true);
    agent_request(name).llm_config(llm)
}

pub(crate) async fn new_agent(client: &LettaClient, prefix: &str) -> AgentState {
    client
        .agents()
        .create(&agent_request(&unique(prefix)))
        .await
        .expect("create agent")
}
