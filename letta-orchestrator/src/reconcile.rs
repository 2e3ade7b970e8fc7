//! Sends that never duplicate or lose an agent turn, even when the answer is lost.
//!
//! A send runs an agent step, and Letta 0.7.x does not deduplicate repeated sends. So a send is
//! never simply retried. Each message gets a client-made `otid`; after a failure whose outcome is
//! unknown (a timeout, a connection lost after the request was written, a 5xx, 408 or 429), the
//! agent's recent messages are searched for that `otid`:
//!
//! - found, with the agent's reply after it: the turn happened; its messages are returned;
//! - found, without a reply even after a grace period: the turn started but failed; the error
//!   is returned (sending again would repeat the user's message);
//! - not found, still not after a grace period (a request in flight could land late): the turn
//!   did not happen, and the message is sent again.
//!
//! A failure that provably happened before the request reached the server is sent again at
//! once; a 4xx is returned as it is (the server refused the message).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, LettaRequest, LettaResponse, ListMessagesParams, MessageCreate};
use letta_core::{LettaClient, LettaError};

/// How hard to try.
#[derive(Debug, Clone, PartialEq)]
pub struct ReconcileConfig {
    /// Sends after the first one, when the turn provably did not happen.
    pub max_resends: u32,
    /// How many recent stored messages to search for the `otid`.
    pub lookback: u32,
    /// How long to wait for a late request to land, or a started turn to finish, before deciding.
    pub grace: Duration,
}

impl Default for ReconcileConfig {
    fn default() -> Self {
        Self {
            max_resends: 3,
            lookback: 60,
            grace: Duration::from_secs(3),
        }
    }
}

/// How a send ended.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SendOutcome {
    /// The server answered the send.
    Answered(LettaResponse),
    /// The answer was lost, but the turn happened: these are its messages, from the agent's
    /// history (the user's message first).
    Recovered(Vec<LettaMessage>),
}

impl SendOutcome {
    /// The text of every assistant message of the turn.
    pub fn assistant_texts(&self) -> Vec<String> {
        let messages = match self {
            SendOutcome::Answered(r) => &r.messages,
            SendOutcome::Recovered(m) => m,
        };
        messages.iter().filter_map(LettaMessage::assistant_text).collect()
    }
}

/// A send about to be repeated, as reported to [`ReconcilingSender::send_observed`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Resend<'a> {
    /// The agent the message goes to.
    pub agent_id: &'a AgentId,
    /// The message's `otid`, the same on every attempt.
    pub otid: &'a str,
    /// Which resend this is: 1 for the first repeat.
    pub attempt: u32,
    /// The failure of the previous attempt.
    pub error: &'a LettaError,
    /// Whether the agent's history was searched first (the previous attempt may have reached the
    /// server); `false` when the connection provably failed before the request was sent.
    pub reconciled: bool,
}

/// Sends messages to agents with reconciliation (see the module docs).
#[derive(Debug, Clone)]
pub struct ReconcilingSender {
    client: LettaClient,
    config: ReconcileConfig,
}

enum Found {
    Turn(Vec<LettaMessage>),
    WithoutReply,
    Nothing,
}

impl ReconcilingSender {
    /// A sender over `client` (whose layers still apply; a retry layer never repeats a send).
    pub fn new(client: LettaClient, config: ReconcileConfig) -> Self {
        Self { client, config }
    }

    /// Sends one message and returns the turn it caused, exactly once.
    pub async fn send(&self, agent_id: &AgentId, message: MessageCreate) -> Result<SendOutcome, LettaError> {
        self.send_observed(agent_id, message, |_| {}).await
    }

    /// Like [`ReconcilingSender::send`], and calls `on_resend` before each repeat of the send, so
    /// callers can count or log resends (progress reporting, metrics).
    pub async fn send_observed<F>(
        &self,
        agent_id: &AgentId,
        message: MessageCreate,
        on_resend: F,
    ) -> Result<SendOutcome, LettaError>
    where
        F: FnMut(&Resend<'_>) + Send,
    {
        self.send_request_observed(agent_id, LettaRequest::new([message]), on_resend)
            .await
    }

    /// Sends a request (its messages form one turn) and returns the turn it caused, exactly once.
    ///
    /// The first message carries the `otid` that identifies the turn (one is made when it has
    /// none). The request's `use_assistant_message` choice also applies to the history lookup,
    /// so a recovered turn has the same shape as an answered one.
    pub async fn send_request(
        &self,
        agent_id: &AgentId,
        request: LettaRequest,
    ) -> Result<SendOutcome, LettaError> {
        self.send_request_observed(agent_id, request, |_| {}).await
    }

    /// Like [`ReconcilingSender::send_request`], and calls `on_resend` before each repeat.
    pub async fn send_request_observed<F>(
        &self,
        agent_id: &AgentId,
        mut request: LettaRequest,
        mut on_resend: F,
    ) -> Result<SendOutcome, LettaError>
    where
        F: FnMut(&Resend<'_>) + Send,
    {
        let Some(first) = request.messages.first_mut() else {
            return Err(LettaError::InvalidInput(
                "a send needs at least one message; nothing was sent".into(),
            ));
        };
        let otid = first.otid.get_or_insert_with(new_otid).clone();
        let messages = self.client.agents().messages(agent_id);
        let mut resends = 0;
        loop {
            let error = match messages.send_request(&request).await {
                Ok(response) => return Ok(SendOutcome::Answered(response)),
                Err(e) => e,
            };
            if !ambiguous(&error) {
                if error.is_connect() && resends < self.config.max_resends {
                    resends += 1;
                    on_resend(&Resend {
                        agent_id,
                        otid: &otid,
                        attempt: resends,
                        error: &error,
                        reconciled: false,
                    });
                    continue;
                }
                return Err(error);
            }
            tracing::warn!(agent = %agent_id, otid, error = %error, "send outcome unknown; reconciling");
            match self.find_turn(agent_id, &otid, &request).await? {
                Found::Turn(turn) => return Ok(SendOutcome::Recovered(turn)),
                Found::WithoutReply => return Err(error),
                Found::Nothing if resends < self.config.max_resends => {
                    resends += 1;
                    on_resend(&Resend {
                        agent_id,
                        otid: &otid,
                        attempt: resends,
                        error: &error,
                        reconciled: true,
                    });
                }
                Found::Nothing => return Err(error),
            }
        }
    }

    /// Looks for the turn with `otid`, waiting up to the grace period for it to appear or end.
    async fn find_turn(
        &self,
        agent_id: &AgentId,
        otid: &str,
        request: &LettaRequest,
    ) -> Result<Found, LettaError> {
        let deadline = tokio::time::Instant::now() + self.config.grace;
        loop {
            let found = self.look(agent_id, otid, request).await?;
            let settled = matches!(found, Found::Turn(_));
            if settled || tokio::time::Instant::now() >= deadline {
                return Ok(found);
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    async fn look(
        &self,
        agent_id: &AgentId,
        otid: &str,
        request: &LettaRequest,
    ) -> Result<Found, LettaError> {
        let params = ListMessagesParams {
            limit: Some(self.config.lookback),
            use_assistant_message: request.use_assistant_message,
            assistant_message_tool_name: request.assistant_message_tool_name.clone(),
            assistant_message_tool_kwarg: request.assistant_message_tool_kwarg.clone(),
            ..Default::default()
        };
        let history = self.client.agents().messages(agent_id).list(&params).await?;
        let start = history
            .iter()
            .position(|m| matches!(m, LettaMessage::User(u) if u.meta.otid.as_deref() == Some(otid)));
        let Some(start) = start else {
            return Ok(Found::Nothing);
        };
        // The turn runs until the next user message of someone else.
        let end = history[start + 1..]
            .iter()
            .position(|m| matches!(m, LettaMessage::User(u) if !is_heartbeat(&u.content.text())))
            .map(|p| start + 1 + p)
            .unwrap_or(history.len());
        let turn = history[start..end].to_vec();
        let reply_tool = request
            .assistant_message_tool_name
            .as_deref()
            .unwrap_or("send_message");
        let replied = turn.iter().any(|m| match m {
            LettaMessage::Assistant(_) => true,
            // With `use_assistant_message: false` the reply is the call to the reply tool.
            LettaMessage::ToolCall(call) => call.tool_call.name.as_deref() == Some(reply_tool),
            _ => false,
        });
        if replied {
            Ok(Found::Turn(turn))
        } else {
            Ok(Found::WithoutReply)
        }
    }
}

/// Heartbeats are user-role messages the server writes inside a turn.
fn is_heartbeat(text: &str) -> bool {
    text.contains("\"type\": \"heartbeat\"") || text.contains("\"type\":\"heartbeat\"")
}

/// Whether the request may have reached the server and run the agent.
fn ambiguous(error: &LettaError) -> bool {
    match error {
        LettaError::Timeout { .. } => true,
        LettaError::Transport { maybe_sent, .. } => *maybe_sent,
        LettaError::Api { status, .. } => status.is_server_error() || matches!(status.as_u16(), 408 | 429),
        _ => false,
    }
}

/// A client-made ID, unique per process run.
pub(crate) fn new_otid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "letta-rs-{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}
