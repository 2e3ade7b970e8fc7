//! Reading an agent's replies out of its messages: one implementation, whatever holds the
//! messages (an answer, a turn, a slice of history).

use std::collections::HashMap;

use serde_json::Value;
use serde_json::value::RawValue;

use super::{LettaMessage, LettaResponse, ToolReturnMessage};

/// The tool whose argument carries an agent's reply, and that argument's name: `send_message`
/// and `message` unless a request names others (`assistant_message_tool_name` /
/// `assistant_message_tool_kwarg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTool {
    /// The tool's name.
    pub name: String,
    /// The name of the argument that holds the reply.
    pub argument: String,
}

impl Default for ReplyTool {
    fn default() -> Self {
        Self::new("send_message", "message")
    }
}

impl ReplyTool {
    /// The tool `name`, its reply in the argument `argument`.
    pub fn new(name: impl Into<String>, argument: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            argument: argument.into(),
        }
    }

    /// The tool a request names, with the server's defaults for what it leaves out.
    pub fn named(name: Option<&str>, argument: Option<&str>) -> Self {
        let default = Self::default();
        Self {
            name: name.map_or(default.name, str::to_owned),
            argument: argument.map_or(default.argument, str::to_owned),
        }
    }
}

/// Reading replies out of an agent's messages. Implement [`Replies::messages`] to say where the
/// messages are; every other method is provided.
///
/// Implemented for `[LettaMessage]`, `Vec<LettaMessage>` and [`LettaResponse`] (and, in
/// `letta-orchestrator`, for its `Turn`).
///
/// ```
/// use letta_core::types::{LettaMessage, Replies};
/// let said = LettaMessage::from_value(serde_json::json!({
///     "message_type": "assistant_message", "id": "message-1",
///     "date": "2026-11-25T00:00:00Z", "content": "Hello!"
/// }))
/// .unwrap();
/// let messages = vec![said];
/// assert_eq!(messages.assistant_texts(), ["Hello!"]);
/// assert_eq!(messages.last_reply().as_deref(), Some("Hello!"));
/// ```
pub trait Replies {
    /// The messages, in order.
    fn messages(&self) -> &[LettaMessage];

    /// The text of every assistant message, in order.
    fn assistant_texts(&self) -> Vec<String> {
        self.messages()
            .iter()
            .filter_map(LettaMessage::assistant_text)
            .collect()
    }

    /// The text of the last assistant message, if the agent replied.
    fn last_reply(&self) -> Option<String> {
        self.messages()
            .iter()
            .rev()
            .find_map(LettaMessage::assistant_text)
    }

    /// The tool returns, in order.
    fn tool_returns(&self) -> Vec<&ToolReturnMessage> {
        self.messages()
            .iter()
            .filter_map(|m| match m {
                LettaMessage::ToolReturn(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// Whether the agent replied: an assistant message, or (for messages read with
    /// `use_assistant_message: false`) a call of the reply tool `tool`.
    fn replied(&self, tool: &ReplyTool) -> bool {
        self.messages().iter().any(|m| match m {
            LettaMessage::Assistant(_) => true,
            LettaMessage::ToolCall(call) => call.tool_call.name.as_deref() == Some(tool.name.as_str()),
            _ => false,
        })
    }

    /// The last reply as the model gave it, as JSON text: the reply argument of the last call
    /// of `tool` exactly as written (an object stays an object), or the last assistant
    /// message's text as a JSON string, whichever came last.
    fn last_reply_json(&self, tool: &ReplyTool) -> Option<String> {
        self.messages().iter().rev().find_map(|m| match m {
            LettaMessage::ToolCall(call) if call.tool_call.name.as_deref() == Some(tool.name.as_str()) => {
                let arguments: HashMap<String, Box<RawValue>> =
                    serde_json::from_str(call.tool_call.arguments.as_deref()?).ok()?;
                arguments.get(&tool.argument).map(|raw| raw.get().to_owned())
            }
            LettaMessage::Assistant(a) => Some(Value::String(a.content.text()).to_string()),
            _ => None,
        })
    }
}

impl Replies for [LettaMessage] {
    fn messages(&self) -> &[LettaMessage] {
        self
    }
}

impl Replies for Vec<LettaMessage> {
    fn messages(&self) -> &[LettaMessage] {
        self
    }
}

impl Replies for LettaResponse {
    fn messages(&self) -> &[LettaMessage] {
        &self.messages
    }
}
