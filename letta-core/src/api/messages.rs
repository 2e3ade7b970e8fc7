//! An agent's conversation (`/v1/agents/{agent_id}/messages...`).
//!
//! A send runs an agent step and is **not idempotent**: sending the same message twice runs the
//! agent twice (0.7.x does not deduplicate, not even by `otid`). Nothing here retries a send.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{LettaStreamingRequest, ListMessagesParams, MessageCreate};
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
//! let history = messages.list(&ListMessagesParams { limit: Some(20), ..Default::default() }).await?;
//! let run = messages.send_async(&MessageCreate::user("In the background").into()).await?;
//! # Ok(()) }
//! ```

use http::Method;

use crate::ids::{AgentId, MessageId};
use crate::paging::{Paginated, Walk, paginate};
use crate::stream::MessageStream;
use crate::types::{
    AgentState, LettaMessage, LettaRequest, LettaResponse, LettaStreamingRequest, ListMessagesParams,
    MessageCreate, MessageUpdate, Run,
};
use crate::{LettaClient, LettaError};

/// The conversation of one agent.
#[derive(Debug, Clone)]
pub struct Messages<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl Messages<'_> {
    fn path(&self, tail: &str) -> Result<String, LettaError> {
        Ok(format!("/v1/agents/{}/messages{tail}", self.agent_id.segment()?))
    }

    /// Sends one message and waits for the agent's whole reply (`send_message`).
    pub async fn send(&self, message: MessageCreate) -> Result<LettaResponse, LettaError> {
        self.send_request(&LettaRequest::from(message)).await
    }

    /// Sends a full request and waits for the agent's whole reply (`send_message`).
    pub async fn send_request(&self, request: &LettaRequest) -> Result<LettaResponse, LettaError> {
        validate(request)?;
        self.client.post(&self.path("")?, request).await
    }

    /// Sends a request and streams the reply as it is produced (`create_agent_message_stream`).
    /// See [`MessageStream`] for how errors and truncation are reported.
    pub async fn stream(&self, request: &LettaStreamingRequest) -> Result<MessageStream, LettaError> {
        validate(&request.request)?;
        let path = self.path("/stream")?;
        let body = self.client.post_stream(&path, request).await?;
        Ok(MessageStream::new(body, Method::POST, path))
    }

    /// Starts an agent step in the background and returns its run at once
    /// (`create_agent_message_async`); poll the run for its outcome.
    pub async fn send_async(&self, request: &LettaRequest) -> Result<Run, LettaError> {
        validate(request)?;
        self.client.post(&self.path("/async")?, request).await
    }

    /// Lists one page of the conversation, oldest first (`list_messages`).
    pub async fn list(&self, params: &ListMessagesParams) -> Result<Vec<LettaMessage>, LettaError> {
        self.client.get(&self.path("")?, &params.to_query()).await
    }

    /// The whole conversation, **newest first**, page by page as the stream is read
    /// (`list_messages`, walking backward with `before`; see [`crate::paging`] for why).
    /// `params.before` sets where to start; `params.after` is ignored; `params.limit` sets the page
    /// size (at least 10, so a page cannot consist only of items the server hides).
    pub fn list_all(&self, params: &ListMessagesParams) -> Paginated<LettaMessage> {
        let client = self.client.clone();
        let params = params.clone();
        let path = self.path("").map_err(|e| e.to_string());
        let page_size = params.limit.unwrap_or(50).max(10);
        paginate(
            Walk::Backward,
            params.before.clone(),
            page_size,
            move |before, limit| {
                let client = client.clone();
                let path = path.clone().map_err(LettaError::InvalidInput);
                let query = ListMessagesParams {
                    before,
                    after: None,
                    limit: Some(limit),
                    ..params.clone()
                }
                .to_query();
                async move { client.get(&path?, &query).await }
            },
        )
    }

    /// Rewrites the content of a stored message (`modify_message`).
    pub async fn modify(
        &self,
        message_id: &MessageId,
        update: &MessageUpdate,
    ) -> Result<LettaMessage, LettaError> {
        let path = self.path(&format!("/{}", message_id.segment()?))?;
        self.client.patch(&path, update).await
    }

    /// Clears the conversation (`reset_messages`); with `add_default_initial_messages` the
    /// server's greeting sequence is added back.
    pub async fn reset(&self, add_default_initial_messages: bool) -> Result<AgentState, LettaError> {
        let path = format!("/v1/agents/{}/reset-messages", self.agent_id.segment()?);
        self.client
            .call(
                Method::PATCH,
                &path,
                &vec![(
                    "add_default_initial_messages",
                    add_default_initial_messages.to_string(),
                )],
                crate::client::RequestBody::Empty,
            )
            .await
    }
}

fn validate(request: &LettaRequest) -> Result<(), LettaError> {
    if request.messages.is_empty() {
        return Err(LettaError::InvalidInput(
            "a send needs at least one message; build one with MessageCreate::user(..)".into(),
        ));
    }
    Ok(())
}
