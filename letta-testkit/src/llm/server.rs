//! HTTP routing and handlers of the scripted LLM server.
//!
//! Bodies are taken as raw bytes and parsed here so that malformed input
//! always gets an OpenAI-style 400 JSON error instead of axum's plain-text
//! rejections, and so that nothing a client sends can panic the server.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::Value;

use super::{MODEL, embed, script, wire};

/// Largest request body accepted (Letta prompts can be large).
const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Pending injected failures.
#[derive(Debug, Default)]
struct FailPlan {
    /// How many upcoming chat requests still fail.
    remaining: usize,
    /// The HTTP status they answer with.
    status: u16,
}

/// State shared by the handle ([`super::ScriptedLlm`]) and the handlers.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// Delay before each chat-completion answer.
    latency: Mutex<Duration>,
    /// Fault-injection plan.
    fail: Mutex<FailPlan>,
    /// Bodies of all well-formed chat requests, in arrival order; a
    /// request's 1-based position is its sequence number (used in ids).
    requests: Mutex<Vec<Value>>,
}

/// Locks `m`, recovering the data if a previous holder panicked: the state
/// here stays consistent under any interleaving, so poisoning is harmless.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    /// Sets the per-answer latency.
    pub(crate) fn set_latency(&self, d: Duration) {
        *lock(&self.latency) = d;
    }

    /// Makes the next `n` chat requests fail with `status` (replacing any
    /// earlier plan).
    pub(crate) fn fail_next(&self, n: usize, status: u16) {
        *lock(&self.fail) = FailPlan { remaining: n, status };
    }

    /// A copy of all recorded chat request bodies.
    pub(crate) fn chat_requests(&self) -> Vec<Value> {
        lock(&self.requests).clone()
    }

    /// Number of recorded chat requests.
    pub(crate) fn chat_request_count(&self) -> usize {
        lock(&self.requests).len()
    }

    /// Records a chat request and returns its sequence number, the injected
    /// failure status it must answer with (if any) and the latency to apply.
    fn admit(&self, body: Value) -> (u64, Option<u16>, Duration) {
        let seq = {
            let mut requests = lock(&self.requests);
            requests.push(body);
            requests.len() as u64
        };
        let failure = {
            let mut plan = lock(&self.fail);
            if plan.remaining > 0 {
                plan.remaining -= 1;
                Some(plan.status)
            } else {
                None
            }
        };
        (seq, failure, *lock(&self.latency))
    }
}

/// Builds the router over `shared`.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/models", get(models))
        .route("/v1/embeddings", post(embeddings))
        .route("/v1/chat/completions", post(chat))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

/// An OpenAI-style JSON error response.
fn error(status: StatusCode, message: &str) -> Response {
    let body = wire::error_body(message, wire::error_kind(status.as_u16()));
    (status, Json(body)).into_response()
}

/// Parses a request body that must be a JSON object; the error is the
/// message of the 400 answer.
fn parse_object(body: &[u8]) -> Result<Value, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err("request body must be a JSON object".to_owned()),
        Err(e) => Err(format!("could not parse the JSON body of your request: {e}")),
    }
}

/// `GET /v1/models`.
async fn models() -> Response {
    Json(wire::models()).into_response()
}

/// `POST /v1/embeddings`.
async fn embeddings(body: Bytes) -> Response {
    let request = match parse_object(&body) {
        Ok(v) => v,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    match embed::respond(&request) {
        Ok(answer) => Json(answer).into_response(),
        Err(message) => error(StatusCode::BAD_REQUEST, &message),
    }
}

/// `POST /v1/chat/completions`: record, maybe delay, maybe fail, then answer
/// as scripted, streamed or not.
async fn chat(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let request = match parse_object(&body) {
        Ok(v) => v,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    if !request.get("messages").is_some_and(Value::is_array) {
        return error(
            StatusCode::BAD_REQUEST,
            "missing required parameter: 'messages' (an array)",
        );
    }
    let stream = request.get("stream").and_then(Value::as_bool) == Some(true);
    let include_usage = request
        .get("stream_options")
        .and_then(|o| o.get("include_usage"))
        .and_then(Value::as_bool)
        == Some(true);
    let model = request
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or(MODEL)
        .to_owned();
    let reply = script::decide(&request);

    let (seq, failure, latency) = shared.admit(request);
    tracing::debug!(seq, stream, ?reply, "scripted chat completion");
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(status) = failure {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return error(status, &format!("injected failure (HTTP {})", status.as_u16()));
    }

    let meta = wire::Meta {
        seq,
        model,
        created: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        prompt_tokens: wire::estimate_tokens(body.len()),
    };
    if stream {
        let events = wire::stream_events(&reply, &meta, include_usage);
        let frames = futures_util::stream::iter(
            events
                .into_iter()
                .map(|e| Ok::<Bytes, std::convert::Infallible>(Bytes::from(e))),
        );
        (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/event-stream"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            Body::from_stream(frames),
        )
            .into_response()
    } else {
        Json(wire::completion(&reply, &meta)).into_response()
    }
}

/// Any unknown route.
async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "unknown route")
}

/// A known route with the wrong method.
async fn method_not_allowed() -> Response {
    error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}
