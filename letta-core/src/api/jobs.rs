//! Jobs (`/v1/jobs/`): background work such as file uploads and message batches.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let jobs = client.jobs().list(None).await?;
//! let active = client.jobs().list_active().await?;
//! if let Some(job) = jobs.first() {
//!     let same = client.jobs().retrieve(&job.id).await?;
//!     let finished = client.jobs().wait(&job.id, &letta_core::wait::WaitOptions::default()).await?;
//!     client.jobs().delete(&job.id).await?;
//! }
//! # Ok(()) }
//! ```

use crate::ids::{JobId, SourceId};
use crate::operations as ops;
use crate::types::Job;
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Jobs.
#[derive(Debug, Clone, Copy)]
pub struct Jobs<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Jobs<'_> {
    /// Lists the jobs of type `job` (file uploads), of one source or of all, oldest first
    /// (`list_jobs`).
    pub async fn list(&self, source_id: Option<&SourceId>) -> Result<Vec<Job>, LettaError> {
        self.client
            .call(ops::list_jobs().query(&[("source_id", source_id)]))
            .await
    }

    /// Lists the jobs of type `job` that have not finished, oldest first (`list_active_jobs`).
    pub async fn list_active(&self) -> Result<Vec<Job>, LettaError> {
        self.client.call(ops::list_active_jobs()).await
    }

    /// Fetches a job of any type (a batch's ID works too) (`retrieve_job`).
    pub async fn retrieve(&self, job_id: &JobId) -> Result<Job, LettaError> {
        self.client.call(ops::retrieve_job(job_id)).await
    }

    /// Polls a job until it has finished (completed, failed, cancelled or expired) and returns
    /// it; [`LettaError::WaitTimeout`] if `options.timeout` runs out first (`retrieve_job`).
    pub async fn wait(&self, job_id: &JobId, options: &WaitOptions) -> Result<Job, LettaError> {
        poll_until(
            "job",
            job_id.as_str(),
            options,
            || self.retrieve(job_id),
            |job: &Job| (job.status.is_terminal(), job.status.to_string()),
        )
        .await
    }

    /// Deletes a job and returns it as it was (`delete_job`).
    pub async fn delete(&self, job_id: &JobId) -> Result<Job, LettaError> {
        self.client.call(ops::delete_job(job_id)).await
    }
}
