//! The voice endpoint's OpenAI-style chat completions (`/v1/voice-beta/{agent_id}/chat/completions`).

use serde::{Deserialize, Serialize};

string_enum! {
    /// Who a chat-completion message is from.
    ChatRole {
        /// The user.
        User = "user",
        /// A system message.
        System = "system",
        /// A developer message.
        Developer = "developer",
        /// The assistant.
        Assistant = "assistant",
        /// A tool's result.
        Tool = "tool",
    }
}

/// One message of a chat-completion request (`ChatCompletionMessageParam`, text content only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who it is from.
    pub role: ChatRole,
    /// The text.
    pub content: String,
    /// Name of the participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl ChatMessage {
    /// A user message.
    pub fn user(content: impl Into<String>) -> Self {
        Self {
            role: ChatRole::User,
            content: content.into(),
            name: None,
        }
    }
}

/// A streaming chat-completion request to a voice agent (`CompletionCreateParamsStreaming`, the
/// parts the voice agent reads). The agent answers the **last** message, which must be a user
/// message; earlier ones are ignored (the agent has its own history).
///
/// ```
/// use letta_core::types::{ChatMessage, VoiceChatCompletionRequest};
/// let request = VoiceChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi")]);
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["stream"], true);
/// assert_eq!(json["messages"][0]["role"], "user");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct VoiceChatCompletionRequest {
    /// Model name (required by the schema; the agent's own model is used).
    pub model: String,
    /// The messages; the last one must be from the user.
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ChatMessage>>| items.into_iter().map(Into::into).collect())]
    pub messages: Vec<ChatMessage>,
    /// Always `true`: the endpoint only streams.
    #[builder(default = true)]
    pub stream: bool,
    /// A stable identifier of the end user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Sampling temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Upper bound on generated tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u32>,
}

impl VoiceChatCompletionRequest {
    /// A streaming request with these messages.
    pub fn new(model: impl Into<String>, messages: impl IntoIterator<Item = ChatMessage>) -> Self {
        Self {
            model: model.into(),
            messages: messages.into_iter().collect(),
            stream: true,
            user: None,
            temperature: None,
            max_completion_tokens: None,
        }
    }
}

/// One streamed piece of a chat completion (`chat.completion.chunk`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletionChunk {
    /// Completion ID, shared by every chunk of one answer.
    #[serde(default)]
    pub id: String,
    /// Always `chat.completion.chunk`.
    #[serde(default)]
    pub object: String,
    /// Unix time of the answer.
    #[serde(default)]
    pub created: u64,
    /// Model that produced it.
    #[serde(default)]
    pub model: String,
    /// The choices (one, for the voice agent).
    #[serde(default)]
    pub choices: Vec<ChunkChoice>,
    /// Provider fingerprint.
    #[serde(default)]
    pub system_fingerprint: Option<String>,
    /// Service tier.
    #[serde(default)]
    pub service_tier: Option<String>,
    /// Token usage, on the last chunk when asked for.
    #[serde(default)]
    pub usage: Option<super::JsonMap>,
}

impl ChatCompletionChunk {
    /// The text this chunk adds, if any.
    pub fn text(&self) -> Option<&str> {
        self.choices.first()?.delta.content.as_deref()
    }
}

/// One choice of a chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkChoice {
    /// Index of the choice.
    #[serde(default)]
    pub index: u32,
    /// What this chunk adds.
    #[serde(default)]
    pub delta: ChunkDelta,
    /// Why generation stopped, on the last chunk.
    #[serde(default)]
    pub finish_reason: Option<String>,
    /// Log probabilities, when asked for.
    #[serde(default)]
    pub logprobs: Option<serde_json::Value>,
}

/// What a chunk adds to the answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChunkDelta {
    /// Role, on the first chunk.
    #[serde(default)]
    pub role: Option<String>,
    /// A piece of the text.
    #[serde(default)]
    pub content: Option<String>,
    /// Pieces of tool calls.
    #[serde(default)]
    pub tool_calls: Option<Vec<serde_json::Value>>,
    /// A refusal.
    #[serde(default)]
    pub refusal: Option<String>,
    /// Legacy function call piece.
    #[serde(default)]
    pub function_call: Option<serde_json::Value>,
}
