//! Snapshots of what `#[letta_tool]` makes for representative signatures: the schema Letta 0.7
//! derives (`letta_json_schema`) and the Python stub registered on the server. The real server
//! deriving that same schema from the stub is checked in `letta-orchestrator`'s `tools_e2e`
//! (for macro-made tools) and `letta-core`'s `rust_tools`.

#![allow(dead_code)]

use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;
use schemars::JsonSchema;
use serde::Deserialize;

/// Adds two integers.
///
/// # Arguments
///
/// * `a` - The first addend.
/// * `b` - The second addend.
#[letta_tool]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Searches the catalogue.
#[letta_tool(name = "search_catalogue", tags = ["shop", "search"], return_char_limit = 2000)]
async fn search(
    /// Words to look for.
    query: &str,
    /// At most this many results.
    limit: Option<u32>,
    /// Only items with all of these labels.
    labels: Vec<String>,
    /// Include sold-out items.
    include_sold_out: bool,
) -> Result<Vec<String>, String> {
    Ok(vec![format!("{query} {limit:?} {labels:?} {include_sold_out}")])
}

/// How urgent a ticket is.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Urgency {
    Low,
    High,
}

/// Who reported it.
#[derive(Debug, Deserialize, JsonSchema)]
struct Reporter {
    /// Their name.
    name: String,
    /// Their e-mail address.
    email: String,
}

/// Opens a ticket; returns its number.
///
/// # Arguments
///
/// * `title` - A one-line "summary", with quotes.
/// * `urgency` - How urgent it is.
/// * `reporter` - Who reported it.
/// * `scores` - Severity scores, per area and run.
#[letta_tool]
fn open_ticket(title: String, urgency: Urgency, reporter: Reporter, scores: Vec<Vec<f64>>) -> u64 {
    let _ = (title, urgency, reporter, scores);
    42
}

fn schema(tool: &dyn LettaTool) -> String {
    serde_json::to_string_pretty(&tool.definition().letta_json_schema()).unwrap()
}

fn stub(tool: &dyn LettaTool) -> String {
    tool.definition().python_stub().unwrap()
}

#[test]
fn scalars_with_an_arguments_section() {
    insta::assert_snapshot!("add_schema", schema(&AddTool));
    insta::assert_snapshot!("add_stub", stub(&AddTool));
}

#[test]
fn options_vectors_str_and_attribute_options() {
    let definition = SearchTool.definition();
    assert_eq!(definition.name, "search_catalogue");
    assert_eq!(definition.tags, ["shop", "search"]);
    assert_eq!(definition.return_char_limit, Some(2000));
    insta::assert_snapshot!("search_schema", schema(&SearchTool));
    insta::assert_snapshot!("search_stub", stub(&SearchTool));
}

#[test]
fn enums_nested_structs_and_nested_vectors() {
    insta::assert_snapshot!("open_ticket_schema", schema(&OpenTicketTool));
    insta::assert_snapshot!("open_ticket_stub", stub(&OpenTicketTool));
}
