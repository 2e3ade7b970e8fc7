//! Runs and jobs: agent steps and other work executed in the background.

use serde::{Deserialize, Serialize};

use super::{JsonMap, MessageRole, Timestamp};
use crate::ids::{AgentId, RunId, UserId};

string_enum! {
    /// Status of a job or run (`JobStatus`).
    JobStatus {
        /// Not started.
        NotStarted = "not_started",
        /// Created, not yet running.
        Created = "created",
        /// Running.
        Running = "running",
        /// Finished successfully.
        Completed = "completed",
        /// Finished with an error.
        Failed = "failed",
        /// Waiting.
        Pending = "pending",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Expired.
        Expired = "expired",
    }
}

impl JobStatus {
    /// True once the job will not change any more.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            JobStatus::Completed | JobStatus::Failed | JobStatus::Cancelled | JobStatus::Expired
        )
    }
}

string_enum! {
    /// Kind of job (`JobType`).
    JobType {
        /// A generic job (e.g. file upload).
        Job = "job",
        /// An agent run.
        Run = "run",
        /// A batch.
        Batch = "batch",
    }
}

/// How a run's messages are to be returned (`LettaRequestConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct LettaRequestConfig {
    /// Whether `send_message` calls are returned as assistant messages.
    #[serde(default)]
    pub use_assistant_message: Option<bool>,
    /// Tool treated as the assistant's reply.
    #[serde(default)]
    pub assistant_message_tool_name: Option<String>,
    /// Argument of that tool holding the reply.
    #[serde(default)]
    pub assistant_message_tool_kwarg: Option<String>,
    /// The message types the run returns (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_return_message_types: Option<Vec<String>>,
}

/// A run (`Run`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Run ID.
    pub id: RunId,
    /// Status. 0.16 gives runs fewer values than jobs (`created`, `running`, `completed`,
    /// `failed`, `cancelled`), all of them [`JobStatus`] values.
    #[serde(default = "default_status")]
    pub status: JobStatus,
    /// Kind of job.
    #[serde(default)]
    pub job_type: Option<JobType>,
    /// The request's message options.
    #[serde(default)]
    pub request_config: Option<LettaRequestConfig>,
    /// Free-form metadata (the agent ID among it).
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// Callback URL, when one was given.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// When the callback was sent.
    #[serde(default, with = "super::time::optional")]
    pub callback_sent_at: Option<Timestamp>,
    /// Status code of the callback.
    #[serde(default)]
    pub callback_status_code: Option<u16>,
    /// Owner.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// When it finished.
    #[serde(default, with = "super::time::optional")]
    pub completed_at: Option<Timestamp>,
    /// The agent it ran for (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Whether it streams in the background, resumable by `seq_id` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// Why the callback failed (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_error: Option<String>,
    /// Why the agent stopped (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<super::StopReasonType>,
    /// How long it took, in nanoseconds (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_duration_ns: Option<u64>,
    /// Time to the first token, in nanoseconds (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttft_ns: Option<u64>,
    /// The conversation it belongs to (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<crate::ids::ConversationId>,
    /// The template the agent was made from (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<String>,
}

impl Run {
    /// The agent the run belongs to: the `agent_id` field 0.16 sends, else from the metadata
    /// (0.7.29 replaces the metadata of a finished run with its result, so this is `None` once
    /// a 0.7.29 run is done).
    pub fn agent_id(&self) -> Option<AgentId> {
        if let Some(agent_id) = &self.agent_id {
            return Some(agent_id.clone());
        }
        self.metadata
            .as_ref()?
            .get("agent_id")?
            .as_str()
            .map(AgentId::from)
    }
}

/// A message batch (`BatchJob`): a [`super::Job`] of type `batch`. 0.7.29 stores the text
/// `"None"` as the `callback_url` of a batch created without one.
pub type BatchJob = super::Job;

/// Token counts of a run (`UsageStatistics`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageStatistics {
    /// Tokens generated.
    #[serde(default)]
    pub completion_tokens: u64,
    /// Tokens in the prompts.
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Both together.
    #[serde(default)]
    pub total_tokens: u64,
    /// Breakdown of the prompt tokens.
    #[serde(default)]
    pub prompt_tokens_details: Option<PromptTokenDetails>,
    /// Breakdown of the generated tokens.
    #[serde(default)]
    pub completion_tokens_details: Option<CompletionTokenDetails>,
}

/// Breakdown of prompt tokens (`UsageStatisticsPromptTokenDetails`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptTokenDetails {
    /// Tokens served from the provider's cache.
    #[serde(default, deserialize_with = "zero_if_null")]
    pub cached_tokens: u64,
    /// Tokens read from the provider's cache (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_read_tokens: Option<u64>,
    /// Tokens written to the provider's cache (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_creation_tokens: Option<u64>,
}

/// Breakdown of generated tokens (`UsageStatisticsCompletionTokenDetails`; a step's
/// `completion_tokens_details`, which the schema leaves free-form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionTokenDetails {
    /// Tokens spent on reasoning.
    #[serde(default, deserialize_with = "zero_if_null")]
    pub reasoning_tokens: u64,
    /// Counts this client does not name (providers add their own, such as
    /// `accepted_prediction_tokens`), kept as sent.
    #[serde(flatten)]
    pub other: JsonMap,
}

/// OpenAI-style usage (the voice endpoint's) sends `null` for a count its provider does not
/// report.
fn zero_if_null<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    Ok(Option::<u64>::deserialize(deserializer)?.unwrap_or(0))
}

string_enum! {
    /// Sort order by creation time, for lists that take `order`.
    SortOrder {
        /// Oldest first.
        Asc = "asc",
        /// Newest first.
        Desc = "desc",
    }
}

/// Filters for `GET /v1/runs/` and `GET /v1/runs/active`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct ListRunsParams {
    /// Only runs of these agents (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<AgentId>>| items.into_iter().map(Into::into).collect())]
    pub agent_ids: Vec<AgentId>,
}

impl ListRunsParams {
    /// Runs of one agent.
    pub fn agent(agent_id: impl Into<AgentId>) -> Self {
        Self {
            agent_ids: vec![agent_id.into()],
        }
    }
}

/// Filters for `GET /v1/runs/{run_id}/messages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListRunMessagesParams {
    /// Cursor: messages before this message ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: messages after this message ID (with `order` ascending).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// How many stored messages (one can become several items; server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only messages with this role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<MessageRole>,
}

/// Filters for `GET /v1/runs/{run_id}/steps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListRunStepsParams {
    /// Cursor: steps before this step ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: steps after this step ID (with `order` ascending).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}

fn default_status() -> JobStatus {
    JobStatus::Created
}
