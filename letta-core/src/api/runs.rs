//! Runs (`/v1/runs/`): agent steps started in the background with
//! [`crate::api::Messages::send_async`].
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{JobStatus, ListRunMessagesParams, ListRunStepsParams, ListRunsParams, MessageCreate};
//! use letta_core::wait::WaitOptions;
//!
//! let run = client.agents().messages(&agent).send_async(&MessageCreate::user("Later").into()).await?;
//! let done = client.runs().wait(&run.id, &WaitOptions::default()).await?;
//! assert_eq!(done.status, JobStatus::Completed);
//! let messages = client.runs().messages(&run.id, &ListRunMessagesParams::default()).await?;
//! let steps = client.runs().steps(&run.id, &ListRunStepsParams::default()).await?;
//! let usage = client.runs().usage(&run.id).await?;
//! let of_agent = client.runs().list(&ListRunsParams::agent(agent)).await?;
//! client.runs().delete(&run.id).await?;
//! let same = client.runs().retrieve(&run.id).await?;
//! let active = client.runs().list_active(&ListRunsParams::default()).await?;
//! # Ok(()) }
//! ```

use crate::client::RequestBody;
use crate::ids::RunId;
use crate::operations as ops;
use crate::paging::{Paginated, Walk, hide_reply_tool_returns, list_pages, reply_tool};
use crate::types::{
    LettaMessage, ListRunMessagesParams, ListRunStepsParams, ListRunsParams, Run, Step, UsageStatistics,
};
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Runs.
#[derive(Debug, Clone, Copy)]
pub struct Runs<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Runs<'_> {
    /// Lists the runs, of some agents or of all (`list_runs`).
    ///
    /// 0.7.29 filters only the user's **50 oldest** runs, so newer runs are missing once there
    /// are more; and it replaces a finished run's metadata (where the agent ID is) with the
    /// run's result, so the agent filter finds unfinished runs only.
    pub async fn list(&self, params: &ListRunsParams) -> Result<Vec<Run>, LettaError> {
        self.client
            .run(&ops::LIST_RUNS, &[], &params.to_query(), RequestBody::Empty)
            .await
    }

    /// Lists the runs that have not finished (`list_active_runs`); like [`Runs::list`], among
    /// the user's 50 oldest unfinished runs.
    pub async fn list_active(&self, params: &ListRunsParams) -> Result<Vec<Run>, LettaError> {
        self.client
            .run(
                &ops::LIST_ACTIVE_RUNS,
                &[],
                &params.to_query(),
                RequestBody::Empty,
            )
            .await
    }

    /// Fetches a run (`retrieve_run`).
    pub async fn retrieve(&self, run_id: &RunId) -> Result<Run, LettaError> {
        self.client
            .run(
                &ops::RETRIEVE_RUN,
                &[run_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }

    /// Polls a run until it has finished (completed, failed, cancelled or expired) and returns
    /// it; [`LettaError::WaitTimeout`] if `options.timeout` runs out first (`retrieve_run`).
    pub async fn wait(&self, run_id: &RunId, options: &WaitOptions) -> Result<Run, LettaError> {
        poll_until(
            "run",
            run_id.as_str(),
            options,
            || self.retrieve(run_id),
            |run: &Run| (run.status.is_terminal(), run.status.to_string()),
        )
        .await
    }

    /// Deletes a run and returns it as it was (`delete_run`).
    pub async fn delete(&self, run_id: &RunId) -> Result<Run, LettaError> {
        self.client
            .run(
                &ops::DELETE_RUN,
                &[run_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }

    /// Lists one page of the messages a run produced, newest first unless `params.order` says
    /// otherwise (`list_run_messages`).
    pub async fn messages(
        &self,
        run_id: &RunId,
        params: &ListRunMessagesParams,
    ) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .run(
                &ops::LIST_RUN_MESSAGES,
                &[run_id.as_str()],
                &params.to_query(),
                RequestBody::Empty,
            )
            .await
    }

    /// Every message of a run, **oldest first**, page by page as the stream is read
    /// (`list_run_messages`). `params.order` and `params.before` are ignored.
    pub fn messages_all(&self, run_id: &RunId, params: &ListRunMessagesParams) -> Paginated<LettaMessage> {
        let pages = list_pages(
            self.client,
            &ops::LIST_RUN_MESSAGES,
            &[run_id.as_str()],
            Walk::ForwardToEmpty,
            1,
            params,
        );
        // Runs list messages as their request asked; the default reply tool covers most runs.
        hide_reply_tool_returns(pages, reply_tool(None, &None))
    }

    /// Lists one page of the steps of a run, newest first unless `params.order` says otherwise
    /// (`list_run_steps`).
    pub async fn steps(&self, run_id: &RunId, params: &ListRunStepsParams) -> Result<Vec<Step>, LettaError> {
        self.client
            .run(
                &ops::LIST_RUN_STEPS,
                &[run_id.as_str()],
                &params.to_query(),
                RequestBody::Empty,
            )
            .await
    }

    /// Every step of a run, **oldest first**, page by page as the stream is read
    /// (`list_run_steps`). `params.order` and `params.before` are ignored.
    pub fn steps_all(&self, run_id: &RunId, params: &ListRunStepsParams) -> Paginated<Step> {
        list_pages(
            self.client,
            &ops::LIST_RUN_STEPS,
            &[run_id.as_str()],
            Walk::Forward,
            1,
            params,
        )
    }

    /// The tokens a run used (`retrieve_run_usage`).
    pub async fn usage(&self, run_id: &RunId) -> Result<UsageStatistics, LettaError> {
        self.client
            .run(
                &ops::RETRIEVE_RUN_USAGE,
                &[run_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }
}
