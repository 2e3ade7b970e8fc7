//! Starts a local Letta server (the real one, 0.7.29, or the release `LETTA_SERVER_VERSION`
//! names: `0.16.8`; on its own PostgreSQL, with a scripted OpenAI-compatible LLM so no API key
//! or network is needed), creates an agent, and streams its reply token by token.
//!
//! ```text
//! cargo run -p letta-examples --example quickstart
//! LETTA_SERVER_VERSION=0.16.8 cargo run -p letta-examples --example quickstart
//! ```
//!
//! On 0.7.29 the agent thinks first (a reasoning message), then replies; 0.16.8's default agent
//! replies in plain text, and the scripted model gives no reasoning.
//!
//! Set `LETTA_BASE_URL` to use a server you already run instead; the agent is then created with
//! `LETTA_MODEL` / `LETTA_EMBEDDING` handles (defaults `openai/gpt-4o-mini`,
//! `openai/text-embedding-3-small`).

use std::io::Write;

use futures_util::StreamExt;
use letta_core::types::{AgentCreate, BlockCreate, LettaMessage, LettaStreamingRequest, MessageCreate};
use letta_core::{LettaClient, StreamEvent};
use letta_testkit::{LettaRelease, LettaServer};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let external = std::env::var("LETTA_BASE_URL").ok().filter(|u| !u.is_empty());
    let local = match external {
        Some(_) => None,
        None => {
            eprintln!("starting a local Letta server (the first run installs it, 1-2 minutes)...");
            let release = LettaRelease::from_env()?;
            Some(tokio::task::spawn_blocking(move || LettaServer::start_version(release)).await??)
        }
    };
    let client = match &local {
        Some(server) => LettaClient::new(server.base_url())?,
        None => LettaClient::from_env()?,
    };
    let health = client.health().check().await?;
    eprintln!("connected to Letta {} at {}", health.version, client.base_url());

    let model = std::env::var("LETTA_MODEL").unwrap_or_else(|_| "openai/gpt-4o-mini".into());
    let embedding =
        std::env::var("LETTA_EMBEDDING").unwrap_or_else(|_| "openai/text-embedding-3-small".into());
    // Locally the models are the scripted LLM's, in full; otherwise the server's, by handle.
    let request = AgentCreate::builder()
        .name("quickstart")
        .memory_blocks([
            BlockCreate::new("human", "Name: a Rust developer"),
            BlockCreate::new("persona", "I am a friendly Letta agent."),
        ])
        .maybe_llm_config(local.as_ref().map(|server| server.llm().llm_config()))
        .maybe_embedding_config(local.as_ref().map(|server| server.llm().embedding_config()))
        .maybe_model(local.is_none().then_some(model))
        .maybe_embedding(local.is_none().then_some(embedding))
        .build();
    let agent = client.agents().create(&request).await?;
    eprintln!("created agent {} ({})", agent.name, agent.id);

    let question = "Hello! What can you do?";
    println!("user: {question}");
    let mut stream = client
        .agents()
        .messages(&agent.id)
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user(question)))
        .await?;
    let mut section = "";
    let mut stdout = std::io::stdout();
    while let Some(event) = stream.next().await {
        match event? {
            StreamEvent::Message(LettaMessage::Reasoning(r)) => {
                if section != "reasoning" {
                    section = "reasoning";
                    write!(stdout, "\n(thinking) ")?;
                }
                write!(stdout, "{}", r.reasoning)?;
            }
            StreamEvent::Message(LettaMessage::Assistant(a)) => {
                if section != "assistant" {
                    section = "assistant";
                    write!(stdout, "\nagent: ")?;
                }
                write!(stdout, "{}", a.content.text())?;
            }
            StreamEvent::Usage(usage) => {
                writeln!(
                    stdout,
                    "\n[{} steps, {} tokens]",
                    usage.step_count, usage.total_tokens
                )?;
            }
            _ => {}
        }
        stdout.flush()?;
    }

    client.agents().delete(&agent.id).await?;
    drop(local); // stops the local server and removes its files
    Ok(())
}
