//! What can go wrong with a batch as a whole. A single agent's item that failed is not an error
//! here: it is reported in that agent's [`super::AgentBatchResult`].

use std::time::Duration;

use letta_core::LettaError;
use letta_core::ids::JobId;
use letta_core::types::LettaBatchRequest;

/// A batch that could not be submitted, finished or read. Every variant keeps the requests the
/// caller handed over, and, once the server has the batch, its ID so the caller can resume
/// ([`super::SubmittedBatch::resume`]) or cancel it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The requests were refused before or while the batch was created; no agent step ran.
    #[error("the batch was not submitted: {source}")]
    Submit {
        /// Why.
        source: LettaError,
        /// The requests, to retry or fix.
        requests: Vec<LettaBatchRequest>,
    },
    /// The batch had not finished when the wait ran out. It goes on running on the server.
    #[error(
        "batch {batch_id} was still {last_status} after {after:?}; resume waiting or cancel it by its ID"
    )]
    Timeout {
        /// The batch, to resume or cancel.
        batch_id: JobId,
        /// Its status at the last look.
        last_status: String,
        /// How long the wait took.
        after: Duration,
        /// The requests it was submitted with.
        requests: Vec<LettaBatchRequest>,
    },
    /// A call about a submitted batch failed (polling, reading its messages, cancelling).
    #[error("batch {batch_id}: {source}")]
    Api {
        /// The batch, to resume or cancel.
        batch_id: JobId,
        /// Why.
        source: LettaError,
        /// The requests it was submitted with.
        requests: Vec<LettaBatchRequest>,
    },
}

impl BatchError {
    /// The batch's ID, once the server has it.
    pub fn batch_id(&self) -> Option<&JobId> {
        match self {
            BatchError::Submit { .. } => None,
            BatchError::Timeout { batch_id, .. } | BatchError::Api { batch_id, .. } => Some(batch_id),
        }
    }

    /// The requests the batch was (or was to be) submitted with.
    pub fn requests(&self) -> &[LettaBatchRequest] {
        match self {
            BatchError::Submit { requests, .. }
            | BatchError::Timeout { requests, .. }
            | BatchError::Api { requests, .. } => requests,
        }
    }

    /// Takes the requests back.
    pub fn into_requests(self) -> Vec<LettaBatchRequest> {
        match self {
            BatchError::Submit { requests, .. }
            | BatchError::Timeout { requests, .. }
            | BatchError::Api { requests, .. } => requests,
        }
    }
}
