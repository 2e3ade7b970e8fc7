//! The real Letta server (0.7.29 or 0.16.8) on its own PostgreSQL with pgvector, for end-to-end
//! tests.
//!
//! A [`LettaServer`] owns a run directory with a fresh database cluster and an isolated `HOME`,
//! a PostgreSQL server on a free loopback port, the Letta server on another, a
//! [`crate::llm::ScriptedLlm`] the agents talk to, and a tiny MCP server (`server/mcp_server.py`)
//! tests can register with Letta. A 0.16.8 server ([`LettaRelease::V0_16_8`]) also gets its own
//! Redis (Debian's `redis-server`, no persistence) for background streams.
//!
//! Processes are started from a supervisor thread that lives as long as the server, with a
//! parent-death signal (`setpriv --pdeathsig KILL`), so nothing survives the test binary even when
//! the shared server is never dropped. Dropping an owned server stops both processes gracefully
//! and removes its run directory.
//!
//! An owned server's Letta process can be killed ([`LettaServer::kill_letta`], SIGKILL) and
//! started again on the same database, port and scripted LLM
//! ([`LettaServer::start_letta_again`], [`LettaServer::restart_letta`]), for outage tests. Do
//! that only on a server of your own ([`LettaServer::start`]), never on [`shared`].

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::llm::ScriptedLlm;
use crate::process::{LettaLaunch, kill_letta, spawn_watchdog, start_letta, stop_children};
use crate::release::LettaRelease;
pub use crate::shared::{
    shared, shared_0_16, shared_selected, try_shared, try_shared_0_16, try_shared_version,
};

/// What can go wrong while starting the harness. Messages say what to look at.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The install script failed (venv, pip, tiktoken files).
    #[error("installing the Letta server failed: {0}")]
    Install(String),
    /// A command failed.
    #[error("{what} failed: {detail}")]
    Command {
        /// What was run.
        what: String,
        /// Its output or error.
        detail: String,
    },
    /// A server did not come up in time; `log` has the tail of its log.
    #[error("{what} did not become ready within {after:?}; last log lines:\n{log}")]
    NotReady {
        /// Which server.
        what: String,
        /// How long we waited.
        after: Duration,
        /// The tail of its log.
        log: String,
    },
    /// Filesystem or process error.
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
}

pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> HarnessError {
    let what = what.into();
    move |e| HarnessError::Io(what, e)
}

/// The unprivileged account PostgreSQL runs as when the tests run as root (it refuses root).
const PG_USER_ID: u32 = 65534;

/// A running Letta server with its database and scripted LLM.
pub struct LettaServer {
    pids: Mutex<Vec<u32>>,
    base_url: String,
    release: LettaRelease,
    version: String,
    llm: ScriptedLlm,
    run_dir: PathBuf,
    python: PathBuf,
    mcp_sse_url: String,
    control: Option<mpsc::Sender<Control>>,
}

/// What the owner asks of the supervisor thread.
enum Control {
    /// Stop everything; answered when done.
    Stop(mpsc::Sender<()>),
    /// Kill the Letta process (SIGKILL to its process group).
    KillLetta(mpsc::Sender<Result<(), HarnessError>>),
    /// Start the Letta process again; answered with its pid once it is healthy.
    StartLetta(mpsc::Sender<Result<u32, HarnessError>>),
}

impl std::fmt::Debug for LettaServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LettaServer")
            .field("base_url", &self.base_url)
            .field("version", &self.version)
            .field("run_dir", &self.run_dir)
            .finish()
    }
}

struct Started {
    pids: Vec<u32>,
    launch: LettaLaunch,
    base_url: String,
    release: LettaRelease,
    version: String,
    llm: ScriptedLlm,
    run_dir: PathBuf,
    python: PathBuf,
    mcp_sse_url: String,
}

impl LettaServer {
    /// Installs (once, cached) and starts a new Letta 0.7.29 server with its own database and
    /// LLM. Blocks until the server answers its health check.
    pub fn start() -> Result<LettaServer, HarnessError> {
        Self::start_version(LettaRelease::V0_7_29)
    }

    /// Installs (once, cached) and starts a new server of `release` with its own database, LLM
    /// (and, for 0.16.8, Redis). Blocks until the server answers its health check. The first
    /// install of 0.16.8 downloads its packages and source distribution from PyPI.
    pub fn start_version(release: LettaRelease) -> Result<LettaServer, HarnessError> {
        let (ready_tx, ready_rx) = mpsc::channel::<Result<Started, HarnessError>>();
        let (stop_tx, stop_rx) = mpsc::channel::<Control>();
        std::thread::Builder::new()
            .name("letta-testkit-supervisor".into())
            .spawn(move || supervise(release, ready_tx, stop_rx))
            .map_err(io("spawning the supervisor thread"))?;
        let started = ready_rx
            .recv()
            .map_err(|_| HarnessError::Install("the supervisor thread ended unexpectedly".into()))??;
        Ok(LettaServer {
            pids: Mutex::new(started.pids),
            base_url: started.base_url,
            release: started.release,
            version: started.version,
            llm: started.llm,
            run_dir: started.run_dir,
            python: started.python,
            mcp_sse_url: started.mcp_sse_url,
            control: Some(stop_tx),
        })
    }

    /// Kills the Letta server process with SIGKILL (its whole process group), as a crash would;
    /// returns once it is gone. PostgreSQL, the scripted LLM and the MCP server stay up. Start it
    /// again with [`LettaServer::start_letta_again`]. Killing it twice is harmless.
    ///
    /// # Errors
    ///
    /// Fails if the supervisor thread is gone.
    pub fn kill_letta(&self) -> Result<(), HarnessError> {
        self.ask(Control::KillLetta)?
    }

    /// Starts the Letta server process again, on the same database, port and scripted LLM (a
    /// running one is killed first); blocks until it answers its health check.
    ///
    /// # Errors
    ///
    /// Fails if it does not come up healthy (the error has the tail of its log), or the
    /// supervisor thread is gone.
    pub fn start_letta_again(&self) -> Result<(), HarnessError> {
        let pid = self.ask(Control::StartLetta)??;
        let mut pids = self.pids.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(letta) = pids.get_mut(1) {
            *letta = pid;
        }
        Ok(())
    }

    /// [`kill_letta`](Self::kill_letta) then [`start_letta_again`](Self::start_letta_again).
    ///
    /// # Errors
    ///
    /// As those two.
    pub fn restart_letta(&self) -> Result<(), HarnessError> {
        self.kill_letta()?;
        self.start_letta_again()
    }

    fn ask<T>(&self, make: impl FnOnce(mpsc::Sender<T>) -> Control) -> Result<T, HarnessError> {
        let gone = || HarnessError::Install("the supervisor thread is gone".into());
        let control = self.control.as_ref().ok_or_else(gone)?;
        let (tx, rx) = mpsc::channel();
        control.send(make(tx)).map_err(|_| gone())?;
        rx.recv().map_err(|_| gone())
    }

    /// Base URL of the Letta server, e.g. `http://127.0.0.1:40123`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Version the server reported, e.g. `0.7.29`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The release this server runs.
    pub fn release(&self) -> LettaRelease {
        self.release
    }

    /// The scripted LLM the server's agents should use.
    pub fn llm(&self) -> &ScriptedLlm {
        &self.llm
    }

    /// Process IDs of the PostgreSQL server, the Letta server (the current one, after a
    /// restart) and the MCP test server (in that order), then, on 0.16.8, the Redis server.
    pub fn process_ids(&self) -> Vec<u32> {
        self.pids.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// URL of the MCP test server's SSE endpoint (`http://127.0.0.1:PORT/sse`), for an
    /// `SSEServerConfig` (`PUT /v1/tools/mcp/servers`). It offers one tool, `add(a, b)`, which
    /// returns the sum of two integers.
    pub fn mcp_sse_url(&self) -> &str {
        &self.mcp_sse_url
    }

    /// The command and arguments that run the same MCP test server on stdio, for a
    /// `StdioServerConfig`: the Letta venv's python and `server/mcp_server.py`.
    ///
    /// Letta 0.7.29's own stdio transport does not work with the `mcp` 1.30 package it is
    /// installed with (it passes bare JSON-RPC messages where `mcp` now expects session
    /// messages, and the session closes during `initialize`), so registering this fails with a
    /// 500; [`mcp_sse_url`](Self::mcp_sse_url) works.
    pub fn mcp_stdio_command(&self) -> (String, Vec<String>) {
        (
            self.python.display().to_string(),
            vec![crate::mcp::script().display().to_string()],
        )
    }

    /// Where this server keeps its database, `HOME` and logs.
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    /// The Letta server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.run_dir.join("letta.log")).unwrap_or_default()
    }
}

impl Drop for LettaServer {
    fn drop(&mut self) {
        if let Some(control) = self.control.take() {
            let (done_tx, done_rx) = mpsc::channel();
            if control.send(Control::Stop(done_tx)).is_ok() {
                let _ = done_rx.recv_timeout(Duration::from_secs(30));
            }
        }
    }
}

/// Runs on the supervisor thread: starts everything, reports, then serves the owner's requests
/// until it asks to stop. Children are started from this thread only: their parent-death
/// signal fires when the thread that started them ends.
fn supervise(
    release: LettaRelease,
    ready: mpsc::Sender<Result<Started, HarnessError>>,
    control: mpsc::Receiver<Control>,
) {
    let mut children = Vec::new();
    let result = start_all(release, &mut children);
    let run_dir = result.as_ref().ok().map(|s| s.run_dir.clone());
    let launch = result.as_ref().ok().map(|s| s.launch.clone());
    let _ = ready.send(result);
    if let Some(launch) = launch {
        // Blocks until the owner asks to stop; for the shared server, until the process exits
        // (then the parent-death signal ends the children).
        while let Ok(request) = control.recv() {
            match request {
                Control::Stop(done) => {
                    stop_children(&mut children);
                    if let Some(dir) = &run_dir {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                    let _ = done.send(());
                    return;
                }
                Control::KillLetta(done) => {
                    kill_letta(&mut children, launch.slot);
                    let _ = done.send(Ok(()));
                }
                Control::StartLetta(done) => {
                    kill_letta(&mut children, launch.slot);
                    let _ = done.send(start_letta(&mut children, &launch));
                }
            }
        }
    }
    stop_children(&mut children);
    if let Some(dir) = &run_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn cache_root() -> PathBuf {
    match std::env::var_os("LETTA_TESTKIT_CACHE") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        #[allow(unsafe_code)]
        // SAFETY: getuid has no preconditions.
        _ => PathBuf::from(format!("/var/tmp/letta-testkit-{}", unsafe { libc::getuid() })),
    }
}

fn is_root() -> bool {
    #[allow(unsafe_code)]
    // SAFETY: geteuid has no preconditions.
    unsafe {
        libc::geteuid() == 0
    }
}

fn pid_alive(pid: i32) -> bool {
    #[allow(unsafe_code)]
    // SAFETY: signal 0 only checks that the process exists.
    unsafe {
        libc::kill(pid, 0) == 0
    }
}

/// Runs the install script for `release` and returns the venv path.
fn install(release: LettaRelease) -> Result<PathBuf, HarnessError> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("server/install.sh");
    let output = Command::new("bash")
        .arg(&script)
        .arg(release.as_str())
        .env("LETTA_TESTKIT_CACHE", cache_root())
        .stdin(Stdio::null())
        .output()
        .map_err(io(format!("running {}", script.display())))?;
    if !output.status.success() {
        return Err(HarnessError::Install(format!(
            "{} exited with {}:\n{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let venv = stdout.lines().last().unwrap_or("").trim().to_owned();
    if venv.is_empty() {
        return Err(HarnessError::Install(
            "the install script printed no venv path".into(),
        ));
    }
    Ok(PathBuf::from(venv))
}

/// Removes run directories left by test binaries that are gone.
fn sweep_stale_runs(runs: &Path) {
    let Ok(entries) = std::fs::read_dir(runs) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_string_lossy()
            .split('-')
            .next()
            .and_then(|p| p.parse::<i32>().ok());
        if let Some(pid) = pid {
            if !pid_alive(pid) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

pub(crate) fn free_port() -> Result<u16, HarnessError> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(io("finding a free port"))?;
    Ok(listener.local_addr().map_err(io("finding a free port"))?.port())
}

/// `setpriv` wrapper: parent-death signal, and the unprivileged user when `as_pg_user`.
pub(crate) fn command(program: &Path, as_pg_user: bool) -> Command {
    let mut cmd = Command::new("setpriv");
    cmd.arg("--pdeathsig").arg("KILL");
    if as_pg_user && is_root() {
        cmd.arg(format!("--reuid={PG_USER_ID}"))
            .arg(format!("--regid={PG_USER_ID}"))
            .arg("--clear-groups");
    }
    cmd.arg(program).stdin(Stdio::null());
    // Each server leads its own process group, so stopping it also stops what it started
    // (Letta's multiprocessing helpers, PostgreSQL's backends).
    cmd.process_group(0);
    cmd
}

pub(crate) fn run(mut cmd: Command, what: &str) -> Result<String, HarnessError> {
    let output = cmd.output().map_err(io(what.to_owned()))?;
    if !output.status.success() {
        return Err(HarnessError::Command {
            what: what.to_owned(),
            detail: format!(
                "{}\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub(crate) fn chown_to_pg_user(path: &Path) -> Result<(), HarnessError> {
    if is_root() {
        std::os::unix::fs::chown(path, Some(PG_USER_ID), Some(PG_USER_ID))
            .map_err(io(format!("chown {}", path.display())))?;
    }
    Ok(())
}

pub(crate) fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

static RUN_COUNTER: AtomicUsize = AtomicUsize::new(0);

fn start_all(release: LettaRelease, children: &mut Vec<Child>) -> Result<Started, HarnessError> {
    let venv = install(release)?;
    let cache = cache_root();
    let runs = cache.join("run");
    std::fs::create_dir_all(&runs).map_err(io(format!("creating {}", runs.display())))?;
    sweep_stale_runs(&runs);
    // An optional tag (LETTA_TESTKIT_RUN_TAG) lets a CI script find the processes of its own run.
    let tag = std::env::var("LETTA_TESTKIT_RUN_TAG")
        .ok()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|t| format!("-{t}"))
        .unwrap_or_default();
    let run_dir = runs.join(format!(
        "{}-{}{tag}",
        std::process::id(),
        RUN_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&run_dir);
    std::fs::create_dir_all(&run_dir).map_err(io(format!("creating {}", run_dir.display())))?;
    let result = start_in(release, children, &venv, &cache, &run_dir);
    if result.is_err() {
        stop_children(children);
    }
    result
}

fn start_in(
    release: LettaRelease,
    children: &mut Vec<Child>,
    venv: &Path,
    cache: &Path,
    run_dir: &Path,
) -> Result<Started, HarnessError> {
    let pg_dir = run_dir.join("pg");
    std::fs::create_dir_all(&pg_dir).map_err(io("creating the database directory"))?;
    chown_to_pg_user(&pg_dir)?;
    let data = pg_dir.join("data");
    // A copy of a database that already holds the schema: creating it (initdb, then Letta's
    // schema) takes seconds, copying it a fraction of one.
    let template = crate::database::template(release, venv, cache)?;
    crate::database::copy(&template, &data)?;
    let pg_port = free_port()?;
    let postgres = crate::database::start(venv, &data, &pg_dir, pg_port, &run_dir.join("postgres.log"))?;
    children.push(postgres);
    crate::database::wait_ready(venv, pg_port, &run_dir.join("postgres.log"))?;
    let pg_uri = crate::database::uri(pg_port);

    // Up before Letta, which connects at start; stopped after it (children stop in reverse).
    let redis = if release.needs_redis() {
        let redis = crate::redis::RedisTestServer::spawn(run_dir)?;
        children.push(redis.child);
        crate::mcp::wait_for_port(redis.port, "Redis", &redis.log)?;
        Some(redis.port)
    } else {
        None
    };

    let llm = ScriptedLlm::start().map_err(io("starting the scripted LLM"))?;

    // Started before Letta so it is up by the time Letta is; stopped after Letta (children
    // stop in reverse order).
    let python = venv.join("bin/python");
    let mcp = crate::mcp::McpTestServer::spawn(&python, run_dir)?;
    children.push(mcp.child);

    let launch = LettaLaunch {
        venv: venv.to_owned(),
        cache: cache.to_owned(),
        run_dir: run_dir.to_owned(),
        pg_uri,
        port: free_port()?,
        llm_base_url: llm.base_url(),
        llm_root_url: llm.root_url(),
        redis_port: redis,
        slot: children.len(),
    };
    children.push(launch.spawn()?);
    let addr = launch.addr();
    let version = match children.last_mut() {
        Some(letta) => launch.wait_healthy(letta)?,
        None => unreachable!("the Letta process was just pushed"),
    };
    if version != release.as_str() {
        return Err(HarnessError::Install(format!(
            "the server in {} reports version {version}, not {release}; remove that venv so the \
             install script builds it again",
            venv.display()
        )));
    }
    crate::mcp::wait_for_port(mcp.port, "the MCP test server", &mcp.log)?;
    // children: PostgreSQL, [Redis,] MCP, Letta; reported as PostgreSQL, Letta, MCP[, Redis].
    let ids: Vec<u32> = children.iter().map(Child::id).collect();
    let pids = match ids.as_slice() {
        [postgres, mcp, letta] => vec![*postgres, *letta, *mcp],
        [postgres, redis, mcp, letta] => vec![*postgres, *letta, *mcp, *redis],
        _ => ids,
    };
    // Last in the list, so an explicit stop ends it first and it never fires.
    let watchdog = spawn_watchdog(children)?;
    children.push(watchdog);
    Ok(Started {
        pids,
        launch,
        base_url: format!("http://{addr}"),
        release,
        version,
        llm,
        run_dir: run_dir.to_owned(),
        python,
        mcp_sse_url: format!("http://127.0.0.1:{}/sse", mcp.port),
    })
}
