//! Authentication (`POST /v1/auth`).
//!
//! 0.7.29 cannot answer this route: its handler calls server methods that no longer exist
//! (`api_key_to_user`, `authenticate_user`), so every call fails with 500. The shape is verified
//! against a fixture only.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let me = client.auth().authenticate("the-server-password").await?;
//! println!("{} admin: {:?}", me.uuid, me.is_admin);
//! # Ok(()) }
//! ```

use crate::operations as ops;
use crate::types::{AuthRequest, AuthResponse};
use crate::{LettaClient, LettaError};

/// Authentication.
#[derive(Debug, Clone, Copy)]
pub struct Auth<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Auth<'_> {
    /// Exchanges the server password (or an API key) for the user's ID
    /// (`authenticate_user_v1_auth_post`).
    pub async fn authenticate(&self, password: impl Into<String>) -> Result<AuthResponse, LettaError> {
        let request = AuthRequest::builder().password(password).build();
        self.client.call(ops::authenticate_user().json(&request)).await
    }
}
