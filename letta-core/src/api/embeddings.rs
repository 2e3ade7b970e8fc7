//! Embeddings (`/v1/embeddings/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let megabytes = client.embeddings().total_storage_size().await?;
//! println!("{megabytes:.3} MB of embeddings");
//! # Ok(()) }
//! ```

use crate::client::RequestBody;
use crate::operations as ops;
use crate::{LettaClient, LettaError};

/// Embeddings.
#[derive(Debug, Clone, Copy)]
pub struct Embeddings<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Embeddings<'_> {
    /// Size of all stored embeddings (archival and source passages) of the organization, in
    /// megabytes (`get_total_storage_size`).
    pub async fn total_storage_size(&self) -> Result<f64, LettaError> {
        self.client
            .run(&ops::GET_TOTAL_STORAGE_SIZE, &[], &Vec::new(), RequestBody::Empty)
            .await
    }
}
