//! The step options Letta 0.16 added to a send ([`super::LettaRequest::options`]) and the
//! message types 0.16 lists.

use serde::{Deserialize, Serialize};

use super::{JsonMap, MessageContent};

string_enum! {
    /// The kinds of items a conversation lists (`MessageType`, 0.16+).
    MessageType {
        /// A system message.
        System = "system_message",
        /// A user message.
        User = "user_message",
        /// The assistant's reply.
        Assistant = "assistant_message",
        /// Reasoning.
        Reasoning = "reasoning_message",
        /// Hidden reasoning.
        HiddenReasoning = "hidden_reasoning_message",
        /// A tool call.
        ToolCall = "tool_call_message",
        /// A tool's result.
        ToolReturn = "tool_return_message",
        /// A tool call waiting for the caller's approval.
        ApprovalRequest = "approval_request_message",
        /// The caller's approval or denial.
        ApprovalResponse = "approval_response_message",
        /// A summary that replaced compacted messages.
        Summary = "summary_message",
        /// An event (compaction and the like).
        Event = "event_message",
    }
}

/// A tool the caller runs itself, offered to the agent for one request (`ClientToolSchema`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ClientTool {
    /// The tool's name.
    #[builder(start_fn)]
    pub name: String,
    /// What it does, for the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its parameters, as a JSON Schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<JsonMap>,
}

/// A skill the caller has, offered to the agent for one request (`ClientSkillSchema`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ClientSkill {
    /// The skill's name.
    pub name: String,
    /// What it does.
    pub description: String,
    /// Where it lives on the caller's side.
    pub location: String,
}

/// The options of an agent step that Letta 0.16 added to [`super::LettaRequest`]; every one is left
/// out of the request unless set. 0.7.x rejects all of them (422).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StepOptions {
    /// Input given as content instead of `messages` (a user message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub input: Option<MessageContent>,
    /// Most agent steps the request may run (server default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_steps: Option<u32>,
    /// Only these message types in the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_return_message_types: Option<Vec<MessageType>>,
    /// Deprecated by the server (a string flag, default `"true"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_thinking: Option<String>,
    /// Tools the caller runs itself; their calls come back as approval requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_tools: Option<Vec<ClientTool>>,
    /// Skills the caller has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_skills: Option<Vec<ClientSkill>>,
    /// Model handle to use for this request instead of the agent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_model: Option<String>,
    /// List compaction (summary and event) messages in the answer (server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_compaction_messages: Option<bool>,
    /// Return the model's log probabilities (server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_logprobs: Option<bool>,
    /// How many top log probabilities per token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<u32>,
    /// Return the generated token IDs (server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_token_ids: Option<bool>,
    /// System prompt to use for this request instead of the agent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_system: Option<String>,
}
