//! Client-side cost of a send against the real Letta server: the CPU time the client spends on a
//! send (building the request, HTTP, decoding the answer) as a share of the send's wall time.
//!
//! `cargo bench -p letta-benches --bench real_send`. The testkit starts Letta 0.7.29 (PostgreSQL,
//! the scripted LLM answering at once); without its venv the bench says why and stops. The client
//! runs on a current-thread runtime on a thread of its own, so that thread's CPU time
//! (`/proc/thread-self/schedstat`) is all the client's work, and neither the server (another
//! process) nor the scripted LLM (its own runtime in this process) is counted. letta-core's sends
//! alternate with a raw `reqwest` + `serde_json` loop's, for context. Nothing here asserts a timing.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{LettaRequest, LettaResponse, LettaStreamingRequest, MessageCreate};
use letta_testkit::LettaServer;

const SENDS: u32 = 20;
const WARM_UP: u32 = 3;

/// CPU time the calling thread has used so far.
fn thread_cpu() -> Duration {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

/// Wall and client CPU time summed over sends.
#[derive(Debug, Default, Clone, Copy)]
struct Cost {
    sends: u32,
    wall: Duration,
    cpu: Duration,
}

impl Cost {
    async fn measure<F: std::future::Future<Output = usize>>(&mut self, send: F) {
        let (cpu, started) = (thread_cpu(), Instant::now());
        let messages = send.await;
        self.wall += started.elapsed();
        self.cpu += thread_cpu().saturating_sub(cpu);
        self.sends += 1;
        assert!(messages > 0, "a send came back with no messages");
    }

    fn row(&self, client: &str, kind: &str) -> String {
        let n = f64::from(self.sends.max(1));
        format!(
            "| {kind} | {client} | {} | {:.1} | {:.0} | {:.3}% |",
            self.sends,
            self.wall.as_secs_f64() * 1e3 / n,
            self.cpu.as_secs_f64() * 1e6 / n,
            100.0 * self.cpu.as_secs_f64() / self.wall.as_secs_f64(),
        )
    }
}

fn request(n: u32) -> LettaRequest {
    LettaRequest::from(MessageCreate::user(format!(
        "Client cost probe {n}: what is on the agenda?"
    )))
}

async fn letta_core_send(client: &LettaClient, agent: &AgentId, n: u32) -> usize {
    let reply = client.agents().messages(agent).send(&request(n)).await;
    reply.expect("letta-core send").messages.len()
}

async fn letta_core_stream(client: &LettaClient, agent: &AgentId, n: u32) -> usize {
    let request = LettaStreamingRequest::steps(request(n));
    let mut stream = client
        .agents()
        .messages(agent)
        .stream(&request)
        .await
        .expect("stream");
    let mut events = 0;
    while let Some(event) = stream.next().await {
        std::hint::black_box(event.expect("event"));
        events += 1;
    }
    events
}

async fn raw_send(http: &reqwest::Client, base: &str, agent: &AgentId, n: u32) -> usize {
    let body = serde_json::to_vec(&request(n)).expect("encode");
    let response = http
        .post(format!("{base}/v1/agents/{agent}/messages"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("raw send");
    let bytes = response.bytes().await.expect("body");
    let reply: LettaResponse = serde_json::from_slice(&bytes).expect("decode");
    reply.messages.len()
}

async fn create_agent(client: &LettaClient, server: &LettaServer, name: &str) -> AgentId {
    let request = server
        .llm()
        .agent_request(letta_testkit::unique_name(&format!("bench-{name}")))
        .build();
    client.agents().create(&request).await.expect("agent").id
}

async fn measure(server: &LettaServer) -> Vec<String> {
    let base = server.base_url().trim_end_matches('/').to_owned();
    let client = LettaClient::new(base.clone()).expect("client");
    let http = reqwest::Client::new();
    // One agent per client, so neither's history grows faster and slows the other's sends.
    let ours = create_agent(&client, server, "cost-core").await;
    let theirs = create_agent(&client, server, "cost-raw").await;
    for n in 0..WARM_UP {
        letta_core_send(&client, &ours, n).await;
        raw_send(&http, &base, &theirs, n).await;
        letta_core_stream(&client, &ours, n).await;
    }
    let (mut core, mut raw, mut stream) = (Cost::default(), Cost::default(), Cost::default());
    for n in 0..SENDS {
        core.measure(letta_core_send(&client, &ours, n)).await;
        raw.measure(raw_send(&http, &base, &theirs, n)).await;
        stream.measure(letta_core_stream(&client, &ours, n)).await;
    }
    for agent in [&ours, &theirs] {
        let _ = client.agents().delete(agent).await;
    }
    let share = |c: &Cost| 100.0 * c.cpu.as_secs_f64() / c.wall.as_secs_f64();
    vec![
        format!(
            "summary: | client CPU as a share of a send's wall time, real server | (report) | {:.2}% (raw loop {:.2}%) | (no target) |",
            share(&core),
            share(&raw),
        ),
        core.row("letta-core", "send"),
        raw.row("raw typed", "send"),
        stream.row("letta-core", "stream (steps)"),
    ]
}

fn main() {
    let server = match LettaServer::start() {
        Ok(server) => server,
        Err(e) => {
            println!("Client cost on the real server: not run (the testkit could not start Letta: {e}).");
            return;
        }
    };
    let version = server.version().to_owned();
    // The client's own thread and runtime: that thread's CPU time is the client's work alone.
    let rows = std::thread::Builder::new()
        .name("bench-client".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            let rows = runtime.block_on(measure(&server));
            drop(server);
            rows
        })
        .expect("client thread")
        .join()
        .expect("client thread finished");
    println!(
        "Letta {version} started by the testkit (PostgreSQL; the scripted LLM answers at once, so the wall time is \
         the server's own work). {SENDS} sends per row after {WARM_UP} warm-up sends, one at a time, alternating."
    );
    println!();
    println!("| kind | client | sends | wall ms/send | client CPU µs/send | client CPU / wall |");
    println!("|---|---|---:|---:|---:|---:|");
    let (summaries, rows): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.starts_with("summary:"));
    for row in rows {
        println!("{row}");
    }
    println!();
    for line in summaries {
        println!("{line}");
    }
}
