//! OpenAI-compatible chat completions (`POST /v1/chat/completions`, Letta 0.16+): an agent
//! answers as if it were a model; the request's `model` is the agent's ID. Each call runs an
//! agent turn on the agent's last user message (the agent keeps its own history) and is never
//! retried. Letta 0.7.x does not serve it ([`LettaError::NotServed`]).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{ChatCompletionRequest, ChatMessage};
//!
//! let request = ChatCompletionRequest::new(&agent, [ChatMessage::user("Hi there")]);
//! let completion = client.chat_completions().create(&request).await?;
//! println!("{}", completion.text().unwrap_or(""));
//!
//! let mut chunks = client.chat_completions().stream(&request).await?;
//! while let Some(chunk) = chunks.next().await {
//!     print!("{}", chunk?.text().unwrap_or(""));
//! }
//! # Ok(()) }
//! ```

use std::borrow::Cow;

use super::ChatCompletionStream;
use crate::operations as ops;
use crate::types::{ChatCompletion, ChatCompletionRequest, ChatRole};
use crate::{LettaClient, LettaError};

/// OpenAI-compatible chat completions.
#[derive(Debug, Clone, Copy)]
pub struct ChatCompletions<'c> {
    pub(crate) client: &'c LettaClient,
}

impl ChatCompletions<'_> {
    /// Runs the agent named by `request.model` on the last user message and returns its whole
    /// answer (`create_chat_completion`, `stream` false).
    pub async fn create(&self, request: &ChatCompletionRequest) -> Result<ChatCompletion, LettaError> {
        let request = with_stream(request, false)?;
        self.client
            .call(ops::create_chat_completion().json(&*request))
            .await
    }

    /// The same, streamed as chat-completion chunks (`create_chat_completion`, `stream` true).
    pub async fn stream(&self, request: &ChatCompletionRequest) -> Result<ChatCompletionStream, LettaError> {
        let request = with_stream(request, true)?;
        let request = ops::create_chat_completion().json(&*request);
        super::voice::chunks(self.client, request).await
    }
}

/// Refuses a request the server would refuse (no user message, a model that is not an agent
/// ID) and sets `stream` as the method promises.
fn with_stream(
    request: &ChatCompletionRequest,
    stream: bool,
) -> Result<Cow<'_, ChatCompletionRequest>, LettaError> {
    if !request.messages.iter().any(|m| m.role == ChatRole::User) {
        return Err(LettaError::InvalidInput(
            "the agent answers the last user message; add one with ChatMessage::user(..)".into(),
        ));
    }
    if !request.model.starts_with("agent-") {
        return Err(LettaError::InvalidInput(format!(
            "`model` must be the answering agent's ID (agent-...), not {:?}; use ChatCompletionRequest::new(&agent_id, ..)",
            request.model
        )));
    }
    Ok(if request.stream == Some(stream) {
        Cow::Borrowed(request)
    } else {
        let mut owned = request.clone();
        owned.stream = Some(stream);
        Cow::Owned(owned)
    })
}
