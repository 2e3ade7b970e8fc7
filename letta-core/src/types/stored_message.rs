//! Messages as the server stores them (`Message`), as found in steps, batches and the context
//! window; conversations are listed as [`super::LettaMessage`]s instead.

use serde::{Deserialize, Serialize};

use super::{
    AssistantMessage, ContentPart, LettaMessage, MessageContent, MessageMeta, MessageRole, ReasoningMessage,
    ReplyTool, SystemMessage, Timestamp, ToolCall, ToolCallMessage, ToolReturnMessage, ToolReturnStatus,
    UserMessage,
};
use crate::ids::{AgentId, GroupId, MessageId, OrganizationId, StepId, UserId};

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
    /// The call this answers (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// What the tool returned: text, or content parts (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub func_response: Option<serde_json::Value>,
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
    pub step_id: Option<StepId>,
    /// The offline threading id associated with this message.
    #[serde(default)]
    pub otid: Option<String>,
    /// The multi-agent group that the message was sent in.
    #[serde(default)]
    pub group_id: Option<GroupId>,
    /// The id of the sender of the message, can be an identity id or agent id.
    #[serde(default)]
    pub sender_id: Option<String>,
    /// The id of the LLMBatchItem that this message is associated with.
    #[serde(default)]
    pub batch_item_id: Option<String>,
    /// The unique identifier of the organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this object.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// The run that wrote it (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<crate::ids::RunId>,
    /// The conversation it belongs to (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<crate::ids::ConversationId>,
    /// Whether it belongs to a failed step (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_err: Option<bool>,
    /// The approval request it answers (0.16+, deprecated by the server for `approvals`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_request_id: Option<String>,
    /// Approved or not (0.16+, deprecated by the server for `approvals`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approve: Option<bool>,
    /// Why a call was denied (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denial_reason: Option<String>,
    /// The answers to the calls of an approval request (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<super::ToolCallOutcome>>,
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

    /// The message as a conversation lists it ([`LettaMessage`]s), as the server renders
    /// stored messages with `use_assistant_message`: an assistant message's text is its
    /// reasoning, a call of `reply` whose reply argument is text is an assistant message, any
    /// other call a tool call; a tool message is a tool return. A role this client does not
    /// render is kept as [`LettaMessage::Other`].
    pub fn to_letta_messages(&self, reply: &ReplyTool) -> Vec<LettaMessage> {
        let meta = MessageMeta {
            id: self.id.clone(),
            // Stored messages always carry it; the epoch only stands in for a missing one.
            date: self.created_at.unwrap_or_default(),
            name: self.name.clone(),
            otid: self.otid.clone(),
            sender_id: self.sender_id.clone(),
            step_id: self.step_id.clone(),
            seq_id: None,
            run_id: None,
            is_err: None,
        };
        let text = self.text();
        match self.role {
            MessageRole::User => vec![LettaMessage::User(UserMessage {
                meta,
                content: MessageContent::Parts(self.content.clone().unwrap_or_default()),
            })],
            MessageRole::System => vec![LettaMessage::System(SystemMessage { meta, content: text })],
            MessageRole::Assistant => {
                let reasoning = (!text.is_empty()).then(|| {
                    LettaMessage::Reasoning(ReasoningMessage {
                        meta: meta.clone(),
                        reasoning: text,
                        source: None,
                        signature: None,
                    })
                });
                let calls = self.tool_calls.iter().flatten().map(|call| {
                    let meta = meta.clone();
                    match reply_text(call, reply) {
                        Some(said) => LettaMessage::Assistant(AssistantMessage {
                            meta,
                            content: MessageContent::Text(said),
                        }),
                        None => LettaMessage::ToolCall(ToolCallMessage {
                            meta,
                            tool_call: ToolCall {
                                name: Some(call.function.name.clone()),
                                arguments: Some(call.function.arguments.clone()),
                                tool_call_id: Some(call.id.clone()),
                            },
                            tool_calls: None,
                        }),
                    }
                });
                reasoning.into_iter().chain(calls).collect()
            }
            MessageRole::Tool | MessageRole::Function => {
                let execution = self.tool_returns.iter().flatten().next();
                vec![LettaMessage::ToolReturn(ToolReturnMessage {
                    meta,
                    status: execution.map_or_else(|| packaged_status(&text), |r| r.status.clone()),
                    tool_return: text,
                    tool_call_id: self.tool_call_id.clone().unwrap_or_default(),
                    stdout: execution.and_then(|r| r.stdout.clone()),
                    stderr: execution.and_then(|r| r.stderr.clone()),
                    tool_returns: None,
                })]
            }
            _ => vec![LettaMessage::Other(
                serde_json::to_value(self).unwrap_or(serde_json::Value::Null),
            )],
        }
    }
}

/// The reply a call of the reply tool carries, when its reply argument is text.
fn reply_text(call: &StoredToolCall, reply: &ReplyTool) -> Option<String> {
    if call.function.name != reply.name {
        return None;
    }
    let arguments: serde_json::Value = serde_json::from_str(&call.function.arguments).ok()?;
    arguments.get(&reply.argument)?.as_str().map(str::to_owned)
}

/// The status of a tool return the server packaged as `{"status": "OK" | "Failed", ...}`.
fn packaged_status(text: &str) -> ToolReturnStatus {
    let status = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("status")?.as_str().map(str::to_owned));
    match status.as_deref() {
        Some("Failed") => ToolReturnStatus::Error,
        _ => ToolReturnStatus::Success,
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

    #[test]
    fn a_stored_turn_reads_as_a_listed_one() {
        let stored: Vec<Message> = serde_json::from_value(serde_json::json!([
            {"id": "message-1", "role": "user", "content": [{"type": "text", "text": "hi"}]},
            {"id": "message-2", "role": "assistant", "content": [{"type": "text", "text": "Thinking."}],
             "tool_calls": [
                {"id": "c1", "function": {"name": "say", "arguments": "{\"text\": \"hello\"}"}},
                {"id": "c2", "function": {"name": "send_message", "arguments": "{\"message\": \"no\"}"}}
             ]},
            {"id": "message-3", "role": "tool", "tool_call_id": "c1",
             "content": [{"type": "text", "text": "{\"status\": \"Failed\", \"message\": \"x\"}"}]}
        ]))
        .unwrap();
        let messages: Vec<LettaMessage> = stored
            .iter()
            .flat_map(|m| m.to_letta_messages(&ReplyTool::new("say", "text")))
            .collect();
        let kinds: Vec<_> = messages.iter().map(LettaMessage::message_type).collect();
        assert_eq!(
            kinds,
            [
                "user_message",
                "reasoning_message",
                "assistant_message",
                "tool_call_message",
                "tool_return_message"
            ]
        );
        assert_eq!(super::super::Replies::assistant_texts(&messages), ["hello"]);
        match &messages[4] {
            LettaMessage::ToolReturn(r) => {
                assert_eq!(r.status, ToolReturnStatus::Error);
                assert_eq!(r.tool_call_id, "c1");
            }
            other => panic!("{other:?}"),
        }
    }
}
