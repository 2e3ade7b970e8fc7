//! [`Turn`]: what one agent turn produced, however the orchestrator obtained it.

use letta_core::ids::{GroupId, JobId};
use letta_core::types::{LettaMessage, LettaResponse, LettaUsageStatistics, Replies, Run};

/// One agent turn: the messages the agent produced (reasoning, tool calls, tool returns,
/// replies), in order. Every orchestrator path that runs a turn hands one out: a send, a
/// fan-out item, a background run, a batch item, an agent's part of a group send.
///
/// A send's turn (answered or recovered) starts after the input; a run, batch or group turn
/// holds the input too, as the server records it there.
///
/// Read replies with the [`Replies`] methods (`turn.assistant_texts()`, `turn.last_reply()`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Turn {
    /// The turn's messages, in order.
    pub messages: Vec<LettaMessage>,
    /// Token and step counts, when the server reported them for this turn alone (an answered
    /// send; a recovered, run, batch or group turn has none).
    pub usage: Option<LettaUsageStatistics>,
    /// How the turn was obtained.
    pub source: TurnSource,
}

/// How a [`Turn`] was obtained.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TurnSource {
    /// The server answered the send.
    Answered,
    /// The answer was lost; the turn was read back from the agent's history by its `otid`.
    Recovered,
    /// A background run (`send_async`), as it ended (its `status` is terminal).
    Run(Box<Run>),
    /// The agent's item of a server batch.
    Batch(JobId),
    /// The agent's part of one send to a group.
    Group(GroupId),
    /// The agent's newest messages, read from its own history (not one send's turn).
    History,
}

impl Turn {
    /// A turn of `messages`, obtained by `source`.
    pub fn new(messages: Vec<LettaMessage>, source: TurnSource) -> Self {
        Self {
            messages,
            usage: None,
            source,
        }
    }

    /// A turn read back from the agent's history: the history holds the input too (the user's
    /// message, or a group's system messages), and a turn is what the agent did.
    pub(crate) fn recovered(history: Vec<LettaMessage>) -> Self {
        let messages = history
            .into_iter()
            .skip_while(|m| matches!(m, LettaMessage::User(_) | LettaMessage::System(_)))
            .collect();
        Self::new(messages, TurnSource::Recovered)
    }

    /// The turn of a send the server answered.
    pub fn answered(response: LettaResponse) -> Self {
        Self {
            messages: response.messages,
            usage: Some(response.usage),
            source: TurnSource::Answered,
        }
    }

    /// Whether the answer was lost and the turn was read back from the agent's history.
    pub fn is_recovered(&self) -> bool {
        self.source == TurnSource::Recovered
    }

    /// The run, for a turn of a background run.
    pub fn run(&self) -> Option<&Run> {
        match &self.source {
            TurnSource::Run(run) => Some(run),
            _ => None,
        }
    }
}

impl Replies for Turn {
    fn messages(&self) -> &[LettaMessage] {
        &self.messages
    }
}
