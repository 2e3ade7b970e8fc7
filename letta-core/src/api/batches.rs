//! Message batches (`/v1/messages/batches`): one agent step for each of many agents, sent through
//! the model provider's batch API and finished by the server's batch poller.
//!
//! 0.7.x and 0.16 run batches only for agents on Anthropic models, and only when the server runs
//! with `LETTA_ENABLE_BATCH_JOB_POLLING=true` (0.7.x answers 500 otherwise). 0.16.8 never
//! finishes a batch of `letta_v1_agent`s (its default type, which replies in plain text); batch
//! `memgpt_agent`s or `memgpt_v2_agent`s there. A batch's tool calls are
//! executed when the poller collects the provider's results, every
//! `LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS` (default five minutes, plus up to 10 s).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, a: letta_core::ids::AgentId, b: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::TryStreamExt;
//! use letta_core::types::{BatchCreate, LettaBatchRequest, ListBatchMessagesParams, MessageCreate};
//! use letta_core::wait::WaitOptions;
//!
//! let batch = client
//!     .batches()
//!     .create(&BatchCreate::new([
//!         LettaBatchRequest::new(a, MessageCreate::user("Summarise your day")),
//!         LettaBatchRequest::new(b, MessageCreate::user("Summarise your day")),
//!     ]))
//!     .await?;
//! let running = client.batches().list().await?;
//! let done = client.batches().wait(&batch.id, &WaitOptions::default()).await?;
//! let messages = client.batches().messages(&batch.id, &ListBatchMessagesParams::default()).await?;
//! let every: Vec<_> = client.batches().messages_all(&batch.id, &ListBatchMessagesParams::default()).try_collect().await?;
//! let current = client.batches().retrieve(&batch.id).await?;
//! let cancelled = client.batches().cancel(&batch.id).await?;
//! # Ok(()) }
//! ```

use futures_util::{StreamExt, TryStreamExt, stream};

use serde::Serialize;

use crate::ids::{AgentId, JobId};
use crate::operations as ops;
use crate::paging::Paginated;
use crate::request::Request;
use crate::types::{BatchCreate, BatchJob, LettaBatchMessages, ListBatchMessagesParams, Message};
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Message batches.
#[derive(Debug, Clone, Copy)]
pub struct Batches<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Batches<'_> {
    /// Starts a batch (`create_messages_batch`). The answer comes once the provider has the
    /// batch; the agents' replies come later (see [`Batches::wait`]).
    pub async fn create(&self, request: &BatchCreate) -> Result<BatchJob, LettaError> {
        if request.requests.is_empty() {
            return Err(LettaError::InvalidInput(
                "a batch needs at least one request; add LettaBatchRequest::new(agent_id, message)".into(),
            ));
        }
        if let Some(empty) = request.requests.iter().find(|r| r.messages.is_empty()) {
            return Err(LettaError::InvalidInput(format!(
                "the batch request for {} has no message; give it at least one",
                empty.agent_id
            )));
        }
        self.client.call(ops::create_messages_batch().json(request)).await
    }

    /// Lists the batches that are still running, oldest first (`list_batch_runs`); 0.7.29 leaves
    /// finished and cancelled ones out.
    pub async fn list(&self) -> Result<Vec<BatchJob>, LettaError> {
        self.client.call(ops::list_batch_runs()).await
    }

    /// Fetches a batch (`retrieve_batch_run`).
    pub async fn retrieve(&self, batch_id: &JobId) -> Result<BatchJob, LettaError> {
        self.client.call(ops::retrieve_batch_run(batch_id)).await
    }

    /// Polls a batch until it has finished (completed, failed, cancelled or expired) and returns
    /// it; [`LettaError::WaitTimeout`] if `options.timeout` runs out first
    /// (`retrieve_batch_run`).
    pub async fn wait(&self, batch_id: &JobId, options: &WaitOptions) -> Result<BatchJob, LettaError> {
        poll_until(
            "batch",
            batch_id.as_str(),
            options,
            || self.retrieve(batch_id),
            |batch: &BatchJob| (batch.status.is_terminal(), batch.status.to_string()),
        )
        .await
    }

    /// Cancels a running batch and its provider batch (`cancel_batch_run`). 0.7.29 answers no
    /// batch, so this returns the batch as it is afterwards.
    pub async fn cancel(&self, batch_id: &JobId) -> Result<BatchJob, LettaError> {
        self.client.call_raw(ops::cancel_batch_run(batch_id)).await?;
        self.retrieve(batch_id).await
    }

    /// Lists one page of the messages of a batch, newest first unless
    /// `params.sort_descending` is `false` (`list_batch_messages`). 0.7.29 answers 500 when
    /// `params.cursor` is set; see [`Batches::messages_all`].
    pub async fn messages(
        &self,
        batch_id: &JobId,
        params: &ListBatchMessagesParams,
    ) -> Result<Vec<Message>, LettaError> {
        let page: LettaBatchMessages = self
            .client
            .call(list_batch_messages(self.client, batch_id, params).await?)
            .await?;
        Ok(page.messages)
    }

    /// Every message of a batch, in the order `params.sort_descending` asks for, page by page as
    /// the stream is read (`list_batch_messages`).
    ///
    /// 0.7.29 answers 500 to any `cursor` (it indexes a query result it has not fetched), so
    /// this pages by asking for the first `limit`, `2 × limit`, `4 × limit`... messages and
    /// yielding the new tail of each answer; `params.cursor` is ignored. Messages added while
    /// walking newest first can shift the pages; walk oldest first (`sort_descending: false`) for
    /// a stable order.
    pub fn messages_all(&self, batch_id: &JobId, params: &ListBatchMessagesParams) -> Paginated<Message> {
        struct Walked {
            limit: u32,
            seen: usize,
            done: bool,
        }
        let client = self.client.clone();
        let batch_id = batch_id.clone();
        let params = ListBatchMessagesParams {
            cursor: None,
            ..params.clone()
        };
        let first = Walked {
            limit: params.limit.unwrap_or(crate::paging::DEFAULT_PAGE_SIZE).max(1),
            seen: 0,
            done: false,
        };
        stream::try_unfold(first, move |walked| {
            let client = client.clone();
            let batch_id = batch_id.clone();
            let query = ListBatchMessagesParams {
                limit: Some(walked.limit),
                ..params.clone()
            };
            async move {
                if walked.done {
                    return Ok(None);
                }
                let page: LettaBatchMessages = client
                    .call(list_batch_messages(&client, &batch_id, &query).await?)
                    .await?;
                let complete = page.messages.len() < walked.limit as usize;
                let fresh: Vec<Message> = page.messages.into_iter().skip(walked.seen).collect();
                let next = Walked {
                    limit: walked.limit.saturating_mul(2),
                    seen: walked.seen + fresh.len(),
                    done: complete || fresh.is_empty(),
                };
                Ok(Some((stream::iter(fresh.into_iter().map(Ok)), next)))
            }
        })
        .try_flatten()
        .boxed()
    }
}

/// The `list_batch_messages` request for `params`, in the shape the server's version takes:
/// 0.16 names the order `order` (`asc` / `desc`) and the cursor `after`, and ignores 0.7's
/// `sort_descending` and `cursor` (so without this it lists newest first whatever was asked).
async fn list_batch_messages(
    client: &LettaClient,
    batch_id: &JobId,
    params: &ListBatchMessagesParams,
) -> Result<Request, LettaError> {
    let request = ops::list_batch_messages(batch_id);
    if !client.api_level().await?.is_v0_16_shape() {
        return Ok(request.query(params));
    }
    #[derive(Serialize)]
    struct V016Query<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        after: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        agent_id: Option<&'a AgentId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        order: Option<&'static str>,
    }
    Ok(request.query(&V016Query {
        limit: params.limit,
        after: params.cursor.as_deref(),
        agent_id: params.agent_id.as_ref(),
        order: params
            .sort_descending
            .map(|descending| if descending { "desc" } else { "asc" }),
    }))
}
