//! The conversation of a multi-agent group (`/v1/groups/{group_id}/messages...`).
//!
//! A send runs the group's agents as its manager pattern says and, like an agent's send, is not
//! idempotent. Listed messages carry the `name` of the agent that wrote them.
//!
//! What 0.7.29 cannot do: message a `voice_sleeptime` group (it answers "Type
//! ManagerType.voice_sleeptime is not supported"; use [`crate::api::Voice`]), or answer a send to
//! a `sleeptime` group whose main agent was created without `enable_sleeptime` (the request
//! hangs until the client's timeout). A supervisor group's history holds the messages of the
//! manager's first step only (later steps are not tagged with the group).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, group: letta_core::ids::GroupId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{LettaStreamingRequest, ListGroupMessagesParams, MessageCreate, Replies};
//!
//! let messages = client.groups().messages(&group);
//! let reply = messages.send(MessageCreate::user("Hello, team!")).await?;
//! println!("{:?}", reply.assistant_texts());
//! let mut stream = messages.stream(&LettaStreamingRequest::steps(MessageCreate::user("Again"))).await?;
//! while let Some(event) = stream.next().await {
//!     println!("{:?}", event?);
//! }
//! let history = messages.list(&ListGroupMessagesParams::builder().limit(50).build()).await?;
//! messages.reset().await?;
//! let request = letta_core::types::LettaRequest::new([MessageCreate::user("Status?")]);
//! let reply = messages.send(&request).await?;
//! if let Some(id) = reply.messages.first().and_then(|m| m.id()) {
//!     let update = letta_core::types::MessageUpdate::User { content: "Status, please?".into() };
//!     messages.modify(id, &update).await?;
//! }
//! # Ok(()) }
//! ```

use futures_util::{StreamExt, TryStreamExt, stream};

use crate::api::messages::validate;
use std::borrow::Cow;

use crate::ids::{GroupId, MessageId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, hide_reply_tool_returns, list_pages, reply_tool};
use crate::stream::MessageStream;
use crate::types::{
    LettaMessage, LettaRequest, LettaResponse, LettaStreamingRequest, ListGroupMessagesParams, MessageUpdate,
};
use crate::{LettaClient, LettaError};

/// The conversation of one group.
#[derive(Debug, Clone)]
pub struct GroupMessages<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) group_id: GroupId,
}

impl GroupMessages<'_> {
    /// Sends a message, or a whole request (owned or borrowed), and waits for the group's whole
    /// reply (`send_group_message`).
    pub async fn send<'r>(
        &self,
        request: impl Into<Cow<'r, LettaRequest>>,
    ) -> Result<LettaResponse, LettaError> {
        let request = request.into();
        validate(&request)?;
        self.client
            .call(ops::send_group_message(&self.group_id).json(&*request))
            .await
    }

    /// Sends a request and streams the agents' messages as they are produced
    /// (`send_group_message_streaming`).
    ///
    /// Takes a message or a request (streamed as whole messages, one event each), or a
    /// [`LettaStreamingRequest`] to stream tokens.
    pub async fn stream<'r>(
        &self,
        request: impl Into<Cow<'r, LettaStreamingRequest>>,
    ) -> Result<MessageStream, LettaError> {
        let request = request.into();
        validate(&request.request)?;
        self.client
            .call_stream(ops::send_group_message_streaming(&self.group_id).json(&*request))
            .await
    }

    /// Lists one page of the group's messages, oldest first (`list_group_messages`). Without
    /// cursors, a group without a manager agent (round robin) answers its *oldest* `limit`
    /// stored messages, the others their newest.
    pub async fn list(&self, params: &ListGroupMessagesParams) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .call(ops::list_group_messages(&self.group_id).query(params))
            .await
    }

    /// The whole conversation, page by page as the stream is read (`list_group_messages`).
    ///
    /// 0.7.29 pages the two kinds of group differently: without a manager agent (round robin)
    /// `before` returns the oldest messages instead of the ones just before the cursor, while
    /// with one (supervisor, dynamic, sleep-time) `after` returns the newest. So this first
    /// fetches the group, then walks a round-robin group **oldest first** with `after` and the
    /// others **newest first** with `before`. `params.limit` sets the page size (at least 10).
    pub fn list_all(&self, params: &ListGroupMessagesParams) -> Paginated<LettaMessage> {
        let client = self.client.clone();
        let group_id = self.group_id.clone();
        let reply_tool = reply_tool(params.use_assistant_message, &params.assistant_message_tool_name);
        let params = params.clone();
        let pages = stream::once(async move {
            let group = client.groups().retrieve(&group_id).await?;
            let backward = group.manager_agent_id.is_some();
            let walk = if backward {
                Walk::Backward
            } else {
                Walk::ForwardToEmpty
            };
            let request = ops::list_group_messages(&group_id).query(&params);
            Ok::<_, LettaError>(list_pages(&client, request, walk, 10, Order::AsAsked))
        })
        .try_flatten()
        .boxed();
        hide_reply_tool_returns(pages, reply_tool)
    }

    /// Rewrites the content of a stored message of the group (`modify_group_message`). 0.16.8
    /// fails every edit with 500 (its route calls a message-manager method that no longer
    /// exists).
    pub async fn modify(
        &self,
        message_id: &MessageId,
        update: &MessageUpdate,
    ) -> Result<LettaMessage, LettaError> {
        self.client
            .call(ops::modify_group_message(&self.group_id, message_id).json(update))
            .await
    }

    /// Deletes the group's messages from every member agent (`reset_group_messages`).
    pub async fn reset(&self) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::reset_group_messages(&self.group_id))
            .await
            .map(drop)
    }
}
