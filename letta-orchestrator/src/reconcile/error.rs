//! Why a reconciled send produced no turn, and whether it may have run.

use letta_core::LettaError;
use letta_core::ids::AgentId;
use letta_core::types::LettaMessage;

/// Why a reconciled send produced no turn. Each variant says what is known about the agent's
/// turn, so a caller knows whether sending the message again could duplicate it:
///
/// | variant | did the turn run? | what to do |
/// | --- | --- | --- |
/// | [`NotSent`](SendError::NotSent) | no, provably | send it again (same `otid`) when the server is back |
/// | [`Unknown`](SendError::Unknown) | maybe | [`settle`](super::ReconcilingSender::settle) it first; never resend blindly |
/// | [`Refused`](SendError::Refused) | no: the server refused it (4xx) | fix the cause (agent, message), then send |
/// | [`NoReply`](SendError::NoReply) | yes, without a reply | do not resend (it would repeat the message); read the turn |
/// | [`InvalidInput`](SendError::InvalidInput) | no: nothing was sent | fix the input |
///
/// Every variant but `InvalidInput` carries the agent and the `otid`, and the send's own error
/// ([`SendError::letta_error`]): never the error of a history lookup made afterwards.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The message provably did not reach the agent: every attempt failed before anything was
    /// sent, or the agent's history showed no trace of it. Safe to send again.
    #[error(
        "message {otid} to agent {agent_id} was not sent (it provably did not run; safe to send again): {error}"
    )]
    NotSent {
        /// The agent the message was for.
        agent_id: AgentId,
        /// The message's `otid`, the same on every attempt.
        otid: String,
        /// The last attempt's error.
        error: LettaError,
    },
    /// The message may have run: the send failed after the request may have reached the server,
    /// and the agent's history could not be read before the reconcile deadline. Settle it with
    /// [`ReconcilingSender::settle`](super::ReconcilingSender::settle) before sending it again.
    #[error(
        "message {otid} to agent {agent_id}: outcome unknown, the turn may have run (settle it by its otid before sending again): {error}"
    )]
    Unknown {
        /// The agent the message was for.
        agent_id: AgentId,
        /// The message's `otid`, by which the turn can be found later.
        otid: String,
        /// The send's own error (the one that made the outcome unknown).
        error: LettaError,
        /// The last failed read of the agent's history, when there was one: why the outcome
        /// could not be settled (boxed: it is rarely read).
        last_lookup_error: Option<Box<LettaError>>,
    },
    /// The server refused the message with a 4xx answer (other than 408 and 429): it did not
    /// run. Sending it again unchanged would most likely be refused again.
    #[error("message {otid} to agent {agent_id} was refused by the server (it did not run): {error}")]
    Refused {
        /// The agent the message was for.
        agent_id: AgentId,
        /// The message's `otid`.
        otid: String,
        /// The server's answer.
        error: LettaError,
    },
    /// The message reached the agent (it is in the agent's history) but its turn ended without
    /// a reply, even after the grace period. Sending it again would repeat the message.
    #[error(
        "message {otid} reached agent {agent_id} but its turn ended without a reply (do not resend; read the turn): {error}"
    )]
    NoReply {
        /// The agent the message went to.
        agent_id: AgentId,
        /// The message's `otid`.
        otid: String,
        /// The send's own error.
        error: LettaError,
        /// What the history holds of the turn, the user's message first.
        messages: Vec<LettaMessage>,
    },
    /// The request was rejected before anything was sent (for example, it had no message).
    #[error("send to agent {agent_id} not made: {error}")]
    InvalidInput {
        /// The agent the request was for.
        agent_id: AgentId,
        /// What is wrong with it.
        error: LettaError,
    },
}

impl SendError {
    /// The agent the message was for.
    pub fn agent_id(&self) -> &AgentId {
        match self {
            SendError::NotSent { agent_id, .. }
            | SendError::Unknown { agent_id, .. }
            | SendError::Refused { agent_id, .. }
            | SendError::NoReply { agent_id, .. }
            | SendError::InvalidInput { agent_id, .. } => agent_id,
        }
    }

    /// The message's `otid` (none when the request was invalid before one was given).
    pub fn otid(&self) -> Option<&str> {
        match self {
            SendError::NotSent { otid, .. }
            | SendError::Unknown { otid, .. }
            | SendError::Refused { otid, .. }
            | SendError::NoReply { otid, .. } => Some(otid),
            SendError::InvalidInput { .. } => None,
        }
    }

    /// Whether the message provably did not run, so sending it again cannot duplicate a turn:
    /// true for [`NotSent`](SendError::NotSent), [`Refused`](SendError::Refused) and
    /// [`InvalidInput`](SendError::InvalidInput); false for [`Unknown`](SendError::Unknown) (settle
    /// it first) and [`NoReply`](SendError::NoReply) (it ran).
    pub fn is_safe_to_resend(&self) -> bool {
        matches!(
            self,
            SendError::NotSent { .. } | SendError::Refused { .. } | SendError::InvalidInput { .. }
        )
    }

    /// Whether the turn may have run and nobody knows yet ([`SendError::Unknown`]).
    pub fn is_unknown(&self) -> bool {
        matches!(self, SendError::Unknown { .. })
    }

    /// The send's own error: the failure of the (last) attempt to send, never that of a history
    /// lookup.
    pub fn letta_error(&self) -> &LettaError {
        match self {
            SendError::NotSent { error, .. }
            | SendError::Unknown { error, .. }
            | SendError::Refused { error, .. }
            | SendError::NoReply { error, .. }
            | SendError::InvalidInput { error, .. } => error,
        }
    }

    /// The send's own error, by value (see [`SendError::letta_error`]).
    pub fn into_letta_error(self) -> LettaError {
        match self {
            SendError::NotSent { error, .. }
            | SendError::Unknown { error, .. }
            | SendError::Refused { error, .. }
            | SendError::NoReply { error, .. }
            | SendError::InvalidInput { error, .. } => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeout() -> LettaError {
        LettaError::Timeout {
            method: http::Method::POST,
            path: "/v1/agents/agent-1/messages".into(),
            after: std::time::Duration::from_secs(5),
        }
    }

    #[test]
    fn helpers_and_messages_name_what_is_known() {
        let agent = AgentId::from("agent-1");
        let unknown = SendError::Unknown {
            agent_id: agent.clone(),
            otid: "o-1".into(),
            error: timeout(),
            last_lookup_error: Some(Box::new(LettaError::InvalidInput("lookup".into()))),
        };
        assert_eq!(unknown.agent_id(), &agent);
        assert_eq!(unknown.otid(), Some("o-1"));
        assert!(!unknown.is_safe_to_resend());
        assert!(unknown.is_unknown());
        assert!(matches!(unknown.letta_error(), LettaError::Timeout { .. }));
        let text = unknown.to_string();
        assert!(
            text.contains("o-1") && text.contains("agent-1") && text.contains("settle"),
            "{text}"
        );
        assert!(
            text.contains("no answer within 5s"),
            "the send's error is shown: {text}"
        );

        let not_sent = SendError::NotSent {
            agent_id: agent.clone(),
            otid: "o-2".into(),
            error: timeout(),
        };
        assert!(not_sent.is_safe_to_resend());
        assert!(not_sent.to_string().contains("safe to send again"));
        let no_reply = SendError::NoReply {
            agent_id: agent,
            otid: "o-3".into(),
            error: timeout(),
            messages: Vec::new(),
        };
        assert!(!no_reply.is_safe_to_resend());
        assert!(matches!(no_reply.into_letta_error(), LettaError::Timeout { .. }));
    }
}
