//! `GET /v1/health/`.

use crate::operations as ops;
use crate::types::HealthStatus;
use crate::{LettaClient, LettaError};

/// Server health.
#[derive(Debug, Clone, Copy)]
pub struct Health<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Health<'_> {
    /// Asks the server whether it is up and which version it runs (`health_check`).
    pub async fn check(&self) -> Result<HealthStatus, LettaError> {
        self.client.call(ops::health_check()).await
    }
}
