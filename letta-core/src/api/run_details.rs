//! What Letta 0.16 added on runs, steps and jobs: timings, traces, step feedback and messages,
//! cancelling a job, and re-opening a run's stream from any `seq_id`. Letta 0.7.x serves none
//! of them ([`LettaError::NotServed`]).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, run: letta_core::ids::RunId, step: letta_core::ids::StepId, job: letta_core::ids::JobId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{FeedbackType, ListStepMessagesParams, RetrieveStreamRequest, StepFeedback};
//!
//! // Re-open a background run's stream after the last event seen (seq_id 41).
//! let mut events = client.runs().stream(&run, &RetrieveStreamRequest::after(41)).await?;
//! while let Some(event) = events.next().await {
//!     let event = event?;
//!     println!("{:?} {:?}", event.seq_id(), event.as_message().map(|m| m.message_type()));
//! }
//! // Or follow it from there to the end, re-opening it whenever the connection drops.
//! let mut rest = client.runs().attach(&run, Some(41));
//! while let Some(event) = rest.next().await {
//!     println!("{:?}", event?.seq_id());
//! }
//! let timings = client.runs().metrics(&run).await?;
//! let spans = client.runs().trace(&run, Some(100)).await?;
//!
//! let feedback = StepFeedback::builder().feedback(FeedbackType::Positive).build();
//! client.steps().modify_feedback(&step, &feedback).await?;
//! let produced = client.steps().messages(&step, &ListStepMessagesParams::default()).await?;
//! let step_timings = client.steps().metrics(&step).await?;
//! let llm_call = client.steps().trace(&step).await?;
//!
//! let cancelled = client.jobs().cancel(&job).await?;
//! # Ok(()) }
//! ```

use super::{Jobs, Runs, Steps};
use crate::LettaError;
use crate::ids::{JobId, RunId, StepId};
use crate::operations as ops;
use crate::stream::{MessageStream, ResumableStream};
use crate::types::{
    Job, JsonMap, LettaMessage, ListStepMessagesParams, ProviderTrace, RetrieveStreamRequest, RunMetrics,
    Step, StepFeedback, StepMetrics,
};

impl Runs<'_> {
    /// Opens the stream of a background run (`retrieve_stream_for_run`): the events whose
    /// `seq_id` is greater than `request.starting_after` (0 or unset: from the start), then
    /// the rest as the run produces them, ending `[DONE]` as a send's stream does. Works from
    /// any process that knows the run ID; [`StreamEvent::seq_id`](crate::StreamEvent::seq_id)
    /// gives the number to continue after. Only runs started with `background: true` have a
    /// stream to re-open (the server answers 400 otherwise), for 3 hours (410 after), and only
    /// on a server with Redis (503 without). An idempotent read: opening it twice delivers the
    /// same events twice.
    pub async fn stream(
        &self,
        run_id: &RunId,
        request: &RetrieveStreamRequest,
    ) -> Result<MessageStream, LettaError> {
        self.client
            .call_stream(ops::retrieve_stream_for_run(run_id).json(request))
            .await
    }

    /// Follows a background run from after the event numbered `after` (`None`: from its start)
    /// to its end, re-opening its stream whenever the connection drops
    /// (`retrieve_stream_for_run`), so every later event arrives once, in order. Works from any
    /// process that knows the run's ID, e.g. one that resumes the work of another that crashed
    /// (keep [`ResumableStream::run_id`] and [`ResumableStream::last_seq_id`] to do that).
    ///
    /// Nothing is sent until the stream is first polled. The run must have been started with
    /// `background: true` (see [`Messages::stream_background`](crate::api::Messages::stream_background));
    /// the server keeps its events for 3 hours.
    pub fn attach(&self, run_id: &RunId, after: Option<u64>) -> ResumableStream {
        ResumableStream::attach(self.client.clone(), run_id.clone(), after)
    }

    /// Timings of a run (`retrieve_metrics_for_run`).
    pub async fn metrics(&self, run_id: &RunId) -> Result<RunMetrics, LettaError> {
        self.client.call(ops::retrieve_metrics_for_run(run_id)).await
    }

    /// The OpenTelemetry spans of a run, at most `limit` (1 to 5000; server default 1000), as
    /// the server stored them (`retrieve_trace_for_run`). Only a server with ClickHouse
    /// configured (`LETTA_CLICKHOUSE_ENDPOINT`) has them; others answer 501.
    pub async fn trace(&self, run_id: &RunId, limit: Option<u32>) -> Result<Vec<JsonMap>, LettaError> {
        let request = ops::retrieve_trace_for_run(run_id);
        let request = match limit {
            Some(limit) => request.query(&[("limit", limit)]),
            None => request,
        };
        self.client.call(request).await
    }
}

impl Steps<'_> {
    /// Records feedback on a step (`modify_feedback_for_step`).
    pub async fn modify_feedback(
        &self,
        step_id: &StepId,
        feedback: &StepFeedback,
    ) -> Result<Step, LettaError> {
        self.client
            .call(ops::modify_feedback_for_step(step_id).json(feedback))
            .await
    }

    /// Lists one page of the messages a step produced, oldest first unless `params.order` says
    /// otherwise (`list_messages_for_step`).
    pub async fn messages(
        &self,
        step_id: &StepId,
        params: &ListStepMessagesParams,
    ) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .call(ops::list_messages_for_step(step_id).query(params))
            .await
    }

    /// Timings of a step (`retrieve_metrics_for_step`).
    pub async fn metrics(&self, step_id: &StepId) -> Result<StepMetrics, LettaError> {
        self.client.call(ops::retrieve_metrics_for_step(step_id)).await
    }

    /// The request and response of the step's LLM call (`retrieve_trace_for_step`); `None`
    /// unless the server records provider traces (`track_provider_trace`).
    pub async fn trace(&self, step_id: &StepId) -> Result<Option<ProviderTrace>, LettaError> {
        self.client.call(ops::retrieve_trace_for_step(step_id)).await
    }
}

impl Jobs<'_> {
    /// Cancels a job and returns it (`cancel_job`). 0.16.8 cancels it but answers 500 (its
    /// route returns a bool where a job is due); a batch is better cancelled with
    /// [`crate::api::Batches::cancel`], which also stops the provider's batch.
    pub async fn cancel(&self, job_id: &JobId) -> Result<Job, LettaError> {
        self.client.call(ops::cancel_job(job_id)).await
    }
}
