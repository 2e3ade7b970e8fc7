//! Conversations (`/v1/conversations`, Letta 0.16+): several separate threads of one agent, each
//! with its own context window, sends serialised by the server.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{LettaRequest, LettaStreamingRequest, MessageCreate, MessageType, SortOrder, Timestamp};
use crate::LettaError;
use crate::ids::{AgentId, BlockId, ConversationId, GroupId, MessageId, RunId, UserId};

/// A conversation of an agent (`Conversation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// Conversation ID (`conv-...`).
    pub id: ConversationId,
    /// The agent it belongs to.
    pub agent_id: AgentId,
    /// Its summary (set by the caller or by compaction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The messages in its context window, oldest first.
    #[serde(default)]
    pub in_context_message_ids: Vec<MessageId>,
    /// Blocks that belong to this conversation only (copies of the agent's, by label).
    #[serde(default)]
    pub isolated_block_ids: Vec<BlockId>,
    /// Model handle overriding the agent's for this conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Model settings overriding the agent's (provider-specific; see the server's
    /// `*ModelSettings` schemas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_settings: Option<Value>,
    /// When a message was last sent.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_message_at: Option<Timestamp>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_id: Option<UserId>,
    /// Who changed it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
}

/// A new conversation (`CreateConversation`); the agent goes in the query
/// ([`crate::api::Conversations::create`] takes it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ConversationCreate {
    /// A summary to start with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Labels of the agent's blocks this conversation gets its own copy of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |labels: impl IntoIterator<Item = impl Into<String>>| labels.into_iter().map(Into::into).collect())]
    pub isolated_block_labels: Option<Vec<String>>,
    /// Model handle overriding the agent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Model settings overriding the agent's (provider-specific).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_settings: Option<Value>,
}

/// Changes to a conversation (`UpdateConversation`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ConversationUpdate {
    /// New summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// New model handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// New model settings (provider-specific).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_settings: Option<Value>,
    /// When a message was last sent (the server sets it on each send).
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_message_at: Option<Timestamp>,
}

string_enum! {
    /// What conversations are sorted by (`order_by` of `list_conversations`).
    ConversationOrderBy {
        /// Creation time.
        CreatedAt = "created_at",
        /// When the last run finished.
        LastRunCompletion = "last_run_completion",
        /// When the last message was sent.
        LastMessageAt = "last_message_at",
    }
}

/// Filters for `GET /v1/conversations/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into))]
#[non_exhaustive]
pub struct ListConversationsParams {
    /// Only this agent's conversations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor: conversations after this conversation ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Only conversations whose summary contains this text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_search: Option<String>,
    /// Sort order (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Sort key (server default creation time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_by: Option<ConversationOrderBy>,
}

/// Filters for `GET /v1/conversations/{conversation_id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into), on(GroupId, into))]
#[non_exhaustive]
pub struct ListConversationMessagesParams {
    /// The agent, when the conversation ID is `default` (the agent's own thread).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Cursor: messages before this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: messages after this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// How many stored messages (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only messages of this group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<GroupId>,
    /// Include messages and statuses of failed steps (for debugging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_err: Option<bool>,
    /// Only these message types (repeated in the query).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_return_message_types: Option<Vec<MessageType>>,
}

/// A send to a conversation (`ConversationMessageRequest`): a streaming request plus the agent
/// when the conversation ID is `default`.
///
/// `streaming` decides the answer's shape; [`crate::api::Conversations::send`] and
/// [`crate::api::Conversations::stream`] set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(AgentId, into))]
#[non_exhaustive]
pub struct ConversationMessageRequest {
    /// The messages and step options.
    #[serde(flatten)]
    #[builder(into)]
    pub request: LettaStreamingRequest,
    /// The agent, for the conversation ID `default` (the agent's own thread, with the
    /// conversation lock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
}

impl From<LettaStreamingRequest> for ConversationMessageRequest {
    fn from(request: LettaStreamingRequest) -> Self {
        Self {
            request,
            agent_id: None,
        }
    }
}

impl From<LettaRequest> for ConversationMessageRequest {
    fn from(request: LettaRequest) -> Self {
        LettaStreamingRequest::steps(request).into()
    }
}

impl From<MessageCreate> for ConversationMessageRequest {
    fn from(message: MessageCreate) -> Self {
        LettaStreamingRequest::steps(message).into()
    }
}

/// Which run's stream to (re)open (`RetrieveStreamRequest`) with
/// [`crate::api::Runs::stream`] or [`crate::api::Conversations::retrieve_stream`].
///
/// ```
/// use letta_core::types::RetrieveStreamRequest;
/// let request = RetrieveStreamRequest::after(41);
/// assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::json!({"starting_after": 41}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into), on(RunId, into))]
#[non_exhaustive]
pub struct RetrieveStreamRequest {
    /// The agent, for the conversation ID `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// The run (conversations: skips looking up the conversation's active run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
    /// The `otid` of a message of the send (conversations: finds its run, e.g. after a 409).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otid: Option<String>,
    /// Deliver the events whose `seq_id` is greater than this (server default 0: from the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<u64>,
    /// Send keep-alive pings (server default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_pings: Option<bool>,
    /// Seconds between the server's polls of the run's stored events (server default 0.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_interval: Option<f64>,
    /// Events read per poll (server default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u32>,
}

impl RetrieveStreamRequest {
    /// Everything after the event numbered `seq_id` (0: from the start).
    pub fn after(seq_id: u64) -> Self {
        Self {
            starting_after: Some(seq_id),
            ..Self::default()
        }
    }
}

/// Compaction of a conversation's context (`CompactionRequest` of the conversations router).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(AgentId, into))]
#[non_exhaustive]
pub struct ConversationCompaction {
    /// The agent, for the conversation ID `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// How to summarise (`CompactionSettings`; the agent's settings when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compaction_settings: Option<Value>,
}

/// The outcome of a compaction (`CompactionResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompactionResponse {
    /// The summary that replaced the compacted messages.
    pub summary: String,
    /// Messages in context before.
    pub num_messages_before: u64,
    /// Messages in context after.
    pub num_messages_after: u64,
}

/// The server's 409 "conversation busy" answer to a send while another send of the same
/// conversation runs (0.16+): the run holding the conversation, when the server knows it.
///
/// Sends are never retried by this client. To get the busy run's output, re-attach to it:
/// [`crate::api::Conversations::retrieve_stream`] with `run_id` (or with the `otid` of the
/// messages that started it: the server maps every message `otid` of a send to its run), or
/// wait for it with [`crate::api::Runs::wait`] and send again.
///
/// ```
/// use letta_core::types::ConversationBusy;
/// # fn check(error: letta_core::LettaError) {
/// if let Some(busy) = ConversationBusy::from_error(&error) {
///     println!("busy with {:?}", busy.run_id);
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConversationBusy {
    /// The run holding the conversation.
    pub run_id: Option<RunId>,
    /// The server's explanation.
    pub detail: Option<String>,
}

impl ConversationBusy {
    /// The busy answer inside `error`: a [`LettaError::Api`] with status 409 whose body is the
    /// conversation lock's (`{"detail": ..., "run_id": ...}`); `None` for any other error.
    pub fn from_error(error: &LettaError) -> Option<ConversationBusy> {
        let LettaError::Api {
            status, detail, body, ..
        } = error
        else {
            return None;
        };
        if status.as_u16() != 409 {
            return None;
        }
        let parsed: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let run_id = parsed.get("run_id").and_then(Value::as_str).map(RunId::from);
        let detail = detail
            .clone()
            .or_else(|| parsed.get("detail").and_then(Value::as_str).map(str::to_owned));
        let mentions_busy = detail
            .as_deref()
            .is_some_and(|d| d.contains("currently being processed"));
        (run_id.is_some() || mentions_busy).then_some(ConversationBusy { run_id, detail })
    }
}
