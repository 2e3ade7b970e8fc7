//! Orchestration on top of [`letta_core`]: middleware as `tower` layers (more to come: typed
//! agent handles, batch fan-out, group runs, workflows).

pub mod layers;

pub use letta_core;
