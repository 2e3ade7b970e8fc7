//! Tags (`/v1/tags/`): the distinct tags of the agents, in alphabetical order.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use futures_util::TryStreamExt;
//! use letta_core::types::ListTagsParams;
//! let some: Vec<String> = client
//!     .tags()
//!     .list(&ListTagsParams::builder().query_text("team").build())
//!     .await?;
//! let all: Vec<String> = client.tags().list_all(&ListTagsParams::default()).try_collect().await?;
//! # Ok(()) }
//! ```

use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::ListTagsParams;
use crate::{LettaClient, LettaError};

/// Tags.
#[derive(Debug, Clone, Copy)]
pub struct Tags<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Tags<'_> {
    /// Lists one page of tags, in alphabetical order (`list_tags`).
    pub async fn list(&self, params: &ListTagsParams) -> Result<Vec<String>, LettaError> {
        self.client.call(ops::list_tags().query(params)).await
    }

    /// Every tag matching the filter, in alphabetical order, page by page as the stream is read
    /// (`list_tags`).
    pub fn list_all(&self, params: &ListTagsParams) -> Paginated<String> {
        list_pages(
            self.client,
            ops::list_tags().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }
}
