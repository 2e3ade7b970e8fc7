//! Message batches: one agent step for each of many agents, run through the provider's batch API.

use serde::{Deserialize, Serialize};

use super::{Message, MessageCreate};
use crate::ids::AgentId;

/// One agent's part of a batch (`LettaBatchRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into))]
#[non_exhaustive]
pub struct LettaBatchRequest {
    /// The ID of the agent to send this batch request for.
    pub agent_id: AgentId,
    /// The messages to be sent to the agent.
    #[builder(with = |items: impl IntoIterator<Item = impl Into<MessageCreate>>| items.into_iter().map(Into::into).collect())]
    pub messages: Vec<MessageCreate>,
    /// Whether the server should parse specific tool call arguments (default `send_message`) as
    /// `AssistantMessage` objects (server default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_assistant_message: Option<bool>,
    /// The name of the designated message tool (server default `send_message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_name: Option<String>,
    /// The name of the message argument in the designated message tool (server default
    /// `message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistant_message_tool_kwarg: Option<String>,
}

impl LettaBatchRequest {
    /// One message for one agent.
    pub fn new(agent_id: impl Into<AgentId>, message: MessageCreate) -> Self {
        Self {
            agent_id: agent_id.into(),
            messages: vec![message],
            use_assistant_message: None,
            assistant_message_tool_name: None,
            assistant_message_tool_kwarg: None,
        }
    }
}

/// A new batch (`BatchCreate`).
///
/// ```
/// use letta_core::types::{BatchCreate, LettaBatchRequest, MessageCreate};
/// let batch = BatchCreate::new([
///     LettaBatchRequest::new("agent-1", MessageCreate::user("Hi")),
///     LettaBatchRequest::new("agent-2", MessageCreate::user("Hello")),
/// ]);
/// assert_eq!(serde_json::to_value(&batch).unwrap()["requests"][1]["agent_id"], "agent-2");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct BatchCreate {
    /// List of requests to be processed in batch.
    #[builder(with = |items: impl IntoIterator<Item = impl Into<LettaBatchRequest>>| items.into_iter().map(Into::into).collect())]
    pub requests: Vec<LettaBatchRequest>,
    /// Optional URL to call via POST when the batch completes, with `job_id`, `status` and
    /// `completed_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl BatchCreate {
    /// A batch of these requests.
    pub fn new(requests: impl IntoIterator<Item = LettaBatchRequest>) -> Self {
        Self {
            requests: requests.into_iter().collect(),
            callback_url: None,
        }
    }
}

/// The messages of a batch (`LettaBatchMessages`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LettaBatchMessages {
    /// The messages, in the order asked for.
    #[serde(default)]
    pub messages: Vec<Message>,
}

/// Filters for `GET /v1/messages/batches/{batch_id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into))]
#[non_exhaustive]
pub struct ListBatchMessagesParams {
    /// Page size (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor: continue after this message ID, in the order asked for (0.7.29 answers 500 to
    /// any cursor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Only messages of this agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Newest first (server default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_descending: Option<bool>,
}
