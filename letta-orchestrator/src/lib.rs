//! Orchestration on top of [`letta_core`]. Work in progress: so far it has middleware as plain
//! `tower` layers, the retry layer ([`layers::retry::RetryLayer`]) and the limit layer
//! ([`layers::limit::LimitLayer`]), and re-exports the client. Typed agent handles, batch
//! fan-out, group runs and workflows come next.
//!
//! ```no_run
//! use letta_orchestrator::layers::RecommendedLayers;
//! use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
//!
//! # async fn run(agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! let client = letta_core::LettaClient::builder().recommended_layers().build()?;
//! let sender = ReconcilingSender::new(client, ReconcileConfig::default());
//! let outcome = sender.send(&agent, letta_core::types::MessageCreate::user("Hi")).await?;
//! println!("{:?}", outcome.assistant_texts());
//! # Ok(()) }
//! ```

pub use letta_core;

pub mod agent_ref;
pub mod batch;
pub mod group;
pub mod handle;
pub mod layers;
pub mod reconcile;
pub mod spec;

pub use agent_ref::AgentRef;
pub use handle::{AgentHandle, OutputError, Turn, TypedAgent};
pub use spec::AgentSpec;
