//! Fans 5 messages out to each of 4 new agents, 8 sends at a time (never two for one agent),
//! prints progress and results, then deletes the agents.
//!
//! ```text
//! cargo run -p letta-examples --example fanout
//! ```
//!
//! With `LETTA_BASE_URL` set it uses that server (see `letta_examples`), else a local one.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::types::MessageCreate;
use letta_examples::Example;
use letta_orchestrator::Replies;
use letta_orchestrator::fanout::{Fanout, FanoutEvent, FanoutItem, Order};
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};

const AGENTS: usize = 4;
const PER_AGENT: usize = 5;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;

    let mut agents = Vec::new();
    for n in 0..AGENTS {
        let name = format!("fanout-example-{}-{n}", std::process::id());
        agents.push(example.spec(&name).create(client).await?.id().clone());
    }
    eprintln!("created {AGENTS} agents");

    let outcome = fan_out(client, &agents).await;
    for agent in &agents {
        if let Err(e) = client.agents().delete(agent).await {
            eprintln!("could not delete {agent}: {e}");
        }
    }
    eprintln!("deleted the agents");
    outcome
}

async fn fan_out(
    client: &LettaClient,
    agents: &[letta_core::ids::AgentId],
) -> Result<(), Box<dyn std::error::Error>> {
    let sender = ReconcilingSender::new(client.clone(), ReconcileConfig::default());
    let finished = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&finished);
    let total = AGENTS * PER_AGENT;
    let fanout = Fanout::new(sender)
        .concurrency(8)
        .order(Order::Completed)
        .on_event(move |event| match event {
            FanoutEvent::Done { .. } | FanoutEvent::Failed { .. } => {
                let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
                eprintln!("progress: {n}/{total}");
            }
            FanoutEvent::Retried {
                index,
                attempt,
                error,
                ..
            } => {
                eprintln!("item {index}: resend {attempt} after: {error}");
            }
            _ => {}
        });

    // Round-robin over the agents, so every agent has work while the others are busy.
    let ids = agents.to_vec();
    let items = (0..PER_AGENT).flat_map(move |q| {
        let ids = ids.clone();
        (0..AGENTS).map(move |a| {
            let text = format!("Question {q} for agent {a}: what is {q} + {a}?");
            FanoutItem::keyed((a, q), ids[a].clone(), MessageCreate::user(text))
        })
    });
    let mut results = fanout.run(items);
    let progress = results.progress();
    while let Some(result) = results.next().await {
        let (a, q) = result.key;
        match &result.outcome {
            Ok(turn) => println!("agent {a}, question {q}: {}", turn.assistant_texts().join(" ")),
            // An unknown outcome may have run: settle it by its otid before sending it again.
            Err(e) if e.is_unknown() => println!(
                "agent {a}, question {q}: outcome unknown ({e}); settle otid {:?} first",
                result.otid()
            ),
            Err(e) => println!(
                "agent {a}, question {q} failed ({e}); safe to resend: {}; message kept: {:?}",
                result.is_safe_to_resend(),
                result.message.content.text()
            ),
        }
    }
    let s = progress.snapshot();
    eprintln!(
        "{} sent, {} done ({} recovered), {} not sent, {} unknown, {} failed, {} resent, at most {} at once",
        s.sent, s.done, s.recovered, s.not_sent, s.unknown, s.failed, s.retried, s.max_in_flight
    );
    Ok(())
}
