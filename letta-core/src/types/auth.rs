//! Authentication (`POST /v1/auth`).

use serde::{Deserialize, Serialize};

/// `POST /v1/auth` body (`AuthRequest`). `Debug` hides the password.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AuthRequest {
    /// Admin password provided when starting the Letta server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `POST /v1/auth` answer (`AuthResponse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResponse {
    /// UUID of the user.
    pub uuid: String,
    /// Whether the user is an admin.
    #[serde(default)]
    pub is_admin: Option<bool>,
}
