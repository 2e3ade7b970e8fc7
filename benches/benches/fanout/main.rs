//! Client-side fan-out against a loopback stand-in for `POST /v1/agents/{id}/messages` that
//! answers a 0.7.29-shaped `LettaResponse` after a fixed latency: how close the scheduler gets to
//! the ideal time (items x latency / concurrency), and the peak memory of a 10,000-item run (all
//! items queued up front).
//!
//! `cargo bench -p letta-benches --bench fanout`. The fake runs in this process (its own threads
//! and runtime, sharing the machine's cores with the client), so the peak RSS includes it. It
//! reports the latency it really served (a few tenths of a millisecond over the nominal one, for
//! building the answer), and the ideal uses the nominal latency, so that slack counts against the
//! fan-out.
//!
//! With `FANOUT_REAL_SERVER=1` it also runs a smaller fan-out through the real Letta server
//! (started by the testkit) with the scripted LLM's latency set, reported separately.

mod real;

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;
use letta_orchestrator::fanout::{Fanout, FanoutItem};
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
use letta_testkit::fake_sends::FakeSends;

/// One measured run.
struct Run {
    items: u64,
    agents: u64,
    concurrency: usize,
    latency: Duration,
}

struct Measured {
    wall: Duration,
    ideal: Duration,
    failed: u64,
    max_pending: u64,
    max_in_flight_per_agent: u64,
    mean_latency_us: u64,
}

async fn measure(fake: &FakeSends, run: &Run) -> Measured {
    fake.set_latency(run.latency);
    fake.reset_stats();
    let client = LettaClient::new(fake.base_url()).expect("client");
    let fanout =
        Fanout::new(ReconcilingSender::new(client, ReconcileConfig::default())).concurrency(run.concurrency);
    let agents = run.agents;
    // Round-robin over the agents, all queued up front, as a caller holding a list of work would.
    // Results are counted as they come and dropped: when all were kept, one run peaked at 203 MB,
    // which is the 10,000 decoded replies' own size, not the fan-out's.
    let items: Vec<FanoutItem> = (0..run.items)
        .map(|n| {
            FanoutItem::new(
                AgentId::from(format!("agent-bench-{}", n % agents)),
                MessageCreate::user(format!("message {n}")),
            )
        })
        .collect();
    let started = Instant::now();
    let mut stream = fanout.run(items);
    let progress = stream.progress();
    let mut failed = 0;
    while let Some(result) = stream.next().await {
        failed += u64::from(result.outcome.is_err());
    }
    let wall = started.elapsed();
    let ideal = run.latency * u32::try_from(run.items).unwrap_or(u32::MAX) / run.concurrency as u32;
    Measured {
        wall,
        ideal,
        failed,
        max_pending: progress.snapshot().max_pending,
        max_in_flight_per_agent: fake.stats().max_in_flight_per_agent,
        mean_latency_us: fake.stats().mean_latency_us,
    }
}

/// Peak resident set size of this process, from `/proc/self/status`.
/// Peak RSS so far, for the report.
fn peak_rss_text() -> String {
    letta_benches::proc_stats::peak_rss().map_or("unknown".into(), |b| format!("{:.1} MB", b as f64 / 1e6))
}

fn line(name: &str, run: &Run, m: &Measured) -> f64 {
    let ratio = m.wall.as_secs_f64() / m.ideal.as_secs_f64();
    println!(
        "{name}: {} items over {} agents, concurrency {}, latency {:?}: {:.3} s achieved, {:.3} s ideal \
         ({ratio:.2}x); failed {}, max held {}, max in flight per agent {}, fake's mean latency {:.2} ms",
        run.items,
        run.agents,
        run.concurrency,
        run.latency,
        m.wall.as_secs_f64(),
        m.ideal.as_secs_f64(),
        m.failed,
        m.max_pending,
        m.max_in_flight_per_agent,
        m.mean_latency_us as f64 / 1000.0,
    );
    ratio
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let fake = FakeSends::start(Duration::from_millis(50), 1).expect("fake server");
    let real_server = std::env::var("FANOUT_REAL_SERVER")
        .is_ok_and(|v| v == "1")
        .then(|| letta_testkit::try_shared());
    runtime.block_on(async {
        // Warm-up: connections and allocator, not measured.
        let warm = Run {
            items: 256,
            agents: 64,
            concurrency: 64,
            latency: Duration::from_millis(5),
        };
        measure(&fake, &warm).await;
        println!("peak RSS before the measured runs: {}", peak_rss_text());

        let main = Run {
            items: 2_000,
            agents: 200,
            concurrency: 64,
            latency: Duration::from_millis(50),
        };
        let measured = measure(&fake, &main).await;
        let ratio = line("fan-out", &main, &measured);
        println!(
            "fan-out: achieved/ideal = {ratio:.2}x (target <= 1.10x): {}",
            if ratio <= 1.10 { "met" } else { "not met" }
        );
        println!(
            "summary: | fan-out, 2,000 items at concurrency 64 | achieved/ideal <= 1.10x | {ratio:.2}x | {} |",
            if ratio <= 1.10 { "met" } else { "not met" }
        );

        let big = Run {
            items: 10_000,
            agents: 1_000,
            concurrency: 64,
            latency: Duration::from_millis(50),
        };
        let measured = measure(&fake, &big).await;
        let ratio = line("fan-out 10k", &big, &measured);
        let peak = letta_benches::proc_stats::peak_rss();
        let under = peak.is_some_and(|b| b < 64 * 1024 * 1024);
        println!(
            "fan-out 10k: achieved/ideal = {ratio:.2}x (target <= 1.10x): {}; peak RSS (VmHWM, fake server \
             included): {} (target < 64 MiB): {}",
            if ratio <= 1.10 { "met" } else { "not met" },
            peak_rss_text(),
            if under { "met" } else { "not met" },
        );
        println!(
            "summary: | fan-out, 10,000 queued items | peak RSS < 64 MiB | {} | {} |",
            peak_rss_text(),
            if under { "met" } else { "not met" },
        );

        match real_server {
            Some(Ok(server)) => real::run(server).await,
            Some(Err(e)) => println!("fan-out, real server: not run ({e})"),
            None => println!("fan-out, real server: not run (set FANOUT_REAL_SERVER=1)"),
        }
    });
}
