//! What goes into a fan-out and what comes out of it.

use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;

use crate::reconcile::SendError;
use crate::turn::Turn;

/// One message for one agent, with an optional caller key (`K`, `()` by default) that comes back
/// in its [`FanoutResult`].
#[derive(Debug, Clone, PartialEq)]
pub struct FanoutItem<K = ()> {
    /// The agent to send to.
    pub agent: AgentId,
    /// The message. Without an `otid`, the fan-out gives it one before sending.
    pub message: MessageCreate,
    /// The caller's key for this item.
    pub key: K,
}

impl FanoutItem<()> {
    /// An item without a key (results carry their input index instead). `agent` is anything
    /// that names an agent (`&AgentHandle`, `&AgentId`, ...); the fan-out's own sender sends.
    pub fn new(agent: impl Into<AgentId>, message: MessageCreate) -> Self {
        Self {
            agent: agent.into(),
            message,
            key: (),
        }
    }
}

impl<K> FanoutItem<K> {
    /// An item with a caller key.
    pub fn keyed(key: K, agent: impl Into<AgentId>, message: MessageCreate) -> Self {
        Self {
            agent: agent.into(),
            message,
            key,
        }
    }

    /// The same item with another key.
    pub fn with_key<K2>(self, key: K2) -> FanoutItem<K2> {
        FanoutItem {
            agent: self.agent,
            message: self.message,
            key,
        }
    }
}

/// How one item ended. Nothing is lost: the input message (with the `otid` it was sent with) is
/// here whether the send succeeded or not.
#[derive(Debug)]
pub struct FanoutResult<K = ()> {
    /// Position of the item in the input, from 0.
    pub index: u64,
    /// The caller's key.
    pub key: K,
    /// The agent it went to.
    pub agent: AgentId,
    /// The message as sent: the caller's, with its `otid` filled in if it had none, so a failed
    /// item can be looked up in the agent's history or handed back for another try.
    pub message: MessageCreate,
    /// The turn, or why there is none, saying whether it may have run (see
    /// [`SendError`]). A failure of one item never stops the others.
    pub outcome: Result<Turn, SendError>,
}

impl<K> FanoutResult<K> {
    /// Whether the send produced a turn.
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The `otid` the message was sent with.
    pub fn otid(&self) -> Option<&str> {
        self.message.otid.as_deref()
    }

    /// Whether the item provably did not run, so its message (kept here, with its `otid`) can
    /// be sent again without duplicating a turn: [`SendError::is_safe_to_resend`]; false for a
    /// turn and for an unknown outcome (settle that first with
    /// [`ReconcilingSender::settle`](crate::reconcile::ReconcilingSender::settle)).
    pub fn is_safe_to_resend(&self) -> bool {
        self.outcome
            .as_ref()
            .err()
            .is_some_and(SendError::is_safe_to_resend)
    }
}
