//! The same fan-out through the real Letta server (0.7.29 on PostgreSQL, started by the testkit)
//! with the scripted LLM answering after a fixed latency. Reported apart from the fake's figures:
//! here the server's own work per step (database writes, prompt building) is included, and on a
//! small machine it runs on the same cores as the client.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;
use letta_orchestrator::fanout::{Fanout, FanoutItem};
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
use letta_testkit::LettaServer;

const AGENTS: usize = 16;
const PER_AGENT: usize = 6;
const CONCURRENCY: usize = 16;
const LLM_LATENCY: Duration = Duration::from_millis(250);

/// Runs `per_agent` sends to each agent at `concurrency`; returns the wall time and failures.
async fn fan_out(
    client: &LettaClient,
    agents: &[AgentId],
    per_agent: usize,
    concurrency: usize,
) -> (Duration, usize) {
    let fanout = Fanout::new(ReconcilingSender::new(client.clone(), ReconcileConfig::default()))
        .concurrency(concurrency);
    let ids = agents.to_vec();
    let items = (0..per_agent).flat_map(move |n| {
        let ids = ids.clone();
        (0..ids.len())
            .map(move |a| FanoutItem::new(ids[a].clone(), MessageCreate::user(format!("bench {a}/{n}"))))
    });
    let started = Instant::now();
    let failed = fanout
        .run(items)
        .filter(|r| std::future::ready(r.outcome.is_err()))
        .count()
        .await;
    (started.elapsed(), failed)
}

pub(crate) async fn run(server: &LettaServer) {
    let client = LettaClient::new(server.base_url()).expect("client");
    let mut agents = Vec::new();
    for _ in 0..AGENTS {
        let request = server
            .llm()
            .agent_request(letta_testkit::unique_name("bench-fanout"))
            .build();
        agents.push(client.agents().create(&request).await.expect("agent").id);
    }
    server.llm().set_latency(LLM_LATENCY);
    // Warm-up, then one send at a time: what a step costs with the server otherwise idle.
    fan_out(&client, &agents, 1, CONCURRENCY).await;
    let (alone, _) = fan_out(&client, &agents[..8], 1, 1).await;
    let step = alone / 8;
    let (wall, failed) = fan_out(&client, &agents, PER_AGENT, CONCURRENCY).await;
    server.llm().set_latency(Duration::ZERO);

    let items = (AGENTS * PER_AGENT) as u32;
    let ideal_llm = LLM_LATENCY * items / CONCURRENCY as u32;
    let ideal_step = step * items / CONCURRENCY as u32;
    println!(
        "fan-out, real server: {items} items over {AGENTS} agents, concurrency {CONCURRENCY}, LLM latency \
         {LLM_LATENCY:?}: {:.2} s achieved, {failed} failed; one send alone takes {:.0} ms; \
         vs LLM-latency ideal {:.2} s = {:.2}x; vs one-step-alone ideal {:.2} s = {:.2}x (server overhead \
         included; the server shares the machine's cores)",
        wall.as_secs_f64(),
        step.as_secs_f64() * 1000.0,
        ideal_llm.as_secs_f64(),
        wall.as_secs_f64() / ideal_llm.as_secs_f64(),
        ideal_step.as_secs_f64(),
        wall.as_secs_f64() / ideal_step.as_secs_f64(),
    );
    for agent in &agents {
        let _ = client.agents().delete(agent).await;
    }
}
