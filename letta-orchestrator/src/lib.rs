//! Orchestration on top of [`letta_core`]. Work in progress: so far it has middleware as plain
//! `tower` layers, the retry layer ([`layers::retry::RetryLayer`]) and the limit layer
//! ([`layers::limit::LimitLayer`]), and re-exports the client. Typed agent handles, batch
//! fan-out, group runs and workflows come next.

pub use letta_core;

pub mod layers;
pub mod reconcile;
