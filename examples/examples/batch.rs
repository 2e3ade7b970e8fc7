//! Runs one server-side message batch across three agents and prints each agent's reply.
//!
//! ```text
//! LETTA_BASE_URL=http://localhost:8283 cargo run -p letta-examples --example batch
//! ```
//!
//! Letta 0.7.29 batches only agents on Anthropic models, and only when the server runs with
//! `LETTA_ENABLE_BATCH_JOB_POLLING=true` (and an Anthropic key). The server collects batch
//! results every `LETTA_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS` (five minutes by default),
//! so the example waits up to `LETTA_BATCH_TIMEOUT_SECS` (default 900). Agents are created with
//! the `LETTA_BATCH_MODEL` handle (default `anthropic/claude-3-5-haiku-20241022`) and the
//! `LETTA_EMBEDDING` handle (default `openai/text-embedding-3-small`), and deleted at the end.
//! With `LETTA_LLM_ENDPOINT` set (a `/v1` URL), the two name models there instead, the chat
//! model as an Anthropic one (the server's Anthropic client still goes to its own
//! `ANTHROPIC_BASE_URL`).

use std::time::Duration;

use letta_core::LettaClient;
use letta_core::types::{
    CreateAgent, CreateBlock, EmbeddingConfig, LlmConfig, MessageCreate, ModelEndpointType,
};
use letta_orchestrator::AgentHandle;
use letta_orchestrator::batch::{BatchError, BatchRun, SubmittedBatch};

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// The model by handle, or by raw config at `LETTA_LLM_ENDPOINT`.
fn configured(request: CreateAgent, model: &str, embedding: &str) -> CreateAgent {
    match std::env::var("LETTA_LLM_ENDPOINT").ok().filter(|v| !v.is_empty()) {
        Some(endpoint) => {
            let mut llm = LlmConfig::openai_compatible(model, endpoint.clone(), 16384);
            llm.model_endpoint_type = ModelEndpointType::Anthropic;
            // Letta's Anthropic client refuses to run without a token limit.
            llm.max_tokens = Some(1024);
            llm.put_inner_thoughts_in_kwargs = Some(true);
            request
                .llm_config(llm)
                .embedding_config(EmbeddingConfig::openai_compatible(embedding, endpoint, 1536))
        }
        None => request.model(model).embedding(embedding),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = LettaClient::from_env()?;
    let health = client.health().check().await?;
    eprintln!("connected to Letta {} at {}", health.version, client.base_url());

    let model = env_or("LETTA_BATCH_MODEL", "anthropic/claude-3-5-haiku-20241022");
    let embedding = env_or("LETTA_EMBEDDING", "openai/text-embedding-3-small");
    let mut agents = Vec::new();
    for topic in ["rust", "tea", "mountains"] {
        let request = configured(
            CreateAgent::named(format!("batch-example-{topic}"))
                .memory_block(CreateBlock::new("human", format!("Loves {topic}.")))
                .memory_block(CreateBlock::new("persona", "I answer in one sentence.")),
            &model,
            &embedding,
        );
        match client.agents().create(&request).await {
            Ok(agent) => agents.push(AgentHandle::new(client.clone(), agent.id)),
            Err(e) => {
                delete(&client, &agents).await;
                return Err(e.into());
            }
        }
    }

    let outcome = run(&client, &agents).await;
    delete(&client, &agents).await;
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
            agent.assistant_texts()
        );
    }
    // 0.7.29 cannot delete an agent while a batch that ran it is stored.
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
