//! The OpenAI-compatible chat completions of Letta 0.16 (`POST /v1/chat/completions`): the
//! `model` names the agent that answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ChatMessage, ChatRole, UsageStatistics};
use crate::ids::AgentId;

/// A chat-completion request to an agent (`ChatCompletionRequest`). The agent answers the
/// **last user message** only: it keeps its own history, so earlier messages are ignored.
///
/// ```
/// use letta_core::ids::AgentId;
/// use letta_core::types::{ChatCompletionRequest, ChatMessage};
/// let request = ChatCompletionRequest::new(&AgentId::new("agent-1"), [ChatMessage::user("Hi")]);
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json, serde_json::json!({"model": "agent-1", "messages": [{"role": "user", "content": "Hi"}]}));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ChatCompletionRequest {
    /// The ID of the agent that answers (`agent-...`; anything else is refused by the server).
    pub model: String,
    /// The conversation; the last user message is the one sent.
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ChatMessage>>| items.into_iter().map(Into::into).collect())]
    pub messages: Vec<ChatMessage>,
    /// Sampling temperature (0 to 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// How many choices (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Stream chunks; [`crate::api::ChatCompletions::create`] leaves it unset and
    /// [`crate::api::ChatCompletions::stream`] sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Sequences where generation stops (one string or several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<Value>,
    /// Most tokens to generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Presence penalty (-2 to 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    /// Frequency penalty (-2 to 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// The user to act as (a Letta user ID); the caller's own user when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl ChatCompletionRequest {
    /// A request to `agent` with these messages.
    pub fn new(agent: &AgentId, messages: impl IntoIterator<Item = ChatMessage>) -> Self {
        Self::builder().model(agent.as_str()).messages(messages).build()
    }
}

string_enum! {
    /// Why a choice ended (`finish_reason`).
    FinishReason {
        /// A natural end or a stop sequence.
        Stop = "stop",
        /// The token limit.
        Length = "length",
        /// The model called tools.
        ToolCalls = "tool_calls",
        /// Filtered content.
        ContentFilter = "content_filter",
        /// The model called a function (legacy).
        FunctionCall = "function_call",
    }
}

/// The assistant's message of a choice (`ChatCompletionMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletionMessage {
    /// Always the assistant.
    pub role: ChatRole,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// A refusal, instead of content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Citations (OpenAI's `Annotation` objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<Value>>,
    /// Audio output (OpenAI's `ChatCompletionAudio`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Value>,
    /// A legacy function call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_call: Option<Value>,
    /// Tool calls (OpenAI's tool-call objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<Value>>,
}

/// One choice of a chat completion (`Choice`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatChoice {
    /// Its position.
    #[serde(default)]
    pub index: u32,
    /// Why it ended.
    pub finish_reason: FinishReason,
    /// The message.
    pub message: ChatCompletionMessage,
    /// Log probabilities, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Value>,
}

/// A whole chat completion (`ChatCompletion`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletion {
    /// Completion ID.
    pub id: String,
    /// Always `chat.completion`.
    #[serde(default)]
    pub object: String,
    /// Unix time of the answer.
    #[serde(default)]
    pub created: u64,
    /// The agent (or model) that answered.
    #[serde(default)]
    pub model: String,
    /// The choices.
    #[serde(default)]
    pub choices: Vec<ChatChoice>,
    /// Service tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<String>,
    /// Provider fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// Token usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<UsageStatistics>,
}

impl ChatCompletion {
    /// The text of the first choice, if any.
    pub fn text(&self) -> Option<&str> {
        self.choices.first()?.message.content.as_deref()
    }
}
