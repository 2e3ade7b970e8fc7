//! Requests and answers of the agent-loop operations Letta 0.16 added: one-off generations,
//! cancelling, compaction, tool approvals and runs, message search, exports with skills.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{JsonMap, LettaUsageStatistics, Message, MessageRole, SearchMode, SortOrder, Timestamp};
use crate::ids::{AgentId, ConversationId, RunId};

/// A skill bundled into an agent export (`SkillSchema`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Skill {
    /// The skill's name.
    #[builder(start_fn)]
    pub name: String,
    /// Its files, by path: their text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<BTreeMap<String, String>>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// What an export with skills includes (`ExportAgentRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(ConversationId, into))]
#[non_exhaustive]
pub struct AgentExportRequest {
    /// Skills to bundle (the server stores what it is given; it resolves nothing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |skills: impl IntoIterator<Item = Skill>| skills.into_iter().collect())]
    pub skills: Vec<Skill>,
    /// Export this conversation's messages instead of the agent's own thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// Leave the messages out (server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scrub_messages: Option<bool>,
}

/// A one-off completion with an agent's model, outside its memory and history
/// (`GenerateRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GenerateRequest {
    /// The prompt (not empty).
    #[builder(start_fn)]
    pub prompt: String,
    /// A system prompt for this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_prompt: Option<String>,
    /// Model handle to use instead of the agent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_model: Option<String>,
    /// A JSON Schema the answer must follow (structured output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_schema: Option<JsonMap>,
}

/// The answer of a one-off completion (`GenerateResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenerateResponse {
    /// The generated text (JSON text when a `response_schema` was given).
    pub content: String,
    /// The model that answered.
    pub model: String,
    /// Tokens used.
    #[serde(default)]
    pub usage: LettaUsageStatistics,
}

/// Which runs of an agent to cancel (`CancelAgentRunRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct CancelRunsRequest {
    /// These runs; unset: the agent's active run (or its 100 newest unfinished runs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |runs: impl IntoIterator<Item = impl Into<RunId>>| runs.into_iter().map(Into::into).collect())]
    pub run_ids: Option<Vec<RunId>>,
}

/// The outcome of a cancel, per run: `"cancelled"` or `"failed"` (the server reports a failed
/// cancellation here instead of as an error).
pub type CancelledRuns = BTreeMap<RunId, String>;

/// Compaction of an agent's context (`CompactionRequest` of the agents router).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct CompactionRequest {
    /// How to summarise (`CompactionSettings`; the agent's settings when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compaction_settings: Option<Value>,
}

/// Whether a tool needs approval (`ModifyApprovalRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyApprovalRequest {
    /// Whether calls of the tool wait for the caller's approval.
    pub requires_approval: bool,
}

/// Arguments to run one of an agent's tools with (`ToolExecuteRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolExecuteRequest {
    /// The tool's arguments, by name.
    #[serde(default)]
    pub args: JsonMap,
}

impl ToolExecuteRequest {
    /// A run with these arguments.
    pub fn new(args: JsonMap) -> Self {
        Self { args }
    }
}

/// A search over agents' stored messages (`MessageSearchRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into), on(ConversationId, into))]
#[non_exhaustive]
pub struct MessageSearchRequest {
    /// The text to look for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// How to match (server default hybrid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_mode: Option<SearchMode>,
    /// Only messages with these roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<MessageRole>>,
    /// Only this agent's messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Only this project's (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Only agents of this template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Only this conversation's messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// Most results (1 to 100, server default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only messages written at or after this.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date: Option<Timestamp>,
    /// Only messages written at or before this.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<Timestamp>,
}

/// One hit of a message search (`MessageSearchResult`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSearchResult {
    /// The text that was indexed for the message.
    pub embedded_text: String,
    /// The stored message.
    pub message: Message,
    /// Rank in the full-text search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fts_rank: Option<u64>,
    /// Rank in the vector search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_rank: Option<u64>,
    /// Combined (reciprocal rank fusion) score; higher is better.
    pub rrf_score: f64,
}

/// A search over every message of the organisation (`SearchAllMessagesRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into), on(ConversationId, into))]
#[non_exhaustive]
pub struct SearchAllMessagesRequest {
    /// The text to look for.
    #[builder(start_fn)]
    pub query: String,
    /// How to match (server default hybrid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_mode: Option<SearchMode>,
    /// Only this agent's messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Only this conversation's messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// Most results (1 to 100, server default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only messages written at or after this.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date: Option<Timestamp>,
    /// Only messages written at or before this.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<Timestamp>,
}

/// Filters for `GET /v1/messages/` (every agent's messages).
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(ConversationId, into))]
#[non_exhaustive]
pub struct ListAllMessagesParams {
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
    /// Only this conversation's messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// Only these message types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_return_message_types: Option<Vec<super::MessageType>>,
}

/// One hit of a search over every message ([`crate::api::AllMessages::search`]): the
/// `*MessageListResult` schemas, one type for the four kinds (system, user, reasoning,
/// assistant); the kind's own field is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSearchHit {
    /// Which kind of message.
    pub message_type: super::MessageType,
    /// The stored message it comes from.
    pub message_id: crate::ids::MessageId,
    /// The text (system, user and assistant messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<super::MessageContent>,
    /// The reasoning (reasoning messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// The agent it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// The conversation it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// When it was written.
    #[serde(with = "super::time::required")]
    pub created_at: Timestamp,
}

/// Options of a system-prompt recompile (`recompile_agent`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct RecompileParams {
    /// Also update the memory's last-edit time embedded in the prompt (server default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_timestamp: Option<bool>,
    /// Only compile and return the prompt, change nothing (server default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}
