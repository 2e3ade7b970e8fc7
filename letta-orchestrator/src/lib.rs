//! Orchestration on top of [`letta_core`]: typed agent handles, batch fan-out, group runs,
//! workflows and middleware. Work in progress: so far it has the retry layer
//! ([`layers::retry::RetryLayer`]) and re-exports the client.

pub use letta_core;

pub mod layers;
