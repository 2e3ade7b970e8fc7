//! Passage search across the organization (`/v1/passages/search`, Letta 0.16).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, archive: letta_core::ids::ArchiveId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::PassageSearchRequest;
//! let hits = client
//!     .passages()
//!     .search(&PassageSearchRequest::builder().query("tea").archive_id(archive).limit(5).build())
//!     .await?;
//! for hit in &hits {
//!     println!("{:.2} {}", hit.score, hit.passage.text);
//! }
//! # Ok(()) }
//! ```

use crate::operations as ops;
use crate::types::{PassageSearchRequest, PassageSearchResult};
use crate::{LettaClient, LettaError};

/// Passages, searched across agents and archives.
#[derive(Debug, Clone, Copy)]
pub struct Passages<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Passages<'_> {
    /// Searches passages by embedding similarity, most relevant first (`search_passages`):
    /// every passage of the organization, or only one agent's or one archive's when the
    /// request names it.
    pub async fn search(
        &self,
        request: &PassageSearchRequest,
    ) -> Result<Vec<PassageSearchResult>, LettaError> {
        if let Some(limit) = request.limit.filter(|limit| !(1..=100).contains(limit)) {
            return Err(LettaError::InvalidInput(format!(
                "a passage search returns 1 to 100 results; {limit} was asked"
            )));
        }
        self.client.call(ops::search_passages().json(request)).await
    }
}
