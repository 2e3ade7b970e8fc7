//! Conversations and long turns (Letta 0.16+): two conversations with one agent, each with its
//! own history; then a turn run in the background whose progress is saved, the follower dropped
//! mid-turn (as a crashed process would be), and the rest of the turn resumed from the saved
//! progress alone, every event once.
//!
//! ```text
//! LETTA_SERVER_VERSION=0.16.8 cargo run -p letta-examples --example long_turns
//! ```
//!
//! Letta 0.7.x has neither conversations nor background runs: against it the example says so
//! and exits.

use futures_util::StreamExt;
use letta_core::ApiLevel;
use letta_examples::Example;
use letta_orchestrator::{AgentHandle, Replies, TurnProgress};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;
    if client.api_level().await? == ApiLevel::V0_7 {
        println!("this server (Letta 0.7.x) has no conversations or background runs; nothing to show");
        return Ok(());
    }
    let agent = example.spec("long-turns-example").create(client).await?;

    // Two threads with one agent: each keeps its own history.
    let work = agent.new_conversation().await?;
    let home = agent.new_conversation().await?;
    let (a, b) = tokio::join!(
        work.send(example.prompt("#reply Monday: reviews.", "Plan my Monday in one line.")),
        home.send(example.prompt("#reply Pasta tonight.", "Suggest dinner in one line.")),
    );
    println!("work: {:?}", a?.last_reply());
    println!("home: {:?}", b?.last_reply());
    println!("work history: {} messages", work.history().await?.len());

    // A long turn in the background; the progress is saved after every event.
    let long = example.prompt(
        "#reply one two three four five six seven eight nine ten eleven twelve",
        "Count from one to twelve in words, separated by spaces.",
    );
    let mut turn = agent.send_background(long).await?;
    let mut saved = String::new();
    for _ in 0..3 {
        if let Some(event) = turn.next().await {
            let event = event?;
            saved = serde_json::to_string(&turn.progress())?;
            if let Some(text) = event.as_message().and_then(|m| m.assistant_text()) {
                println!("before the crash: {text:?}");
            }
        }
    }
    drop(turn); // the process "dies"; the turn goes on on the server
    println!("saved progress: {saved}");

    // Another process: only the saved progress.
    let progress: TurnProgress = serde_json::from_str(&saved)?;
    let resumer = AgentHandle::new(client.clone(), progress.agent_id.clone());
    let mut rest = resumer.resume(&progress).await?;
    while let Some(event) = rest.next().await {
        if let Some(text) = event?.as_message().and_then(|m| m.assistant_text()) {
            println!("after resuming: {text:?}");
        }
    }
    let done = rest.finish().await?;
    println!("the whole reply: {:?}", done.last_reply());

    work.delete().await?;
    home.delete().await?;
    agent.delete().await?;
    Ok(())
}
