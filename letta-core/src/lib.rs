//! A typed async client for the [Letta](https://github.com/letta-ai/letta) REST API
//! (servers 0.7.x and 0.16, the shape of Letta Cloud's API; see [`ServerVersion`]): agents with
//! editable memory, archival memory, tools, streaming replies.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use letta_core::types::{AgentCreate, LettaStreamingRequest, MessageCreate};
//! use letta_core::{LettaClient, StreamEvent};
//!
//! # async fn run() -> Result<(), letta_core::LettaError> {
//! let client = LettaClient::from_env()?; // LETTA_BASE_URL, LETTA_API_KEY
//! let agent = client
//!     .agents()
//!     .create(
//!         &AgentCreate::builder()
//!             .name("helper")
//!             .model("openai/gpt-4o-mini")
//!             .embedding("openai/text-embedding-3-small")
//!             .build(),
//!     )
//!     .await?;
//! let mut stream = client
//!     .agents()
//!     .messages(&agent.id)
//!     .stream(&LettaStreamingRequest::tokens(MessageCreate::user("Hello!")))
//!     .await?;
//! while let Some(event) = stream.next().await {
//!     match event? {
//!         StreamEvent::Message(message) => println!("{message:?}"),
//!         StreamEvent::Usage(usage) => println!("{} tokens", usage.total_tokens),
//!         _ => {}
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Layout: [`LettaClient`] hands out one small handle per resource group ([`api`]); models live in
//! [`types`]; the transport is a [`tower::Service`] ([`transport`]) that middleware can wrap
//! (a client with no layers skips the service stack); every failure is a [`LettaError`] naming
//! the request.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
pub mod backoff;
mod client;
mod config;
mod encode;
pub mod error;
pub mod ids;
mod limits;
pub mod operations;
pub mod paging;
mod request;
pub mod rust_tool;
pub mod stream;
pub mod transport;
pub mod types;
mod version;
pub mod wait;

pub use client::LettaClient;
pub use config::{
    ApiKey, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_EVENT_BYTES,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_STREAM_IDLE_TIMEOUT, DEFAULT_TIMEOUT, ENV_API_KEY, ENV_BASE_URL,
};
pub use error::{ErrorOrigin, FailureClass, LettaError, StreamErrorKind};
pub use paging::Paginated;
pub use request::Request;
pub use stream::{MessageStream, Ping, StreamEvent};
pub use version::{ApiLevel, ServerVersion};

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
