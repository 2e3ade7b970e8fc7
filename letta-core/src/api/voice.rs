//! The voice endpoint (`/v1/voice-beta/{agent_id}/chat/completions`): an OpenAI-style streamed
//! chat completion from a low-latency voice agent.
//!
//! The agent must be a `voice_convo_agent` in a `voice_sleeptime` group (create it with
//! `agent_type: voice_convo_agent` and `enable_sleeptime: true`), on an OpenAI model: 0.7.29
//! reaches the model with an OpenAI client built from the server's `OPENAI_API_KEY` and
//! `OPENAI_BASE_URL`, not from the agent's `llm_config` endpoint.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{ChatMessage, VoiceChatCompletionRequest};
//! let request = VoiceChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi there")]);
//! let mut chunks = client.voice().chat_completions(&agent, &request).await?;
//! while let Some(chunk) = chunks.next().await {
//!     print!("{}", chunk?.text().unwrap_or(""));
//! }
//! # Ok(()) }
//! ```

use std::pin::Pin;

use futures_core::Stream;
use futures_util::StreamExt;

use crate::error::StreamErrorKind;
use crate::ids::AgentId;
use crate::operations as ops;
use crate::stream::StreamEvent;
use crate::types::{ChatCompletionChunk, ChatRole, VoiceChatCompletionRequest};
use crate::{LettaClient, LettaError, Request};

/// The chunks of a streamed chat completion; ends after `[DONE]` or after the first error (an
/// in-band error frame, or a body cut short, as for [`crate::MessageStream`]).
pub type ChatCompletionStream = Pin<Box<dyn Stream<Item = Result<ChatCompletionChunk, LettaError>> + Send>>;

/// The voice endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Voice<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Voice<'_> {
    /// Sends the conversation's last user message to a voice agent and streams its answer as
    /// chat-completion chunks (`create_voice_chat_completions`).
    pub async fn chat_completions(
        &self,
        agent_id: &AgentId,
        request: &VoiceChatCompletionRequest,
    ) -> Result<ChatCompletionStream, LettaError> {
        match request.messages.last() {
            Some(last) if last.role == ChatRole::User => {}
            _ => {
                return Err(LettaError::InvalidInput(
                    "the voice agent answers the last message, which must be a user message; \
                     end the list with ChatMessage::user(..)"
                        .into(),
                ));
            }
        }
        if !request.stream {
            return Err(LettaError::InvalidInput(
                "the voice endpoint only streams; leave `stream` true".into(),
            ));
        }
        chunks(
            self.client,
            ops::create_voice_chat_completions(agent_id).json(request),
        )
        .await
    }
}

/// Sends a chat-completion `request` and reads its answer as chat-completion chunks.
pub(crate) async fn chunks(
    client: &LettaClient,
    request: Request,
) -> Result<ChatCompletionStream, LettaError> {
    let method = request.operation().http_method();
    let path = request.path().unwrap_or_default().to_owned();
    let events = client.call_stream(request).await?;
    let undecodable = move |reason: String, data: String| LettaError::Stream {
        method: method.clone(),
        path: path.clone(),
        kind: StreamErrorKind::Decode { reason, data },
    };
    Ok(events
        .map(move |event| match event? {
            // Chunks carry no `message_type`, so the event decoder passes them on as is.
            StreamEvent::Other(value) => serde_json::from_value::<ChatCompletionChunk>(value.clone())
                .map_err(|e| undecodable(e.to_string(), value.to_string())),
            other => Err(undecodable(
                "a Letta event where a chat-completion chunk was expected".into(),
                format!("{other:?}"),
            )),
        })
        .boxed())
}
