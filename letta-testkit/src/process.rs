//! The child processes of a [`LettaServer`](crate::LettaServer): how the Letta server is started
//! (the same way every time, so it can be killed and started again on the same database and
//! port), the health check that says it is up, watchdogs, and stopping them all.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::server::{HarnessError, command, io, log_tail};

/// How the Letta server may take to answer its health check.
const READY_TIMEOUT: Duration = Duration::from_secs(180);
/// How often the Letta server polls running message batches (plus up to 10 s of jitter).
const BATCH_POLL_SECONDS: &str = "1";

/// Everything needed to start the Letta server process, again and again.
#[derive(Debug, Clone)]
pub(crate) struct LettaLaunch {
    pub(crate) venv: PathBuf,
    pub(crate) cache: PathBuf,
    pub(crate) run_dir: PathBuf,
    pub(crate) pg_uri: String,
    pub(crate) port: u16,
    /// The scripted LLM's OpenAI base URL and root URL.
    pub(crate) llm_base_url: String,
    pub(crate) llm_root_url: String,
    /// Redis's loopback port, for the releases that use it (0.16.8's background streams).
    pub(crate) redis_port: Option<u16>,
    /// Index of the Letta process in the supervisor's children (PostgreSQL, [Redis,] MCP,
    /// Letta, watchdogs).
    pub(crate) slot: usize,
}

impl LettaLaunch {
    pub(crate) fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Starts the process; its output is appended to `letta.log`.
    pub(crate) fn spawn(&self) -> Result<Child, HarnessError> {
        let home = self.run_dir.join("home");
        std::fs::create_dir_all(&home).map_err(io("creating the server's HOME"))?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.run_dir.join("letta.log"))
            .map_err(io("opening letta.log"))?;
        let log_err = log.try_clone().map_err(io("opening letta.log"))?;
        let mut letta = command(&self.venv.join("bin/letta"), false);
        letta
            .args(["server", "--host", "127.0.0.1", "--port", &self.port.to_string()])
            // Letta writes `openapi_letta.json` into its working directory at start.
            .current_dir(&self.run_dir)
            .env_clear()
            .env(
                "PATH",
                format!("{}:/usr/local/bin:/usr/bin:/bin", self.venv.join("bin").display()),
            )
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .env("LETTA_PG_URI", &self.pg_uri)
            // Any value: the embedding client refuses to start without one. The LLM is local.
            .env("OPENAI_API_KEY", "sk-letta-testkit")
            // The server's own OpenAI provider is the scripted LLM too: 0.7.29 embeds uploaded
            // source files with it (ignoring the source's `embedding_endpoint`), and lists its models.
            .env("OPENAI_API_BASE", &self.llm_base_url)
            // The voice endpoint builds its OpenAI client without a base URL, so the OpenAI SDK
            // reads this one (it ignores OPENAI_API_BASE); Letta's settings prefer it too.
            .env("OPENAI_BASE_URL", &self.llm_base_url)
            // Agents with endpoint type "anthropic" and the server's batch poller reach the scripted
            // LLM's Anthropic emulation through the Anthropic SDK, which reads these two.
            .env("ANTHROPIC_BASE_URL", &self.llm_root_url)
            .env("ANTHROPIC_API_KEY", crate::llm::ANTHROPIC_API_KEY)
            // Message batches: 0.7.x refuses them unless polling is on; the poller adds up to 10 s
            // of jitter to this interval.
            .env("LETTA_ENABLE_BATCH_JOB_POLLING", "true")
            .env(
                "LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS",
                BATCH_POLL_SECONDS,
            )
            // 0.16 refuses stdio MCP servers unless told otherwise, and remote ones on the
            // loopback always (its URL check wants a public address): the test MCP server is
            // reachable only as a stdio server there.
            .env("MCP_DISABLE_STDIO", "false")
            .env("TIKTOKEN_CACHE_DIR", self.cache.join("tiktoken"))
            .env("PYTHONUNBUFFERED", "1")
            .stdout(log)
            .stderr(log_err);
        if let Some(port) = self.redis_port {
            letta
                .env("LETTA_REDIS_HOST", "127.0.0.1")
                .env("LETTA_REDIS_PORT", port.to_string())
                // 0.16.8 opens a new database connection for every session unless told to pool;
                // under a test suite's load some of those connects stalled for the driver's 60 s
                // timeout (a 500 to the client). Pooled, its connections are reused. Pooling makes
                // it ask for TLS unless the URI says otherwise; this PostgreSQL has none.
                .env("LETTA_DISABLE_SQLALCHEMY_POOLING", "false")
                .env("LETTA_PG_URI", format!("{}?sslmode=disable", self.pg_uri));
        }
        letta.spawn().map_err(io("starting the Letta server"))
    }

    /// Waits until the server answers its health check; returns the version it reports.
    pub(crate) fn wait_healthy(&self, child: &mut Child) -> Result<String, HarnessError> {
        let started = Instant::now();
        loop {
            if let Some(version) = health(self.addr()) {
                return Ok(version);
            }
            let exited = child.try_wait().ok().flatten();
            if exited.is_some() || started.elapsed() > READY_TIMEOUT {
                return Err(HarnessError::NotReady {
                    what: format!(
                        "the Letta server{}",
                        exited.map(|s| format!(" (exited: {s})")).unwrap_or_default()
                    ),
                    after: started.elapsed(),
                    log: log_tail(&self.run_dir.join("letta.log")),
                });
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// Starts a watchdog that outlives this process: when this process is gone (the shared server
/// is never dropped, and a test binary can be killed), it kills the children's process groups.
/// The parent-death signal alone would end only the group leaders.
pub(crate) fn spawn_watchdog(children: &[Child]) -> Result<Child, HarnessError> {
    let groups: Vec<String> = children.iter().map(|c| c.id().to_string()).collect();
    // One `kill` per group: dash's builtin takes no `--`, and stops at the first missing group.
    let script = format!(
        "while kill -0 {} 2>/dev/null; do sleep 1; done; for g in {}; do kill -KILL -$g 2>/dev/null; done",
        std::process::id(),
        groups.join(" ")
    );
    use std::os::unix::process::CommandExt;
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(io("starting the watchdog"))
}

/// A minimal blocking `GET /v1/health/`; returns the version when the server is up.
fn health(addr: SocketAddr) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET /v1/health/ HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") && !head.starts_with("HTTP/1.0 200") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("version")?.as_str().map(str::to_owned)
}

/// SIGKILL to the group of the Letta process (at `slot`), and reaps it.
pub(crate) fn kill_letta(children: &mut [Child], slot: usize) {
    if let Some(letta) = children.get_mut(slot) {
        kill_group(letta);
        let _ = letta.kill();
        let _ = letta.wait();
    }
}

/// Starts the Letta process again in its slot, with a watchdog of its own; its pid once healthy.
pub(crate) fn start_letta(children: &mut Vec<Child>, launch: &LettaLaunch) -> Result<u32, HarnessError> {
    let mut letta = launch.spawn()?;
    let healthy = launch.wait_healthy(&mut letta);
    let pid = letta.id();
    let watchdog = spawn_watchdog(std::slice::from_ref(&letta));
    if let Some(slot) = children.get_mut(launch.slot) {
        *slot = letta;
    }
    // Watchdogs come last: an explicit stop ends them first.
    children.push(watchdog?);
    healthy.map(|_| pid)
}

/// Letta first (it holds database connections), then PostgreSQL.
pub(crate) fn stop_children(children: &mut Vec<Child>) {
    while let Some(mut child) = children.pop() {
        // SIGTERM: uvicorn shuts down; postgres does a "smart" shutdown, so use SIGINT ("fast").
        let signal = if children.is_empty() {
            libc::SIGINT
        } else {
            libc::SIGTERM
        };
        signal_child(&child, signal);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        kill_group(&child);
    }
}

fn signal_child(child: &Child, signal: libc::c_int) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        #[allow(unsafe_code)]
        // SAFETY: sending a signal to our own child's pid has no memory-safety requirements.
        unsafe {
            libc::kill(pid, signal);
        }
    }
}

/// Kills what is left of a child's process group (it leads one, see [`command`]).
fn kill_group(child: &Child) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        #[allow(unsafe_code)]
        // SAFETY: kill(2) on a process group we created has no memory-safety requirements.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}
