//! `GET /v1/health/`.

use crate::{LettaClient, LettaError, types::Health};

/// Server health.
#[derive(Debug, Clone, Copy)]
pub struct HealthApi<'c> {
    pub(crate) client: &'c LettaClient,
}

impl HealthApi<'_> {
    /// Asks the server whether it is up and which version it runs (`health_check`).
    pub async fn check(&self) -> Result<Health, LettaError> {
        self.client.get("/v1/health/", &Vec::new()).await
    }
}
