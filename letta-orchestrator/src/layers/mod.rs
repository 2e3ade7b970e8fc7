//! Middleware for the client's transport, as plain `tower` layers: add them with
//! [`ClientBuilder::layer`](letta_core::ClientBuilder::layer), or all of them in the documented
//! order with [`RecommendedLayers::recommended_layers`] (see [`stack`]).

pub mod limit;
pub mod retry;
pub mod stack;
pub mod trace;

pub use stack::RecommendedLayers;
