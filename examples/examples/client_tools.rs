//! Rust tools by the route the server supports best (`ToolRegistry::equip`): on Letta 0.16 as
//! client-side tools (the Rust body runs in this process during the send; no stub, no tool
//! host, no secret on the server), on Letta 0.7 through a tool host. The code is the same.
//!
//! ```text
//! cargo run -p letta-examples --example client_tools                              # 0.7.29
//! LETTA_SERVER_VERSION=0.16.8 cargo run -p letta-examples --example client_tools  # 0.16.8
//! ```

use letta_examples::Example;
use letta_orchestrator::tools::ToolRegistry;
use letta_orchestrator::{Replies, letta_tool};

/// Looks up how many of an item are in stock.
#[letta_tool]
fn stock_level(
    /// The item, e.g. "apples".
    item: String,
) -> Result<u32, String> {
    match item.as_str() {
        "apples" => Ok(12),
        "pears" => Ok(0),
        other => Err(format!("no item named {other:?} in the catalogue")),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let handle = example
        .spec("client-tools-example")
        .create(&example.client)
        .await?;

    let agent = ToolRegistry::new().with(StockLevelTool).equip(&handle).await?;
    match agent.host() {
        None => println!("route: client-side tools (nothing stored on the server)"),
        Some(host) => println!(
            "route: tool host at {} (the server has no client-side tools)",
            host.url()
        ),
    }

    for (script, natural) in [
        (
            r#"#call stock_level {"item": "apples"}"#,
            "How many apples are in stock?",
        ),
        (
            r#"#call stock_level {"item": "plums"}"#,
            "How many plums are in stock?",
        ),
    ] {
        let turn = agent.send(example.prompt(script, natural)).await?;
        for returned in turn.tool_returns() {
            println!("tool returned ({:?}): {}", returned.status, returned.tool_return);
        }
        println!("agent: {}", turn.last_reply().unwrap_or_default());
    }
    handle.delete().await?;
    Ok(())
}
