//! Rust functions as tools of Letta agents: [`#[letta_tool]`](macro@crate::letta_tool)
//! functions in a [`ToolRegistry`], given to an agent by [`ToolRegistry::equip`], which returns
//! a [`ToolAgent`] whose sends run whole turns, tool calls included.
//!
//! # Two routes, and when to use which
//!
//! | | client-side tools ([`ToolRoute::ClientSide`]) | the tool host ([`ToolRoute::Host`]) |
//! | --- | --- | --- |
//! | servers | Letta 0.16+ (`letta_v1_agent` agents) | Letta 0.7 and 0.16 |
//! | [`equip`](ToolRegistry::equip) picks it for | `letta_v1_agent` agents on 0.16+ | every other agent (all of 0.7) |
//! | on the server | nothing: each send offers the tools' schemas | a Python stub per tool, attached to the agent, with the host's URL and secret in its tool variables |
//! | in this process | the function runs during the send | a loopback HTTP host the server's sandbox must reach |
//! | who can trigger the tools | sends made through the [`ToolAgent`] | every turn of the agent, whoever sends it (a batch, another process), while the host runs |
//! | tool rules, approvals by tool name | no (the tools are not the agent's) | yes |
//!
//! Use the default unless the tools must be there for every sender of the agent, or a tool
//! rule or approval must name them: then [`ToolRegistry::equip_via`] with [`ToolRoute::Host`].
//! On either route a function's `Err`, a panic, a time-out or arguments that do not decode
//! become an error tool return the agent sees.
//!
//! Client-side calls come back as calls waiting for the caller (an approval request, stop
//! reason `requires_approval`): the [`ToolAgent`] runs the function and answers with its
//! result, round after round until the turn ends (at most [`DEFAULT_MAX_ROUNDS`] rounds, else
//! [`ToolSendError::TooManyRounds`]). Each answer is a reconciled send: never blindly repeated.
//!
//! # The host route, and why
//!
//! Letta 0.7 runs tools as Python in its sandbox, and derives a tool's schema from Python
//! source (Letta 0.16 is given the schema, see [`ToolRegistry::register`]). Each Rust tool is therefore registered as a Python stub with the same signature
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
