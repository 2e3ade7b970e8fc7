//! Agent steps (`/v1/steps/`): one LLM call each, with its token usage.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::ListStepsParams;
//! let steps = client
//!     .steps()
//!     .list(&ListStepsParams::builder().agent_id(agent).build())
//!     .await?;
//! if let Some(step) = steps.first() {
//!     let same = client.steps().retrieve(&step.id).await?;
//!     client.steps().modify_transaction_id(&step.id, "tx-1").await?;
//!     let trace = client.telemetry().provider_trace(&step.id).await?;
//! }
//! # Ok(()) }
//! ```

use crate::ids::StepId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{ListStepsParams, Step};
use crate::{LettaClient, LettaError};

/// Agent steps.
#[derive(Debug, Clone, Copy)]
pub struct Steps<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Steps<'_> {
    /// Lists one page of steps, newest first unless `params.order` says otherwise
    /// (`list_steps`). 0.16.8 fails every listing with 400 ("Argument order does not match
    /// type"): its route hands the sort order on as a bool; use [`crate::api::Runs::steps`].
    pub async fn list(&self, params: &ListStepsParams) -> Result<Vec<Step>, LettaError> {
        self.client.call(ops::list_steps().query(params)).await
    }

    /// Every step matching the filters, **oldest first**, page by page as the stream is read
    /// (`list_steps`). `params.order` and `params.before` are ignored.
    pub fn list_all(&self, params: &ListStepsParams) -> Paginated<Step> {
        list_pages(
            self.client,
            ops::list_steps().query(params),
            Walk::Forward,
            1,
            Order::Force("order", "asc"),
        )
    }

    /// Fetches a step (`retrieve_step`).
    pub async fn retrieve(&self, step_id: &StepId) -> Result<Step, LettaError> {
        self.client.call(ops::retrieve_step(step_id)).await
    }

    /// Records the ID of the transaction that processed a step (`update_step_transaction_id`).
    /// 0.16.8 fails every call with 500 (its route calls a user-manager method that no longer
    /// exists).
    pub async fn modify_transaction_id(
        &self,
        step_id: &StepId,
        transaction_id: &str,
    ) -> Result<Step, LettaError> {
        self.client
            .call(ops::update_step_transaction_id(step_id, transaction_id))
            .await
    }
}
