//! Built and run by `tests/one_dependency.rs` as the `src/main.rs` of a crate whose only
//! dependency is letta-orchestrator.

use std::task::{Context, Poll, Waker};

use letta_orchestrator::letta_core::rust_tool::{LettaTool, ToolError};
use letta_orchestrator::letta_tool;
use letta_orchestrator::tools::ToolRegistry;

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

fn main() {
    let definition = ToFahrenheitTool.definition();
    assert_eq!(definition.name, "to_fahrenheit");
    assert_eq!(
        definition.description,
        "Converts a temperature from Celsius to Fahrenheit."
    );
    assert_eq!(definition.tags, ["units"]);
    assert_eq!(
        ToolRegistry::new().with(ToFahrenheitTool).names(),
        ["to_fahrenheit"]
    );

    // A sync function's call is ready at its first poll. Arguments are parsed from text, since
    // this crate does not depend on serde_json to build them.
    let call = |arguments: &str| {
        let mut future = ToFahrenheitTool.call(arguments.parse().unwrap());
        match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(result) => result,
            Poll::Pending => panic!("a sync tool's call is ready at once"),
        }
    };
    assert_eq!(call(r#"{"celsius": 100.0}"#).unwrap(), 212.0);
    assert_eq!(
        call(r#"{"celsius": -300.0}"#),
        Err(ToolError::Failed("-300 °C is below absolute zero".to_owned()))
    );
    println!(
        "{}: 100 °C is {} °F",
        definition.name,
        call(r#"{"celsius": 100.0}"#).unwrap()
    );
}
