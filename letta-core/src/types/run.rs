//! Runs: agent steps executed in the background.

use serde::{Deserialize, Serialize};

use super::{JsonMap, Timestamp};
use crate::ids::RunId;

string_enum! {
    /// Status of a job or run (`JobStatus`).
    JobStatus {
        /// Not started.
        NotStarted = "not_started", /// Created, not yet running.
        Created = "created", /// Running.
        Running = "running", /// Finished successfully.
        Completed = "completed", /// Finished with an error.
        Failed = "failed", /// Waiting.
        Pending = "pending", /// Cancelled.
        Cancelled = "cancelled", /// Expired.
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
        Job = "job", /// An agent run.
        Run = "run", /// A batch.
        Batch = "batch",
    }
}

/// How a run's messages are to be returned (`LettaRequestConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A run (`Run`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Run ID.
    pub id: RunId,
    /// Status.
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
    pub user_id: Option<String>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<String>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<String>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// When it finished.
    #[serde(default, with = "super::time::optional")]
    pub completed_at: Option<Timestamp>,
}

fn default_status() -> JobStatus {
    JobStatus::Created
}
