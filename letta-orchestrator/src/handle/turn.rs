//! What one send did: the messages of the agent's turn.

use letta_core::types::{LettaMessage, LettaUsageStatistics, ToolReturnMessage};

use crate::reconcile::SendOutcome;

/// One agent turn: the messages the server produced for one send (reasoning, tool calls, tool
/// returns, replies), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// The turn's messages, in order.
    pub messages: Vec<LettaMessage>,
    /// Token and step counts, when the server answered the send (a recovered turn has none).
    pub usage: Option<LettaUsageStatistics>,
    /// Whether the answer was lost and the turn was read back from the agent's history.
    pub recovered: bool,
}

impl Turn {
    /// The text of every assistant reply, in order.
    pub fn assistant_texts(&self) -> Vec<String> {
        self.messages
            .iter()
            .filter_map(LettaMessage::assistant_text)
            .collect()
    }

    /// The last assistant reply, if the agent replied.
    pub fn reply(&self) -> Option<String> {
        self.messages.iter().rev().find_map(LettaMessage::assistant_text)
    }

    /// The tool returns of the turn, in order.
    pub fn tool_returns(&self) -> impl Iterator<Item = &ToolReturnMessage> {
        self.messages.iter().filter_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r),
            _ => None,
        })
    }
}

impl From<SendOutcome> for Turn {
    fn from(outcome: SendOutcome) -> Self {
        match outcome {
            SendOutcome::Answered(response) => Turn {
                messages: response.messages,
                usage: Some(response.usage),
                recovered: false,
            },
            SendOutcome::Recovered(messages) => Turn {
                // The history holds the user's message too; a turn is what the agent did.
                messages: messages
                    .into_iter()
                    .skip_while(|m| matches!(m, LettaMessage::User(_)))
                    .collect(),
                usage: None,
                recovered: true,
            },
        }
    }
}
