//! Telemetry (`/v1/telemetry/`): the raw LLM request and response behind a step.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, step: letta_core::ids::StepId) -> Result<(), letta_core::LettaError> {
//! let trace = client.telemetry().provider_trace(&step).await?;
//! println!("{}", serde_json::Value::Object(trace.request_json));
//! # Ok(()) }
//! ```

use crate::ids::StepId;
use crate::operations as ops;
use crate::types::ProviderTrace;
use crate::{LettaClient, LettaError};

/// Telemetry.
#[derive(Debug, Clone, Copy)]
pub struct Telemetry<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Telemetry<'_> {
    /// The provider request and response of a step (`retrieve_provider_trace`).
    pub async fn provider_trace(&self, step_id: &StepId) -> Result<ProviderTrace, LettaError> {
        self.client.call(ops::retrieve_provider_trace(step_id)).await
    }
}
