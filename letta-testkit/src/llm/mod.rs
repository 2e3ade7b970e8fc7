//! A scripted, deterministic OpenAI-compatible LLM server for end-to-end tests.
//!
//! The real Letta server is pointed at [`ScriptedLlm::base_url`] (as both
//! `llm_config.model_endpoint` and `embedding_config.embedding_endpoint`,
//! endpoint type `"openai"`) instead of OpenAI. Answers are decided purely from
//! the request, so tests can predict exactly what the agent will "say":
//!
//! * a Letta heartbeat -> `send_message("Tool returned: <last tool result>")`;
//! * `#call <tool> <json object>` -> a call of that tool with those arguments;
//! * `#reply <text>` -> `send_message("<text>")`;
//! * anything else -> `send_message("You said: <text>")`.
//!
//! When the request offers no `send_message` tool (a `letta_v1_agent` of Letta
//! 0.16.8, see [`ScriptedLlm::v1_agent_request`]), the same text is the plain
//! assistant content instead (streamed as `content` deltas), and a request that
//! ends with a tool result is answered `"Tool returned: <its text>"`, which ends
//! the agent's turn.
//!
//! Tool-call arguments start with `inner_thoughts` when the tool declares it,
//! which is what Letta needs to stream reasoning. Embeddings are a
//! deterministic bag-of-words hash, so texts sharing words are close.
//! Latency and failures can be injected, and every chat request is recorded.
//!
//! It also speaks Anthropic's Messages API with the same script (for agents
//! whose `llm_config` has endpoint type `"anthropic"`, reached through
//! `ANTHROPIC_BASE_URL`), and emulates Anthropic's Message Batches API:
//! every request of a batch is decided at once and the batch has ended by
//! the first poll, unless one of its user messages starts with `#hold`, which
//! keeps the batch `in_progress` until it is cancelled; a request whose
//! last user message starts with `#error` ends `errored`.
//!
//! Endpoints: `GET /v1/models`, `POST /v1/embeddings`,
//! `POST /v1/chat/completions` (plain or `"stream": true` SSE);
//! Anthropic: `POST /v1/messages` (plain or streamed),
//! `POST /v1/messages/count_tokens`, `POST /v1/messages/batches`,
//! `GET /v1/messages/batches/{id}`, `GET /v1/messages/batches/{id}/results`
//! (JSON lines), `POST /v1/messages/batches/{id}/cancel`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

mod anthropic;
mod batches;
mod embed;
mod requests;
mod script;
mod server;
mod wire;

pub use requests::{
    CONTEXT_WINDOW, HUMAN, PERSONA, ScriptedAgentRequest, ScriptedAgentRequestWithMemory, ScriptedModels,
    ScriptedV1AgentRequest, ScriptedV1AgentRequestWithMemory, memory_blocks,
};

/// Name of the scripted chat model (what goes into `llm_config.model`).
pub const MODEL: &str = "scripted-model";

/// Name of the scripted embedding model (`embedding_config.embedding_model`).
pub const EMBEDDING_MODEL: &str = "scripted-embedding";

/// The only API key the Anthropic emulation accepts (in `x-api-key`); what the harness gives the
/// server as `ANTHROPIC_API_KEY`. Any other key is refused with 401, as Anthropic would.
pub const ANTHROPIC_API_KEY: &str = "sk-ant-letta-testkit";

/// Embedding length when a request does not ask for `dimensions`
/// (matches OpenAI's `text-embedding-ada-002`, Letta's usual default).
pub const EMBEDDING_DIM: usize = 1536;

/// Handle to a running scripted LLM server.
///
/// Cheap to clone: all clones share one server. The server lives until the
/// process exits; dropping handles does not stop it (one per test binary is
/// the intended use), because it runs on its own thread and runtime so that it
/// outlives the `#[tokio::test]` runtime that started it.
#[derive(Debug, Clone)]
pub struct ScriptedLlm {
    /// Address the server listens on.
    addr: SocketAddr,
    /// State shared with the request handlers.
    shared: Arc<server::Shared>,
}

impl ScriptedLlm {
    /// Starts the server on 127.0.0.1 with an OS-chosen port, on its own
    /// dedicated `std::thread` that owns its own tokio runtime, so it
    /// outlives any `#[tokio::test]` runtime that calls it. Returns once the
    /// listener is bound (connections made after that are queued and served).
    ///
    /// # Errors
    ///
    /// Fails if the socket cannot be bound, the runtime cannot be built or
    /// the server thread cannot be spawned.
    pub fn start() -> std::io::Result<ScriptedLlm> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("scripted-llm-worker")
            .enable_all()
            .build()?;
        let shared = Arc::new(server::Shared::default());
        shared.set_addr(addr);
        let app = server::router(Arc::clone(&shared));
        std::thread::Builder::new()
            .name(format!("scripted-llm-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            tracing::error!(%addr, error = %e, "scripted LLM: cannot adopt listener");
                            return;
                        }
                    };
                    tracing::info!(%addr, "scripted LLM listening");
                    if let Err(e) = axum::serve(listener, app).await {
                        tracing::error!(%addr, error = %e, "scripted LLM server stopped");
                    }
                });
            })?;
        Ok(ScriptedLlm { addr, shared })
    }

    /// The socket address the server listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `"http://127.0.0.1:PORT/v1"`: what goes into Letta's
    /// `llm_config.model_endpoint` and `embedding_config.embedding_endpoint`.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// Fixed latency added before every chat-completion answer (default
    /// zero); also applies to injected failures. Lets tests exercise
    /// timeouts and in-flight behaviour.
    pub fn set_latency(&self, d: Duration) {
        self.shared.set_latency(d);
    }

    /// The next `n` chat-completion requests answer HTTP `status` with an
    /// OpenAI-style error JSON (fault injection). Replaces any earlier plan;
    /// `n = 0` cancels it. A status that is not a valid HTTP code becomes 500.
    /// Failed requests are still recorded by [`ScriptedLlm::chat_requests`].
    pub fn fail_next(&self, n: usize, status: u16) {
        self.shared.fail_next(n, status);
    }

    /// Every chat-completion request body received so far, in order
    /// (bodies rejected as malformed with a 400 are not included).
    #[must_use]
    pub fn chat_requests(&self) -> Vec<serde_json::Value> {
        self.shared.chat_requests()
    }

    /// Every Anthropic Messages request body received so far, in order; a
    /// Message Batch adds the `params` of each of its requests.
    #[must_use]
    pub fn anthropic_requests(&self) -> Vec<serde_json::Value> {
        self.shared.anthropic_requests()
    }

    /// `"http://127.0.0.1:PORT"`: what goes into `ANTHROPIC_BASE_URL` (the
    /// Anthropic SDK appends `/v1/messages`).
    #[must_use]
    pub fn root_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Number of chat-completion requests received so far (as recorded by
    /// [`ScriptedLlm::chat_requests`]).
    #[must_use]
    pub fn chat_request_count(&self) -> usize {
        self.shared.chat_request_count()
    }
}
