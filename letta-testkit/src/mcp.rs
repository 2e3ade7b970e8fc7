//! The MCP test server: `server/mcp_server.py`, a FastMCP server with one tool, `add(a, b)`,
//! run with the Letta venv's python. The harness starts it on SSE next to the Letta server.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use crate::server::{HarnessError, command, free_port, io, log_tail};

/// The script, in this crate's `server/` folder.
pub(crate) fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("server/mcp_server.py")
}

/// A started (not necessarily ready) MCP test server.
pub(crate) struct McpTestServer {
    pub(crate) child: Child,
    pub(crate) port: u16,
    pub(crate) log: PathBuf,
}

impl McpTestServer {
    /// Starts the SSE server on a free loopback port, logging to `run_dir/mcp.log`.
    pub(crate) fn spawn(python: &Path, run_dir: &Path) -> Result<Self, HarnessError> {
        let port = free_port()?;
        let log = run_dir.join("mcp.log");
        let out = std::fs::File::create(&log).map_err(io("creating mcp.log"))?;
        let err = out.try_clone().map_err(io("creating mcp.log"))?;
        let mut cmd = command(python, false);
        cmd.arg(script())
            .args(["--sse", &port.to_string()])
            // Unused by the script: it puts the run directory in the process's environment,
            // where CI looks for the processes of its run (see LETTA_TESTKIT_RUN_TAG).
            .env("LETTA_TESTKIT_MCP_LOG", &log)
            .current_dir(run_dir)
            .stdout(out)
            .stderr(err);
        let child = cmd.spawn().map_err(io("starting the MCP test server"))?;
        Ok(Self { child, port, log })
    }
}

/// Waits until something accepts connections on `port`.
pub(crate) fn wait_for_port(port: u16, what: &str, log: &Path) -> Result<(), HarnessError> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    let limit = Duration::from_secs(30);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if started.elapsed() > limit {
            return Err(HarnessError::NotReady {
                what: what.to_owned(),
                after: limit,
                log: log_tail(log),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}
