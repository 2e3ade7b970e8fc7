//! Messages as the server stores them (`Message`), as found in steps, batches and the context
//! window; conversations are listed as [`super::LettaMessage`]s instead.

use serde::{Deserialize, Serialize};

use super::{ContentPart, MessageRole, Timestamp, ToolReturnStatus};
use crate::ids::{AgentId, MessageId};

/// A function call requested by the model (`Function`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionCall {
    /// The function (tool) name.
    pub name: String,
    /// The arguments, as JSON text.
    pub arguments: String,
}

/// A tool call of a stored assistant message (`ChatCompletionMessageFunctionToolCall`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredToolCall {
    /// Call ID.
    pub id: String,
    /// The call.
    pub function: FunctionCall,
    /// Always `function`.
    #[serde(rename = "type", default = "function_kind")]
    pub kind: String,
}

fn function_kind() -> String {
    "function".to_owned()
}

/// Execution details of a tool call (`ToolReturn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolReturn {
    /// The status of the tool call.
    pub status: ToolReturnStatus,
    /// Captured stdout (e.g. prints, logs) from the tool invocation.
    #[serde(default)]
    pub stdout: Option<Vec<String>>,
    /// Captured stderr from the tool invocation.
    #[serde(default)]
    pub stderr: Option<Vec<String>>,
}

/// Letta's internal representation of a message (`Message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The human-friendly ID of the message.
    pub id: MessageId,
    /// The role of the participant.
    pub role: MessageRole,
    /// The content of the message.
    #[serde(default)]
    pub content: Option<Vec<ContentPart>>,
    /// The unique identifier of the agent.
    #[serde(default)]
    pub agent_id: Option<AgentId>,
    /// The model used to make the function call.
    #[serde(default)]
    pub model: Option<String>,
    /// For role user/assistant: the (optional) name of the participant. For role
    /// tool/function: the name of the function called.
    #[serde(default)]
    pub name: Option<String>,
    /// The list of tool calls requested. Only applicable for role assistant.
    #[serde(default)]
    pub tool_calls: Option<Vec<StoredToolCall>>,
    /// The ID of the tool call. Only applicable for role tool.
    #[serde(default)]
    pub tool_call_id: Option<String>,
    /// Tool execution return information for prior tool calls.
    #[serde(default)]
    pub tool_returns: Option<Vec<ToolReturn>>,
    /// The id of the step that this message was created in.
    #[serde(default)]
    pub step_id: Option<String>,
    /// The offline threading id associated with this message.
    #[serde(default)]
    pub otid: Option<String>,
    /// The multi-agent group that the message was sent in.
    #[serde(default)]
    pub group_id: Option<String>,
    /// The id of the sender of the message, can be an identity id or agent id.
    #[serde(default)]
    pub sender_id: Option<String>,
    /// The id of the LLMBatchItem that this message is associated with.
    #[serde(default)]
    pub batch_item_id: Option<String>,
    /// The unique identifier of the organization.
    #[serde(default)]
    pub organization_id: Option<String>,
    /// The id of the user that made this object.
    #[serde(default)]
    pub created_by_id: Option<String>,
    /// The id of the user that last changed this object.
    #[serde(default)]
    pub last_updated_by_id: Option<String>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
}

impl Message {
    /// All text of the content, parts joined with nothing between them.
    pub fn text(&self) -> String {
        self.content
            .iter()
            .flatten()
            .filter_map(ContentPart::as_text)
            .collect()
    }

    /// The first tool call, if the message requests one.
    pub fn tool_call(&self) -> Option<&StoredToolCall> {
        self.tool_calls.as_ref()?.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_stored_tool_call() {
        let m: Message = serde_json::from_value(serde_json::json!({
            "id": "message-1", "role": "assistant", "created_at": "2026-11-25T11:46:35.333051Z",
            "content": [{"type": "text", "text": "Calling."}],
            "tool_calls": [{"id": "call_3", "function": {"name": "send_message", "arguments": "{}"}, "type": "function"}],
            "tool_returns": null, "a_new_field": 1
        }))
        .unwrap();
        assert_eq!(m.role, MessageRole::Assistant);
        assert_eq!(m.text(), "Calling.");
        assert_eq!(m.tool_call().unwrap().function.name, "send_message");
        assert!(m.created_at.is_some());
    }
}
