//! Agent handles: describe an agent once (`AgentSpec`), find-or-create it (`ensure`), then send,
//! stream, run in the background, edit memory by label, use archival memory, attach a tool and
//! reset the conversation.
//!
//! ```text
//! cargo run -p letta-examples --example agent_handles
//! ```

use futures_util::StreamExt;
use letta_core::types::{LettaMessage, ToolCreate};
use letta_examples::{Example, PERSONA, memory};
use letta_orchestrator::{AgentSpec, Replies};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;

    // `ensure` finds the agent by name, or creates it; twice in a row gives the same agent.
    let request = example
        .request("handles-example")
        .memory_blocks(memory(PERSONA))
        .tags(["example"])
        .build();
    let spec = AgentSpec::from(request);
    let first = spec.ensure(client).await?;
    let again = spec.ensure(client).await?;
    assert_eq!(first.handle.id(), again.handle.id());
    let agent = first.handle;
    println!("agent {} (created now: {})", agent.id(), first.created);

    let turn = agent.send("Hello! Who are you?").await?;
    println!("reply: {}", turn.last_reply().unwrap_or_default());

    let mut stream = agent.stream("Tell me about your memory.").await?;
    while let Some(event) = stream.next().await {
        if let Some(LettaMessage::Assistant(a)) = event?.as_message() {
            println!("streamed reply: {}", a.content.text());
        }
    }

    let run = agent.send_async("Think about this in the background.").await?;
    println!("background run {} started", run.id());
    let ran = run.await?;
    println!(
        "background run {:?}: {:?}",
        ran.run().map(|r| &r.status),
        ran.assistant_texts()
    );

    agent.set_memory("human", "Name: Ferris").await?;
    let block = agent.append_memory("human", "\nLikes: borrow checking").await?;
    println!("human block now: {:?}", block.value);

    agent.archival_insert("Ferris met the agent at RustConf.").await?;
    let hits = agent.archival_search("rustconf", 3).await?;
    println!(
        "archival hits: {:?}",
        hits.iter().map(|p| &p.text).collect::<Vec<_>>()
    );

    let tool = client
        .tools()
        .upsert(&ToolCreate::python(
            "def shout(text: str) -> str:\n    \"\"\"Shouts.\n\n    Args:\n        text: What to shout.\n    \"\"\"\n    return text.upper()\n",
        ))
        .await?;
    agent.attach_tool_named("shout").await?;
    let turn = agent
        .send(example.prompt(
            r#"#call shout {"text": "hello"}"#,
            "Use the shout tool on the word hello.",
        ))
        .await?;
    for returned in turn.tool_returns() {
        println!("tool returned: {}", returned.tool_return);
    }
    agent.detach_tool(&tool.id).await?;

    let state = agent.reset(false).await?;
    println!(
        "after reset, {} message(s) in context",
        state.message_ids.unwrap_or_default().len()
    );

    agent.delete().await?;
    client.tools().delete(&tool.id).await?;
    Ok(())
}
