//! Jobs: background work such as embedding an uploaded file.

use serde::{Deserialize, Serialize};

use super::{JobStatus, JobType, JsonMap, Timestamp};
use crate::ids::{JobId, UserId};

/// A background job (`Job`), e.g. the ingestion started by a file upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Job ID (`job-...`; runs use `run-...`).
    pub id: JobId,
    /// The status of the job.
    #[serde(default = "default_status")]
    pub status: JobStatus,
    /// The type of the job.
    #[serde(default = "default_job_type")]
    pub job_type: JobType,
    /// The metadata of the job. Upload jobs carry `filename` and `source_id`, and once completed
    /// `num_passages` and `num_documents`.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// If set, POST to this URL when the job completes.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Timestamp when the callback was last attempted.
    #[serde(default, with = "super::time::optional")]
    pub callback_sent_at: Option<Timestamp>,
    /// HTTP status code returned by the callback endpoint.
    #[serde(default)]
    pub callback_status_code: Option<u16>,
    /// The unique identifier of the user associated with the job.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The id of the user that made this object.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When the job was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When the job last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// When the job finished.
    #[serde(default, with = "super::time::optional")]
    pub completed_at: Option<Timestamp>,
    /// The agent it ran for (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<crate::ids::AgentId>,
    /// Whether it ran in the background (0.16+: a streamed run whose events can be re-read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// Why the agent stopped (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<super::StopReasonType>,
    /// Why the completion callback failed (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_error: Option<String>,
    /// Time to the first token, in nanoseconds (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttft_ns: Option<i64>,
    /// Total duration, in nanoseconds (0.16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_duration_ns: Option<i64>,
}

fn default_status() -> JobStatus {
    JobStatus::Created
}

fn default_job_type() -> JobType {
    JobType::Job
}

impl Job {
    fn metadata_u64(&self, key: &str) -> Option<u64> {
        self.metadata.as_ref()?.get(key)?.as_u64()
    }

    /// For a completed upload job: how many passages the file was split into and embedded.
    ///
    /// 0.7.29 skips a chunk whose embedding fails and still completes the job, so a completed
    /// upload with `num_passages() == Some(0)` usually means the server's embedding endpoint
    /// is unreachable.
    pub fn num_passages(&self) -> Option<u64> {
        self.metadata_u64("num_passages")
    }

    /// For a completed upload job: how many documents were read from the file.
    pub fn num_documents(&self) -> Option<u64> {
        self.metadata_u64("num_documents")
    }
}
