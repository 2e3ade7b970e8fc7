//! The official Python SDK (`letta-client`, issue 7 names 0.1.324) as a peer in the clients bench.
//!
//! It finds an interpreter that can import the SDK, runs `benches/python/letta_client_bench.py`
//! once per case and mode (sync: threads sharing one `Letta`; async: asyncio tasks on one
//! `AsyncLetta`) against the same replay server, starts each of its rounds on cue right after the
//! Rust clients' round so noise falls on all alike, and reports its rows and the target: letta-core
//! at least 25x the SDK's requests/s (events/s for the stream). Each SDK run is its own process, so
//! its CPU time is its own. Without Python or the SDK the bench still runs and says why.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::Totals;
use crate::raw::Op;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/letta_client_bench.py");
/// Where the testkit's `install.sh` makes its venvs (with `letta-client`) for Letta 0.7.29.
const TESTKIT_ROOT: &str = "/var/tmp";
const TARGET: f64 = 25.0;

/// How the SDK is driven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Sync,
    Async,
}

impl Mode {
    const ALL: [Mode; 2] = [Mode::Sync, Mode::Async];

    fn arg(self) -> &'static str {
        match self {
            Mode::Sync => "sync",
            Mode::Async => "async",
        }
    }

    /// The row label in the tables.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Sync => "Python sync",
            Mode::Async => "Python async",
        }
    }
}

/// An interpreter with the SDK, or why there is none.
#[derive(Debug)]
pub enum Sdk {
    Found { python: PathBuf, versions: String },
    Missing(String),
}

impl Sdk {
    /// `LETTA_BENCH_PYTHON` if set, else the newest testkit venv whose Python imports the SDK.
    pub fn find() -> Sdk {
        if let Some(python) = std::env::var_os("LETTA_BENCH_PYTHON") {
            let python = PathBuf::from(python);
            return match versions(&python) {
                Ok(versions) => Sdk::Found { python, versions },
                Err(why) => Sdk::Missing(format!("LETTA_BENCH_PYTHON={}: {why}", python.display())),
            };
        }
        let mut candidates = testkit_pythons();
        // Newest venv first: an older one may hold an outdated SDK.
        candidates.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        let mut failures = Vec::new();
        for (_, python) in candidates {
            match versions(&python) {
                Ok(versions) => return Sdk::Found { python, versions },
                Err(why) => failures.push(format!("{}: {why}", python.display())),
            }
        }
        if failures.is_empty() {
            Sdk::Missing(format!(
                "no {TESTKIT_ROOT}/letta-testkit-*/venv-0.7.29-*/bin/python; the testkit makes it on its first `cargo test`"
            ))
        } else {
            Sdk::Missing(failures.join("; "))
        }
    }
}

/// `/var/tmp/letta-testkit-*/venv-0.7.29-*/bin/python`, with the venv's modification time.
fn testkit_pythons() -> Vec<(std::time::SystemTime, PathBuf)> {
    let dirs = |path: &Path, prefix: &'static str| {
        std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .filter(move |e| e.file_name().to_string_lossy().starts_with(prefix))
            .map(|e| e.path())
    };
    dirs(Path::new(TESTKIT_ROOT), "letta-testkit-")
        .flat_map(|kit| dirs(&kit, "venv-0.7.29-").collect::<Vec<_>>())
        .filter_map(|venv| {
            let python = venv.join("bin/python");
            let modified = std::fs::metadata(&venv).and_then(|m| m.modified()).ok()?;
            python.exists().then_some((modified, python))
        })
        .collect()
}

/// Runs the script's `--version` (which imports everything it needs): `letta-client X, Python Y`.
fn versions(python: &Path) -> Result<String, String> {
    let out = Command::new(python)
        .args([SCRIPT, "--version"])
        .output()
        .map_err(|e| format!("cannot run: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("no output");
        return Err(format!("cannot import the SDK ({last})"));
    }
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("--version: {e}"))?;
    Ok(format!("letta-client {}, Python {}", v["letta_client"], v["python"]).replace('"', ""))
}

/// One SDK process on one case, waiting for its cue between rounds.
#[derive(Debug)]
struct Process {
    child: Child,
    cue: ChildStdin,
    lines: BufReader<ChildStdout>,
}

impl Process {
    fn next_line(&mut self) -> Result<Value, String> {
        let mut line = String::new();
        match self.lines.read_line(&mut line) {
            Ok(0) => Err("the script exited early (its error is on stderr)".into()),
            Ok(_) => serde_json::from_str(&line).map_err(|e| format!("bad line {line:?}: {e}")),
            Err(e) => Err(format!("reading the script's output: {e}")),
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one SDK mode did on one case.
#[derive(Debug)]
pub struct Peer {
    /// Sync or async.
    pub mode: Mode,
    /// Its rounds added up.
    pub totals: Totals,
    /// Why it stopped early, if it did.
    pub error: Option<String>,
    /// Peak RSS of its process, in bytes.
    pub peak_rss: Option<u64>,
    process: Option<Process>,
}

impl Peer {
    fn fail(&mut self, why: String) {
        self.error.get_or_insert(why);
        self.process = None;
    }
}

/// The SDK's runs on one case; empty when the SDK was not found.
#[derive(Debug, Default)]
pub struct Case {
    /// One per mode.
    pub peers: Vec<Peer>,
}

/// How long and how often a case runs.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub rounds: u64,
    pub round: Duration,
    pub warm_up: Duration,
}

impl Case {
    /// Starts one process per mode, one after the other, each doing its warm-up round before this
    /// returns, so no warm-up overlaps another client's work.
    pub fn start(sdk: &Sdk, base: &str, op: Op, in_flight: usize, plan: Plan) -> Case {
        let Sdk::Found { python, .. } = sdk else {
            return Case::default();
        };
        let peers = Mode::ALL
            .into_iter()
            .map(|mode| {
                let mut peer = Peer {
                    mode,
                    totals: Totals::default(),
                    error: None,
                    peak_rss: None,
                    process: None,
                };
                match spawn(python, base, op, in_flight, mode, plan) {
                    Ok(process) => peer.process = Some(process),
                    Err(why) => peer.fail(why),
                }
                peer
            })
            .collect();
        Case { peers }
    }

    /// Runs one round of each mode, one after the other.
    pub fn round(&mut self) {
        for peer in &mut self.peers {
            let Some(process) = peer.process.as_mut() else {
                continue;
            };
            let done = writeln!(process.cue)
                .and_then(|()| process.cue.flush())
                .map_err(|e| format!("cueing the script: {e}"))
                .and_then(|()| process.next_line());
            match done {
                Ok(line) => add_round(&mut peer.totals, &line),
                Err(why) => peer.fail(why),
            }
        }
    }

    /// Ends the processes (they end after their last round) and reads their peak RSS.
    pub fn finish(&mut self) {
        for peer in &mut self.peers {
            let Some(process) = peer.process.as_mut() else {
                continue;
            };
            match process.next_line() {
                Ok(line) => peer.peak_rss = line["peak_rss_bytes"].as_u64(),
                Err(why) => peer.fail(why),
            }
            peer.process = None;
        }
    }
}

fn spawn(python: &Path, base: &str, op: Op, n: usize, mode: Mode, plan: Plan) -> Result<Process, String> {
    let mut child = Command::new(python)
        .arg(SCRIPT)
        .args([
            "--base-url",
            base,
            "--op",
            op.name(),
            "--mode",
            mode.arg(),
            "--on-cue",
        ])
        .args([
            "--in-flight",
            &n.to_string(),
            "--rounds",
            &plan.rounds.to_string(),
        ])
        .args(["--round-ms", &plan.round.as_millis().to_string()])
        .args(["--warm-up-ms", &plan.warm_up.as_millis().to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    let mut process = Process {
        cue: child.stdin.take().expect("piped stdin"),
        lines: BufReader::new(child.stdout.take().expect("piped stdout")),
        child,
    };
    let ready = process.next_line()?;
    if ready["ready"] != Value::Bool(true) {
        return Err(format!("expected the ready line, got {ready}"));
    }
    Ok(process)
}

fn add_round(totals: &mut Totals, line: &Value) {
    let count = |key: &str| line[key].as_u64().unwrap_or(0);
    let secs = |key: &str| Duration::from_secs_f64(line[key].as_f64().unwrap_or(0.0));
    totals.requests += count("requests");
    totals.events += count("events");
    totals.wall += secs("wall_s");
    totals.cpu += secs("cpu_s");
}

/// The rows of a case for the main table: label and totals of each mode that ran.
pub fn rows(case: &Case) -> impl Iterator<Item = (&'static str, &Totals)> {
    case.peers
        .iter()
        .filter(|p| p.error.is_none())
        .map(|p| (p.mode.label(), &p.totals))
}

/// Prints what was run and the target table: letta-core's requests/s (events/s for the stream)
/// over each SDK mode's, per operation and in-flight count. `cases` pairs each case's letta-core
/// totals with the SDK's.
/// `cases` carries, per case, letta-core's totals and the raw typed loop's: the raw loop's ratio
/// is printed beside letta-core's as the bound any `reqwest` client has on this machine.
pub fn report<'a>(sdk: &Sdk, cases: impl IntoIterator<Item = (Op, usize, &'a Totals, &'a Totals, &'a Case)>) {
    let python = match sdk {
        Sdk::Found { python, versions } => format!("{versions} (`{}`)", python.display()),
        Sdk::Missing(why) => {
            println!("Python SDK: not run ({why}; set LETTA_BENCH_PYTHON to a Python with letta-client).");
            return;
        }
    };
    println!(
        "Targets: letta-core vs the official Python SDK, {python}: at least {TARGET}x its requests/s (events/s for the stream). `Python sync` is N threads sharing one `Letta`, `Python async` N asyncio tasks on one `AsyncLetta`; each mode runs in its own process, its rounds right after the Rust clients'."
    );
    println!();
    println!(
        "| operation | in flight | vs Python sync (>= {TARGET}x) | | vs Python async (>= {TARGET}x) | | raw typed loop vs Python sync / async |"
    );
    println!("|---|---:|---:|---|---:|---|---:|");
    let mut notes = Vec::new();
    let mut peak = [0u64; 2];
    // Per mode, the lowest ratio over the cases and where it was, for the summary.
    let mut lowest: [Option<(f64, String, f64)>; 2] = [None, None];
    for (op, in_flight, core, raw, case) in cases {
        let mut cells = String::new();
        let mut bounds = Vec::new();
        for (i, mode) in Mode::ALL.into_iter().enumerate() {
            let Some(peer) = case.peers.iter().find(|p| p.mode == mode) else {
                continue;
            };
            peak[i] = peak[i].max(peer.peak_rss.unwrap_or(0));
            if let Some(why) = &peer.error {
                cells.push_str(" not run | |");
                notes.push(format!("{} on {} x{in_flight}: {why}", mode.label(), op.name()));
                continue;
            }
            let t = &peer.totals;
            if op == Op::Stream
                && let Some(mismatch) = per_request_mismatch(core, t)
            {
                notes.push(format!("{} on {}: {mismatch}", mode.label(), op.name()));
            }
            let ratio = core.rate(op) / t.rate(op);
            let bound = raw.rate(op) / t.rate(op);
            let verdict = if ratio >= TARGET { "met" } else { "not met" };
            cells.push_str(&format!(" {ratio:.1}x | {verdict} |"));
            bounds.push(format!("{bound:.1}x"));
            if lowest[i].as_ref().is_none_or(|(low, ..)| ratio < *low) {
                let case = format!("{} at {in_flight} in flight", op.name());
                lowest[i] = Some((ratio, case, bound));
            }
        }
        println!("| {} | {in_flight} |{cells} {} |", op.name(), bounds.join(" / "));
    }
    println!();
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    println!(
        "Peak RSS of a Python SDK process (largest over the cases): sync {}, async {}.",
        mb(peak[0]),
        mb(peak[1])
    );
    for note in notes {
        println!("Note: {note}.");
    }
    for (mode, low) in Mode::ALL.into_iter().zip(lowest) {
        if let Some((ratio, case, bound)) = low {
            println!(
                "summary: | letta-core vs {}: requests/s (events/s for the stream), lowest over the cases ({case}) | >= {TARGET}x | {ratio:.1}x (raw reqwest loop {bound:.1}x) | {} |",
                mode.label(),
                if ratio >= TARGET { "met" } else { "not met" },
            );
        }
    }
}

/// The SDK must decode as many events per stream as letta-core, or it did less work.
fn per_request_mismatch(core: &Totals, python: &Totals) -> Option<String> {
    let per = |t: &Totals| t.events as f64 / t.requests.max(1) as f64;
    let (c, p) = (per(core), per(python));
    (c != p).then(|| format!("{p:.1} events per stream, letta-core {c:.1}"))
}
