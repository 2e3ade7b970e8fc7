//! Human in the loop (Letta 0.16): a tool that requires approval stops the agent's turn; the
//! pending call (tool, arguments) is shown, and approving or denying continues the turn. On
//! Letta 0.7, which has no approvals, it says so and exits.
//!
//! ```text
//! LETTA_SERVER_VERSION=0.16.8 cargo run -p letta-examples --example approvals
//! ```

use letta_core::ApiLevel;
use letta_examples::Example;
use letta_orchestrator::tools::{ToolHostConfig, ToolRegistry, ToolRoute};
use letta_orchestrator::{Replies, letta_tool};

/// Transfers money between two accounts.
#[letta_tool]
fn transfer(
    /// The account to take the money from.
    source: String,
    /// The account to pay.
    target: String,
    /// The amount, in cents.
    cents: u64,
) -> String {
    format!("moved {cents} cents from {source} to {target}")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    if example.client.api_level().await? == ApiLevel::V0_7 {
        println!("this Letta server has no tool approvals (Letta 0.16 added them); nothing to show");
        return Ok(());
    }
    let handle = example.spec("approvals-example").create(&example.client).await?;
    // A server tool (so a rule can name it), through a tool host in this process.
    let agent = ToolRegistry::new()
        .with(TransferTool)
        .equip_via(&handle, ToolRoute::Host(ToolHostConfig::default()))
        .await?;
    example
        .client
        .agents()
        .modify_tool_approval(handle.id(), "transfer", true)
        .await?;

    for (script, natural, approve) in [
        (
            r#"#call transfer {"source": "savings", "target": "rent", "cents": 95000}"#,
            "Pay the rent: 950.00 from savings.",
            true,
        ),
        (
            r#"#call transfer {"source": "savings", "target": "casino", "cents": 500000}"#,
            "Move 5000.00 from savings to the casino.",
            false,
        ),
    ] {
        let turn = handle.send(example.prompt(script, natural)).await?;
        let Some(pending) = turn.pending_approval() else {
            println!("agent (no tool call): {}", turn.last_reply().unwrap_or_default());
            continue;
        };
        for call in &pending.calls {
            println!("waiting for approval: {} {}", call.tool, call.arguments);
        }
        let rest = if approve {
            println!("-> approved");
            handle.approve(&pending).await?
        } else {
            println!("-> denied");
            handle
                .deny(&pending, "transfers to casinos are not allowed")
                .await?
        };
        for returned in rest.tool_returns() {
            println!("tool returned ({:?}): {}", returned.status, returned.tool_return);
        }
        println!("agent: {}", rest.last_reply().unwrap_or_default());
    }
    let calls = agent.host().map_or(0, |host| host.stats().calls);
    println!("the transfer ran {calls} time(s)");
    handle.delete().await?;
    Ok(())
}
