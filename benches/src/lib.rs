//! Shared code of the benchmarks: the loopback [`replay`] server of recorded Letta responses and
//! process measurements ([`proc_stats`]). The agents the benches create on the real server come
//! from the testkit (`letta_testkit::llm::ScriptedLlm::agent_request`).

pub mod proc_stats;
pub mod replay;
