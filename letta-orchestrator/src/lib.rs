//! Orchestration on top of [`letta_core`]: typed agent handles, batch fan-out, group runs,
//! workflows and middleware. Work in progress: for now it re-exports the client.

pub use letta_core;
