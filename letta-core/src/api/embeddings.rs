//! Embeddings (`/v1/embeddings/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let gigabytes = client.embeddings().total_storage_size().await?;
//! println!("{gigabytes:.6} GB of embeddings");
//! # Ok(()) }
//! ```

use crate::operations as ops;
use crate::{LettaClient, LettaError};

/// Embeddings.
#[derive(Debug, Clone, Copy)]
pub struct Embeddings<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Embeddings<'_> {
    /// Estimated size of the user's stored embeddings, in gigabytes, the server's default unit
    /// (`get_total_storage_size`). 0.7.29 counts 4 bytes × 4096 dimensions (its padded vector
    /// size) per archival passage, whatever the model's real dimension.
    pub async fn total_storage_size(&self) -> Result<f64, LettaError> {
        self.client.call(ops::get_total_storage_size()).await
    }
}
