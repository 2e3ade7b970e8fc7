//! The clients under comparison, each doing one request of an operation against the replay server.
//!
//! The raw loops are the limit: plain `reqwest` with the same version and connection pool, the same
//! status check, and (for `Raw`) decoding into the same `letta_core` types as the client, so the
//! difference is the client's own overhead. `RawValue` decodes into `serde_json::Value`, as context.

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{
    AgentState, LettaMessage, LettaRequest, LettaResponse, LettaStreamingRequest, LettaUsageStatistics,
    ListMessagesParams, MessageCreate,
};
use serde_json::Value;

use super::letta_rs::{self, LettaCrate};

/// An operation measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Retrieve,
    List,
    Send,
    Stream,
}

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::Retrieve => "retrieve-agent",
            Op::List => "list-messages",
            Op::Send => "send-message",
            Op::Stream => "stream",
        }
    }
}

/// One client under comparison.
#[derive(Clone)]
pub enum Client {
    /// `letta_core::LettaClient`, typed, as built by default.
    Typed(LettaClient),
    /// `letta_core::LettaClient` without its call timeout (`timeout(None)`).
    TypedUntimed(LettaClient),
    /// `reqwest` + `serde_json` into the `letta_core` types.
    Raw(reqwest::Client, String),
    /// `reqwest` + `serde_json::Value`.
    RawValue(reqwest::Client, String),
    /// The Rust crate `letta` 0.1.2, through its own API and types.
    LettaCrate(Box<LettaCrate>),
}

impl Client {
    pub fn name(&self) -> &'static str {
        match self {
            Client::Typed(_) => "letta-core",
            Client::TypedUntimed(_) => "letta-core, no call timeout",
            Client::Raw(..) => "raw typed",
            Client::RawValue(..) => "raw Value",
            Client::LettaCrate(_) => letta_rs::NAME,
        }
    }
}

/// What one request did: events decoded (1 for a plain request) and body bytes read.
#[derive(Debug, Default, Clone, Copy)]
pub struct Done {
    pub events: u64,
    pub bytes: u64,
}

/// The agent every client asks for.
pub const AGENT: &str = "agent-00000000-0000-4000-8000-000000000000";
/// The user message of every send and stream.
pub const PROMPT: &str = "What is on the agenda for today?";

/// The request body of every send and stream.
pub fn request() -> LettaRequest {
    LettaRequest::from(MessageCreate::user(PROMPT))
}

/// Why `client` cannot do `op` on the replay server (tried once), or `None` if it can. Only a
/// client with gaps is tried; the others' failures are bench bugs and panic in [`once`].
pub async fn probe(client: &Client, op: Op) -> Option<String> {
    match client {
        Client::LettaCrate(c) => c.probe(op).await,
        _ => None,
    }
}

/// Runs `op` once with `client`. Panics on any failure: the replay server never fails, so a
/// failure is a bug in the bench.
pub async fn once(client: &Client, op: Op) -> Done {
    match client {
        Client::Typed(c) | Client::TypedUntimed(c) => typed(c, op).await,
        Client::Raw(c, base) => raw::<true>(c, base, op).await,
        Client::RawValue(c, base) => raw::<false>(c, base, op).await,
        Client::LettaCrate(c) => c.once(op).await.unwrap_or_else(|e| panic!("letta: {e}")),
    }
}

async fn typed(c: &LettaClient, op: Op) -> Done {
    let id = AgentId::from(AGENT.to_owned());
    let one = Done { events: 1, bytes: 0 };
    match op {
        Op::Retrieve => {
            let agent = c.agents().retrieve(&id).await.expect("retrieve");
            std::hint::black_box(agent);
            one
        }
        Op::List => {
            let page = c
                .agents()
                .messages(&id)
                .list(&ListMessagesParams::default())
                .await
                .expect("list");
            std::hint::black_box(page);
            one
        }
        Op::Send => {
            let reply = c.agents().messages(&id).send(&request()).await.expect("send");
            std::hint::black_box(reply);
            one
        }
        Op::Stream => {
            let request = LettaStreamingRequest::steps(request());
            let mut stream = c.agents().messages(&id).stream(&request).await.expect("stream");
            let mut events = 0;
            while let Some(event) = stream.next().await {
                std::hint::black_box(event.expect("event"));
                events += 1;
            }
            Done { events, bytes: 0 }
        }
    }
}

async fn get_body(c: &reqwest::Client, url: String) -> bytes::Bytes {
    let response = c
        .get(url)
        .send()
        .await
        .expect("get")
        .error_for_status()
        .expect("status");
    response.bytes().await.expect("body")
}

async fn post(c: &reqwest::Client, url: String, body: Vec<u8>) -> reqwest::Response {
    c.post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("post")
        .error_for_status()
        .expect("status")
}

fn decode<T: serde::de::DeserializeOwned, const TYPED: bool>(bytes: &[u8]) {
    if TYPED {
        std::hint::black_box(serde_json::from_slice::<T>(bytes).expect("decode"));
    } else {
        std::hint::black_box(serde_json::from_slice::<Value>(bytes).expect("decode"));
    }
}

async fn raw<const TYPED: bool>(c: &reqwest::Client, base: &str, op: Op) -> Done {
    let one = |bytes: usize| Done {
        events: 1,
        bytes: bytes as u64,
    };
    match op {
        Op::Retrieve => {
            let body = get_body(c, format!("{base}/v1/agents/{AGENT}")).await;
            decode::<AgentState, TYPED>(&body);
            one(body.len())
        }
        Op::List => {
            let body = get_body(c, format!("{base}/v1/agents/{AGENT}/messages")).await;
            decode::<Vec<LettaMessage>, TYPED>(&body);
            one(body.len())
        }
        Op::Send => {
            let json = serde_json::to_vec(&request()).expect("encode");
            let body = post(c, format!("{base}/v1/agents/{AGENT}/messages"), json).await;
            let body = body.bytes().await.expect("body");
            decode::<LettaResponse, TYPED>(&body);
            one(body.len())
        }
        Op::Stream => {
            let json = serde_json::to_vec(&LettaStreamingRequest::steps(request())).expect("encode");
            let response = post(c, format!("{base}/v1/agents/{AGENT}/messages/stream"), json).await;
            raw_sse::<TYPED>(response).await
        }
    }
}

/// The minimal SSE reader for what the replay server sends: events split on a blank line, one
/// `data: ` line each, ending at `[DONE]`.
async fn raw_sse<const TYPED: bool>(response: reqwest::Response) -> Done {
    let mut body = response.bytes_stream();
    let mut buffer: Vec<u8> = Vec::new();
    let mut done = Done::default();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.expect("chunk");
        done.bytes += chunk.len() as u64;
        buffer.extend_from_slice(&chunk);
        let mut start = 0;
        while let Some(end) = find_blank_line(&buffer[start..]) {
            let event = &buffer[start..start + end];
            start += end + 2;
            let data = event.strip_prefix(b"data: ").expect("data line");
            if data == b"[DONE]" {
                return done;
            }
            if !TYPED {
                decode::<Value, false>(data);
            } else if memchr_usage(data) {
                decode::<LettaUsageStatistics, true>(data);
            } else {
                decode::<LettaMessage, true>(data);
            }
            done.events += 1;
        }
        buffer.drain(..start);
    }
    panic!("stream ended without [DONE]");
}

fn find_blank_line(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| w == b"\n\n")
}

fn memchr_usage(data: &[u8]) -> bool {
    data.windows(34)
        .any(|w| w == b"\"message_type\":\"usage_statistics\"")
}
