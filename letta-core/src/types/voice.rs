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
    pub usage: Option<super::UsageStatistics>,
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
    /// Log probabilities, when asked for; kept as JSON: the voice endpoint never asks for them
    /// and their shape is the provider's.
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
    pub tool_calls: Option<Vec<ChunkToolCall>>,
    /// A refusal.
    #[serde(default)]
    pub refusal: Option<String>,
    /// Legacy function call piece.
    #[serde(default)]
    pub function_call: Option<ChunkFunction>,
}

/// A piece of a tool call in a chunk (`ChoiceDeltaToolCall`): the first piece of a call carries
/// its ID and name, the next ones more of its arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkToolCall {
    /// Which call of the answer this piece belongs to.
    #[serde(default)]
    pub index: u32,
    /// The call's ID, on its first piece.
    #[serde(default)]
    pub id: Option<String>,
    /// Always `function`, on its first piece.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The function's name and a piece of its arguments.
    #[serde(default)]
    pub function: Option<ChunkFunction>,
}

/// A piece of a function call in a chunk (`ChoiceDeltaToolCallFunction`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkFunction {
    /// The function (tool) name, on the first piece.
    #[serde(default)]
    pub name: Option<String>,
    /// A piece of the arguments, as JSON text.
    #[serde(default)]
    pub arguments: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chunks_type_tool_call_pieces_and_usage() {
        let chunk: ChatCompletionChunk = serde_json::from_value(json!({
            "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": {"tool_calls": [
                {"index": 0, "id": "call-1", "type": "function",
                 "function": {"name": "send_message", "arguments": "{\"mess"}}
            ]}, "finish_reason": null, "logprobs": null}],
            "usage": {"completion_tokens": 3, "prompt_tokens": 5, "total_tokens": 8,
                "completion_tokens_details": {"reasoning_tokens": null, "audio_tokens": 0},
                "prompt_tokens_details": {"cached_tokens": null}}
        }))
        .unwrap();
        let call = &chunk.choices[0].delta.tool_calls.as_ref().unwrap()[0];
        assert_eq!(call.id.as_deref(), Some("call-1"));
        let function = call.function.as_ref().unwrap();
        assert_eq!(
            (function.name.as_deref(), function.arguments.as_deref()),
            (Some("send_message"), Some("{\"mess"))
        );
        let usage = chunk.usage.unwrap();
        assert_eq!(usage.total_tokens, 8);
        let details = usage.completion_tokens_details.unwrap();
        assert_eq!(details.reasoning_tokens, 0);
        assert_eq!(details.other["audio_tokens"], 0);
        assert_eq!(usage.prompt_tokens_details.unwrap().cached_tokens, 0);
    }
}
