//! `GET /v1/health/`, and `GET /v1/ready/` (0.16).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let health = client.health().check().await?;
//! let ready = client.health().ready().await?;
//! println!("{} {}", health.version, ready.status);
//! # Ok(()) }
//! ```

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

    /// Asks the server whether it is ready for requests (`check_readiness`, 0.16): a server that
    /// enforces readiness answers 503 until it is.
    pub async fn ready(&self) -> Result<HealthStatus, LettaError> {
        self.client.call(ops::check_readiness()).await
    }
}
