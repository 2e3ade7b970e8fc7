//! What `#[letta_tool]` generates, run: definitions, schemas and calls.

use std::collections::HashMap;
use std::fmt;

use letta_core::rust_tool::{LettaTool, ToolError};
use letta_tools_macros::letta_tool;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Adds two numbers.
///
/// Exactly, with no overflow check.
///
/// # Arguments
///
/// * `a` - The first number.
/// - b: The second
///   number.
#[letta_tool]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Greets someone.
#[letta_tool(name = "say_hello", tags = ["greeting", "demo"], return_char_limit = 120)]
pub fn greet(
    /// Who to greet.
    name: &str,
    /// How many exclamation marks.
    excitement: Option<u8>,
    prefixes: Vec<String>,
) -> String {
    let marks = "!".repeat(usize::from(excitement.unwrap_or(1)));
    format!("{}Hello, {name}{marks}", prefixes.concat())
}

/// An error a tool returns.
#[derive(Debug)]
struct Empty;

impl fmt::Display for Empty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the list is empty")
    }
}

/// Averages numbers.
#[letta_tool]
fn average(values: Vec<f64>) -> Result<f64, Empty> {
    if values.is_empty() {
        return Err(Empty);
    }
    Ok(values.iter().sum::<f64>() / values.len() as f64)
}

/// A unit of temperature.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Celsius,
    Fahrenheit,
}

/// A place.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct Place {
    /// The city.
    city: String,
    /// Its country.
    country: Option<String>,
}

/// A forecast.
#[derive(Debug, Serialize)]
struct Forecast {
    place: String,
    unit: Unit,
    days: Vec<u32>,
}

/// Forecasts the weather.
#[letta_tool(description = "Forecasts the weather for a place.")]
async fn forecast(
    /// Where.
    place: Place,
    /// In which unit.
    unit: Unit,
    /// Extra notes by key.
    notes: HashMap<String, Vec<i32>>,
) -> Forecast {
    tokio::task::yield_now().await;
    let days = notes.values().flatten().map(|n| n.unsigned_abs()).collect();
    Forecast {
        place: format!("{}, {}", place.city, place.country.unwrap_or_default()),
        unit,
        days,
    }
}

/// Does nothing, for the unit return.
#[letta_tool]
fn noop() {}

fn schema(tool: &impl LettaTool) -> Value {
    tool.definition().parameters.to_value()
}

#[test]
fn definition_takes_name_description_and_options() {
    let add = AddTool.definition();
    assert_eq!(add.name, "add");
    assert_eq!(
        add.description,
        "Adds two numbers.\n\nExactly, with no overflow check."
    );
    assert!(add.tags.is_empty());
    assert_eq!(add.return_char_limit, None);

    let greet = GreetTool.definition();
    assert_eq!(greet.name, "say_hello");
    assert_eq!(GreetTool::NAME, "say_hello");
    assert_eq!(greet.description, "Greets someone.");
    assert_eq!(greet.tags, ["greeting", "demo"]);
    assert_eq!(greet.return_char_limit, Some(120));

    assert_eq!(
        ForecastTool.definition().description,
        "Forecasts the weather for a place."
    );
}

#[test]
fn arguments_section_describes_parameters_and_all_are_required() {
    let schema = schema(&AddTool);
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["title"], "add");
    assert_eq!(schema["properties"]["a"]["description"], "The first number.");
    assert_eq!(schema["properties"]["b"]["description"], "The second number.");
    assert_eq!(schema["properties"]["a"]["type"], "integer");
    assert_eq!(schema["required"], json!(["a", "b"]));
}

#[test]
fn parameter_doc_comments_describe_parameters_and_options_are_not_required() {
    let schema = schema(&GreetTool);
    assert_eq!(schema["properties"]["name"]["description"], "Who to greet.");
    assert_eq!(schema["properties"]["name"]["type"], "string");
    assert_eq!(
        schema["properties"]["excitement"]["description"],
        "How many exclamation marks."
    );
    assert!(schema["properties"]["prefixes"].get("description").is_none());
    assert_eq!(schema["properties"]["prefixes"]["type"], "array");
    assert_eq!(schema["required"], json!(["name", "prefixes"]));
}

#[test]
fn structs_enums_and_maps_are_inlined() {
    let schema = schema(&ForecastTool);
    let text = schema.to_string();
    assert!(!text.contains("$ref"), "{text}");
    let place = &schema["properties"]["place"];
    assert_eq!(place["description"], "Where.");
    assert_eq!(place["properties"]["city"]["type"], "string");
    assert_eq!(place["required"], json!(["city"]));
    let unit = &schema["properties"]["unit"];
    assert_eq!(unit["enum"], json!(["celsius", "fahrenheit"]));
    assert_eq!(schema["properties"]["notes"]["type"], "object");
    assert_eq!(schema["required"], json!(["place", "unit", "notes"]));
}

#[tokio::test]
async fn call_runs_the_function_on_the_arguments() {
    assert_eq!(AddTool.call(json!({"a": 2, "b": 40})).await, Ok(json!(42)));
    let greeting = GreetTool
        .call(json!({"name": "Ada", "prefixes": ["Oh, ", "well: "]}))
        .await;
    assert_eq!(greeting, Ok(json!("Oh, well: Hello, Ada!")));
    let greeting = GreetTool
        .call(json!({"name": "Ada", "excitement": 3, "prefixes": []}))
        .await;
    assert_eq!(greeting, Ok(json!("Hello, Ada!!!")));
    assert_eq!(NoopTool.call(json!({})).await, Ok(Value::Null));
}

#[tokio::test]
async fn async_functions_are_awaited() {
    let value = ForecastTool
        .call(json!({
            "place": {"city": "Oslo", "country": "Norway"},
            "unit": "celsius",
            "notes": {"x": [-3, 4]},
        }))
        .await;
    assert_eq!(
        value,
        Ok(json!({"place": "Oslo, Norway", "unit": "celsius", "days": [3, 4]}))
    );
}

#[tokio::test]
async fn bad_arguments_name_the_tool() {
    let Err(ToolError::InvalidArguments { tool, message }) = AddTool.call(json!({"a": "two"})).await else {
        panic!("expected InvalidArguments");
    };
    assert_eq!(tool, "add");
    assert!(message.contains("invalid type"), "{message}");

    let Err(ToolError::InvalidArguments { tool, message }) = GreetTool.call(json!({"prefixes": []})).await
    else {
        panic!("expected InvalidArguments");
    };
    assert_eq!(tool, "say_hello");
    assert!(message.contains("missing field `name`"), "{message}");

    let error = ForecastTool
        .call(json!({"place": {"city": "Oslo"}, "unit": "kelvin", "notes": {}}))
        .await;
    assert!(matches!(error, Err(ToolError::InvalidArguments { ref tool, .. }) if tool == "forecast"));
}

#[tokio::test]
async fn err_becomes_failed_with_its_display() {
    assert_eq!(
        AverageTool.call(json!({"values": [1.0, 2.0]})).await,
        Ok(json!(1.5))
    );
    assert_eq!(
        AverageTool.call(json!({"values": []})).await,
        Err(ToolError::Failed("the list is empty".to_owned()))
    );
}

#[tokio::test]
async fn values_that_are_not_json_are_invalid_returns() {
    /// Returns a map with non-string keys, which JSON cannot hold.
    #[letta_tool]
    fn tuple_keys() -> HashMap<(i32, i32), i32> {
        HashMap::from([((1, 2), 3)])
    }
    let Err(ToolError::InvalidReturn { tool, message }) = TupleKeysTool.call(json!({})).await else {
        panic!("expected InvalidReturn");
    };
    assert_eq!(tool, "tuple_keys");
    assert!(message.contains("key must be a string"), "{message}");
}

#[test]
fn tools_are_objects_in_a_registry() {
    let tools: Vec<std::sync::Arc<dyn LettaTool>> =
        vec![std::sync::Arc::new(AddTool), std::sync::Arc::new(GreetTool)];
    let names: Vec<String> = tools.iter().map(|tool| tool.definition().name).collect();
    assert_eq!(names, ["add", "say_hello"]);
}

/// Exists only outside tests; so does its tool.
#[cfg(not(test))]
#[letta_tool]
fn never() {}

/// A `NeverTool` emitted without the `cfg` would call a function that does not exist, and this
/// file would not compile; this one is emitted and runs.
#[cfg(test)]
#[letta_tool]
fn always() -> &'static str {
    "here"
}

#[tokio::test]
async fn cfg_on_the_function_applies_to_the_tool() {
    assert_eq!(AlwaysTool.call(json!({})).await, Ok(json!("here")));
}

/// Tags things.
///
/// # Arguments
///
/// * `items` - Loses to the parameter's own doc comment.
/// * `labels` - Labels by item.
#[letta_tool]
fn tag_things(
    /// The items.
    items: Option<Vec<String>>,
    labels: Option<HashMap<String, String>>,
    r#type: u8,
) -> usize {
    items.map_or(0, |items| items.len()) + labels.map_or(0, |labels| labels.len()) + usize::from(r#type)
}

#[tokio::test]
async fn parameter_doc_comments_win_and_raw_identifiers_lose_their_prefix() {
    let schema = schema(&TagThingsTool);
    assert_eq!(schema["properties"]["items"]["description"], "The items.");
    assert_eq!(schema["properties"]["labels"]["description"], "Labels by item.");
    assert!(schema["properties"]["type"].is_object());
    assert_eq!(schema["required"], json!(["type"]));
    assert_eq!(
        TagThingsTool.call(json!({"type": 2, "items": ["a"]})).await,
        Ok(json!(3))
    );
}
