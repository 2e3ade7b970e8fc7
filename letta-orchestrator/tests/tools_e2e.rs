//! `#[letta_tool]` functions called by agents on the real Letta server: the scripted LLM calls
//! the tool, the server runs its Python stub, the stub calls the tool host in this process, and
//! the Rust body runs here.

use std::sync::Mutex;
use std::time::Duration;

use letta_core::LettaClient;
use letta_core::rust_tool::SECRET_ENV;
use letta_core::types::{AgentUpdate, BlockCreate, LettaMessage, ToolReturnStatus};
use letta_orchestrator::tools::{ToolHost, ToolHostConfig, ToolRegistry};
use letta_orchestrator::{AgentHandle, AgentSpec, Replies, Turn, letta_tool};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the tools did, seen from the test.
static VISITS: Mutex<Vec<String>> = Mutex::new(Vec::new());
static NOTES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records a visitor and greets them.
///
/// # Arguments
///
/// * `name` - Who visited.
#[letta_tool]
fn record_visit(name: &str) -> String {
    VISITS.lock().unwrap().push(name.to_owned());
    format!("visited {name}")
}

/// Divides one number by another.
#[letta_tool(tags = ["math"], return_char_limit = 200)]
fn divide(
    /// The dividend.
    a: f64,
    /// The divisor; not zero.
    b: f64,
) -> Result<f64, String> {
    if b == 0.0 {
        Err(format!("cannot divide {a} by zero"))
    } else {
        Ok(a / b)
    }
}

/// How the visitor felt.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Mood {
    Happy,
    Grumpy,
}

/// Where a note is about.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
struct Place {
    /// The city.
    city: String,
    /// The floor, if known.
    floor: Option<i32>,
}

/// A stored note.
#[derive(Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
struct Note {
    id: usize,
    summary: String,
}

/// Files a note about a visit.
///
/// # Arguments
///
/// * `mood` - How the visitor felt.
/// * `place` - Where it happened.
/// * `labels` - Labels for the note.
#[letta_tool]
async fn file_note(mood: Mood, place: Place, labels: Vec<String>) -> Note {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let summary = format!(
        "{mood:?} in {} (floor {:?}): {}",
        place.city,
        place.floor,
        labels.join(",")
    );
    let mut notes = NOTES.lock().unwrap();
    notes.push(summary.clone());
    Note {
        id: notes.len(),
        summary,
    }
}

/// Always panics.
#[letta_tool]
fn explode() -> String {
    panic!("the tool blew up")
}

fn registry() -> ToolRegistry {
    ToolRegistry::new()
        .with(RecordVisitTool)
        .with(DivideTool)
        .with(FileNoteTool)
        .with(ExplodeTool)
}

fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .build()
        .unwrap()
}

fn spec(prefix: &str) -> AgentSpec {
    let request = letta_testkit::shared_selected()
        .llm()
        .agent_request(letta_testkit::unique_name(prefix))
        .memory_blocks([
            BlockCreate::new("human", "Name: Ada"),
            BlockCreate::new("persona", "I use my tools."),
        ])
        .build();
    AgentSpec::from(request)
}

/// 0.7.29's local sandbox swaps each run's environment variables into the server's
/// `os.environ`, so concurrent tool runs of agents with different hosts can see each other's
/// secret: these tests take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A host for these tests' tools, and an agent that has them.
async fn agent_with_tools(name: &str) -> (ToolHost, AgentHandle) {
    let client = client();
    let registry = registry();
    let host = registry.serve(ToolHostConfig::default()).await.unwrap();
    registry.register(&client).await.unwrap();
    let agent = registry
        .add_to_spec(spec(name), &host)
        .create(&client)
        .await
        .unwrap();
    (host, agent)
}

fn only_return(turn: &Turn) -> &letta_core::types::ToolReturnMessage {
    let returns = turn.tool_returns();
    assert_eq!(returns.len(), 1, "{:#?}", turn.messages);
    returns[0]
}

#[tokio::test]
async fn the_agent_calls_a_rust_function_and_gets_its_value() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (host, agent) = agent_with_tools("rust-tools").await;
    let turn = agent
        .send(r#"#call record_visit {"name": "Grace"}"#)
        .await
        .unwrap();
    // The body ran in this process.
    assert!(VISITS.lock().unwrap().contains(&"Grace".to_string()));
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Success);
    assert_eq!(returned.tool_return, "visited Grace");
    assert_eq!(turn.last_reply().as_deref(), Some("Tool returned: visited Grace"));

    // Structs, enums, vectors and async bodies; a non-string value comes back as JSON.
    let turn = agent
        .send(r#"#call file_note {"mood": "grumpy", "place": {"city": "Oslo", "floor": 3}, "labels": ["a", "b"]}"#)
        .await
        .unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Success);
    let note: Note = serde_json::from_str(&returned.tool_return).unwrap();
    assert_eq!(note.summary, "Grumpy in Oslo (floor Some(3)): a,b");
    assert!(NOTES.lock().unwrap().contains(&note.summary));

    let turn = agent.send(r#"#call divide {"a": 7, "b": 2}"#).await.unwrap();
    assert_eq!(only_return(&turn).tool_return, "3.5");
    assert!(host.stats().calls >= 3);
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn an_err_or_a_panic_is_an_error_return_and_the_agent_goes_on() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (host, agent) = agent_with_tools("rust-tools-errors").await;
    let turn = agent.send(r#"#call divide {"a": 1, "b": 0}"#).await.unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Error, "{returned:?}");
    assert!(
        returned.tool_return.contains("cannot divide 1 by zero"),
        "{}",
        returned.tool_return
    );

    let turn = agent.send("#call explode {}").await.unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Error);
    assert!(
        returned.tool_return.contains("panicked: the tool blew up"),
        "{}",
        returned.tool_return
    );

    // The agent and the host go on.
    let turn = agent.send("still there?").await.unwrap();
    assert_eq!(turn.last_reply().as_deref(), Some("You said: still there?"));
    let turn = agent
        .send(r#"#call record_visit {"name": "Linus"}"#)
        .await
        .unwrap();
    assert_eq!(only_return(&turn).tool_return, "visited Linus");
    assert_eq!(host.stats().failures, 2);
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn a_stub_without_the_right_secret_runs_nothing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (host, agent) = agent_with_tools("rust-tools-secret").await;
    let mut environment: std::collections::BTreeMap<String, String> =
        host.environment().into_iter().collect();
    environment.insert(SECRET_ENV.into(), "guessed".into());
    let update = AgentUpdate::builder()
        .tool_exec_environment_variables(environment)
        .build();
    agent.client().agents().modify(agent.id(), &update).await.unwrap();
    let before = VISITS.lock().unwrap().len();
    let turn = agent
        .send(r#"#call record_visit {"name": "Mallory"}"#)
        .await
        .unwrap();
    let returned = only_return(&turn);
    assert_eq!(returned.status, ToolReturnStatus::Error);
    assert!(
        returned.tool_return.contains("unauthorized"),
        "{}",
        returned.tool_return
    );
    assert!(!VISITS.lock().unwrap()[before..].contains(&"Mallory".to_string()));
    assert_eq!(host.stats().refused, 1);
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn registering_is_idempotent_and_attach_works_on_existing_agents() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = client();
    let registry = registry();
    let host = registry.serve(ToolHostConfig::default()).await.unwrap();
    let first = registry.register(&client).await.unwrap();
    let second = registry.register(&client).await.unwrap();
    let ids = |tools: &[letta_core::types::Tool]| tools.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    // The server derives, from each macro-made stub, exactly the schema the definition states.
    for (tool, definition) in first.iter().zip(registry.definitions()) {
        let mut derived = serde_json::Value::Object(tool.json_schema.clone().unwrap());
        let properties = derived["parameters"]["properties"].as_object_mut().unwrap();
        properties.remove("request_heartbeat");
        let required = derived["parameters"]["required"].as_array_mut().unwrap();
        required.retain(|r| r != "request_heartbeat");
        assert_eq!(derived, definition.letta_json_schema(), "{}", definition.name);
    }
    let divide = first
        .iter()
        .find(|t| t.name.as_deref() == Some("divide"))
        .unwrap();
    assert_eq!(divide.tags, ["math"]);
    assert_eq!(divide.return_char_limit, Some(200));

    let agent = spec("rust-tools-attach").create(&client).await.unwrap();
    let state = registry.attach(&agent, &host).await.unwrap();
    for name in registry.names() {
        assert!(
            state.tools.iter().any(|t| t.name.as_deref() == Some(&name)),
            "{name} attached"
        );
    }
    let state = registry.attach(&agent, &host).await.unwrap(); // again: no duplicates
    let count = state
        .tools
        .iter()
        .filter(|t| t.name.as_deref() == Some("divide"))
        .count();
    assert_eq!(count, 1);
    let turn = agent
        .send(r#"#call record_visit {"name": "Barbara"}"#)
        .await
        .unwrap();
    assert_eq!(only_return(&turn).tool_return, "visited Barbara");
    assert!(
        turn.messages
            .iter()
            .any(|m| matches!(m, LettaMessage::ToolCall(_)))
    );
    agent.delete().await.unwrap();
}
