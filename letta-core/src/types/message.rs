//! Messages: what users send, what agents answer, and the events of a streamed reply.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{JsonMap, MessageContent, Timestamp};
use crate::ids::{GroupId, MessageId, RunId, StepId};

string_enum! {
    /// Who a message is from (`MessageRole`). A new message ([`MessageCreate`](super::MessageCreate)) may only be
    /// from `user`, `system` or `assistant`.
    MessageRole {
        /// The assistant.
        Assistant = "assistant",
        /// The user.
        User = "user",
        /// A tool's result.
        Tool = "tool",
        /// A function result (legacy).
        Function = "function",
        /// A system message.
        System = "system",
        /// A tool call's approval or denial (0.16).
        Approval = "approval",
        /// A summary of compacted messages (0.16).
        Summary = "summary",
    }
}

string_enum! {
    /// Where a reasoning message came from (`ReasoningMessage.source`).
    ReasoningSource {
        /// A model with native reasoning.
        ReasonerModel = "reasoner_model",
        /// Reasoning put in tool-call arguments by Letta.
        NonReasonerModel = "non_reasoner_model",
    }
}

string_enum! {
    /// Why reasoning is hidden (`HiddenReasoningMessage.state`).
    HiddenReasoningState {
        /// The provider redacted it.
        Redacted = "redacted",
        /// The provider omitted it.
        Omitted = "omitted",
    }
}

/// Token counts and step counts of an agent run (`LettaUsageStatistics`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LettaUsageStatistics {
    /// Tokens generated.
    #[serde(default)]
    pub completion_tokens: u64,
    /// Tokens in the prompts.
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Both together.
    #[serde(default)]
    pub total_tokens: u64,
    /// LLM calls made.
    #[serde(default)]
    pub step_count: u64,
    /// Runs this usage belongs to.
    #[serde(default)]
    pub run_ids: Option<Vec<RunId>>,
    /// The stored messages of each step, as the server keeps them (when it sends them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps_messages: Option<Vec<Vec<super::Message>>>,
    /// Prompt tokens read from the provider's cache (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input_tokens: Option<u64>,
    /// Prompt tokens written to the provider's cache (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_tokens: Option<u64>,
    /// Reasoning tokens among the generated ones (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
    /// Tokens in the context window at the end (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_tokens: Option<u64>,
}

/// The answer to a (non-streaming) send (`LettaResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LettaResponse {
    /// What the agent produced, in order.
    pub messages: Vec<LettaMessage>,
    /// Token usage.
    #[serde(default)]
    pub usage: LettaUsageStatistics,
    /// Why the agent stopped (sent by servers newer than 0.7.29).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<LettaStopReason>,
    /// The model's log probabilities, when `return_logprobs` asked (0.16+; OpenAI's
    /// `ChoiceLogprobs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Value>,
    /// Per-turn token data, when `return_token_ids` asked (0.16+; `TurnTokenData`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turns: Option<Vec<Value>>,
}

string_enum! {
    /// Why an agent stopped (`StopReasonType`, sent by servers newer than 0.7.29).
    StopReasonType {
        /// The agent finished its turn.
        EndTurn = "end_turn",
        /// The run failed.
        Error = "error",
        /// The LLM provider answered with an error.
        LlmApiError = "llm_api_error",
        /// The LLM's answer could not be used.
        InvalidLlmResponse = "invalid_llm_response",
        /// The LLM called a tool in a way that could not run.
        InvalidToolCall = "invalid_tool_call",
        /// The step limit was reached.
        MaxSteps = "max_steps",
        /// The LLM ran out of tokens.
        MaxTokensExceeded = "max_tokens_exceeded",
        /// The LLM called no tool.
        NoToolCall = "no_tool_call",
        /// A tool rule ended the turn.
        ToolRule = "tool_rule",
        /// The run was cancelled.
        Cancelled = "cancelled",
        /// The account has no credits left (Letta Cloud).
        InsufficientCredits = "insufficient_credits",
        /// A tool call waits for a human's approval.
        RequiresApproval = "requires_approval",
        /// The system prompt alone overflows the context window.
        ContextWindowOverflowInSystemPrompt = "context_window_overflow_in_system_prompt",
    }
}

/// Why an agent stopped (`LettaStopReason`, sent by servers newer than 0.7.29).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettaStopReason {
    /// The reason.
    pub stop_reason: StopReasonType,
}

/// Fields every message carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageMeta {
    /// Stored message ID; several items of one stored message share it.
    pub id: MessageId,
    /// When it was written.
    #[serde(with = "super::time::required")]
    pub date: Timestamp,
    /// Sender's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Client-chosen ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otid: Option<String>,
    /// Sending identity or agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// Agent step that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<StepId>,
    /// Position of this event in its run's stream (0.16+): resume a stream after it with
    /// [`crate::api::Runs::stream`]'s `starting_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq_id: Option<u64>,
    /// Run that produced it (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
    /// Whether it belongs to a failed step (0.16+; only listed when `include_err` is asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_err: Option<bool>,
}

/// A system message (`SystemMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The text.
    pub content: String,
}

/// A user message (`UserMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The content.
    pub content: MessageContent,
}

/// The agent's reasoning (`ReasoningMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasoningMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The reasoning text (a chunk of it, when streaming tokens).
    pub reasoning: String,
    /// Whether the reasoning is the model's own or Letta's `inner_thoughts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ReasoningSource>,
    /// Provider signature of the reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Reasoning the provider did not reveal (`HiddenReasoningMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HiddenReasoningMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// Why it is hidden.
    pub state: HiddenReasoningState,
    /// Opaque reasoning, when redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_reasoning: Option<String>,
}

/// A tool call, whole or (when streaming tokens) a fragment (`ToolCall` / `ToolCallDelta`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Tool name (only in the first fragment when streaming).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Arguments as a JSON string (a fragment of it when streaming).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// Call ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
}

/// The agent calls a tool (`ToolCallMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The call.
    pub tool_call: ToolCall,
    /// Every call of the step (0.16+; `tool_call` is the first), or a fragment when streaming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<super::ToolCallsOrDelta>,
}

string_enum! {
    /// Outcome of a tool call.
    ToolReturnStatus {
        /// It worked.
        Success = "success",
        /// It raised or failed.
        Error = "error",
    }
}

/// What a tool returned (`ToolReturnMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolReturnMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The return value, as text.
    pub tool_return: String,
    /// Success or error.
    pub status: ToolReturnStatus,
    /// The call this answers.
    pub tool_call_id: String,
    /// Captured standard output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<Vec<String>>,
    /// Captured standard error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<Vec<String>>,
    /// Every result of the step (0.16+; the fields above are the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_returns: Option<Vec<super::ToolCallOutcome>>,
}

/// The agent's reply to the user (`AssistantMessage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssistantMessage {
    /// Common fields.
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The reply (a chunk of it, when streaming tokens).
    pub content: MessageContent,
}

/// One item of an agent's conversation (`LettaMessageUnion`), told apart by `message_type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LettaMessage {
    /// `system_message`
    System(SystemMessage),
    /// `user_message`
    User(UserMessage),
    /// `reasoning_message`
    Reasoning(ReasoningMessage),
    /// `hidden_reasoning_message`
    HiddenReasoning(HiddenReasoningMessage),
    /// `tool_call_message`
    ToolCall(ToolCallMessage),
    /// `tool_return_message`
    ToolReturn(ToolReturnMessage),
    /// `assistant_message`
    Assistant(AssistantMessage),
    /// `approval_request_message` (0.16+)
    ApprovalRequest(super::ApprovalRequestMessage),
    /// `approval_response_message` (0.16+)
    ApprovalResponse(super::ApprovalResponseMessage),
    /// `summary_message` (0.16+)
    Summary(super::SummaryMessage),
    /// `event_message` (0.16+)
    Event(super::EventMessage),
    /// A `message_type` this client does not know yet, kept as sent.
    Other(Value),
}

impl LettaMessage {
    /// Every `message_type` this client decodes into a typed variant.
    pub const KNOWN_TYPES: &'static [&'static str] = &[
        "system_message",
        "user_message",
        "reasoning_message",
        "hidden_reasoning_message",
        "tool_call_message",
        "tool_return_message",
        "assistant_message",
        "approval_request_message",
        "approval_response_message",
        "summary_message",
        "event_message",
    ];

    /// The text of an assistant message; `None` for other kinds.
    pub fn assistant_text(&self) -> Option<String> {
        match self {
            LettaMessage::Assistant(a) => Some(a.content.text()),
            _ => None,
        }
    }

    /// The `message_type` tag.
    pub fn message_type(&self) -> &str {
        match self {
            LettaMessage::System(_) => "system_message",
            LettaMessage::User(_) => "user_message",
            LettaMessage::Reasoning(_) => "reasoning_message",
            LettaMessage::HiddenReasoning(_) => "hidden_reasoning_message",
            LettaMessage::ToolCall(_) => "tool_call_message",
            LettaMessage::ToolReturn(_) => "tool_return_message",
            LettaMessage::Assistant(_) => "assistant_message",
            LettaMessage::ApprovalRequest(_) => "approval_request_message",
            LettaMessage::ApprovalResponse(_) => "approval_response_message",
            LettaMessage::Summary(_) => "summary_message",
            LettaMessage::Event(_) => "event_message",
            LettaMessage::Other(v) => v.get("message_type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// Common fields, for known message types.
    pub fn meta(&self) -> Option<&MessageMeta> {
        match self {
            LettaMessage::System(m) => Some(&m.meta),
            LettaMessage::User(m) => Some(&m.meta),
            LettaMessage::Reasoning(m) => Some(&m.meta),
            LettaMessage::HiddenReasoning(m) => Some(&m.meta),
            LettaMessage::ToolCall(m) => Some(&m.meta),
            LettaMessage::ToolReturn(m) => Some(&m.meta),
            LettaMessage::Assistant(m) => Some(&m.meta),
            LettaMessage::ApprovalRequest(m) => Some(&m.meta),
            LettaMessage::ApprovalResponse(m) => Some(&m.meta),
            LettaMessage::Summary(m) => Some(&m.meta),
            LettaMessage::Event(m) => Some(&m.meta),
            LettaMessage::Other(_) => None,
        }
    }

    /// The stored message ID, for known message types.
    pub fn id(&self) -> Option<&MessageId> {
        self.meta().map(|m| &m.id)
    }
}

fn tagged<T: Serialize, S: serde::Serializer>(
    tag: &str,
    inner: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(inner).map_err(serde::ser::Error::custom)?;
    if let Value::Object(map) = &mut value {
        map.insert("message_type".to_owned(), Value::String(tag.to_owned()));
    }
    value.serialize(serializer)
}

impl Serialize for LettaMessage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tag = self.message_type().to_owned();
        match self {
            LettaMessage::System(m) => tagged(&tag, m, serializer),
            LettaMessage::User(m) => tagged(&tag, m, serializer),
            LettaMessage::Reasoning(m) => tagged(&tag, m, serializer),
            LettaMessage::HiddenReasoning(m) => tagged(&tag, m, serializer),
            LettaMessage::ToolCall(m) => tagged(&tag, m, serializer),
            LettaMessage::ToolReturn(m) => tagged(&tag, m, serializer),
            LettaMessage::Assistant(m) => tagged(&tag, m, serializer),
            LettaMessage::ApprovalRequest(m) => tagged(&tag, m, serializer),
            LettaMessage::ApprovalResponse(m) => tagged(&tag, m, serializer),
            LettaMessage::Summary(m) => tagged(&tag, m, serializer),
            LettaMessage::Event(m) => tagged(&tag, m, serializer),
            LettaMessage::Other(v) => v.serialize(serializer),
        }
    }
}

impl LettaMessage {
    /// Decodes one message from a JSON `Value`, by its `message_type`. Decoding from text
    /// (`serde_json::from_str::<LettaMessage>`) reads the text once instead, and agrees with this.
    pub fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        use serde_json::from_value as decode;
        let tag = value
            .get("message_type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        Ok(match tag.as_str() {
            "system_message" => LettaMessage::System(decode(value)?),
            "user_message" => LettaMessage::User(decode(value)?),
            "reasoning_message" => LettaMessage::Reasoning(decode(value)?),
            "hidden_reasoning_message" => LettaMessage::HiddenReasoning(decode(value)?),
            "tool_call_message" => LettaMessage::ToolCall(decode(value)?),
            "tool_return_message" => LettaMessage::ToolReturn(decode(value)?),
            "assistant_message" => LettaMessage::Assistant(decode(value)?),
            "approval_request_message" => LettaMessage::ApprovalRequest(decode(value)?),
            "approval_response_message" => LettaMessage::ApprovalResponse(decode(value)?),
            "summary_message" => LettaMessage::Summary(decode(value)?),
            "event_message" => LettaMessage::Event(decode(value)?),
            _ => LettaMessage::Other(value),
        })
    }
}

/// A new content for a stored message (`PATCH /v1/agents/{id}/messages/{message_id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "message_type")]
pub enum MessageUpdate {
    /// Replace a system message's text.
    #[serde(rename = "system_message")]
    System {
        /// New text.
        content: String,
    },
    /// Replace a user message's content.
    #[serde(rename = "user_message")]
    User {
        /// New content.
        content: MessageContent,
    },
    /// Replace a reasoning message's text.
    #[serde(rename = "reasoning_message")]
    Reasoning {
        /// New reasoning.
        reasoning: String,
    },
    /// Replace an assistant message's content.
    #[serde(rename = "assistant_message")]
    Assistant {
        /// New content.
        content: MessageContent,
    },
    /// An update of a kind this client does not model, sent as given: the object carries its own
    /// `message_type`.
    #[serde(untagged)]
    Other(JsonMap),
}

/// Filters for `GET /v1/agents/{id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(GroupId, into))]
#[non_exhaustive]
pub struct ListMessagesParams {
    /// Cursor: messages after this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Cursor: messages before this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// How many stored messages (one stored message can become several items). Server default 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only messages of this group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<GroupId>,
    /// Return `send_message` calls as assistant messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_assistant_message: Option<bool>,
    /// Tool treated as the assistant's reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_name: Option<String>,
    /// Argument of that tool holding the reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_kwarg: Option<String>,
}
