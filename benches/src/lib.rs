//! Shared code of the benchmarks: the loopback [`replay`] server of recorded Letta responses, and
//! process measurements ([`proc_stats`]).

pub mod proc_stats;
pub mod replay;
