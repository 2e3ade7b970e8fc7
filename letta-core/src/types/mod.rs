//! Request and response models, one file per resource group.
//!
//! Requests serialise only the fields the server's schema declares (0.7.x answers 422 to unknown
//! fields) and leave unset options out. Responses ignore fields this client does not know yet,
//! and enums keep unknown values in an `Other` variant instead of failing.
//!
//! Request types are `#[non_exhaustive]` (a field the server adds is not a breaking change) and
//! are built with their `builder()`: string fields take anything `Into<String>`, ID fields any
//! `Into` of their ID type, list fields any iterable of those.

// bon's `#[builder(on(String, into), on(AgentId, into))]` names `into` once per type.
#![allow(clippy::duplicated_attributes)]

#[macro_use]
mod macros;
pub mod admin;
pub mod agent;
pub mod agent_file;
pub mod agent_loop;
pub mod archive;
pub mod auth;
pub mod batch;
pub mod chat_completion;
pub mod cloud;
pub mod common;
pub mod composio;
pub mod content;
pub mod context;
pub mod conversation;
pub mod folder;
pub mod group;
pub mod health;
pub mod identity;
pub mod job;
pub mod mcp;
pub mod mcp_server;
pub mod memory;
pub mod message;
mod message_decode;
pub mod message_v0_16;
pub mod page;
pub mod passage;
pub mod provider;
mod redact;
pub mod replies;
mod request_wire;
pub mod run;
pub mod run_metrics;
pub mod sandbox;
pub mod send;
pub mod source;
pub mod step;
pub mod step_options;
pub mod stored_message;
pub mod tag;
pub mod time;
pub mod tool;
pub mod tool_rule;
pub mod tool_search;
pub mod voice;

pub use admin::*;
pub use agent::*;
pub use agent_file::*;
pub use agent_loop::*;
pub use archive::*;
pub use auth::*;
pub use batch::*;
pub use chat_completion::*;
pub use cloud::*;
pub use common::*;
pub use composio::*;
pub use content::*;
pub use context::*;
pub use conversation::*;
pub use folder::*;
pub use group::*;
pub use health::*;
pub use identity::*;
pub use job::*;
pub use mcp::*;
pub use mcp_server::*;
pub use memory::*;
pub use message::*;
pub use message_v0_16::*;
pub use page::*;
pub use passage::*;
pub use provider::*;
pub use replies::*;
pub use run::*;
pub use run_metrics::*;
pub use sandbox::*;
pub use send::*;
pub use source::*;
pub use step::*;
pub use step_options::*;
pub use stored_message::*;
pub use tag::*;
pub use time::Timestamp;
pub use tool::*;
pub use tool_rule::*;
pub use tool_search::*;
pub use voice::*;

/// Free-form JSON object. Fields stay JSON only where the content is not the server's to type:
/// user `metadata`, JSON Schemas (tool and MCP schemas), tool arguments, provider request and
/// response traces, and third-party (Composio) objects the server's schema leaves untyped.
/// Everything the schema types has a Rust type, with an `Other` fallback for unions.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
