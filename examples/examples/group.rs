//! Runs a round-robin group of a caller-owned agent and an agent the group run creates, and a
//! supervisor group over them, printing what each agent said. The group run tears down its
//! groups and the agent it created; the example deletes its own agent at the end.
//!
//! ```text
//! LETTA_BASE_URL=http://localhost:8283 cargo run -p letta-examples --example group
//! ```
//!
//! Agents use the `LETTA_MODEL` handle (default `openai/gpt-4o-mini`) and the `LETTA_EMBEDDING`
//! handle (default `openai/text-embedding-3-small`). With `LETTA_LLM_ENDPOINT` set (an
//! OpenAI-compatible `/v1` URL, such as a self-hosted model), `LETTA_MODEL` and
//! `LETTA_EMBEDDING` name models at that endpoint instead.

use letta_core::LettaClient;
use letta_core::types::{CreateAgent, CreateBlock, EmbeddingConfig, LlmConfig, MessageCreate};
use letta_orchestrator::AgentHandle;
use letta_orchestrator::group::{GroupError, GroupReply, GroupRun, GroupSession, GroupSpec};

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn agent(name: &str, persona: &str) -> CreateAgent {
    let request = CreateAgent::named(name)
        .memory_block(CreateBlock::new("human", "A Rust developer."))
        .memory_block(CreateBlock::new("persona", persona));
    let model = env_or("LETTA_MODEL", "openai/gpt-4o-mini");
    let embedding = env_or("LETTA_EMBEDDING", "openai/text-embedding-3-small");
    match std::env::var("LETTA_LLM_ENDPOINT").ok().filter(|v| !v.is_empty()) {
        Some(endpoint) => request
            .llm_config(LlmConfig::openai_compatible(model, endpoint.clone(), 16384))
            .embedding_config(EmbeddingConfig::openai_compatible(embedding, endpoint, 1536)),
        None => request.model(model).embedding(embedding),
    }
}

fn print(group: &GroupSession, reply: &GroupReply) {
    for entry in &reply.transcript.agents {
        let name = entry.name.as_deref().unwrap_or("?");
        let role = entry
            .agent_id
            .as_ref()
            .and_then(|id| group.participant(id))
            .map(|p| format!("{:?}", p.role))
            .unwrap_or_default();
        let texts = entry.assistant_texts();
        if texts.is_empty() {
            println!("  {name} [{role}]: no reply ({} messages)", entry.messages.len());
        }
        for text in texts {
            println!("  {name} [{role}]: {text}");
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = LettaClient::from_env()?;
    let health = client.health().check().await?;
    eprintln!("connected to Letta {} at {}", health.version, client.base_url());

    let host = client
        .agents()
        .create(&agent(
            "group-example-host",
            "I am an optimistic host. I answer in one sentence.",
        ))
        .await?;
    let host = AgentHandle::new(client.clone(), host.id);
    let outcome = run(&client, &host).await;
    if let Err(e) = client.agents().delete(host.id()).await {
        eprintln!("could not delete agent {}: {e}", host.id());
    }
    outcome
}

async fn run(client: &LettaClient, host: &AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
    let guest = agent(
        "group-example-guest",
        "I am a sceptical guest. I answer in one sentence.",
    );

    println!("round robin:");
    let spec = GroupSpec::round_robin([host]).worker(guest.clone());
    GroupRun::scope(client.clone(), spec, |group| async move {
        let reply = group.send(MessageCreate::user("Is Rust worth learning?")).await?;
        print(&group, &reply);
        Ok::<_, GroupError>(())
    })
    .await?;

    println!("supervisor:");
    let spec = GroupSpec::supervisor(
        agent(
            "group-example-lead",
            "I lead the team and ask every worker before answering.",
        ),
        [host],
    )
    .worker(guest);
    let run = GroupRun::start(client.clone(), spec).await?;
    let sent = run
        .send(MessageCreate::user(
            "Ask the team whether Rust is worth learning, then summarise their answers.",
        ))
        .await;
    if let Ok(reply) = &sent {
        print(&run, reply);
    }
    // Tear down before looking at the send's outcome, so a failed send leaves nothing behind.
    run.teardown().await?;
    sent?;
    Ok(())
}
