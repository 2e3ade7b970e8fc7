//! A loopback HTTP server that replays responses recorded from the real Letta 0.7.29 server, so
//! every client under comparison does the same work against the same bytes on the same machine.
//!
//! Routes (any agent ID is accepted; the answers never change):
//! - `GET /v1/agents/{id}`: an `AgentState` (`fixtures/agent_state.json`);
//! - `GET /v1/agents/{id}/messages`: a message page (`fixtures/messages_list.json`);
//! - `POST /v1/agents/{id}/messages`: a send response (`fixtures/send_response.json`);
//! - `POST /v1/agents/{id}/messages/stream`: a long SSE stream ([`Fixtures::long_stream`]).
//!
//! The fixtures are copies of `letta-core/tests/fixtures/`, recorded from the real server by the
//! testkit; they are compiled in so the benches need neither files at run time nor a server.
//!
//! Run it in a separate process ([`ReplayProcess`]) when measuring client CPU, so the process's
//! CPU time is the client's alone.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use axum::Router;
use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;

/// The argument that makes a bench binary serve the fixtures instead of measuring
/// (see [`serve_if_requested`]).
pub const SERVE_ARG: &str = "--letta-replay-server";

/// How many recorded turns the long stream repeats; about 1 MB of events.
pub const LONG_STREAM_TURNS: usize = 100;

/// The recorded bodies the server answers with.
#[derive(Debug, Clone)]
pub struct Fixtures {
    /// `GET /v1/agents/{id}`.
    pub agent_state: Bytes,
    /// `GET /v1/agents/{id}/messages`.
    pub messages_page: Bytes,
    /// `POST /v1/agents/{id}/messages`.
    pub send_response: Bytes,
    /// `POST /v1/agents/{id}/messages/stream`, one chunk per turn, ending with usage and `[DONE]`.
    pub stream_chunks: Vec<Bytes>,
}

const AGENT_STATE: &[u8] = include_bytes!("../fixtures/agent_state.json");
const MESSAGES_LIST: &[u8] = include_bytes!("../fixtures/messages_list.json");
const SEND_RESPONSE: &[u8] = include_bytes!("../fixtures/send_response.json");
const STREAM_TOKENS: &str = include_str!("../fixtures/stream_tokens.sse");

impl Fixtures {
    /// The recorded fixtures, with a long stream of [`LONG_STREAM_TURNS`] turns.
    pub fn recorded() -> Self {
        Self {
            agent_state: Bytes::from_static(AGENT_STATE),
            messages_page: Bytes::from_static(MESSAGES_LIST),
            send_response: Bytes::from_static(SEND_RESPONSE),
            stream_chunks: long_stream_chunks(LONG_STREAM_TURNS),
        }
    }

    /// The whole long stream as one buffer (for the decoding microbenches).
    pub fn long_stream(&self) -> Bytes {
        let mut all = Vec::with_capacity(self.stream_chunks.iter().map(Bytes::len).sum());
        for chunk in &self.stream_chunks {
            all.extend_from_slice(chunk);
        }
        Bytes::from(all)
    }
}

/// A long stream built only from recorded events: each turn is the recorded token stream (reasoning
/// and assistant chunks) followed by the recorded multi-step reply of `send_response.json` (reasoning,
/// tool call, tool return, reasoning, assistant message) as whole-message events, which is how the
/// server streams steps. One usage event and `[DONE]` end it, as the server ends every stream.
fn long_stream_chunks(turns: usize) -> Vec<Bytes> {
    let mut token_events = String::new();
    let mut usage = String::new();
    for event in STREAM_TOKENS.split("\n\n") {
        let data = event.trim();
        if data.is_empty() || data == "data: [DONE]" {
            continue;
        }
        if data.contains("\"message_type\":\"usage_statistics\"") {
            usage = format!("{data}\n\n");
        } else {
            token_events.push_str(data);
            token_events.push_str("\n\n");
        }
    }
    let reply: serde_json::Value = serde_json::from_slice(SEND_RESPONSE).expect("send_response.json");
    let mut step_events = String::new();
    for message in reply["messages"].as_array().expect("messages") {
        step_events.push_str("data: ");
        step_events.push_str(&message.to_string());
        step_events.push_str("\n\n");
    }
    let turn = Bytes::from(format!("{token_events}{step_events}"));
    let mut chunks = vec![turn; turns];
    chunks.push(Bytes::from(format!("{usage}data: [DONE]\n\n")));
    chunks
}

fn json(body: &Bytes) -> Response {
    Response::builder()
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.clone()))
        .expect("static response")
}

/// The replay routes.
pub fn router(fixtures: Fixtures) -> Router {
    let f = std::sync::Arc::new(fixtures);
    let (a, m, s, st) = (f.clone(), f.clone(), f.clone(), f);
    Router::new()
        .route(
            "/v1/agents/{id}",
            get(move || async move { json(&a.agent_state) }),
        )
        .route(
            "/v1/agents/{id}/messages",
            get(move || async move { json(&m.messages_page) })
                // The request body is read so the connection stays reusable, as a real server does.
                .post(move |_body: Bytes| async move { json(&s.send_response) }),
        )
        .route(
            "/v1/agents/{id}/messages/stream",
            axum::routing::post(move |_body: Bytes| async move {
                // Chunk by chunk (a turn each), as the server flushes events while a turn runs.
                let chunks = st.stream_chunks.clone().into_iter().map(Ok::<_, std::io::Error>);
                Response::builder()
                    .header(CONTENT_TYPE, "text/event-stream")
                    .body(Body::from_stream(futures_util::stream::iter(chunks)))
                    .expect("static response")
            }),
        )
}

/// Serves the recorded fixtures on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router(Fixtures::recorded())).await
}

/// If this process was started with [`SERVE_ARG`], serves the fixtures on a loopback port, prints
/// `port=<n>` on stdout, and never returns; otherwise returns at once. Call it first in `main`.
pub fn serve_if_requested() {
    if !std::env::args().any(|a| a == SERVE_ARG) {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result: std::io::Result<()> = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("port={}", listener.local_addr()?.port());
        serve(listener).await
    });
    result.expect("replay server");
    std::process::exit(0);
}

/// The replay server running in a child process (this executable started with [`SERVE_ARG`]);
/// killed when dropped.
#[derive(Debug)]
pub struct ReplayProcess {
    child: Child,
    addr: SocketAddr,
}

impl ReplayProcess {
    /// Starts the current executable as the replay server and waits for its port. The executable
    /// must call [`serve_if_requested`] first in `main`.
    pub fn spawn() -> std::io::Result<Self> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg(SERVE_ARG)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let port = line
            .trim()
            .strip_prefix("port=")
            .and_then(|p| p.parse::<u16>().ok());
        let Some(port) = port else {
            let _ = child.kill();
            return Err(std::io::Error::other(format!("replay server said {line:?}")));
        };
        Ok(Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The server process's ID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ReplayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
