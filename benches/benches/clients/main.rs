//! This client (`letta_core::LettaClient`) side by side with a raw `reqwest` + `serde_json` loop
//! doing the same requests, on a loopback server replaying responses recorded from the real Letta
//! 0.7.29 server (`letta_benches::replay`), run in a separate process so this process's CPU time
//! is the clients' alone.
//!
//! `cargo bench -p letta-benches --bench clients`. For each operation and number in flight, the
//! clients run in interleaved rounds (a warm-up round each, then `BENCH_ROUNDS` rounds of
//! `BENCH_ROUND_MS` each), so machine noise falls on all of them alike. It prints Markdown: the
//! table, then each target with its ratio and `met`/`not met`. Absolute figures are context only;
//! the ratios are measured within this one run. Nothing here asserts a timing.
//!
//! The official Python SDK runs as a peer where a Python with it is found (`python.rs`); its
//! rounds follow the Rust clients' in each case.

mod python;
mod raw;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use letta_benches::proc_stats::{peak_rss, process_cpu};
use letta_benches::replay::{Fixtures, ReplayProcess, serve_if_requested};
use letta_core::LettaClient;
use raw::{Client, Op};

/// Totals of one client on one case, over its rounds.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    requests: u64,
    events: u64,
    wall: Duration,
    cpu: Duration,
}

impl Totals {
    fn per_sec(&self, n: u64) -> f64 {
        n as f64 / self.wall.as_secs_f64()
    }
    fn cpu_us_per_request(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.requests.max(1) as f64
    }
}

/// Runs `in_flight` request loops of `op` for `duration` and adds what they did to `totals`.
async fn round(client: &Client, op: Op, in_flight: usize, duration: Duration, totals: &mut Totals) {
    let requests = Arc::new(AtomicU64::new(0));
    let events = Arc::new(AtomicU64::new(0));
    let cpu_before = process_cpu();
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
    totals.wall += started.elapsed();
    totals.cpu += process_cpu().saturating_sub(cpu_before);
    totals.requests += requests.load(Ordering::Relaxed);
    totals.events += events.load(Ordering::Relaxed);
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Case {
    op: Op,
    in_flight: usize,
    totals: Vec<Totals>,
    python: python::Case,
}

fn main() {
    serve_if_requested();
    let rounds = env_u64("BENCH_ROUNDS", 3);
    let round_time = Duration::from_millis(env_u64("BENCH_ROUND_MS", 1000));
    let server = ReplayProcess::spawn().expect("replay server");
    let base = server.base_url();
    let fixtures = Fixtures::recorded();
    let sdk = python::Sdk::find();
    let stream_bytes = fixtures.long_stream().len() as f64;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let clients = vec![
        Client::Typed(LettaClient::new(base.clone()).expect("client")),
        Client::Raw(reqwest::Client::new(), base.clone()),
        Client::RawValue(reqwest::Client::new(), base.clone()),
    ];
    let mut cases = Vec::new();
    runtime.block_on(async {
        for op in [Op::Retrieve, Op::List, Op::Send, Op::Stream] {
            for in_flight in [1, 64] {
                let mut totals = vec![Totals::default(); clients.len()];
                let warm_up = round_time / 4;
                for client in &clients {
                    round(client, op, in_flight, warm_up, &mut Totals::default()).await;
                }
                let plan = python::Plan {
                    rounds,
                    round: round_time,
                    warm_up,
                };
                let mut python = python::Case::start(&sdk, &base, op, in_flight, plan);
                for _ in 0..rounds {
                    for (client, totals) in clients.iter().zip(totals.iter_mut()) {
                        round(client, op, in_flight, round_time, totals).await;
                    }
                    python.round();
                }
                python.finish();
                eprintln!("clients: {} x{in_flight} done", op.name());
                cases.push(Case {
                    op,
                    in_flight,
                    totals,
                    python,
                });
            }
        }
    });
    drop(server);

    println!(
        "Replay server: a separate process on loopback; {rounds} rounds of {round_time:?} per client and case, interleaved, after a warm-up round."
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
    println!("| operation | in flight | client | requests/s | events/s | MB/s | client CPU µs/request |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    for case in &cases {
        let rust = clients.iter().map(Client::name).zip(&case.totals);
        for (client, t) in rust.chain(python::rows(&case.python)) {
            let (events, mbs) = if case.op == Op::Stream {
                let mbs = t.per_sec(t.requests) * stream_bytes / 1e6;
                (format!("{:.0}", t.per_sec(t.events)), format!("{mbs:.1}"))
            } else {
                ("".into(), "".into())
            };
            println!(
                "| {} | {} | {client} | {:.0} | {events} | {mbs} | {:.1} |",
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
    for case in &cases {
        let (typed, raw) = (&case.totals[0], &case.totals[1]);
        let throughput = if case.op == Op::Stream {
            typed.per_sec(typed.events) / raw.per_sec(raw.events)
        } else {
            typed.per_sec(typed.requests) / raw.per_sec(raw.requests)
        };
        let cpu = typed.cpu_us_per_request() / raw.cpu_us_per_request();
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
            "| {} | {} | {throughput:.2}x | {} | {cpu:.2}x | {} |",
            case.op.name(),
            case.in_flight,
            verdict(throughput >= 0.9),
            verdict(cpu <= 1.15),
        );
    }
    println!();
    let letta_core = cases.iter().map(|c| (c.op, c.in_flight, &c.totals[0], &c.python));
    python::report(&sdk, letta_core);
    println!();
    let peak = peak_rss().map_or("unknown".into(), |b| format!("{:.1} MB", b as f64 / 1e6));
    println!("Peak RSS of the client process (all clients, all cases; VmHWM): {peak}.");
}

fn count_events(fixtures: &Fixtures) -> usize {
    let all = fixtures.long_stream();
    all.windows(2).filter(|w| w == b"\n\n").count()
}
