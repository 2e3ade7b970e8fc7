//! Runs a round-robin group of a caller-owned agent and an agent the group run creates, and a
//! supervisor group over them, printing what each agent said. The group run tears down its
//! groups and the agent it created; the example deletes its own agent at the end.
//!
//! ```text
//! cargo run -p letta-examples --example group                                # Letta 0.7.29
//! LETTA_SERVER_VERSION=0.16.8 cargo run -p letta-examples --example group    # Letta 0.16.8
//! ```
//!
//! The code is the same on both: 0.7.29 runs the group conversations on the server; 0.16.8
//! no longer does, so the orchestrator runs them over reconciled agent sends (the supervisor's
//! group tool becomes a client-side tool the orchestrator answers).
//!
//! With `LETTA_BASE_URL` set it uses that server (see `letta_examples`), else a local one with
//! the scripted LLM (where the supervisor is told by script to ask every worker).

use letta_core::LettaClient;
use letta_core::types::MessageCreate;
use letta_examples::Example;
use letta_orchestrator::group::{GroupError, GroupReply, GroupRun, GroupSession, GroupSpec, Member};
use letta_orchestrator::{AgentHandle, AgentSpec, Replies};

fn print(group: &GroupSession, reply: &GroupReply) {
    for entry in &reply.transcript.agents {
        let name = entry.name.as_deref().unwrap_or("?");
        let role = entry
            .agent_id
            .as_ref()
            .and_then(|id| group.participant(id))
            .map(|p| format!("{:?}", p.role))
            .unwrap_or_default();
        let texts = entry.turn.assistant_texts();
        if texts.is_empty() {
            println!(
                "  {name} [{role}]: no reply ({} messages)",
                entry.turn.messages.len()
            );
        }
        for text in texts {
            println!("  {name} [{role}]: {text}");
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;
    let host = example
        .spec_with_persona(
            "group-example-host",
            "I am an optimistic host. I answer in one sentence.",
        )
        .create(client)
        .await?;
    let outcome = run(&example, client, &host).await;
    if let Err(e) = client.agents().delete(host.id()).await {
        eprintln!("could not delete agent {}: {e}", host.id());
    }
    outcome
}

async fn run(
    example: &Example,
    client: &LettaClient,
    host: &AgentHandle,
) -> Result<(), Box<dyn std::error::Error>> {
    let guest: AgentSpec = example.spec_with_persona(
        "group-example-guest",
        "I am a sceptical guest. I answer in one sentence.",
    );

    println!("round robin:");
    let spec = GroupSpec::round_robin([host]).worker(Member::create(&guest));
    GroupRun::scope(client.clone(), spec, |group| async move {
        let reply = group.send(MessageCreate::user("Is Rust worth learning?")).await?;
        print(&group, &reply);
        Ok::<_, GroupError>(())
    })
    .await?;

    println!("supervisor:");
    let spec = GroupSpec::supervisor(
        Member::create(example.spec_with_persona(
            "group-example-lead",
            "I lead the team and ask every worker before answering.",
        )),
        [host],
    )
    .worker(Member::create(guest));
    let run = GroupRun::start(client.clone(), spec).await?;
    let sent = run
        .send(MessageCreate::user(example.prompt(
            r#"#call send_message_to_all_agents_in_group {"message": "Is Rust worth learning?"}"#,
            "Ask the team whether Rust is worth learning, then summarise their answers.",
        )))
        .await;
    if let Ok(reply) = &sent {
        print(&run, reply);
    }
    // Tear down before looking at the send's outcome, so a failed send leaves nothing behind.
    run.teardown().await?;
    sent?;
    Ok(())
}
