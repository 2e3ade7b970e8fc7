//! A send running in the background on the server (`send_async`).

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use futures_util::TryStreamExt;
use letta_core::ids::{AgentId, RunId};
use letta_core::types::{JobStatus, LettaMessage, ListRunMessagesParams, Run};
use letta_core::wait::WaitOptions;
use letta_core::{LettaClient, LettaError};

/// A background run of one agent turn. Poll it with [`RunHandle::poll`], wait for it with
/// [`RunHandle::wait`], or `.await` it (waits with [`WaitOptions::default`], two minutes).
#[derive(Debug, Clone)]
pub struct RunHandle {
    client: LettaClient,
    agent_id: AgentId,
    run: Run,
}

/// A finished run and the messages it produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    /// The run as it ended (`status` is terminal).
    pub run: Run,
    /// The messages of the turn, oldest first (the user's message included, as the server
    /// records it).
    pub messages: Vec<LettaMessage>,
}

impl RunOutcome {
    /// Whether the run completed (rather than failed, was cancelled or expired).
    pub fn completed(&self) -> bool {
        self.run.status == JobStatus::Completed
    }

    /// The text of every assistant reply, in order.
    pub fn assistant_texts(&self) -> Vec<String> {
        self.messages
            .iter()
            .filter_map(LettaMessage::assistant_text)
            .collect()
    }
}

impl RunHandle {
    pub(crate) fn new(client: LettaClient, agent_id: AgentId, run: Run) -> Self {
        Self {
            client,
            agent_id,
            run,
        }
    }

    /// The run's ID.
    pub fn id(&self) -> &RunId {
        &self.run.id
    }

    /// The agent the run belongs to.
    pub fn agent_id(&self) -> &AgentId {
        &self.agent_id
    }

    /// The run as last seen (at creation, or at the last [`poll`](Self::poll)).
    pub fn last_seen(&self) -> &Run {
        &self.run
    }

    /// Fetches the run's current state once; returns its status.
    pub async fn poll(&mut self) -> Result<JobStatus, LettaError> {
        self.run = self.client.runs().retrieve(&self.run.id).await?;
        Ok(self.run.status.clone())
    }

    /// Waits until the run has finished, then reads its messages. A run still going when
    /// `options.timeout` runs out is [`LettaError::WaitTimeout`]; it goes on, and the handle can
    /// wait again.
    pub async fn wait(&mut self, options: &WaitOptions) -> Result<RunOutcome, LettaError> {
        self.run = self.client.runs().wait(&self.run.id, options).await?;
        let messages = self
            .client
            .runs()
            .messages_all(&self.run.id, &ListRunMessagesParams::default())
            .try_collect()
            .await?;
        Ok(RunOutcome {
            run: self.run.clone(),
            messages,
        })
    }
}

impl IntoFuture for RunHandle {
    type Output = Result<RunOutcome, LettaError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(mut self) -> Self::IntoFuture {
        Box::pin(async move { self.wait(&WaitOptions::default()).await })
    }
}
