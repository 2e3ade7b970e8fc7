//! Every agent's messages (`/v1/messages/`, Letta 0.16+): list, search, fetch by ID across
//! agents and conversations. Letta 0.7.x serves none of them ([`LettaError::NotServed`]).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use futures_util::TryStreamExt;
//! use letta_core::types::{ListAllMessagesParams, SearchAllMessagesRequest};
//!
//! let newest = client.messages().list(&ListAllMessagesParams::builder().limit(20).build()).await?;
//! let all: Vec<_> = client.messages().list_all(&ListAllMessagesParams::default()).try_collect().await?;
//! let hits = client.messages().search(&SearchAllMessagesRequest::builder("invoice").build()).await?;
//! if let Some(hit) = hits.first() {
//!     let items = client.messages().retrieve(&hit.message_id).await?;
//! }
//! # Ok(()) }
//! ```

use crate::ids::MessageId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{LettaMessage, ListAllMessagesParams, MessageSearchHit, SearchAllMessagesRequest};
use crate::{LettaClient, LettaError};

/// Every agent's messages.
#[derive(Debug, Clone, Copy)]
pub struct AllMessages<'c> {
    pub(crate) client: &'c LettaClient,
}

impl AllMessages<'_> {
    /// Lists one page of messages of every agent, newest first unless `params.order` says
    /// otherwise (`list_all_messages`).
    pub async fn list(&self, params: &ListAllMessagesParams) -> Result<Vec<LettaMessage>, LettaError> {
        self.client.call(ops::list_all_messages().query(params)).await
    }

    /// Every message the filters select, **oldest first**, page by page as the stream is read
    /// (`list_all_messages`); `params.order` and `params.before` are ignored. Only an empty
    /// page ends the walk (`limit` counts stored messages, which can list as several items).
    pub fn list_all(&self, params: &ListAllMessagesParams) -> Paginated<LettaMessage> {
        list_pages(
            self.client,
            ops::list_all_messages().query(params),
            Walk::ForwardToEmpty,
            1,
            Order::Force("order", "asc"),
        )
    }

    /// Searches every message of the organisation, best first (`search_all_messages`). Like
    /// [`crate::api::Agents::search_messages`], a Letta Cloud feature: a self-hosted 0.16.8
    /// without Turbopuffer and message embedding answers 400.
    pub async fn search(
        &self,
        request: &SearchAllMessagesRequest,
    ) -> Result<Vec<MessageSearchHit>, LettaError> {
        self.client.call(ops::search_all_messages().json(request)).await
    }

    /// The items of one stored message (a stored message can list as several: reasoning and a
    /// tool call) (`retrieve_message`).
    pub async fn retrieve(&self, message_id: &MessageId) -> Result<Vec<LettaMessage>, LettaError> {
        self.client.call(ops::retrieve_message(message_id)).await
    }
}
