//! Test harness for letta-rs: the real Letta server and a scripted LLM.
//!
//! - [`LettaServer`]: Letta 0.7.29 installed into a cached venv from the pinned
//!   `server/requirements-0.7.29.txt`, on its own PostgreSQL with pgvector, with an isolated
//!   `HOME`, free loopback ports and a clean stop.
//! - The same for Letta 0.16.8 ([`LettaServer::start_version`] with [`LettaRelease::V0_16_8`],
//!   [`shared_0_16`]): its own venv from `server/requirements-0.16.8.txt` (`server/install.sh
//!   0.16.8`, from PyPI, once), its schema from the Alembic migrations of its source
//!   distribution, and its own Redis (Debian's `redis-server`, which must be installed) for
//!   background streams. Its default agent type, `letta_v1_agent`, replies with the model's plain
//!   text; [`llm::ScriptedLlm::v1_agent_request`] builds one on the scripted LLM.
//! - [`llm::ScriptedLlm`]: an OpenAI-compatible server on loopback whose answers are decided by
//!   the conversation, so tests can assert exact content. It hands out typed agent requests and
//!   model configs that point at it: [`llm::ScriptedLlm::agent_request`],
//!   [`llm::ScriptedLlm::llm_config`], [`llm::ScriptedLlm::embedding_config`].
//! - An MCP test server (`server/mcp_server.py`, one tool `add(a, b)`) next to each Letta
//!   server: [`LettaServer::mcp_sse_url`], [`LettaServer::mcp_stdio_command`].
//! - [`shared`] (0.7.29), [`shared_0_16`] (0.16.8): one server per release and test binary,
//!   started on first use; [`shared_selected`], the one `LETTA_SERVER_VERSION` names (default
//!   0.7.29), for suites that run on each release; [`unique_name`] for names no other test uses.
//! - [`fault_proxy::FaultProxy`]: a loopback proxy that resets, delays, answers or cuts chosen
//!   requests, for fault tests against the real server.
//! - [`gate::Gate`]: a server tool that holds an agent's turn until the test opens it.
//! - [`fake_sends::FakeSends`]: a loopback stand-in for the send endpoint with a fixed latency, for
//!   runs too large for the real server (10,000-item fan-outs, scheduler benchmarks).
//!
//! Not published: it exists for this workspace's tests, examples and benchmarks.

mod database;
pub mod fake_sends;
pub mod fault_proxy;
pub mod gate;
pub mod llm;
mod mcp;
mod process;
mod redis;
mod release;
pub mod server;
mod shared;

pub use release::{LettaRelease, SERVER_VERSION_VAR};
pub use server::{
    HarnessError, LettaServer, shared, shared_0_16, shared_selected, try_shared, try_shared_0_16,
    try_shared_version,
};

/// `"{prefix}-{pid}-{n}"`, with `n` counting this process's calls: a name no other call in this
/// process, and no other process using the same server, hands out.
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
