//! `GET /v1/health/`.

use crate::operations as ops;
use crate::{LettaClient, LettaError, types::Health};

/// Server health.
#[derive(Debug, Clone, Copy)]
pub struct HealthApi<'c> {
    pub(crate) client: &'c LettaClient,
}

impl HealthApi<'_> {
    /// Asks the server whether it is up and which version it runs (`health_check`).
    pub async fn check(&self) -> Result<Health, LettaError> {
        self.client.call(ops::health_check()).await
    }
}
