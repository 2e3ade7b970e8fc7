//! The reconciler's decisions against an in-memory fake of the send and history endpoints, on a
//! paused clock: what each failure proves, that a failed history read never replaces the send's
//! own error, backoff between reads and between resends, and the deadlines.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{Method, StatusCode};
use letta_core::ids::AgentId;
use letta_core::transport::{TransportRequest, TransportResponse, full_body};
use letta_core::types::{MessageCreate, MessageRole};
use letta_core::{LettaClient, LettaError};
use letta_orchestrator::layers::retry::Jitter;
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender, SendError, Settled};
use letta_orchestrator::{Replies, TurnSource};
use serde_json::{Value, json};
use tokio::time::Instant;

const AGENT: &str = "agent-00000000-0000-4000-8000-000000000001";

/// What the fake does with one send.
#[derive(Clone, Copy, Debug)]
enum Send {
    /// Runs the turn and answers it.
    Answer,
    /// Runs the turn, then the answer is lost (a timeout).
    RunThenTimeout,
    /// Stores the user's message only (the turn failed), and the answer is lost.
    NoReplyThenTimeout,
    /// Never reaches the agent, and the client sees a timeout (outcome unknown).
    LostTimeout,
    /// The connection fails before anything is sent.
    Refused,
    /// The server answers this status without running anything.
    Status(u16),
}

/// What the fake does with one history read.
#[derive(Clone, Copy, Debug)]
enum Read {
    /// Answers the history.
    Ok,
    /// The connection fails (the server is down).
    Down,
}

#[derive(Default)]
struct State {
    sends: VecDeque<Send>,
    /// After the scripted sends run out.
    default_send: Option<Send>,
    reads: VecDeque<Read>,
    /// Stored messages, oldest first.
    history: Vec<Value>,
    send_times: Vec<Instant>,
    read_times: Vec<Instant>,
    ids: u64,
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<State>>);

type Outcome = Result<TransportResponse, LettaError>;

impl Fake {
    fn new(sends: &[Send], default_send: Option<Send>, reads: &[Read]) -> Self {
        let fake = Fake::default();
        {
            let mut state = fake.0.lock().unwrap();
            state.sends = sends.iter().copied().collect();
            state.default_send = default_send;
            state.reads = reads.iter().copied().collect();
        }
        fake
    }

    fn client(&self) -> LettaClient {
        let fake = self.clone();
        let service = tower::service_fn(move |request: TransportRequest| {
            let outcome = fake.handle(&request);
            Box::pin(async move { outcome }) as Pin<Box<dyn Future<Output = Outcome> + std::marker::Send>>
        });
        LettaClient::builder()
            .base_url("http://letta.test")
            .transport(service)
            .build()
            .unwrap()
    }

    fn sender(&self, config: ReconcileConfig) -> ReconcilingSender {
        ReconcilingSender::new(self.client(), config)
    }

    fn handle(&self, request: &TransportRequest) -> Outcome {
        let mut state = self.0.lock().unwrap();
        let path = request.uri().path().to_owned();
        if request.method() == Method::GET {
            state.read_times.push(Instant::now());
            match state.reads.pop_front().unwrap_or(Read::Ok) {
                Read::Down => return Err(connect_error(Method::GET, &path)),
                Read::Ok => return Ok(json_response(200, &page(&state.history, request))),
            }
        }
        state.send_times.push(Instant::now());
        let action = state
            .sends
            .pop_front()
            .or(state.default_send)
            .expect("script exhausted");
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        let message = &body["messages"][0];
        let text = message["content"].as_str().unwrap_or_default().to_owned();
        let otid = message["otid"].clone();
        let timeout = LettaError::Timeout {
            method: Method::POST,
            path: path.clone(),
            after: Duration::from_secs(5),
        };
        match action {
            Send::Answer | Send::RunThenTimeout => {
                let reply =
                    state.store(json!({"message_type": "user_message", "content": text, "otid": otid}));
                let answer = state.store(
                    json!({"message_type": "assistant_message", "content": format!("You said: {text}")}),
                );
                if matches!(action, Send::RunThenTimeout) {
                    return Err(timeout);
                }
                Ok(json_response(
                    200,
                    &json!({"messages": [reply, answer], "usage": {"step_count": 1}}),
                ))
            }
            Send::NoReplyThenTimeout => {
                state.store(json!({"message_type": "user_message", "content": text, "otid": otid}));
                Err(timeout)
            }
            Send::LostTimeout => Err(timeout),
            Send::Refused => Err(connect_error(Method::POST, &path)),
            Send::Status(code) => Ok(json_response(code, &json!({"detail": format!("status {code}")}))),
        }
    }

    fn sends(&self) -> Vec<Instant> {
        self.0.lock().unwrap().send_times.clone()
    }

    fn reads(&self) -> Vec<Instant> {
        self.0.lock().unwrap().read_times.clone()
    }

    fn user_messages(&self) -> usize {
        let state = self.0.lock().unwrap();
        state
            .history
            .iter()
            .filter(|m| m["message_type"] == "user_message")
            .count()
    }
}

impl State {
    fn store(&mut self, mut message: Value) -> Value {
        self.ids += 1;
        message["id"] = json!(format!("message-00000000-0000-4000-8000-{:012x}", self.ids));
        message["date"] = json!("2026-11-25T11:33:14+00:00");
        self.history.push(message.clone());
        message
    }
}

/// One page as the server gives it: the newest `limit` messages before the `before` cursor,
/// oldest first.
fn page(history: &[Value], request: &TransportRequest) -> Value {
    let query = request.uri().query().unwrap_or_default();
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(str::to_owned))
    };
    let limit = param("limit").and_then(|l| l.parse().ok()).unwrap_or(10usize);
    let end = match param("before") {
        Some(before) => history
            .iter()
            .position(|m| m["id"] == before.as_str())
            .unwrap_or(0),
        None => history.len(),
    };
    Value::Array(history[end.saturating_sub(limit)..end].to_vec())
}

fn json_response(code: u16, body: &Value) -> TransportResponse {
    http::Response::builder()
        .status(code)
        .header("content-type", "application/json")
        .body(full_body(body.to_string()))
        .unwrap()
}

fn connect_error(method: Method, path: &str) -> LettaError {
    LettaError::Transport {
        method,
        path: path.into(),
        maybe_sent: false,
        source: "connection refused".into(),
    }
}

/// Exact delays (no jitter): backoff 100 ms doubling up to 1 s.
fn config() -> ReconcileConfig {
    ReconcileConfig {
        grace: Duration::from_secs(1),
        reconcile_deadline: Duration::from_secs(60),
        unreachable_deadline: Duration::from_secs(10),
        backoff_base: Duration::from_millis(100),
        backoff_max: Duration::from_secs(1),
        jitter: Jitter::None,
        ..ReconcileConfig::default()
    }
}

fn agent() -> AgentId {
    AgentId::from(AGENT)
}

fn gaps(times: &[Instant]) -> Vec<Duration> {
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

fn ms(values: &[u64]) -> Vec<Duration> {
    values.iter().map(|&v| Duration::from_millis(v)).collect()
}

#[tokio::test(start_paused = true)]
async fn a_failed_history_read_never_replaces_the_send_error_and_the_deadline_holds() {
    let fake = Fake::new(&[Send::LostTimeout], None, &[Read::Down; 1000]);
    let started = Instant::now();
    let error = fake
        .sender(config())
        .send(
            &agent(),
            MessageCreate::builder(MessageRole::User, "hi")
                .otid("otid-1")
                .build(),
        )
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let SendError::Unknown {
        agent_id,
        otid,
        error,
        last_lookup_error,
    } = error
    else {
        panic!("expected an unknown outcome, got {error:?}");
    };
    assert_eq!((agent_id.as_str(), otid.as_str()), (AGENT, "otid-1"));
    assert!(
        matches!(error, LettaError::Timeout { .. }),
        "the send's own error: {error:?}"
    );
    let lookup = last_lookup_error.expect("the last lookup error is kept beside it");
    assert!(
        lookup.is_connect() && lookup.to_string().contains("GET"),
        "{lookup}"
    );
    // Read again and again with backoff, until (and not past) the deadline.
    assert!(elapsed <= Duration::from_secs(60), "{elapsed:?}");
    assert!(elapsed >= Duration::from_secs(59), "{elapsed:?}");
    let reads = fake.reads();
    assert_eq!(gaps(&reads)[..5], ms(&[100, 200, 400, 800, 1000]));
    assert!(reads.len() > 55, "read about once a second: {}", reads.len());
    assert_eq!(fake.sends().len(), 1, "an unknown outcome is never sent again");
}

#[tokio::test(start_paused = true)]
async fn history_readable_again_recovers_a_turn_that_ran() {
    let fake = Fake::new(&[Send::RunThenTimeout], None, &[Read::Down; 4]);
    let outcome = fake
        .sender(config())
        .send(&agent(), MessageCreate::user("hello"))
        .await
        .unwrap();
    assert!(outcome.is_recovered());
    assert_eq!(outcome.assistant_texts(), ["You said: hello"]);
    assert_eq!(fake.sends().len(), 1);
    assert_eq!(gaps(&fake.reads()), ms(&[100, 200, 400, 800]));
    assert_eq!(fake.user_messages(), 1);
}

#[tokio::test(start_paused = true)]
async fn absent_once_readable_is_sent_again_after_the_grace_period() {
    let fake = Fake::new(&[Send::LostTimeout, Send::Answer], None, &[Read::Down; 2]);
    let mut resends = Vec::new();
    let outcome = fake
        .sender(config())
        .send_observed(&agent(), MessageCreate::user("again"), |r| {
            resends.push((r.attempt, r.reconciled, r.error.is_timeout()));
        })
        .await
        .unwrap();
    assert_eq!(outcome.source, TurnSource::Answered);
    assert_eq!(resends, [(1, true, true)]);
    let sends = fake.sends();
    // Two failed reads (100 + 200 ms), then one second of grace from the first good read.
    assert_eq!(sends[1] - sends[0], Duration::from_millis(1300));
    assert_eq!(fake.user_messages(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_message_without_a_reply_ran() {
    let fake = Fake::new(&[Send::NoReplyThenTimeout], None, &[]);
    let error = fake
        .sender(config())
        .send(
            &agent(),
            MessageCreate::builder(MessageRole::User, "mute")
                .otid("otid-mute")
                .build(),
        )
        .await
        .unwrap_err();
    assert!(!error.is_safe_to_resend());
    let SendError::NoReply { messages, error, .. } = error else {
        panic!("expected no reply, got {error:?}");
    };
    assert!(error.is_timeout());
    assert_eq!(messages.len(), 1);
    assert_eq!(fake.sends().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn absent_after_every_resend_is_not_sent() {
    let fake = Fake::new(&[], Some(Send::LostTimeout), &[]);
    let error = fake
        .sender(config())
        .send(
            &agent(),
            MessageCreate::builder(MessageRole::User, "lost")
                .otid("otid-lost")
                .build(),
        )
        .await
        .unwrap_err();
    assert!(error.is_safe_to_resend());
    assert!(
        matches!(&error, SendError::NotSent { otid, error, .. } if otid == "otid-lost" && error.is_timeout()),
        "{error:?}"
    );
    assert_eq!(fake.sends().len(), 4, "the first send and max_resends (3) more");
}

#[tokio::test(start_paused = true)]
async fn connection_failures_back_off_until_the_unreachable_deadline() {
    let fake = Fake::new(&[], Some(Send::Refused), &[]);
    let started = Instant::now();
    let mut resends = 0;
    let error = fake
        .sender(config())
        .send_observed(&agent(), MessageCreate::user("down"), |r| {
            assert!(!r.reconciled && r.error.is_connect());
            resends += 1;
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SendError::NotSent { error, .. } if error.is_connect()),
        "{error:?}"
    );
    assert!(
        started.elapsed() <= Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        started.elapsed() >= Duration::from_secs(9),
        "{:?}",
        started.elapsed()
    );
    let sends = fake.sends();
    assert_eq!(gaps(&sends)[..6], ms(&[100, 200, 400, 800, 1000, 1000]));
    assert_eq!(resends, sends.len() - 1);
    assert!(
        fake.reads().is_empty(),
        "nothing was sent, so nothing is looked up"
    );
}

#[tokio::test(start_paused = true)]
async fn a_short_outage_is_ridden_out() {
    let fake = Fake::new(&[Send::Refused; 5], Some(Send::Answer), &[]);
    let outcome = fake
        .sender(config())
        .send(&agent(), MessageCreate::user("patient"))
        .await
        .unwrap();
    assert_eq!(outcome.assistant_texts(), ["You said: patient"]);
    assert_eq!(gaps(&fake.sends()), ms(&[100, 200, 400, 800, 1000]));
    assert_eq!(fake.user_messages(), 1);
}

#[tokio::test(start_paused = true)]
async fn deadlines_of_duration_max_mean_no_deadline_and_never_panic() {
    let unbounded = ReconcileConfig {
        reconcile_deadline: Duration::MAX,
        unreachable_deadline: Duration::MAX,
        backoff_max: Duration::MAX,
        ..config()
    };
    let fake = Fake::new(&[Send::Refused; 3], Some(Send::RunThenTimeout), &[Read::Down; 3]);
    let outcome = fake
        .sender(unbounded)
        .send(&agent(), MessageCreate::user("forever"))
        .await
        .unwrap();
    assert!(outcome.is_recovered());
    assert_eq!(outcome.assistant_texts(), ["You said: forever"]);
    assert_eq!(fake.sends().len(), 4);
    assert_eq!(fake.user_messages(), 1);
}

#[tokio::test(start_paused = true)]
async fn refusals_are_returned_at_once_and_server_errors_reconciled() {
    for code in [404, 409, 422] {
        let fake = Fake::new(&[Send::Status(code)], None, &[]);
        let error = fake
            .sender(config())
            .send(&agent(), MessageCreate::user("no"))
            .await
            .unwrap_err();
        assert!(
            matches!(&error, SendError::Refused { error, .. } if error.status() == Some(StatusCode::from_u16(code).unwrap())),
            "{code}: {error:?}"
        );
        assert!(fake.reads().is_empty(), "{code}: a refusal needs no lookup");
    }
    for code in [408, 429, 500, 503] {
        let fake = Fake::new(&[Send::Status(code), Send::Answer], None, &[]);
        let outcome = fake
            .sender(config())
            .send(&agent(), MessageCreate::user("maybe"))
            .await
            .unwrap();
        assert_eq!(outcome.source, TurnSource::Answered, "{code}");
        assert!(!fake.reads().is_empty(), "{code}: looked up before sending again");
    }
}

#[tokio::test(start_paused = true)]
async fn settle_finds_the_turn_says_not_found_or_still_unknown() {
    let fake = Fake::new(&[], Some(Send::Answer), &[]);
    let sender = fake.sender(config());
    // An older turn, with more messages after it than one page (10) holds.
    sender
        .send(
            &agent(),
            MessageCreate::builder(MessageRole::User, "old")
                .otid("otid-old")
                .build(),
        )
        .await
        .unwrap();
    for n in 0..6 {
        sender
            .send(&agent(), MessageCreate::user(format!("later {n}")))
            .await
            .unwrap();
    }
    let narrow = ReconcilingSender::new(
        fake.client(),
        ReconcileConfig {
            lookback: 1,
            ..config()
        },
    );
    let Settled::Recovered(turn) = narrow.settle(&agent(), "otid-old").await.unwrap() else {
        panic!("the old turn is found");
    };
    // The turn without the user's message, which the history holds first.
    assert_eq!(turn.messages.len(), 1);
    assert_eq!(
        turn.messages[0].assistant_text().as_deref(),
        Some("You said: old")
    );
    assert!(fake.reads().len() >= 2, "found on a second page");

    let before = Instant::now();
    assert_eq!(
        narrow.settle(&agent(), "otid-never").await.unwrap(),
        Settled::NotFound
    );
    assert_eq!(
        before.elapsed(),
        Duration::from_secs(1),
        "read again after the grace period"
    );

    fake.0.lock().unwrap().reads = [Read::Down].into();
    let error = narrow.settle(&agent(), "otid-old").await.unwrap_err();
    assert!(error.is_connect(), "still unknown: {error}");
}
