//! Finding a turn in an agent's history by the `otid` of its user message.

use futures_util::StreamExt;
use letta_core::LettaError;
use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, LettaRequest, ListMessagesParams, Replies, ReplyTool};

use super::ReconcilingSender;
use crate::turn::Turn;

/// What an agent's history says about one message.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Found {
    /// The message and the agent's reply: the turn's messages, the user's message first.
    Turn(Vec<LettaMessage>),
    /// The message, but no reply (yet): what there is of the turn.
    WithoutReply(Vec<LettaMessage>),
    /// No message with that `otid`.
    Nothing,
}

/// What [`ReconcilingSender::settle`] learned about a message whose outcome was unknown.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Settled {
    /// The turn happened: read back from the agent's history.
    Recovered(Turn),
    /// The message reached the agent but its turn has no reply: it ran (do not resend).
    NoReply(Vec<LettaMessage>),
    /// The message is not in the agent's history, even after the grace period: it did not
    /// run, and is safe to send again with the same `otid`.
    NotFound,
}

impl ReconcilingSender {
    /// Settles a message whose outcome was unknown ([`SendError::Unknown`](super::SendError::Unknown)),
    /// by its agent and `otid`: a batch job calls this on resume for every item it recorded as
    /// unknown, before deciding to send it again.
    ///
    /// It reads the agent's whole history, newest first, until it finds the user message with
    /// `otid`; when it is not there (or has no reply yet) it waits the configured
    /// [`grace`](super::ReconcileConfig::grace) and reads once more, so a request still in
    /// flight can land. History is read with the server's default message shape (replies as
    /// assistant messages).
    ///
    /// An `Err` is the history read's error: the outcome is still unknown (the server may be
    /// down); call it again later.
    pub async fn settle(&self, agent: impl Into<AgentId>, otid: &str) -> Result<Settled, LettaError> {
        let agent_id = &agent.into();
        let request = LettaRequest::new(std::iter::empty());
        let mut waited = false;
        loop {
            let found = self.search_all(agent_id, otid, &request).await?;
            match found {
                Found::Turn(history) => return Ok(Settled::Recovered(Turn::recovered(history))),
                _ if !waited => {
                    waited = true;
                    tokio::time::sleep(self.config.grace).await;
                }
                Found::WithoutReply(turn) => return Ok(Settled::NoReply(turn)),
                Found::Nothing => return Ok(Settled::NotFound),
            }
        }
    }

    /// Looks for `otid` among the agent's `lookback` most recent stored messages (one read).
    pub(super) async fn look(
        &self,
        agent_id: &AgentId,
        otid: &str,
        request: &LettaRequest,
    ) -> Result<Found, LettaError> {
        let params = shape_of(request, self.config.lookback);
        let history = self.client.agents().messages(agent_id).list(&params).await?;
        Ok(find(&history, otid, request))
    }

    /// Looks for `otid` in the agent's whole history, walking back from the newest message and
    /// stopping where it is found.
    async fn search_all(
        &self,
        agent_id: &AgentId,
        otid: &str,
        request: &LettaRequest,
    ) -> Result<Found, LettaError> {
        let params = shape_of(request, self.config.lookback.max(10));
        let mut pages = self.client.agents().messages(agent_id).list_all(&params);
        // Newest first: everything after the user message, then the message itself.
        let mut newest_first = Vec::new();
        while let Some(message) = pages.next().await {
            let message = message?;
            let is_it = is_user_with(&message, otid);
            newest_first.push(message);
            if is_it {
                newest_first.reverse();
                return Ok(find(&newest_first, otid, request));
            }
        }
        Ok(Found::Nothing)
    }
}

/// A history read of `limit` messages with the parameters that give the request's message
/// shape, so a recovered turn looks like an answered one.
pub(super) fn shape_of(request: &LettaRequest, limit: u32) -> ListMessagesParams {
    ListMessagesParams::builder()
        .limit(limit)
        .maybe_use_assistant_message(request.use_assistant_message)
        .maybe_assistant_message_tool_name(request.assistant_message_tool_name.clone())
        .maybe_assistant_message_tool_kwarg(request.assistant_message_tool_kwarg.clone())
        .build()
}

fn is_user_with(message: &LettaMessage, otid: &str) -> bool {
    matches!(message, LettaMessage::User(u) if u.meta.otid.as_deref() == Some(otid))
}

/// The turn of the user message with `otid` in `history` (oldest first).
pub(super) fn find(history: &[LettaMessage], otid: &str, request: &LettaRequest) -> Found {
    let Some(start) = history.iter().position(|m| is_user_with(m, otid)) else {
        return Found::Nothing;
    };
    // The turn runs until the next user message of someone else.
    let end = history[start + 1..]
        .iter()
        .position(|m| matches!(m, LettaMessage::User(u) if !is_heartbeat(&u.content.text())))
        .map_or(history.len(), |p| start + 1 + p);
    let turn = history[start..end].to_vec();
    let reply_tool = ReplyTool::named(
        request.assistant_message_tool_name.as_deref(),
        request.assistant_message_tool_kwarg.as_deref(),
    );
    // A turn that stopped on calls waiting for the caller (0.16 approvals) is over for now.
    if turn.replied(&reply_tool) || crate::handle::waits_for_caller(&turn) {
        Found::Turn(turn)
    } else {
        Found::WithoutReply(turn)
    }
}

/// Heartbeats are user-role messages the server writes inside a turn.
fn is_heartbeat(text: &str) -> bool {
    text.contains("\"type\": \"heartbeat\"") || text.contains("\"type\":\"heartbeat\"")
}
