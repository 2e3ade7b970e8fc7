//! Middleware for the client's transport, as plain `tower` layers: add them with
//! [`ClientBuilder::layer`](letta_core::ClientBuilder::layer), or all of them in the documented
//! order with [`RecommendedLayers::recommended_layers`] (see [`stack`]).

pub mod limit;
pub mod retry;
pub mod stack;
pub mod trace;

pub use stack::RecommendedLayers;

/// Which attempt of a request this is (1 for the first), set by the retry layer on each retry
/// and read by the trace layer. Absent means the first attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt(pub u32);
