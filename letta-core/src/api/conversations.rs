//! Conversations (`/v1/conversations`, Letta 0.16+): separate threads of one agent, each with
//! its own context window. Letta 0.7.x serves none of this ([`LettaError::NotServed`]).
//!
//! **Streamed sends are serialised per conversation.** A streamed send while another streamed
//! send of the same conversation runs is refused with 409: [`LettaError::Api`] with status 409,
//! which [`ConversationBusy::from_error`](crate::types::ConversationBusy::from_error)
//! recognises and which names the busy run. 0.16.8 takes no lock for [`Conversations::send`]
//! (`streaming: false`): such a send runs at once, beside a running turn. A send runs an agent
//! turn and is never retried by this client.
//!
//! **Re-attaching.** A send identifies itself by the `otid`s of its messages (the server hashes
//! them all into one request token), so give every message an `otid` to be able to find its run
//! again:
//! - Sending the very same streamed request again (same messages, same `otid`s,
//!   `background: true`) while its run is known does not run the agent again: the server
//!   answers with that run's stream, from its first event. This is the safe way to recover a
//!   send whose connection dropped before any event arrived.
//! - [`Conversations::retrieve_stream`] with the `run_id` (from a 409, a ping, or any event) or
//!   the `otid` of one of the send's messages streams the run's events after `starting_after`.
//! - [`crate::api::Runs::stream`] does the same by run ID from any process.
//!
//! All of it needs the send to have run with `background: true` and Redis on the server; a
//! foreground send's events are not kept.
//!
//! A send while the agent waits for the caller's approval of a tool call is refused with 409
//! too (not a busy conversation: `ConversationBusy::from_error` gives `None`); answer the
//! request first with [`LettaRequest::answer`](crate::types::LettaRequest::answer).
//!
//! The conversation ID `default` with an `agent_id` addresses the agent's own thread (with the
//! same lock): `ConversationId::new("default")`.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::*;
//! use letta_core::StreamEvent;
//!
//! let conversations = client.conversations();
//! let conversation = conversations.create(&agent, &ConversationCreate::default()).await?;
//! let id = &conversation.id;
//! let reply = conversations.send(id, MessageCreate::user("Hello!")).await?;
//! println!("{:?}", reply.assistant_texts());
//!
//! let hi = MessageCreate::builder(MessageRole::User, "Hi again").otid("my-otid-1").build();
//! let mut request = LettaStreamingRequest::tokens(hi);
//! request.background = Some(true);
//! match conversations.stream(id, request).await {
//!     Ok(mut stream) => while let Some(event) = stream.next().await {
//!         if let StreamEvent::Message(message) = event? { println!("{}", message.message_type()); }
//!     },
//!     Err(error) => match ConversationBusy::from_error(&error) {
//!         // Another send is running: follow it instead.
//!         Some(_busy) => {
//!             let follow = RetrieveStreamRequest::builder().otid("my-otid-1").build();
//!             let _stream = conversations.retrieve_stream(id, &follow).await?;
//!         }
//!         None => return Err(error),
//!     },
//! }
//!
//! // A background send that survives a dropped connection (re-opened after its last event).
//! let mut resumable = conversations.stream_background(id, MessageCreate::user("Go on")).await?;
//! while let Some(event) = resumable.next().await {
//!     println!("{:?} {:?}", resumable.last_seq_id(), event?.seq_id());
//! }
//!
//! let same = conversations.retrieve(id).await?;
//! let listed = conversations.list(&ListConversationsParams::builder().agent_id(agent.clone()).build()).await?;
//! let every = conversations.list_all(&ListConversationsParams::default());
//! conversations.modify(id, &ConversationUpdate::builder().summary("Greetings").build()).await?;
//! let history = conversations.messages(id, &ListConversationMessagesParams::default()).await?;
//! let whole = conversations.messages_all(id, &ListConversationMessagesParams::default());
//! let payload = conversations.preview(id, MessageCreate::user("What would you send?")).await?;
//! let prompt = conversations.recompile(id, None, true).await?;
//! let compacted = conversations.compact(id, &ConversationCompaction::default()).await?;
//! let fork = conversations.fork(id, None).await?;
//! let cancelled = conversations.cancel(id, None).await?;
//! conversations.delete(&fork.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, ConversationId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::stream::{MessageStream, ResumableStream};
use crate::types::{
    CancelledRuns, CompactionResponse, Conversation, ConversationCompaction, ConversationCreate,
    ConversationMessageRequest, ConversationUpdate, JsonMap, LettaMessage, LettaResponse,
    ListConversationMessagesParams, ListConversationsParams, RetrieveStreamRequest,
};
use crate::{LettaClient, LettaError, Request};

/// Conversations.
#[derive(Debug, Clone, Copy)]
pub struct Conversations<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Conversations<'_> {
    /// Starts a conversation with an agent (`create_conversation`).
    pub async fn create(
        &self,
        agent_id: &AgentId,
        request: &ConversationCreate,
    ) -> Result<Conversation, LettaError> {
        let query = [("agent_id", agent_id.as_str())];
        self.client
            .call(ops::create_conversation().query(&query).json(request))
            .await
    }

    /// Fetches a conversation (`retrieve_conversation`).
    pub async fn retrieve(&self, conversation_id: &ConversationId) -> Result<Conversation, LettaError> {
        self.client
            .call(ops::retrieve_conversation(conversation_id))
            .await
    }

    /// Lists one page of conversations, of one agent or of all, newest first unless
    /// `params.order` says otherwise (`list_conversations`).
    pub async fn list(&self, params: &ListConversationsParams) -> Result<Vec<Conversation>, LettaError> {
        self.client.call(ops::list_conversations().query(params)).await
    }

    /// Every conversation the filters select, page by page as the stream is read, in the order
    /// `params.order` asks (`list_conversations`, continuing `after` the last of each page).
    pub fn list_all(&self, params: &ListConversationsParams) -> Paginated<Conversation> {
        list_pages(
            self.client,
            ops::list_conversations().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Changes a conversation's summary or model (`update_conversation`).
    pub async fn modify(
        &self,
        conversation_id: &ConversationId,
        update: &ConversationUpdate,
    ) -> Result<Conversation, LettaError> {
        self.client
            .call(ops::update_conversation(conversation_id).json(update))
            .await
    }

    /// Deletes a conversation (`delete_conversation`).
    pub async fn delete(&self, conversation_id: &ConversationId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_conversation(conversation_id))
            .await
            .map(drop)
    }

    /// Sends messages and waits for the agent's whole reply (`send_conversation_message` with
    /// `streaming: false`). 0.16.8 does not lock the conversation for it: it runs even while
    /// a streamed send runs (see the module docs). Never retried.
    pub async fn send(
        &self,
        conversation_id: &ConversationId,
        request: impl Into<ConversationMessageRequest>,
    ) -> Result<LettaResponse, LettaError> {
        let mut request = request.into();
        super::messages::validate(&request.request.request)?;
        request.request.streaming = Some(false);
        self.client
            .call(ops::send_conversation_message(conversation_id).json(&request))
            .await
    }

    /// Sends messages and streams the reply as it is produced (`send_conversation_message` with
    /// `streaming: true`). With `background: true` the run outlives a dropped connection and
    /// its events can be read again from any `seq_id` ([`Conversations::retrieve_stream`],
    /// [`crate::api::Runs::stream`]). A busy conversation answers 409; never retried.
    pub async fn stream(
        &self,
        conversation_id: &ConversationId,
        request: impl Into<ConversationMessageRequest>,
    ) -> Result<MessageStream, LettaError> {
        let mut request = request.into();
        super::messages::validate(&request.request.request)?;
        request.request.streaming = Some(true);
        self.client
            .call_stream(ops::send_conversation_message(conversation_id).json(&request))
            .await
    }

    /// Sends messages with `background: true` and streams the reply, surviving dropped
    /// connections (`send_conversation_message`): when the connection breaks, the stream
    /// re-opens the run after the last event it delivered ([`crate::api::Runs::attach`]), so
    /// every event arrives once, in order. The send is made once; a busy conversation answers
    /// 409 ([`ConversationBusy`](crate::types::ConversationBusy)); never retried. Sending the
    /// same request again (same `otid`s) while its run is known re-opens that run instead of
    /// running the agent again (see the module docs).
    pub async fn stream_background(
        &self,
        conversation_id: &ConversationId,
        request: impl Into<ConversationMessageRequest>,
    ) -> Result<ResumableStream, LettaError> {
        let mut request = request.into();
        request.request.background = Some(true);
        let first = self.stream(conversation_id, request).await?;
        Ok(ResumableStream::new(self.client.clone(), first))
    }

    /// Re-attaches to a run of the conversation and streams its events after
    /// `request.starting_after` (`retrieve_conversation_stream`): the run `request.run_id`, or
    /// the run of the send whose message had `request.otid`, or else the conversation's
    /// newest run. Only background runs can be re-read; the server answers 404 for a run it
    /// has no stream of, 503 without Redis.
    pub async fn retrieve_stream(
        &self,
        conversation_id: &ConversationId,
        request: &RetrieveStreamRequest,
    ) -> Result<MessageStream, LettaError> {
        self.client
            .call_stream(ops::retrieve_conversation_stream(conversation_id).json(request))
            .await
    }

    /// Lists one page of the conversation's messages, newest first unless `params.order` says
    /// otherwise (`list_conversation_messages`).
    pub async fn messages(
        &self,
        conversation_id: &ConversationId,
        params: &ListConversationMessagesParams,
    ) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .call(ops::list_conversation_messages(conversation_id).query(params))
            .await
    }

    /// Every message of the conversation, **oldest first**, page by page as the stream is read
    /// (`list_conversation_messages`); `params.order` and `params.before` are ignored. Only an
    /// empty page ends the walk (`limit` counts stored messages, which can list as several
    /// items or none).
    pub fn messages_all(
        &self,
        conversation_id: &ConversationId,
        params: &ListConversationMessagesParams,
    ) -> Paginated<LettaMessage> {
        list_pages(
            self.client,
            ops::list_conversation_messages(conversation_id).query(params),
            Walk::ForwardToEmpty,
            1,
            Order::Force("order", "asc"),
        )
    }

    /// The request the agent would send to its model for these messages, without running
    /// anything (`preview_conversation_model_request`); the provider's own JSON.
    pub async fn preview(
        &self,
        conversation_id: &ConversationId,
        request: impl Into<ConversationMessageRequest>,
    ) -> Result<JsonMap, LettaError> {
        let request = request.into();
        super::messages::validate(&request.request.request)?;
        self.client
            .call(ops::preview_conversation_model_request(conversation_id).json(&request))
            .await
    }

    /// Recompiles the conversation's system prompt from the current memory and returns it
    /// (`recompile_conversation`); with `dry_run` nothing is stored. `agent_id` is for the
    /// conversation ID `default`.
    pub async fn recompile(
        &self,
        conversation_id: &ConversationId,
        agent_id: Option<&AgentId>,
        dry_run: bool,
    ) -> Result<String, LettaError> {
        let body = ConversationCompaction {
            agent_id: agent_id.cloned(),
            compaction_settings: None,
        };
        self.client
            .call(
                ops::recompile_conversation(conversation_id)
                    .query(&[("dry_run", dry_run)])
                    .json(&body),
            )
            .await
    }

    /// Summarises the conversation's older messages to free its context window
    /// (`compact_conversation`).
    pub async fn compact(
        &self,
        conversation_id: &ConversationId,
        request: &ConversationCompaction,
    ) -> Result<CompactionResponse, LettaError> {
        self.client
            .call(ops::compact_conversation(conversation_id).json(request))
            .await
    }

    /// Copies the conversation, messages included, into a new one (`fork_conversation`).
    /// `agent_id` is for the conversation ID `default`.
    pub async fn fork(
        &self,
        conversation_id: &ConversationId,
        agent_id: Option<&AgentId>,
    ) -> Result<Conversation, LettaError> {
        self.client
            .call(for_agent(ops::fork_conversation(conversation_id), agent_id))
            .await
    }

    /// Cancels the conversation's unfinished runs (`cancel_conversation`): each run's outcome,
    /// `"cancelled"` or `"failed"`. The server answers 409 when none is running and 400 when
    /// it does not track runs. `agent_id` is for the conversation ID `default`.
    pub async fn cancel(
        &self,
        conversation_id: &ConversationId,
        agent_id: Option<&AgentId>,
    ) -> Result<CancelledRuns, LettaError> {
        self.client
            .call(for_agent(ops::cancel_conversation(conversation_id), agent_id))
            .await
    }
}

/// `request` with the `agent_id` query parameter of the conversation ID `default`, when given.
fn for_agent(request: Request, agent_id: Option<&AgentId>) -> Request {
    match agent_id {
        Some(id) => request.query(&[("agent_id", id.as_str())]),
        None => request,
    }
}
