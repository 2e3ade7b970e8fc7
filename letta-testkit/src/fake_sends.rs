//! A loopback stand-in for Letta's send endpoint, for what the real server cannot do in a test:
//! tens of thousands of sends at a fixed, known latency (memory bounds, scheduler benchmarks).
//!
//! `POST /v1/agents/{agent_id}/messages` waits the configured latency (to the tens of
//! microseconds: tokio's millisecond timer runs a millisecond or more late, which a latency
//! benchmark would charge to the client), then answers a body shaped
//! like 0.7.29's `LettaResponse` for one scripted step (a reasoning message and the assistant's
//! `"You said: <text>"`, and usage with the step's stored messages), so clients decode what they
//! would from the real server. Agent IDs starting with `agent-missing` get the server's 404.
//! `GET /v1/agents/{agent_id}/messages` answers an empty history. The server counts requests and
//! the most sends in flight at once, overall and for any one agent.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use bytes::Bytes;
use serde_json::{Value, json};

/// What the fake has seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FakeSendStats {
    /// Send requests received.
    pub sends: u64,
    /// The most sends in flight at once.
    pub max_in_flight: u64,
    /// The most sends in flight at once for a single agent.
    pub max_in_flight_per_agent: u64,
    /// Mean time from a send's arrival to its answer being ready, in microseconds: the latency
    /// as it really was.
    pub mean_latency_us: u64,
}

#[derive(Debug, Default)]
struct Shared {
    latency_us: AtomicU64,
    sends: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
    per_agent: Mutex<HashMap<String, u64>>,
    max_per_agent: AtomicU64,
    latency_sum_us: AtomicU64,
    ids: AtomicU64,
    timer: Option<Timer>,
}

/// Wakes waiters at their deadlines from a thread of its own, with the OS's sub-millisecond
/// precision.
#[derive(Debug)]
struct Timer {
    requests: Mutex<mpsc::Sender<(Instant, tokio::sync::oneshot::Sender<()>)>>,
}

impl Timer {
    fn start() -> std::io::Result<Timer> {
        let (tx, rx) = mpsc::channel::<(Instant, tokio::sync::oneshot::Sender<()>)>();
        std::thread::Builder::new()
            .name("fake-sends-timer".into())
            .spawn(move || {
                let mut heap: BinaryHeap<Reverse<(Instant, u64)>> = BinaryHeap::new();
                let mut waiters = HashMap::new();
                let mut seq = 0u64;
                loop {
                    let now = Instant::now();
                    while let Some(Reverse((deadline, n))) = heap.peek().copied() {
                        if deadline > now {
                            break;
                        }
                        heap.pop();
                        if let Some(waiter) = waiters.remove(&n) {
                            let _ = tokio::sync::oneshot::Sender::send(waiter, ());
                        }
                    }
                    let next = match heap.peek() {
                        Some(Reverse((deadline, _))) => {
                            rx.recv_timeout(deadline.saturating_duration_since(now))
                        }
                        None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                    };
                    match next {
                        Ok((deadline, waiter)) => {
                            seq += 1;
                            heap.push(Reverse((deadline, seq)));
                            waiters.insert(seq, waiter);
                        }
                        Err(mpsc::RecvTimeoutError::Timeout) => {}
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
            })?;
        Ok(Timer {
            requests: Mutex::new(tx),
        })
    }

    async fn sleep_until(&self, deadline: Instant) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let sent = {
            let requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
            requests.send((deadline, tx)).is_ok()
        };
        if sent {
            let _ = rx.await;
        } else {
            tokio::time::sleep_until(deadline.into()).await;
        }
    }
}

/// A running fake; it lives until the process exits (its own thread and runtime), like
/// [`crate::llm::ScriptedLlm`].
#[derive(Debug, Clone)]
pub struct FakeSends {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FakeSends {
    /// Starts the fake on 127.0.0.1 with `latency` per send, served by `workers` threads.
    ///
    /// # Errors
    ///
    /// Fails if the socket, runtime or thread cannot be made.
    pub fn start(latency: Duration, workers: usize) -> std::io::Result<FakeSends> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers.max(1))
            .thread_name("fake-sends-worker")
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared {
            timer: Some(Timer::start()?),
            ..Shared::default()
        });
        let fake = FakeSends {
            addr,
            shared: Arc::clone(&shared),
        };
        fake.set_latency(latency);
        let app = Router::new()
            .route("/v1/agents/{agent_id}/messages", post(send).get(history))
            .with_state(shared);
        std::thread::Builder::new()
            .name(format!("fake-sends-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        tracing::error!(%addr, "fake sends: cannot adopt listener");
                        return;
                    };
                    if let Err(e) = axum::serve(listener, app).await {
                        tracing::error!(%addr, error = %e, "fake sends server stopped");
                    }
                });
            })?;
        Ok(fake)
    }

    /// `"http://127.0.0.1:PORT"`: the base URL for a client.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Changes the latency of later sends.
    pub fn set_latency(&self, latency: Duration) {
        let us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.shared.latency_us.store(us, Ordering::Relaxed);
    }

    /// The counts so far.
    #[must_use]
    pub fn stats(&self) -> FakeSendStats {
        let sends = self.shared.sends.load(Ordering::Relaxed);
        FakeSendStats {
            mean_latency_us: self.shared.latency_sum_us.load(Ordering::Relaxed) / sends.max(1),
            sends: self.shared.sends.load(Ordering::Relaxed),
            max_in_flight: self.shared.max_in_flight.load(Ordering::Relaxed),
            max_in_flight_per_agent: self.shared.max_per_agent.load(Ordering::Relaxed),
        }
    }

    /// Sets the counts back to zero (between runs).
    pub fn reset_stats(&self) {
        self.shared.sends.store(0, Ordering::Relaxed);
        self.shared.max_in_flight.store(0, Ordering::Relaxed);
        self.shared.max_per_agent.store(0, Ordering::Relaxed);
        self.shared.latency_sum_us.store(0, Ordering::Relaxed);
    }
}

/// Counts a send in flight for its whole life, even if the client goes away mid-wait.
struct InFlight {
    shared: Arc<Shared>,
    agent: String,
}

impl InFlight {
    fn enter(shared: &Arc<Shared>, agent: &str) -> Self {
        let now = shared.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::Relaxed);
        let mine = {
            let mut per_agent = shared.per_agent.lock().unwrap_or_else(|e| e.into_inner());
            let n = per_agent.entry(agent.to_owned()).or_default();
            *n += 1;
            *n
        };
        shared.max_per_agent.fetch_max(mine, Ordering::Relaxed);
        Self {
            shared: Arc::clone(shared),
            agent: agent.to_owned(),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.shared.in_flight.fetch_sub(1, Ordering::Relaxed);
        let mut per_agent = self.shared.per_agent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = per_agent.get_mut(&self.agent) {
            *n -= 1;
            if *n == 0 {
                per_agent.remove(&self.agent);
            }
        }
    }
}

async fn history() -> Response {
    ([("content-type", "application/json")], "[]").into_response()
}

async fn send(State(shared): State<Arc<Shared>>, Path(agent): Path<String>, body: Bytes) -> Response {
    let arrived = Instant::now();
    shared.sends.fetch_add(1, Ordering::Relaxed);
    let _in_flight = InFlight::enter(&shared, &agent);
    let latency = Duration::from_micros(shared.latency_us.load(Ordering::Relaxed));
    match &shared.timer {
        Some(timer) => timer.sleep_until(arrived + latency).await,
        None => tokio::time::sleep(latency).await,
    }
    let answer = answer(&shared, &agent, &body);
    let took = u64::try_from(arrived.elapsed().as_micros()).unwrap_or(u64::MAX);
    shared.latency_sum_us.fetch_add(took, Ordering::Relaxed);
    answer
}

fn answer(shared: &Shared, agent: &str, body: &[u8]) -> Response {
    if agent.starts_with("agent-missing") {
        let detail = json!({ "detail": format!("Agent with id={agent} not found.") });
        return (StatusCode::NOT_FOUND, axum::Json(detail)).into_response();
    }
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        let detail = json!({ "detail": "invalid JSON body" });
        return (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(detail)).into_response();
    };
    let message = &request["messages"][0];
    let text = match &message["content"] {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().filter_map(|p| p["text"].as_str()).collect(),
        _ => String::new(),
    };
    let n = shared.ids.fetch_add(1, Ordering::Relaxed);
    axum::Json(response(agent, &text, message["otid"].clone(), n)).into_response()
}

/// One scripted step, as 0.7.29 answers it (field for field, steps_messages included).
fn response(agent: &str, text: &str, otid: Value, n: u64) -> Value {
    let id = |k: u64| format!("message-00000000-0000-4000-8000-{:012x}", n * 4 + k);
    let step = format!("step-00000000-0000-4000-8000-{n:012x}");
    let date = "2026-11-25T11:33:14+00:00";
    let reply = format!("You said: {text}");
    let stored = |k: u64, role: &str, content: String, tool_calls: Value, tool_call_id: Value| {
        json!({
            "agent_id": agent, "batch_item_id": null,
            "content": [{ "text": content, "type": "text" }],
            "created_at": "2026-11-25T11:33:14.000000Z", "created_by_id": null, "group_id": null,
            "id": id(k), "last_updated_by_id": null, "model": "scripted-model", "name": null,
            "organization_id": "org-00000000-0000-4000-8000-000000000000",
            "otid": if k == 0 { otid.clone() } else { Value::Null },
            "role": role, "sender_id": null, "step_id": step, "tool_call_id": tool_call_id,
            "tool_calls": tool_calls, "tool_returns": null, "updated_at": null
        })
    };
    let arguments = json!({ "message": reply, "request_heartbeat": false }).to_string();
    json!({
        "messages": [
            {
                "date": date, "id": id(1), "message_type": "reasoning_message", "name": null,
                "otid": format!("{}00", &id(1)[8..]), "reasoning": "Replying.", "sender_id": null,
                "signature": null, "source": "non_reasoner_model", "step_id": step
            },
            {
                "content": reply, "date": date, "id": id(1), "message_type": "assistant_message",
                "name": null, "otid": format!("{}01", &id(1)[8..]), "sender_id": null, "step_id": step
            }
        ],
        "usage": {
            "completion_tokens": 48, "message_type": "usage_statistics", "prompt_tokens": 2210,
            "run_ids": null, "step_count": 1, "total_tokens": 2258,
            "steps_messages": [[
                stored(0, "user", json!({ "type": "user_message", "message": text }).to_string(),
                    Value::Null, Value::Null),
                stored(1, "assistant", "Replying.".into(), json!([{
                    "function": { "arguments": arguments, "name": "send_message" },
                    "id": "call_1", "type": "function"
                }]), Value::Null),
                stored(2, "tool", json!({ "status": "OK", "message": "None" }).to_string(),
                    Value::Null, json!("call_1")),
            ]]
        }
    })
}
