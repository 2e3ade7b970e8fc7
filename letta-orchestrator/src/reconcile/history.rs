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

/// Whether `message` is the input message with `otid`: a user message, or a system one (a
/// group the orchestrator runs forwards the other agents' words as system messages).
fn is_user_with(message: &LettaMessage, otid: &str) -> bool {
    match message {
        LettaMessage::User(u) => u.meta.otid.as_deref() == Some(otid),
        LettaMessage::System(s) => s.meta.otid.as_deref() == Some(otid),
        _ => false,
    }
}

/// The turn of the user message with `otid` in `history` (oldest first).
pub(super) fn find(history: &[LettaMessage], otid: &str, request: &LettaRequest) -> Found {
    let Some(start) = history.iter().position(|m| is_user_with(m, otid)) else {
        return Found::Nothing;
    };
    // The turn runs until the next user message of someone else (the request's own later
    // messages, known by their otids, are part of it).
    let own = |otid: Option<&str>| {
        otid.is_some_and(|o| request.messages.iter().any(|m| m.otid.as_deref() == Some(o)))
    };
    let end = history[start + 1..]
        .iter()
        .position(|m| matches!(m, LettaMessage::User(u) if !is_heartbeat(&u.content.text()) && !own(u.meta.otid.as_deref())))
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

#[cfg(test)]
mod tests {
    use super::*;
    use letta_core::types::{MessageCreate, MessageRole};
    use serde_json::json;

    fn stored(kind: &str, otid: &str, text: &str) -> LettaMessage {
        let mut m = json!({"id": format!("message-{otid}"), "date": "2026-11-25T11:46:35Z",
                           "message_type": kind, "otid": otid, "content": text});
        if kind == "user_message" {
            m["content"] = json!(text);
        }
        LettaMessage::from_value(m).unwrap()
    }

    #[test]
    fn a_request_of_several_messages_is_one_turn_found_by_its_first_otid() {
        let history = [
            stored("user_message", "before", "earlier"),
            stored("system_message", "o1", "ada said hi"),
            stored("user_message", "o2", "hello team"),
            stored("assistant_message", "r", "You said: hello team"),
            stored("user_message", "later", "next"),
        ];
        let request = LettaRequest::new([
            MessageCreate::builder(MessageRole::System, "ada said hi")
                .otid("o1")
                .build(),
            MessageCreate::builder(MessageRole::User, "hello team")
                .otid("o2")
                .build(),
        ]);
        let Found::Turn(turn) = find(&history, "o1", &request) else {
            panic!("the turn is found");
        };
        assert_eq!(turn.len(), 3, "{turn:?}");
        let turn = Turn::recovered(turn);
        assert_eq!(turn.messages.len(), 1);
        // Another request's user message ends the turn.
        let alone = LettaRequest::new([MessageCreate::builder(MessageRole::System, "x")
            .otid("o1")
            .build()]);
        assert!(matches!(find(&history, "o1", &alone), Found::WithoutReply(t) if t.len() == 1));
    }
}
