//! Submitting a batch, waiting for it, reading what each agent did, cancelling.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt, stream};
use letta_core::ids::{AgentId, JobId};
use letta_core::types::{
    AgentState, AgentType, BatchCreate, BatchJob, LettaBatchRequest, ListBatchMessagesParams, Message,
    MessageCreate,
};
use letta_core::wait::WaitOptions;
use letta_core::{LettaClient, LettaError};

use super::{AgentBatchResult, BatchError, BatchResults};

/// Messages asked for per look when collecting; the walk doubles it each look.
const COLLECT_PAGE: u32 = 100;

/// A batch to build and run in one go: submit, wait, collect.
///
/// ```no_run
/// # async fn run(client: letta_core::LettaClient, a: letta_orchestrator::AgentHandle, b: letta_orchestrator::AgentHandle) -> Result<(), letta_orchestrator::batch::BatchError> {
/// use std::time::Duration;
/// use letta_core::types::MessageCreate;
/// use letta_orchestrator::batch::BatchRun;
/// use letta_orchestrator::Replies;
///
/// let results = BatchRun::new(client)
///     .message(&a, MessageCreate::user("Summarise your day"))
///     .message(&b, MessageCreate::user("Summarise your day"))
///     .timeout(Duration::from_secs(600))
///     .run()
///     .await?;
/// for agent in &results.agents {
///     println!("{}: {:?} {:?}", agent.agent_id, agent.outcome, agent.turn.assistant_texts());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct BatchRun {
    client: LettaClient,
    requests: Vec<LettaBatchRequest>,
    callback_url: Option<String>,
    wait: WaitOptions,
}

impl BatchRun {
    /// An empty batch on `client`; waits up to [`WaitOptions::default`] (two minutes). Batches
    /// are slow on a real provider: set [`BatchRun::timeout`].
    pub fn new(client: LettaClient) -> Self {
        Self {
            client,
            requests: Vec::new(),
            callback_url: None,
            wait: WaitOptions::default(),
        }
    }

    /// Adds one message for an agent (anything that names one: `&AgentHandle`, `&AgentId`, ...).
    pub fn message(self, agent: impl Into<AgentId>, message: MessageCreate) -> Self {
        self.request(LettaBatchRequest::new(agent, message))
    }

    /// Adds a full request (several messages, another reply tool).
    pub fn request(mut self, request: LettaBatchRequest) -> Self {
        self.requests.push(request);
        self
    }

    /// Asks the server to POST to this URL when the batch ends.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Waits at most this long for the batch to end.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.wait.timeout = timeout;
        self
    }

    /// How long to wait and how often to look (the pause doubles up to `max_interval`).
    pub fn wait_options(mut self, wait: WaitOptions) -> Self {
        self.wait = wait;
        self
    }

    /// The requests so far.
    pub fn requests(&self) -> &[LettaBatchRequest] {
        &self.requests
    }

    /// Submits the batch and returns at once.
    ///
    /// An agent named twice is refused before anything is sent, because the server's results
    /// are per agent and could not be told apart. On 0.16, so is a `letta_v1_agent` (0.16's
    /// default type), whose batch would never end; see [`super`].
    pub async fn submit(self) -> Result<SubmittedBatch, BatchError> {
        let mut seen = HashSet::new();
        if let Some(twice) = self.requests.iter().find(|r| !seen.insert(&r.agent_id)) {
            let source = LettaError::InvalidInput(format!(
                "agent {} has two requests in one batch; put all its messages in one LettaBatchRequest",
                twice.agent_id
            ));
            return Err(BatchError::Submit {
                source,
                requests: self.requests,
            });
        }
        if let Err(source) = refuse_plain_text_agents(&self.client, &self.requests).await {
            return Err(BatchError::Submit {
                source,
                requests: self.requests,
            });
        }
        let mut create = BatchCreate::new(self.requests);
        create.callback_url = self.callback_url;
        match self.client.batches().create(&create).await {
            Ok(batch) => Ok(SubmittedBatch {
                client: self.client,
                id: batch.id,
                requests: create.requests,
                wait: self.wait,
            }),
            Err(source) => Err(BatchError::Submit {
                source,
                requests: create.requests,
            }),
        }
    }

    /// Submits the batch, waits for it to end and collects each agent's result. On a
    /// [`BatchError::Timeout`] the batch goes on; resume it with [`SubmittedBatch::resume`] or
    /// cancel it.
    pub async fn run(self) -> Result<BatchResults, BatchError> {
        self.submit().await?.finish().await
    }
}

/// How many agents are looked up at once before a batch is submitted to 0.16.
const LOOKUPS_AT_ONCE: usize = 8;

/// Refuses, on 0.16 and later, a batch with a `letta_v1_agent`. 0.16's batch runner asks the
/// model of such an agent for a reply it may give in plain text, then fails, unseen, to resume
/// from a step without a tool call, so the batch stays `running` for ever
/// (`letta/agents/letta_agent_batch.py`, `_extract_tool_call_from_result`).
async fn refuse_plain_text_agents(
    client: &LettaClient,
    requests: &[LettaBatchRequest],
) -> Result<(), LettaError> {
    if !client.api_level().await?.is_v0_16_shape() {
        return Ok(());
    }
    let agents: Vec<AgentState> = stream::iter(
        requests
            .iter()
            .map(|r| async move { client.agents().retrieve(&r.agent_id).await }),
    )
    .buffered(LOOKUPS_AT_ONCE)
    .try_collect()
    .await?;
    match agents.iter().find(|a| a.agent_type == AgentType::LettaV1Agent) {
        Some(agent) => Err(LettaError::InvalidInput(format!(
            "agent {} is a letta_v1_agent, which replies in plain text: Letta 0.16 never finishes a message \
             batch for such an agent (the batch stays running), so nothing was sent; batch agents of type \
             memgpt_v2_agent or memgpt_agent, or send to this one directly (AgentHandle::send, FanOut)",
            agent.id
        ))),
        None => Ok(()),
    }
}

/// A batch the server has: wait for it, collect it, cancel it.
#[derive(Debug, Clone)]
pub struct SubmittedBatch {
    client: LettaClient,
    id: JobId,
    requests: Vec<LettaBatchRequest>,
    wait: WaitOptions,
}

impl SubmittedBatch {
    /// Picks up a batch submitted earlier (after a [`BatchError::Timeout`], say), with the
    /// requests it was submitted with, so results can be matched to them.
    pub fn resume(client: LettaClient, id: JobId, requests: Vec<LettaBatchRequest>) -> Self {
        Self {
            client,
            id,
            requests,
            wait: WaitOptions::default(),
        }
    }

    /// Sets how long [`SubmittedBatch::wait`] and [`SubmittedBatch::finish`] wait.
    pub fn with_wait_options(mut self, wait: WaitOptions) -> Self {
        self.wait = wait;
        self
    }

    /// The batch's ID.
    pub fn id(&self) -> &JobId {
        &self.id
    }

    /// The requests it was submitted with.
    pub fn requests(&self) -> &[LettaBatchRequest] {
        &self.requests
    }

    fn api_error(&self, source: LettaError) -> BatchError {
        match source {
            LettaError::WaitTimeout {
                last_status, after, ..
            } => BatchError::Timeout {
                batch_id: self.id.clone(),
                last_status,
                after,
                requests: self.requests.clone(),
            },
            source => BatchError::Api {
                batch_id: self.id.clone(),
                source,
                requests: self.requests.clone(),
            },
        }
    }

    /// The batch as it is now.
    pub async fn status(&self) -> Result<BatchJob, BatchError> {
        self.client
            .batches()
            .retrieve(&self.id)
            .await
            .map_err(|e| self.api_error(e))
    }

    /// Polls, with a pause that doubles after each look, until the batch has ended
    /// (completed, failed, cancelled or expired); [`BatchError::Timeout`] if it has not by
    /// the timeout.
    pub async fn wait(&self) -> Result<BatchJob, BatchError> {
        self.client
            .batches()
            .wait(&self.id, &self.wait)
            .await
            .map_err(|e| self.api_error(e))
    }

    /// Each agent's messages and outcome, as they are now (call it once the batch has ended).
    ///
    /// 0.7.29 answers 500 to any cursor on a batch's messages, so they are read with the
    /// growing-limit walk of [`letta_core::api::Batches::messages_all`], oldest first, and
    /// grouped by agent.
    pub async fn collect(&self) -> Result<BatchResults, BatchError> {
        let batch = self.status().await?;
        self.collect_for(batch).await
    }

    async fn collect_for(&self, batch: BatchJob) -> Result<BatchResults, BatchError> {
        let messages: Vec<Message> = self
            .client
            .batches()
            .messages_all(
                &self.id,
                &ListBatchMessagesParams::builder()
                    .limit(COLLECT_PAGE)
                    .sort_descending(false)
                    .build(),
            )
            .try_collect()
            .await
            .map_err(|e| self.api_error(e))?;
        let mut by_agent: HashMap<AgentId, Vec<Message>> = HashMap::new();
        for message in messages {
            if let Some(agent) = message.agent_id.clone() {
                by_agent.entry(agent).or_default().push(message);
            }
        }
        let agents = self
            .requests
            .iter()
            .map(|request| {
                let own = by_agent.remove(&request.agent_id).unwrap_or_default();
                AgentBatchResult::new(&self.id, request.clone(), own)
            })
            .collect();
        Ok(BatchResults { batch, agents })
    }

    /// Waits for the batch to end, then collects each agent's result.
    pub async fn finish(&self) -> Result<BatchResults, BatchError> {
        let batch = self.wait().await?;
        self.collect_for(batch).await
    }

    /// Deletes the batch (it is stored as a job) and the server's record of its items; cancel
    /// it first if it is still running.
    ///
    /// 0.7.29 cannot delete an agent that is part of a stored batch (it tries to clear the
    /// batch item's non-null agent column and answers 400), so delete the batch before its
    /// agents.
    pub async fn delete(&self) -> Result<(), BatchError> {
        self.client
            .jobs()
            .delete(&self.id)
            .await
            .map(drop)
            .map_err(|e| self.api_error(e))
    }

    /// Cancels the batch and its provider batch, and returns what each agent got before that
    /// (usually nothing: [`super::AgentOutcome::NotRun`]).
    pub async fn cancel(&self) -> Result<BatchResults, BatchError> {
        let batch = self
            .client
            .batches()
            .cancel(&self.id)
            .await
            .map_err(|e| self.api_error(e))?;
        self.collect_for(batch).await
    }
}
