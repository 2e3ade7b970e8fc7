//! Shared code of the benchmarks: the loopback [`replay`] server of recorded Letta responses,
//! process measurements ([`proc_stats`]), and the agent the benches create on the real server
//! ([`scripted`]).

pub mod proc_stats;
pub mod replay;
pub mod scripted;
