//! What a send takes: the messages ([`MessageCreate`]) and the step request around them
//! ([`LettaRequest`], [`LettaStreamingRequest`]), owned or borrowed.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::{MessageContent, MessageRole, StepOptions};
use crate::ids::GroupId;

/// A message to send to an agent (`MessageCreate`): [`MessageCreate::user`] for the common
/// case, [`MessageCreate::builder`] with the role and content for the optional fields.
///
/// ```
/// use letta_core::types::{MessageCreate, MessageRole};
/// let message = MessageCreate::builder(MessageRole::User, "Hi").otid("client-otid-1").build();
/// assert_eq!(serde_json::to_value(&message).unwrap()["otid"], "client-otid-1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(GroupId, into))]
#[non_exhaustive]
pub struct MessageCreate {
    /// Who it is from.
    #[builder(start_fn)]
    pub role: MessageRole,
    /// The content.
    #[builder(start_fn, into)]
    pub content: MessageContent,
    /// Name of the sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Client-chosen ID, echoed back on the stored message. Note: 0.7.x does not deduplicate by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otid: Option<String>,
    /// ID of the sending identity or agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// Batch item this message belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_item_id: Option<String>,
    /// Group this message belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<GroupId>,
}

impl MessageCreate {
    /// A message with a role and text content.
    pub fn new(role: MessageRole, content: impl Into<MessageContent>) -> Self {
        Self {
            role,
            content: content.into(),
            name: None,
            otid: None,
            sender_id: None,
            batch_item_id: None,
            group_id: None,
        }
    }

    /// A user message.
    pub fn user(content: impl Into<MessageContent>) -> Self {
        Self::new(MessageRole::User, content)
    }

    /// A system message.
    pub fn system(content: impl Into<MessageContent>) -> Self {
        Self::new(MessageRole::System, content)
    }
}

/// A request to run an agent step (`LettaRequest`).
///
/// On the wire, `approvals` follow the messages in the one `messages` list the server reads
/// (0.16+ takes approval answers there).
#[derive(Debug, Clone, PartialEq, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct LettaRequest {
    /// The new messages.
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<MessageCreate>>| items.into_iter().map(Into::into).collect())]
    pub messages: Vec<MessageCreate>,
    /// Answers to the agent's approval requests (0.16+): sent after the messages.
    #[builder(default, with = |items: impl IntoIterator<Item = super::ApprovalCreate>| items.into_iter().collect())]
    pub approvals: Vec<super::ApprovalCreate>,
    /// Return `send_message` calls as assistant messages (server default `true`).
    pub use_assistant_message: Option<bool>,
    /// Tool treated as the assistant's reply (server default `send_message`).
    pub assistant_message_tool_name: Option<String>,
    /// Argument of that tool holding the reply (server default `message`).
    pub assistant_message_tool_kwarg: Option<String>,
    /// The step options Letta 0.16 added; left out of the request while unset, so a request
    /// that sets none goes to 0.7.x unchanged (0.7.x answers 422 to any of them).
    #[builder(default)]
    pub options: StepOptions,
}

impl LettaRequest {
    /// A request with these messages and the server's defaults.
    pub fn new(messages: impl IntoIterator<Item = MessageCreate>) -> Self {
        Self {
            messages: messages.into_iter().collect(),
            approvals: Vec::new(),
            use_assistant_message: None,
            assistant_message_tool_name: None,
            assistant_message_tool_kwarg: None,
            options: StepOptions::default(),
        }
    }

    /// A request that answers an approval request (0.16+), and sends nothing else.
    pub fn answer(approval: super::ApprovalCreate) -> Self {
        let mut request = Self::new([]);
        request.approvals.push(approval);
        request
    }
}

impl From<MessageCreate> for LettaRequest {
    fn from(message: MessageCreate) -> Self {
        Self::new([message])
    }
}

// What a send takes: a message, or a request owned or borrowed (a borrowed one is not cloned).
impl From<MessageCreate> for Cow<'_, LettaRequest> {
    fn from(message: MessageCreate) -> Self {
        Cow::Owned(LettaRequest::from(message))
    }
}

impl From<LettaRequest> for Cow<'_, LettaRequest> {
    fn from(request: LettaRequest) -> Self {
        Cow::Owned(request)
    }
}

impl<'a> From<&'a LettaRequest> for Cow<'a, LettaRequest> {
    fn from(request: &'a LettaRequest) -> Self {
        Cow::Borrowed(request)
    }
}

/// A request to run an agent step with a streamed answer (`LettaStreamingRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct LettaStreamingRequest {
    /// The step's messages and options.
    #[serde(flatten)]
    #[builder(into)]
    pub request: LettaRequest,
    /// Stream tokens as they are generated, not whole messages per step. It belongs in the JSON
    /// body: a query parameter of that name is ignored by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_tokens: Option<bool>,
    /// 0.16+: answer as a stream (`true`) or as one JSON [`LettaResponse`](super::LettaResponse) (`false`). Only
    /// conversation sends read it; the conversation handle sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming: Option<bool>,
    /// 0.16+: send keep-alive pings while the agent works (server default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_pings: Option<bool>,
    /// 0.16+: run the step in the background, so the stream survives a dropped connection and
    /// can be re-opened from any `seq_id` with [`crate::api::Runs::stream`] (needs Redis on the
    /// server; server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
}

// What a stream takes: a message, a request (streamed whole messages per step), or a streaming
// request owned or borrowed.
impl From<MessageCreate> for Cow<'_, LettaStreamingRequest> {
    fn from(message: MessageCreate) -> Self {
        Cow::Owned(LettaStreamingRequest::steps(message))
    }
}

impl From<LettaRequest> for Cow<'_, LettaStreamingRequest> {
    fn from(request: LettaRequest) -> Self {
        Cow::Owned(LettaStreamingRequest::steps(request))
    }
}

impl From<LettaStreamingRequest> for Cow<'_, LettaStreamingRequest> {
    fn from(request: LettaStreamingRequest) -> Self {
        Cow::Owned(request)
    }
}

impl<'a> From<&'a LettaStreamingRequest> for Cow<'a, LettaStreamingRequest> {
    fn from(request: &'a LettaStreamingRequest) -> Self {
        Cow::Borrowed(request)
    }
}

impl LettaStreamingRequest {
    /// Streams whole messages, one event per message.
    pub fn steps(request: impl Into<LettaRequest>) -> Self {
        Self {
            request: request.into(),
            stream_tokens: None,
            streaming: None,
            include_pings: None,
            background: None,
        }
    }

    /// Streams tokens: reasoning and assistant text arrive in chunks sharing one message ID.
    pub fn tokens(request: impl Into<LettaRequest>) -> Self {
        Self {
            request: request.into(),
            stream_tokens: Some(true),
            streaming: None,
            include_pings: None,
            background: None,
        }
    }
}
