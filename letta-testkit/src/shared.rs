//! One server per release and test binary, started on first use and never dropped (its
//! processes end with the test binary, see [`crate::server`]).

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use crate::release::LettaRelease;
use crate::server::LettaServer;

static SHARED: OnceLock<Result<LettaServer, String>> = OnceLock::new();
static SHARED_0_16: OnceLock<Result<LettaServer, String>> = OnceLock::new();

/// The 0.7.29 server shared by every test of this test binary, started on first use.
///
/// # Panics
/// When the server cannot be started; the message says why (a harness failure fails the test).
pub fn shared() -> &'static LettaServer {
    match try_shared() {
        Ok(server) => server,
        Err(e) => panic!("letta-testkit: the shared Letta server could not start: {e}"),
    }
}

/// Like [`shared`], without panicking.
pub fn try_shared() -> Result<&'static LettaServer, String> {
    try_shared_version(LettaRelease::V0_7_29)
}

/// The 0.16.8 server shared by every test of this test binary, started on first use (beside the
/// 0.7.29 one of [`shared`], if that is used too).
///
/// # Panics
/// When the server cannot be started; the message says why (a harness failure fails the test).
pub fn shared_0_16() -> &'static LettaServer {
    match try_shared_0_16() {
        Ok(server) => server,
        Err(e) => panic!("letta-testkit: the shared Letta 0.16.8 server could not start: {e}"),
    }
}

/// Like [`shared_0_16`], without panicking.
pub fn try_shared_0_16() -> Result<&'static LettaServer, String> {
    try_shared_version(LettaRelease::V0_16_8)
}

/// The shared server of the release `LETTA_SERVER_VERSION` names ([`LettaRelease::from_env`],
/// 0.7.29 when unset): the orchestrator's end-to-end suites run on it, so one suite serves
/// both releases (`LETTA_SERVER_VERSION=0.16.8 cargo test -p letta-orchestrator`).
///
/// # Panics
/// When the variable names no release the testkit runs, or the server cannot be started; the
/// message says why.
pub fn shared_selected() -> &'static LettaServer {
    let started = LettaRelease::from_env().and_then(try_shared_version);
    match started {
        Ok(server) => server,
        Err(e) => panic!("letta-testkit: the shared Letta server could not start: {e}"),
    }
}

/// The server of `release` shared by every test of this test binary, started on first use:
/// [`try_shared`] or [`try_shared_0_16`] by value, for tests that run on each release.
pub fn try_shared_version(release: LettaRelease) -> Result<&'static LettaServer, String> {
    let cell = match release {
        LettaRelease::V0_7_29 => &SHARED,
        LettaRelease::V0_16_8 => &SHARED_0_16,
    };
    cell.get_or_init(|| {
            let began = Instant::now();
            let server = LettaServer::start_version(release).map_err(|e| e.to_string())?;
            // Written straight to stderr, past the test harness's output capture, so a test run
            // shows which real server it talked to.
            let _ = writeln!(
                std::io::stderr(),
                "letta-testkit: real Letta server {} ready at {} (PostgreSQL + pgvector{}, scripted LLM at {}) in {:.1?}",
                server.version(),
                server.base_url(),
                if release.needs_redis() { ", Redis" } else { "" },
                server.llm().base_url(),
                began.elapsed()
            );
            Ok(server)
        })
        .as_ref()
        .map_err(Clone::clone)
}
