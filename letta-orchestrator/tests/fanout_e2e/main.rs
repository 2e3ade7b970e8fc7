//! The fan-out against the real Letta server (0.7.29 on PostgreSQL, scripted LLM), started once
//! for this binary, and against a loopback fake of the send endpoint for 10,000-item runs.

mod acceptance;
mod behaviour;
mod bounded;
mod resends;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures_util::StreamExt;
use letta_core::ids::AgentId;
use letta_core::transport::{Transport, TransportRequest, TransportResponse};
use letta_core::types::{AgentCreate, AgentState, LettaMessage, ListMessagesParams};
use letta_core::{LettaClient, LettaError};
use letta_orchestrator::fanout::Fanout;
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
pub(crate) use letta_testkit::unique_name as unique;

/// A client for the shared server with no layers.
pub(crate) fn direct() -> LettaClient {
    LettaClient::new(letta_testkit::shared_selected().base_url()).unwrap()
}

/// Creates `n` agents on the scripted LLM, `parallel` at a time.
pub(crate) async fn create_agents(prefix: &str, n: usize) -> Vec<AgentId> {
    let llm = letta_testkit::shared_selected().llm();
    let client = direct();
    let requests: Vec<AgentCreate> = (0..n)
        .map(|_| llm.agent_request(unique(prefix)).build())
        .collect();
    futures_util::stream::iter(requests)
        .map(|request| {
            let client = client.clone();
            async move { client.agents().create(&request).await.unwrap().id }
        })
        .buffered(8)
        .collect()
        .await
}

/// Deletes the agents (best effort: a leftover agent only costs disk).
pub(crate) async fn delete_agents(agents: &[AgentId]) {
    let client = direct();
    futures_util::stream::iter(agents)
        .for_each_concurrent(8, |agent| {
            let client = client.clone();
            async move {
                let _ = client.agents().delete(agent).await;
            }
        })
        .await;
}

/// The agent's whole conversation (oldest last) and its state.
pub(crate) async fn history(agent: &AgentId) -> (Vec<LettaMessage>, AgentState) {
    let client = direct();
    let messages = client
        .agents()
        .messages(agent)
        .list_all(&ListMessagesParams::builder().limit(100).build())
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, LettaError>>()
        .unwrap();
    let state = client.agents().retrieve(agent).await.unwrap();
    (messages, state)
}

/// The texts of the user messages of a conversation.
pub(crate) fn user_texts(messages: &[LettaMessage]) -> Vec<String> {
    messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::User(u) => Some(u.content.text()),
            _ => None,
        })
        .collect()
}

/// Sends the server saw, counted on the wire by a layer under the client.
#[derive(Debug, Default)]
pub(crate) struct SendLog {
    pub(crate) started: usize,
    pub(crate) in_flight: usize,
    pub(crate) max_in_flight: usize,
    pub(crate) per_agent: HashMap<String, usize>,
    pub(crate) max_per_agent: usize,
}

/// A fan-out over the shared server whose sends are counted in the returned log.
pub(crate) fn counted_fanout() -> (Fanout, Arc<Mutex<SendLog>>) {
    counted_fanout_at(
        letta_testkit::shared_selected().base_url(),
        ReconcileConfig::default(),
    )
}

/// Like [`counted_fanout`], through `base_url` (a proxy) with `config`.
pub(crate) fn counted_fanout_at(base_url: &str, config: ReconcileConfig) -> (Fanout, Arc<Mutex<SendLog>>) {
    let log = Arc::new(Mutex::new(SendLog::default()));
    let counting = Arc::clone(&log);
    let client = LettaClient::builder()
        .base_url(base_url)
        .layer(tower::layer::layer_fn(move |inner| SendCounter {
            inner,
            log: Arc::clone(&counting),
        }))
        .build()
        .unwrap();
    let fanout = Fanout::new(ReconcilingSender::new(client, config));
    (fanout, log)
}

#[derive(Clone)]
struct SendCounter {
    inner: Transport,
    log: Arc<Mutex<SendLog>>,
}

impl tower::Service<TransportRequest> for SendCounter {
    type Response = TransportResponse;
    type Error = LettaError;
    type Future = Pin<Box<dyn Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), LettaError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let path = request.uri().path().to_owned();
        let is_send = request.method() == http::Method::POST && path.ends_with("/messages");
        let answer = self.inner.call(request);
        if !is_send {
            return Box::pin(answer);
        }
        let agent = path
            .trim_end_matches("/messages")
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        {
            let mut log = self.log.lock().unwrap();
            log.started += 1;
            log.in_flight += 1;
            log.max_in_flight = log.max_in_flight.max(log.in_flight);
            let mine = log.per_agent.entry(agent.clone()).or_default();
            *mine += 1;
            let mine = *mine;
            log.max_per_agent = log.max_per_agent.max(mine);
        }
        let log = Arc::clone(&self.log);
        // Counted out when the answer is in, or when the send is dropped unanswered.
        let guard = OutGuard { log, agent };
        Box::pin(async move {
            let answer = answer.await;
            drop(guard);
            answer
        })
    }
}

struct OutGuard {
    log: Arc<Mutex<SendLog>>,
    agent: String,
}

impl Drop for OutGuard {
    fn drop(&mut self) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.in_flight -= 1;
        if let Some(n) = log.per_agent.get_mut(&self.agent) {
            *n -= 1;
        }
    }
}

/// Prints past the test harness's capture, so the run's log shows the figures.
pub(crate) fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
