//! Middleware for the client's transport, as plain `tower` layers: add them with
//! [`ClientBuilder::layer`](letta_core::ClientBuilder::layer).

pub mod limit;
pub mod retry;
