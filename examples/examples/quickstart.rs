//! Starts a local Letta server (the real one, 0.7.29 or the release `LETTA_SERVER_VERSION`
//! names, on its own PostgreSQL, with a scripted OpenAI-compatible LLM so no API key or network
//! is needed), creates an agent, and streams its reply token by token.
//!
//! ```text
//! cargo run -p letta-examples --example quickstart
//! ```
//!
//! Set `LETTA_BASE_URL` to use a server you already run instead; the agent is then created with
//! `LETTA_MODEL` / `LETTA_EMBEDDING` handles (defaults `openai/gpt-4o-mini`,
//! `openai/text-embedding-3-small`).

use std::io::Write;

use futures_util::StreamExt;
use letta_core::StreamEvent;
use letta_core::types::{LettaMessage, LettaStreamingRequest, MessageCreate};
use letta_examples::{Example, memory};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A local server (or LETTA_BASE_URL's); `example.client` is a plain `LettaClient`.
    let example = Example::connect().await?;
    let client = &example.client;

    // Locally the models are the scripted LLM's, in full; otherwise the server's, by handle.
    let request = example
        .request("quickstart")
        .memory_blocks(memory("I am a friendly Letta agent."))
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
    drop(example); // stops the local server, if it started one, and removes its files
    Ok(())
}
