//! This client (`letta_core::LettaClient`) side by side with a raw `reqwest` + `serde_json` loop
//! doing the same requests, on a loopback server replaying responses recorded from the real Letta
//! 0.7.29 server (`letta_benches::replay`), run in a separate process so this process's CPU time
//! is the clients' alone. The Rust crate `letta` 0.1.2 runs as a peer on the operations it can
//! decode ([`letta_rs`]); a client that cannot do an operation is tried once, and left out of it.
//!
//! `cargo bench -p letta-benches --bench clients`. For each operation and number in flight, the
//! clients run in interleaved rounds (a warm-up round each, then `BENCH_ROUNDS` rounds of
//! `BENCH_ROUND_MS` each, the order rotating every round), so machine noise falls on all of them
//! alike. A ratio between two clients is taken per round, between runs a few hundred milliseconds
//! apart, and reported as the median over the rounds with its range: a burst of noise moves one
//! round, not the verdict. It prints Markdown: the table, then each target with its ratio and
//! `met`/`not met`. Absolute figures are context only; the ratios are measured within this one
//! run. Nothing here asserts a timing. `BENCH_OPS` (comma-separated operation names) runs a few.
//!
//! The official Python SDK runs as a peer where a Python with it is found (`python.rs`); its
//! rounds (`PYTHON_ROUNDS`, at most `BENCH_ROUNDS`) follow the Rust clients' in each case, and
//! its ratios are taken over the whole run: they are tens of times apart, far beyond the noise.

mod letta_rs;
mod python;
mod raw;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use letta_benches::proc_stats::{context_switches, peak_rss, process_cpu};
use letta_benches::replay::{Fixtures, ReplayProcess, serve_if_requested};
use letta_core::LettaClient;
use raw::{Client, Op};

/// What one client did on one case: in one round, or summed over its rounds.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    requests: u64,
    events: u64,
    wall: Duration,
    cpu: Duration,
    /// Context switches of the process's threads.
    switches: u64,
}

impl Totals {
    fn per_sec(&self, n: u64) -> f64 {
        n as f64 / self.wall.as_secs_f64()
    }
    fn cpu_us_per_request(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.requests.max(1) as f64
    }
    fn switches_per_request(&self) -> f64 {
        self.switches as f64 / self.requests.max(1) as f64
    }
    /// Requests per second, or events per second for a stream.
    fn rate(&self, op: Op) -> f64 {
        if op == Op::Stream {
            self.per_sec(self.events)
        } else {
            self.per_sec(self.requests)
        }
    }
    fn add(&mut self, other: &Totals) {
        self.requests += other.requests;
        self.events += other.events;
        self.wall += other.wall;
        self.cpu += other.cpu;
        self.switches += other.switches;
    }
}

/// One client's rounds on one case.
#[derive(Debug, Default, Clone)]
struct Runs {
    rounds: Vec<Totals>,
}

impl Runs {
    fn total(&self) -> Totals {
        let mut sum = Totals::default();
        for round in &self.rounds {
            sum.add(round);
        }
        sum
    }
}

/// A ratio between two clients taken round by round: the median and the range.
#[derive(Debug, Clone, Copy)]
struct Ratio {
    median: f64,
    low: f64,
    high: f64,
}

impl Ratio {
    fn per_round(a: &Runs, b: &Runs, measure: impl Fn(&Totals) -> f64) -> Ratio {
        let mut ratios: Vec<f64> = a
            .rounds
            .iter()
            .zip(&b.rounds)
            .map(|(a, b)| measure(a) / measure(b))
            .collect();
        ratios.sort_by(f64::total_cmp);
        let n = ratios.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => ratios[n / 2],
            _ => (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0,
        };
        Ratio {
            median,
            low: ratios.first().copied().unwrap_or(f64::NAN),
            high: ratios.last().copied().unwrap_or(f64::NAN),
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.2}x ({:.2}-{:.2})", self.median, self.low, self.high)
    }
}

/// Runs `in_flight` request loops of `op` for `duration` and returns what they did.
async fn round(client: &Client, op: Op, in_flight: usize, duration: Duration) -> Totals {
    let requests = Arc::new(AtomicU64::new(0));
    let events = Arc::new(AtomicU64::new(0));
    let cpu_before = process_cpu();
    let switches_before = context_switches();
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::with_capacity(in_flight);
    for _ in 0..in_flight {
        let (client, requests, events) = (client.clone(), requests.clone(), events.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                let done = raw::once(&client, op).await;
                requests.fetch_add(1, Ordering::Relaxed);
                events.fetch_add(done.events, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.expect("request loop");
    }
    Totals {
        wall: started.elapsed(),
        cpu: process_cpu().saturating_sub(cpu_before),
        switches: context_switches().saturating_sub(switches_before),
        requests: requests.load(Ordering::Relaxed),
        events: events.load(Ordering::Relaxed),
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Whether `BENCH_OPS` (comma-separated operation names; all when unset) selects `op`.
fn selected(op: Op) -> bool {
    std::env::var("BENCH_OPS").map_or(true, |ops| ops.split(',').any(|o| o.trim() == op.name()))
}

struct Case {
    op: Op,
    in_flight: usize,
    /// One entry per client, in the order of `clients`.
    runs: Vec<Runs>,
    python: python::Case,
}

fn main() {
    serve_if_requested();
    let rounds = env_u64("BENCH_ROUNDS", 7);
    let round_time = Duration::from_millis(env_u64("BENCH_ROUND_MS", 500));
    // A Python stream round at 64 in flight lasts until every loop has finished a stream (about
    // half a minute here), so Python runs fewer rounds.
    let python_rounds = env_u64("PYTHON_ROUNDS", 3).min(rounds);
    let server = ReplayProcess::spawn().expect("replay server");
    let base = server.base_url();
    let fixtures = Fixtures::recorded();
    let sdk = python::Sdk::find();
    let stream_bytes = fixtures.long_stream().len() as f64;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let clients = [
        Client::Typed(LettaClient::new(base.clone()).expect("client")),
        // The default 300 s call timeout costs a timer per request; this shows how much.
        Client::TypedUntimed(
            LettaClient::builder()
                .base_url(base.clone())
                .timeout(None)
                .build()
                .expect("client"),
        ),
        Client::Raw(reqwest::Client::new(), base.clone()),
        Client::RawValue(reqwest::Client::new(), base.clone()),
        Client::LettaCrate(Box::new(letta_rs::LettaCrate::new(&base))),
    ];
    let mut cases = Vec::new();
    // (client index, operation, why it cannot): such a client is left out of that operation.
    let mut cannot: Vec<(usize, Op, String)> = Vec::new();
    runtime.block_on(async {
        for op in [Op::Retrieve, Op::List, Op::Send, Op::Stream] {
            if !selected(op) {
                continue;
            }
            for (i, client) in clients.iter().enumerate() {
                if let Some(why) = raw::probe(client, op).await {
                    eprintln!("clients: {} cannot {}: {why}", client.name(), op.name());
                    cannot.push((i, op, why));
                }
            }
            let can = |i: usize| !cannot.iter().any(|(c, o, _)| (*c, *o) == (i, op));
            for in_flight in [1, 64] {
                let mut runs = vec![Runs::default(); clients.len()];
                let warm_up = round_time / 2;
                for (i, client) in clients.iter().enumerate() {
                    if can(i) {
                        round(client, op, in_flight, warm_up).await;
                    }
                }
                let plan = python::Plan {
                    rounds: python_rounds,
                    round: round_time,
                    warm_up,
                };
                let mut python = python::Case::start(&sdk, &base, op, in_flight, plan);
                for r in 0..rounds as usize {
                    // Rotating who goes first keeps a steady drift from favouring one client.
                    for i in (0..clients.len()).map(|i| (i + r) % clients.len()) {
                        if can(i) {
                            let totals = round(&clients[i], op, in_flight, round_time).await;
                            runs[i].rounds.push(totals);
                        }
                    }
                    if (r as u64) < python_rounds {
                        python.round();
                    }
                }
                python.finish();
                eprintln!("clients: {} x{in_flight} done", op.name());
                cases.push(Case {
                    op,
                    in_flight,
                    runs,
                    python,
                });
            }
        }
    });
    drop(server);

    println!(
        "Replay server: a separate process on loopback; {rounds} rounds of {round_time:?} per client and case, interleaved (order rotating), after a warm-up round. Ratios: median over the rounds of the per-round ratio, range in brackets."
    );
    println!(
        "Fixture sizes: AgentState {} B, message page {} B, send response {} B, stream {} B ({} events).",
        fixtures.agent_state.len(),
        fixtures.messages_page.len(),
        fixtures.send_response.len(),
        stream_bytes,
        count_events(&fixtures),
    );
    println!();
    println!(
        "| operation | in flight | client | requests/s | events/s | MB/s | client CPU µs/request | context switches/request |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|");
    for case in &cases {
        let totals: Vec<Option<Totals>> = case
            .runs
            .iter()
            .map(|r| (!r.rounds.is_empty()).then(|| r.total()))
            .collect();
        let rust = clients
            .iter()
            .map(Client::name)
            .zip(totals.iter().map(Option::as_ref));
        let python = python::rows(&case.python).map(|(name, t)| (name, Some(t)));
        for (client, t) in rust.chain(python) {
            let Some(t) = t else {
                let row = format!("| {} | {} | {client} |", case.op.name(), case.in_flight);
                println!("{row} cannot (see below) | | | | |");
                continue;
            };
            let (events, mbs) = if case.op == Op::Stream {
                let mbs = t.per_sec(t.requests) * stream_bytes / 1e6;
                (format!("{:.0}", t.per_sec(t.events)), format!("{mbs:.1}"))
            } else {
                ("".into(), "".into())
            };
            // Only this process's threads are counted; the Python SDK runs in its own.
            let switches = if t.switches > 0 {
                format!("{:.2}", t.switches_per_request())
            } else {
                String::new()
            };
            println!(
                "| {} | {} | {client} | {:.0} | {events} | {mbs} | {:.1} | {switches} |",
                case.op.name(),
                case.in_flight,
                t.per_sec(t.requests),
                t.cpu_us_per_request(),
            );
        }
    }
    println!();
    println!("Targets: letta-core vs the raw typed loop (ratios from this run).");
    println!();
    println!("| operation | in flight | throughput ratio (>= 0.90) | | CPU/request ratio (<= 1.15) | |");
    println!("|---|---:|---:|---|---:|---|");
    let mut summaries = Vec::new();
    for case in &cases {
        let runs_of = |name: &str| {
            let i = clients.iter().position(|c| c.name() == name).expect("client");
            &case.runs[i]
        };
        let (typed, raw) = (runs_of("letta-core"), runs_of("raw typed"));
        let op = case.op;
        let throughput = Ratio::per_round(typed, raw, |t| t.rate(op));
        let cpu = Ratio::per_round(typed, raw, Totals::cpu_us_per_request);
        let targeted = case.op != Op::Send;
        let verdict = |ok: bool| {
            if !targeted {
                "(no target)"
            } else if ok {
                "met"
            } else {
                "not met"
            }
        };
        println!(
            "| {} | {} | {throughput} | {} | {cpu} | {} |",
            case.op.name(),
            case.in_flight,
            verdict(throughput.median >= 0.9),
            verdict(cpu.median <= 1.15),
        );
        if targeted {
            let both = throughput.median >= 0.9 && cpu.median <= 1.15;
            summaries.push(format!(
                "summary: | letta-core vs raw reqwest + serde loop: {} at {} in flight | throughput >= 0.90x, CPU/request <= 1.15x | {:.2}x, {:.2}x | {} |",
                case.op.name(),
                case.in_flight,
                throughput.median,
                cpu.median,
                if both { "met" } else { "not met" },
            ));
        }
    }
    // `benches/run` gathers `summary:` lines from every bench into one table.
    for line in &summaries {
        println!("{line}");
    }
    println!();
    let peer = clients.iter().position(|c| matches!(c, Client::LettaCrate(_)));
    if let Some(peer) = peer {
        let peer_cannot: Vec<(Op, String)> = cannot
            .iter()
            .filter(|(c, ..)| *c == peer)
            .map(|(_, op, why)| (*op, why.clone()))
            .collect();
        letta_rs::report(&cases, 0, peer, &peer_cannot);
    }
    let index_of = |name: &str| clients.iter().position(|c| c.name() == name).expect("client");
    let (core, raw) = (index_of("letta-core"), index_of("raw typed"));
    let totals: Vec<(Totals, Totals)> = cases
        .iter()
        .map(|c| (c.runs[core].total(), c.runs[raw].total()))
        .collect();
    let letta_core = cases
        .iter()
        .zip(&totals)
        .map(|(c, (core, raw))| (c.op, c.in_flight, core, raw, &c.python));
    python::report(&sdk, letta_core);
    println!();
    let peak = peak_rss().map_or("unknown".into(), |b| format!("{:.1} MB", b as f64 / 1e6));
    println!("Peak RSS of the client process (all clients, all cases; VmHWM): {peak}.");
}

fn count_events(fixtures: &Fixtures) -> usize {
    let all = fixtures.long_stream();
    all.windows(2).filter(|w| w == b"\n\n").count()
}
