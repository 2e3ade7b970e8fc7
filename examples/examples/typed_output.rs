//! Structured output: `handle.typed::<T>()` gives the agent `T`'s JSON schema as its
//! `response_format` (on 0.16, its model's too, for an agent that replies in plain text), and
//! its replies decode into `T`, the same code on 0.7.29 and 0.16.8. A reply that does not fit
//! is a typed error that keeps the raw text.
//!
//! ```text
//! cargo run -p letta-examples --example typed_output
//! ```

use letta_examples::Example;
use letta_orchestrator::OutputError;
use schemars::JsonSchema;
use serde::Deserialize;

/// What the agent must answer.
#[derive(Debug, Deserialize, JsonSchema)]
struct Ticket {
    /// One-line summary.
    title: String,
    /// 1 (low) to 3 (urgent).
    priority: u8,
    /// Labels to file it under.
    labels: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let agent = example.spec("typed-example").create(&example.client).await?;
    let triage = agent.typed::<Ticket>().await?;

    let ticket = triage
        .send(example.prompt(
            r#"#reply {"title": "Login fails on Safari", "priority": 3, "labels": ["auth", "browser"]}"#,
            "File a ticket: users cannot log in with Safari since this morning.",
        ))
        .await?;
    println!(
        "ticket: {:?}, priority {}, labels {:?}",
        ticket.title, ticket.priority, ticket.labels
    );

    if example.scripted() {
        // A reply that is not a `Ticket`: the error says why and keeps what the model said.
        match triage.send("#reply I'd rather not.").await {
            Err(OutputError::Mismatch { raw, source, .. }) => println!("not a ticket ({source}): {raw:?}"),
            other => println!("unexpected: {other:?}"),
        }
    }
    agent.delete().await?;
    Ok(())
}
