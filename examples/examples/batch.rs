//! Runs one server-side message batch across three agents and prints each agent's reply.
//!
//! ```text
//! cargo run -p letta-examples --example batch
//! ```
//!
//! Locally (no `LETTA_BASE_URL`) the agents use the scripted LLM's Anthropic emulation and the
//! server collects batch results every second. Against your own server: Letta 0.7.29 batches
//! only agents on Anthropic models (`LETTA_BATCH_MODEL`, default
//! `anthropic/claude-3-5-haiku-20241022`), only with `LETTA_ENABLE_BATCH_JOB_POLLING=true`, and
//! collects results every `LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS` (five minutes by
//! default), so the example waits up to `LETTA_BATCH_TIMEOUT_SECS` (default 900). The agents are
//! `memgpt_agent`s on both 0.7.29 and 0.16.8: 0.16.8 never finishes a batch of its default
//! `letta_v1_agent` (which the client refuses before submitting).

use std::time::Duration;

use letta_core::LettaClient;
use letta_core::types::{AgentType, BlockCreate, MessageCreate};
use letta_examples::{Example, memory};
use letta_orchestrator::batch::{BatchError, BatchRun, SubmittedBatch};
use letta_orchestrator::{AgentHandle, AgentSpec, Replies};

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;
    let mut agents = Vec::new();
    for topic in ["rust", "tea", "mountains"] {
        let notes = BlockCreate::new("notes", format!("Loves {topic}."));
        let request = example
            .batch_request(&format!("batch-example-{topic}"))
            .memory_blocks(memory("I answer in one sentence.").into_iter().chain([notes]))
            .agent_type(AgentType::MemgptAgent)
            .build();
        let spec = AgentSpec::from(request);
        match spec.create(client).await {
            Ok(agent) => agents.push(agent),
            Err(e) => {
                delete(client, &agents).await;
                return Err(e.into());
            }
        }
    }

    let outcome = run(client, &agents).await;
    delete(client, &agents).await;
    outcome
}

async fn run(client: &LettaClient, agents: &[AgentHandle]) -> Result<(), Box<dyn std::error::Error>> {
    let timeout = env_or("LETTA_BATCH_TIMEOUT_SECS", "900").parse()?;
    let mut batch = BatchRun::new(client.clone()).timeout(Duration::from_secs(timeout));
    for agent in agents {
        batch = batch.message(agent, MessageCreate::user("What do you love, in one sentence?"));
    }
    let submitted = batch.submit().await?;
    eprintln!(
        "submitted batch {}; waiting for it (up to {timeout} s)",
        submitted.id()
    );
    let results = match submitted.finish().await {
        Ok(results) => results,
        Err(BatchError::Timeout {
            batch_id, requests, ..
        }) => {
            eprintln!("batch {batch_id} did not finish in time; cancelling it");
            // The error kept what is needed to pick the batch up again, here or elsewhere.
            let batch = SubmittedBatch::resume(client.clone(), batch_id, requests);
            let cancelled = batch.cancel().await?;
            eprintln!("batch is now {}", cancelled.status());
            batch.delete().await?;
            return Ok(());
        }
        Err(other) => return Err(other.into()),
    };
    println!("batch {} {}", results.batch.id, results.status());
    for agent in &results.agents {
        println!(
            "{} ({:?}): {:?}",
            agent.agent_id,
            agent.outcome,
            agent.turn.assistant_texts()
        );
    }
    // Neither server deletes an agent while a batch that ran it is stored.
    submitted.delete().await?;
    Ok(())
}

/// Deletes the example's agents, reporting (not hiding) any that could not be deleted.
async fn delete(client: &LettaClient, agents: &[AgentHandle]) {
    for agent in agents {
        if let Err(e) = client.agents().delete(agent.id()).await {
            eprintln!("could not delete agent {}: {e}", agent.id());
        }
    }
}
