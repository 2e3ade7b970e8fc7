//! Rust functions as tools of Letta agents: a [`ToolHost`] runs
//! [`#[letta_tool]`](macro@crate::letta_tool) functions for the Letta server, and a
//! [`ToolRegistry`] registers them on the server and attaches them to agents.
//!
//! # The route, and why
//!
//! Letta 0.7 runs tools as Python in its sandbox, and derives a tool's schema from Python
//! source. Each Rust tool is therefore registered as a Python stub with the same signature
//! (`ToolDefinition::python_stub`), whose body posts its arguments to the host and returns the
//! host's answer (the protocol is in [`letta_core::rust_tool`]). The alternative, an MCP server
//! over SSE, would make the tools MCP tools: Letta 0.7.29 keeps an MCP server's connection per
//! server process, has no per-agent secret, and lists MCP tools with schemas it does not
//! check. The stub route keeps them ordinary tools (attach, detach, tool rules, the
//! server-derived schema) and puts the host's URL and secret in the agent's tool environment
//! variables.
//!
//! - **Loopback by default**: the host listens on `127.0.0.1` on a free port.
//! - **A shared secret**: random per host (or given), compared in constant time; a call
//!   without it is refused before anything runs.
//! - **A per-call timeout**: past it the agent gets a time-out error and the call is abandoned.
//! - **Failures are tool errors**: a function's `Err`, a panic, a time-out or arguments that do
//!   not decode become an error tool return the agent sees; the host keeps running.

mod client;
mod host;
mod registry;

pub use client::{DEFAULT_MAX_ROUNDS, EquipError, ToolAgent, ToolRoute, ToolSendError};
pub use host::{STUB_TIMEOUT_CAP_SECS, ToolHost, ToolHostConfig, ToolHostError, ToolHostStats};
pub use registry::ToolRegistry;
