//! Client-side workflows for what server groups do not express: a [`Pipeline`] (one agent's
//! typed answer becomes the next agent's input) and [`MapReduce`] (items spread over mapper
//! agents, their typed answers handed to a reducer agent).
//!
//! Every run keeps a [`Trace`]: which agent produced what, from which prompt. A failed step
//! is a [`WorkflowError`] that names the step and the agent, and keeps the prompt, the error and
//! the trace up to that point, so nothing the run did is lost. A step whose send produced no
//! turn carries an [`OutputError::Send`] whose [`SendError`](crate::reconcile::SendError) says
//! whether the step's message may have run ([`StepFailure::send_error`]). A step whose agent
//! stopped on a tool call waiting for approval (Letta 0.16) fails with
//! [`OutputError::WaitingForApproval`], which holds the pending calls: answer them on the
//! step's agent ([`AgentHandle::approve`](crate::AgentHandle::approve)), whose turn holds the
//! step's reply; the run itself does not resume.
//!
//! ```no_run
//! use letta_orchestrator::TypedAgent;
//! use letta_orchestrator::workflow::Pipeline;
//! # #[derive(serde::Deserialize, serde::Serialize, schemars::JsonSchema)] struct Facts { items: Vec<String> }
//! # async fn run(extractor: TypedAgent<Facts>, writer: TypedAgent<String>) -> Result<(), Box<dyn std::error::Error>> {
//! let pipeline = Pipeline::new()
//!     .step("extract", extractor, |text: &String| format!("List the facts in: {text}"))
//!     .step("write", writer, |facts: &Facts| format!("Write one paragraph from: {:?}", facts.items));
//! let done = pipeline.run("Letta agents keep memory in blocks.".to_string()).await?;
//! println!("{}", done.output);
//! for entry in &done.trace.entries {
//!     println!("{} by {}: {}", entry.step, entry.agent, entry.reply);
//! }
//! # Ok(()) }
//! ```

mod map_reduce;
mod pipeline;

pub use map_reduce::{MapReduce, MapReduced};
pub use pipeline::Pipeline;

use std::time::{Duration, Instant};

use letta_core::ids::AgentId;
use serde::de::DeserializeOwned;

use crate::handle::{OutputError, TypedAgent, reply_text};

/// What a workflow run did, step by step, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// One entry per agent turn.
    pub entries: Vec<TraceEntry>,
}

/// One agent turn of a workflow.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceEntry {
    /// The step's name (`map[3]` and `reduce` in a map-reduce).
    pub step: String,
    /// The agent that answered.
    pub agent: AgentId,
    /// The message it was sent.
    pub prompt: String,
    /// Its reply as text (JSON for a typed reply).
    pub reply: String,
    /// How long the turn took.
    pub elapsed: Duration,
    /// Whether the answer was lost and read back from the agent's history.
    pub recovered: bool,
}

/// A workflow's result and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced<T> {
    /// The last step's output.
    pub output: T,
    /// Every turn of the run.
    pub trace: Trace,
}

/// One step that gave no output.
#[derive(Debug)]
pub struct StepFailure {
    /// The step's name.
    pub step: String,
    /// The agent it was sent to.
    pub agent: AgentId,
    /// The message it was sent (nothing the workflow made is lost).
    pub prompt: String,
    /// Why there is no output.
    pub error: OutputError,
}

impl StepFailure {
    /// The send's error when the step's send produced no turn: it says whether the message
    /// may have run (`Unknown`: settle it by its `otid`) or is safe to send again.
    pub fn send_error(&self) -> Option<&crate::reconcile::SendError> {
        self.error.send_error()
    }
}

/// Why a workflow run gave no output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
    /// A step failed; the steps before it are in the trace.
    #[error("workflow step `{}` failed on agent {}: {}", .failure.step, .failure.agent, .failure.error)]
    Step {
        /// The failed step.
        failure: Box<StepFailure>,
        /// The turns before it.
        trace: Trace,
    },
    /// Map items failed (and failures were not to be skipped, or none succeeded).
    #[error("{} map item(s) failed; the first, `{}` on agent {}: {}", .failures.len(), .failures[0].step, .failures[0].agent, .failures[0].error)]
    Map {
        /// Every failed item, in item order.
        failures: Vec<StepFailure>,
        /// The turns that succeeded.
        trace: Trace,
    },
    /// The workflow was given nothing to do.
    #[error("invalid workflow: {0}")]
    Invalid(String),
}

impl WorkflowError {
    /// The turns that happened before the failure.
    pub fn trace(&self) -> Option<&Trace> {
        match self {
            WorkflowError::Step { trace, .. } | WorkflowError::Map { trace, .. } => Some(trace),
            WorkflowError::Invalid(_) => None,
        }
    }
}

/// Sends `prompt` to `agent` as step `step`; the output and its trace entry, or the failure.
async fn run_step<T: DeserializeOwned>(
    step: &str,
    agent: &TypedAgent<T>,
    prompt: String,
) -> Result<(T, TraceEntry), StepFailure> {
    let started = Instant::now();
    match agent.send_with_turn(prompt.clone()).await {
        Ok((output, turn)) => {
            let entry = TraceEntry {
                step: step.to_owned(),
                agent: agent.handle().id().clone(),
                reply: reply_text(&turn).unwrap_or_default(),
                prompt,
                elapsed: started.elapsed(),
                recovered: turn.is_recovered(),
            };
            Ok((output, entry))
        }
        Err(error) => Err(StepFailure {
            step: step.to_owned(),
            agent: agent.handle().id().clone(),
            prompt,
            error,
        }),
    }
}
