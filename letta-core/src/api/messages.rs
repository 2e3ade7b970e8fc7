//! An agent's conversation (`/v1/agents/{agent_id}/messages...`).
//!
//! A send runs an agent step and is **not idempotent**: sending the same message twice runs the
//! agent twice (0.7.x does not deduplicate, not even by `otid`). Nothing here retries a send.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{LettaStreamingRequest, ListMessagesParams, MessageCreate, MessageRole, Replies};
//! use letta_core::StreamEvent;
//!
//! let messages = client.agents().messages(&agent);
//! let reply = messages.send(MessageCreate::user("Hello!")).await?;
//! println!("{:?}", reply.assistant_texts());
//!
//! let mut stream = messages.stream(&LettaStreamingRequest::tokens(MessageCreate::user("Again"))).await?;
//! while let Some(event) = stream.next().await {
//!     if let StreamEvent::Message(message) = event? {
//!         println!("{}", message.message_type());
//!     }
//! }
//! let history = messages.list(&ListMessagesParams::builder().limit(20).build()).await?;
//! let run = messages.send_async(MessageCreate::user("In the background")).await?;
//! // Letta 0.16+: a stream that survives a dropped connection.
//! let mut resumable = messages.stream_background(MessageCreate::user("Long job")).await?;
//! while let Some(event) = resumable.next().await {
//!     println!("{:?} {:?}", event?.seq_id(), resumable.run_id());
//! }
//! let hi = MessageCreate::builder(MessageRole::User, "Hi").otid("client-otid-1").build();
//! let request = letta_core::types::LettaRequest::new([hi]);
//! let reply = messages.send(&request).await?;
//! if let Some(id) = reply.messages.first().and_then(|m| m.id()) {
//!     let update = letta_core::types::MessageUpdate::User { content: "Hi there".into() };
//!     messages.modify(id, &update).await?;
//! }
//! messages.reset(false).await?;
//! # Ok(()) }
//! ```

use std::borrow::Cow;

use crate::ids::{AgentId, MessageId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, hide_reply_tool_returns, list_pages, reply_tool};
use crate::stream::{MessageStream, ResumableStream};
use crate::types::{
    AgentState, LettaMessage, LettaRequest, LettaResponse, LettaStreamingRequest, ListMessagesParams,
    MessageUpdate, Run,
};
use crate::{ApiLevel, LettaClient, LettaError};

/// The conversation of one agent.
#[derive(Debug, Clone)]
pub struct Messages<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl Messages<'_> {
    /// Sends a message, or a whole request (owned or borrowed), and waits for the agent's whole
    /// reply (`send_message`).
    pub async fn send<'r>(
        &self,
        request: impl Into<Cow<'r, LettaRequest>>,
    ) -> Result<LettaResponse, LettaError> {
        let request = request.into();
        validate(&request)?;
        self.client
            .call(ops::send_message(&self.agent_id).json(&*request))
            .await
    }

    /// Sends a request and streams the reply as it is produced (`create_agent_message_stream`).
    /// See [`MessageStream`] for how errors and truncation are reported.
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
            .call_stream(ops::create_agent_message_stream(&self.agent_id).json(&*request))
            .await
    }

    /// Runs an agent step in the background and streams it, surviving dropped connections
    /// (Letta 0.16+ with Redis; `create_agent_message_stream` with `background: true`).
    ///
    /// The server keeps the run's events, numbered by `seq_id`; when the connection breaks the
    /// returned stream re-opens the run after the last event it delivered
    /// (`retrieve_stream_for_run`), so every event arrives once, in order. The step is sent once
    /// and never again. [`ResumableStream::run_id`] and [`ResumableStream::last_seq_id`] say where
    /// it is, to re-attach from elsewhere with [`Runs::attach`](crate::api::Runs::attach).
    ///
    /// A connection that breaks before the first event (the `ping` naming the run) leaves the
    /// step's outcome unknown: the error says so (its [`failure_class`](LettaError::failure_class)
    /// is `MayHaveRun`); find the run by the message's `otid` rather than sending again.
    ///
    /// Letta 0.7 has no background mode: against it this fails with
    /// [`LettaError::NotServed`] before sending.
    pub async fn stream_background<'r>(
        &self,
        request: impl Into<Cow<'r, LettaStreamingRequest>>,
    ) -> Result<ResumableStream, LettaError> {
        let mut request = request.into();
        validate(&request.request)?;
        let version = self.client.server_version().await?;
        if let Some(version) = version.filter(|v| v.api_level() == ApiLevel::V0_7) {
            let op = &ops::CREATE_AGENT_MESSAGE_STREAM;
            return Err(LettaError::NotServed {
                operation: op.id,
                method: op.method,
                path: op.path,
                server_version: version.to_string(),
                hint: "0.7.x has no background mode; resumable streams need Letta 0.16+ (with Redis)",
            });
        }
        request.to_mut().background = Some(true);
        let first = self
            .client
            .call_stream(ops::create_agent_message_stream(&self.agent_id).json(&*request))
            .await?;
        Ok(ResumableStream::new(self.client.clone(), first))
    }

    /// Starts an agent step in the background and returns its run at once
    /// (`create_agent_message_async`); poll the run for its outcome.
    pub async fn send_async<'r>(&self, request: impl Into<Cow<'r, LettaRequest>>) -> Result<Run, LettaError> {
        let request = request.into();
        validate(&request)?;
        self.client
            .call(ops::create_agent_message_async(&self.agent_id).json(&*request))
            .await
    }

    /// Lists one page of the conversation, oldest first (`list_messages`). Without cursors
    /// this is the newest `limit` stored messages.
    pub async fn list(&self, params: &ListMessagesParams) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .call(ops::list_messages(&self.agent_id).query(params))
            .await
    }

    /// The whole conversation, **newest first**, page by page as the stream is read
    /// (`list_messages`, walking backward with `before`; see [`crate::paging`] for why).
    /// `params.before` sets where to start; `params.after` is ignored; `params.limit` sets the page
    /// size (at least 10, so a page cannot consist only of items the server hides).
    pub fn list_all(&self, params: &ListMessagesParams) -> Paginated<LettaMessage> {
        let pages = list_pages(
            self.client,
            ops::list_messages(&self.agent_id).query(params),
            Walk::Backward,
            10,
            Order::AsAsked,
        );
        hide_reply_tool_returns(
            pages,
            reply_tool(params.use_assistant_message, &params.assistant_message_tool_name),
        )
    }

    /// Rewrites the content of a stored message (`modify_message`). 0.16.8 refuses every
    /// edit (405 "Message editing is no longer supported": a forked conversation shares its
    /// messages); 0.7.x serves it.
    pub async fn modify(
        &self,
        message_id: &MessageId,
        update: &MessageUpdate,
    ) -> Result<LettaMessage, LettaError> {
        self.client
            .call(ops::modify_message(&self.agent_id, message_id).json(update))
            .await
    }

    /// Clears the conversation (`reset_messages`); with `add_default_initial_messages` the
    /// server's greeting sequence is added back. Letta 0.7 takes the flag in the query, 0.16 in
    /// a JSON body: the client sends the shape the server's version takes.
    pub async fn reset(&self, add_default_initial_messages: bool) -> Result<AgentState, LettaError> {
        let request = ops::reset_messages(&self.agent_id);
        let request = if self.client.api_level().await?.is_v0_16_shape() {
            request.json(&serde_json::json!({ "add_default_initial_messages": add_default_initial_messages }))
        } else {
            request.query(&[("add_default_initial_messages", add_default_initial_messages)])
        };
        self.client.call(request).await
    }
}

/// Refuses a send with no message before anything is sent.
pub(crate) fn validate(request: &LettaRequest) -> Result<(), LettaError> {
    if request.messages.is_empty() && request.approvals.is_empty() && request.options.input.is_none() {
        return Err(LettaError::InvalidInput(
            "a send needs at least one message; build one with MessageCreate::user(..)".into(),
        ));
    }
    Ok(())
}
