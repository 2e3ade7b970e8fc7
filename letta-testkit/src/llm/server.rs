//! HTTP routing and handlers of the scripted LLM server.
//!
//! Bodies are taken as raw bytes and parsed here so that malformed input
//! always gets an OpenAI-style 400 JSON error instead of axum's plain-text
//! rejections, and so that nothing a client sends can panic the server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::Value;

use super::{ANTHROPIC_API_KEY, MODEL, anthropic, batches, embed, script, wire};

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
    /// Bodies of all Anthropic Messages requests (batch requests included,
    /// as their `params`), in arrival order.
    anthropic_requests: Mutex<Vec<Value>>,
    /// Anthropic Message Batches.
    batches: Mutex<batches::Batches>,
    /// Where the server listens (for the batches' absolute `results_url`).
    addr: OnceLock<SocketAddr>,
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

    /// Sets the listening address, once, when the server starts.
    pub(crate) fn set_addr(&self, addr: SocketAddr) {
        let _ = self.addr.set(addr);
    }

    /// `http://ADDR`, the root the Anthropic SDK is pointed at.
    fn root_url(&self) -> String {
        self.addr
            .get()
            .map_or_else(|| "http://127.0.0.1".to_owned(), |a| format!("http://{a}"))
    }

    /// A copy of all recorded Anthropic request bodies.
    pub(crate) fn anthropic_requests(&self) -> Vec<Value> {
        lock(&self.anthropic_requests).clone()
    }

    /// Records an Anthropic request and returns its sequence number, which
    /// numbers its answer's ids (counted apart from chat requests).
    fn admit_anthropic(&self, body: Value) -> u64 {
        let mut requests = lock(&self.anthropic_requests);
        requests.push(body);
        requests.len() as u64
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
        .route("/v1/messages", post(anthropic_messages))
        .route("/v1/messages/count_tokens", post(anthropic_count_tokens))
        .route("/v1/messages/batches", post(create_batch))
        .route("/v1/messages/batches/{id}", get(retrieve_batch))
        .route("/v1/messages/batches/{id}/results", get(batch_results))
        .route("/v1/messages/batches/{id}/cancel", post(cancel_batch))
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

/// `GET /v1/models`, in the shape of whichever SDK asks (the Anthropic SDK
/// sends `anthropic-version`).
async fn models(headers: HeaderMap) -> Response {
    if headers.contains_key("anthropic-version") {
        if let Some(denied) = refuse_wrong_key(&headers) {
            return denied;
        }
        return Json(anthropic::models()).into_response();
    }
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
        created: unix_now(),
        prompt_tokens: wire::estimate_tokens(body.len()),
    };
    if stream {
        sse(wire::stream_events(&reply, &meta, include_usage))
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

/// Refuses an Anthropic request without the testkit's key, as Anthropic refuses a wrong key
/// (so a server-side key check of a made-up key fails as it would for real).
fn refuse_wrong_key(headers: &HeaderMap) -> Option<Response> {
    match headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        Some(key) if key == ANTHROPIC_API_KEY => None,
        _ => Some(anthropic_error_kind(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            "invalid x-api-key",
        )),
    }
}

/// An Anthropic-style JSON error response with an explicit error type.
fn anthropic_error_kind(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, Json(anthropic::error_body(message, kind))).into_response()
}

/// An Anthropic-style JSON error response.
fn anthropic_error(status: StatusCode, message: &str) -> Response {
    let body = anthropic::error_body(message, wire::error_kind(status.as_u16()));
    (status, Json(body)).into_response()
}

/// `POST /v1/messages`: the Anthropic Messages API, plain or `"stream": true`,
/// answered by the same script as chat completions. Not subject to the
/// latency and fault injection of chat completions.
async fn anthropic_messages(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    let request = match parse_object(&body) {
        Ok(v) => v,
        Err(message) => return anthropic_error(StatusCode::BAD_REQUEST, &message),
    };
    if !request.get("messages").is_some_and(Value::is_array) {
        return anthropic_error(StatusCode::BAD_REQUEST, "messages: Field required");
    }
    let stream = request.get("stream").and_then(Value::as_bool) == Some(true);
    let model = request
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or(MODEL)
        .to_owned();
    let reply = script::decide(&anthropic::to_openai(&request));
    let seq = shared.admit_anthropic(request);
    tracing::debug!(seq, stream, ?reply, "scripted anthropic message");
    let meta = wire::Meta {
        seq,
        model,
        created: unix_now(),
        prompt_tokens: wire::estimate_tokens(body.len()),
    };
    if stream {
        sse(anthropic::stream_events(&reply, &meta))
    } else {
        Json(anthropic::message(&reply, &meta)).into_response()
    }
}

/// `POST /v1/messages/count_tokens`.
async fn anthropic_count_tokens(headers: HeaderMap, body: Bytes) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    Json(anthropic::count_tokens(body.len())).into_response()
}

/// `POST /v1/messages/batches`.
async fn create_batch(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    let request = match parse_object(&body) {
        Ok(v) => v,
        Err(message) => return anthropic_error(StatusCode::BAD_REQUEST, &message),
    };
    let params: Vec<Value> = request
        .get("requests")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(|r| r.get("params").cloned()).collect())
        .unwrap_or_default();
    let mut seqs = params.into_iter().map(|p| shared.admit_anthropic(p));
    let root = shared.root_url();
    let created = lock(&shared.batches).create(&request, &root, || seqs.next().unwrap_or(0));
    batch_answer(created)
}

/// `GET /v1/messages/batches/{id}`.
async fn retrieve_batch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    let root = shared.root_url();
    batch_answer(lock(&shared.batches).retrieve(&id, &root))
}

/// `GET /v1/messages/batches/{id}/results`: JSON lines.
async fn batch_results(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    match lock(&shared.batches).results(&id) {
        Ok(lines) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/x-jsonl")],
            lines,
        )
            .into_response(),
        Err(e) => batch_answer(Err(e)),
    }
}

/// `POST /v1/messages/batches/{id}/cancel`.
async fn cancel_batch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(denied) = refuse_wrong_key(&headers) {
        return denied;
    }
    let root = shared.root_url();
    batch_answer(lock(&shared.batches).cancel(&id, &root))
}

/// A batch object, or the batch error as an Anthropic error.
fn batch_answer(result: Result<Value, batches::BatchError>) -> Response {
    match result {
        Ok(batch) => Json(batch).into_response(),
        Err((status, message)) => anthropic_error(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &message,
        ),
    }
}

/// A `text/event-stream` answer made of ready frames.
fn sse(events: Vec<String>) -> Response {
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
}

/// Seconds since the Unix epoch.
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
