//! Server-side message batches (`/v1/messages/batches`): one step for each of many agents,
//! run through the model provider's batch API, at the provider's batch price and pace.
//!
//! [`BatchRun`] builds, submits, waits and collects in one call; [`SubmittedBatch`] is the
//! batch once the server has it (wait, collect, cancel, or resume one by its ID). Results are
//! per agent ([`AgentBatchResult`]): an agent whose item failed is reported there, with its
//! request, and does not fail the batch.
//!
//! Limits of Letta 0.7.29 and 0.16.8, which this follows:
//! - only agents on Anthropic models can be batched, and the server must run with
//!   `LETTA_ENABLE_BATCH_JOB_POLLING=true`;
//! - only agents that reply through `send_message` (`memgpt_agent`, `memgpt_v2_agent`): 0.16's
//!   default `letta_v1_agent` replies in plain text, and 0.16.8 never finishes a batch with
//!   one (its runner fails, unseen, to resume from a step without a tool call), so
//!   [`BatchRun::submit`] refuses such an agent before anything is sent;
//! - the server collects results on its poller's schedule (every
//!   `LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS`, five minutes by default), so set the
//!   wait's timeout accordingly;
//! - a batch step's tools fail to execute (on both servers), so the reply is read from the
//!   model's `send_message` call; a failed call of any other tool makes the agent take another
//!   step, in another provider batch, before the batch completes (0.16.8 prompts that step
//!   without the first step's messages);
//! - an agent that was part of a stored batch cannot be deleted (0.7.29: 400, 0.16.8: 409)
//!   until the batch is ([`SubmittedBatch::delete`]);
//! - the per-item status is not exposed, so an agent's outcome is read from its messages (an
//!   item the provider answered with an error leaves only the agent's input).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, a: letta_core::ids::AgentId) -> Result<(), letta_orchestrator::batch::BatchError> {
//! use letta_core::types::MessageCreate;
//! use letta_orchestrator::batch::{BatchError, BatchRun, SubmittedBatch};
//! use letta_orchestrator::Replies;
//!
//! let submitted = BatchRun::new(client.clone())
//!     .message(&a, MessageCreate::user("Hello"))
//!     .submit()
//!     .await?;
//! match submitted.finish().await {
//!     Ok(results) => println!("{:?}", results.agents[0].turn.assistant_texts()),
//!     Err(BatchError::Timeout { batch_id, requests, .. }) => {
//!         // Later, or from another process: pick it up again, or give up on it.
//!         SubmittedBatch::resume(client, batch_id, requests).cancel().await?;
//!     }
//!     Err(other) => return Err(other),
//! }
//! # Ok(()) }
//! ```

mod error;
mod results;
mod run;

pub use error::BatchError;
pub use results::{AgentBatchResult, AgentOutcome, BatchResults};
pub use run::{BatchRun, SubmittedBatch};
