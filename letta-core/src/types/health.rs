//! Server health.

use serde::{Deserialize, Serialize};

/// The answer of `GET /v1/health/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthStatus {
    /// Server version, e.g. `0.7.29`.
    pub version: String,
    /// `ok` when healthy.
    pub status: String,
}
