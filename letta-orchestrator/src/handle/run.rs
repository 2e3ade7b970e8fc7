//! A send running in the background on the server (`send_async`).

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use futures_util::TryStreamExt;
use letta_core::ids::{AgentId, RunId};
use letta_core::types::{JobStatus, ListRunMessagesParams, Run};
use letta_core::wait::WaitOptions;
use letta_core::{LettaClient, LettaError};

use crate::turn::{Turn, TurnSource};

/// A background run of one agent turn. Poll it with [`RunHandle::poll`], wait for it with
/// [`RunHandle::wait`], or `.await` it (waits with [`WaitOptions::default`], two minutes).
/// The [`Turn`] it ends with has the source [`TurnSource::Run`] (the run as it ended) and the
/// run's messages, oldest first, the user's message included as the server records it.
#[derive(Debug, Clone)]
pub struct RunHandle {
    client: LettaClient,
    agent_id: AgentId,
    run: Run,
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

    /// Waits until the run has finished, then reads its messages: the run's turn (whether the
    /// run completed is [`Turn::run`]'s status). A run still going when `options.timeout` runs
    /// out is [`LettaError::WaitTimeout`]; it goes on, and the handle can wait again.
    pub async fn wait(&mut self, options: &WaitOptions) -> Result<Turn, LettaError> {
        self.run = self.client.runs().wait(&self.run.id, options).await?;
        let messages = self
            .client
            .runs()
            .messages_all(&self.run.id, &ListRunMessagesParams::default())
            .try_collect()
            .await?;
        Ok(Turn::new(messages, TurnSource::Run(Box::new(self.run.clone()))))
    }
}

impl IntoFuture for RunHandle {
    type Output = Result<Turn, LettaError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(mut self) -> Self::IntoFuture {
        Box::pin(async move { self.wait(&WaitOptions::default()).await })
    }
}
