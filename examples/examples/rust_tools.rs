//! `#[letta_tool]`: a Rust function becomes a tool an agent calls; its body runs here, in this
//! process, through a tool host on loopback. The attribute comes with `letta-orchestrator`
//! (`letta_orchestrator::letta_tool`, its default `macros` feature): no other dependency.
//!
//! ```text
//! cargo run -p letta-examples --example rust_tools
//! ```

use std::sync::atomic::{AtomicU64, Ordering};

use letta_examples::Example;
use letta_orchestrator::Replies;
use letta_orchestrator::letta_tool;
use letta_orchestrator::tools::{ToolHostConfig, ToolRegistry};

static ORDERS: AtomicU64 = AtomicU64::new(0);

/// Places an order for coffee and returns its number.
///
/// # Arguments
///
/// * `drink` - What to brew, e.g. "flat white".
/// * `cups` - How many cups.
#[letta_tool]
fn order_coffee(drink: &str, cups: Option<u32>) -> String {
    let number = ORDERS.fetch_add(1, Ordering::Relaxed) + 1;
    format!("order {number}: {} x {drink}", cups.unwrap_or(1))
}

/// Converts a temperature from Celsius to Fahrenheit.
#[letta_tool(tags = ["units"])]
fn to_fahrenheit(
    /// Degrees Celsius; not below absolute zero.
    celsius: f64,
) -> Result<f64, String> {
    if celsius < -273.15 {
        return Err(format!("{celsius} °C is below absolute zero"));
    }
    Ok(celsius * 9.0 / 5.0 + 32.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;

    let registry = ToolRegistry::new().with(OrderCoffeeTool).with(ToFahrenheitTool);
    // The host must be reachable from the Letta server: loopback works when both run here.
    let host = registry.serve(ToolHostConfig::default()).await?;
    println!("tool host at {}", host.url());
    registry.register(client).await?; // upsert: safe to run every time

    let agent = registry
        .add_to_spec(example.spec("rust-tools-example"), &host)
        .create(client)
        .await?;

    for (script, natural) in [
        (
            r#"#call order_coffee {"drink": "flat white", "cups": 2}"#,
            "Order two flat whites.",
        ),
        (
            r#"#call to_fahrenheit {"celsius": 21.5}"#,
            "What is 21.5 °C in Fahrenheit?",
        ),
        (
            r#"#call to_fahrenheit {"celsius": -300}"#,
            "What is -300 °C in Fahrenheit?",
        ),
    ] {
        let turn = agent.send(example.prompt(script, natural)).await?;
        for returned in turn.tool_returns() {
            println!("tool returned ({:?}): {}", returned.status, returned.tool_return);
        }
        println!("agent: {}", turn.last_reply().unwrap_or_default());
    }
    let stats = host.stats();
    println!("host: {} calls, {} failed", stats.calls, stats.failures);
    println!(
        "orders placed by the Rust body: {}",
        ORDERS.load(Ordering::Relaxed)
    );
    agent.delete().await?;
    Ok(())
}
