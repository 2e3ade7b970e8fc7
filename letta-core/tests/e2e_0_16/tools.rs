//! Tools on the real 0.16.8: CRUD, upsert, count, the built-in tools, running source, schemas,
//! search, and an agent's tools (`generate_tool` is in `providers.rs`: it needs a provider's model).

use futures_util::TryStreamExt;
use letta_core::types::{
    CountToolsParams, ListToolsParams, MessageCreate, ToolCreate, ToolReturnStatus, ToolRunFromSource,
    ToolSchemaRequest, ToolSearch, ToolType, ToolUpdate,
};

use crate::{client, new_agent, once_more_after_a_race, unique};

fn source(name: &str, factor: i64) -> String {
    format!(
        r#"
def {name}(x: int) -> str:
    """Multiply a number.

    Args:
        x (int): The number.

    Returns:
        str: The product, as text.
    """
    return "product=" + str(x * {factor})
"#
    )
}

fn python_name(prefix: &str) -> String {
    unique(prefix).replace('-', "_")
}

#[tokio::test]
async fn tool_create_retrieve_list_count_modify_upsert_delete() {
    let client = client();
    let tools = client.tools();
    let name = python_name("times");
    let tool = tools.create(&ToolCreate::python(source(&name, 3))).await.unwrap();
    assert_eq!(tool.name.as_deref(), Some(name.as_str()));
    assert_eq!(tool.tool_type, ToolType::Custom);
    assert_eq!(tool.description.as_deref(), Some("Multiply a number."));
    assert_eq!(
        tool.json_schema.as_ref().unwrap()["parameters"]["properties"]["x"]["type"],
        "integer"
    );
    assert_eq!(tools.retrieve(&tool.id).await.unwrap().name, tool.name);
    let by_name = ListToolsParams::builder().name(name.clone()).build();
    let listed = once_more_after_a_race(|| tools.list(&by_name)).await.unwrap();
    assert_eq!(listed.iter().map(|t| &t.id).collect::<Vec<_>>(), [&tool.id]);

    let modified = tools
        .modify(
            &tool.id,
            &ToolUpdate::builder()
                .description("Triples x.")
                .tags(["math"])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.description.as_deref(), Some("Triples x."));
    assert_eq!(modified.tags, ["math"]);

    // 0.16 creates or updates: the same name is the same tool (0.7.x answered 409).
    let again = tools.create(&ToolCreate::python(source(&name, 3))).await.unwrap();
    assert_eq!(again.id, tool.id);

    let upserted = tools.upsert(&ToolCreate::python(source(&name, 5))).await.unwrap();
    assert_eq!(upserted.id, tool.id);
    assert!(upserted.source_code.unwrap().contains("x * 5"));

    tools.delete(&tool.id).await.unwrap();
    assert!(tools.retrieve(&tool.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn the_base_tools_are_added_and_listed() {
    let client = client();
    // 0.16.8 upserts every built-in tool on each first page of tools that lacks one (a name
    // filter, a small limit), and two such upserts at once can collide: the loser answers 500
    // "An unknown error occurred". Other tests list tools meanwhile.
    let tools = client.tools();
    let base = once_more_after_a_race(|| tools.add_base_tools()).await.unwrap();
    let names: Vec<_> = base.iter().filter_map(|t| t.name.as_deref()).collect();
    for tool in ["memory_insert", "conversation_search", "archival_memory_insert"] {
        assert!(names.contains(&tool), "{tool} missing from {names:?}");
    }
    let pages = ListToolsParams::builder().limit(20).build();
    let all: Vec<_> = once_more_after_a_race(|| client.tools().list_all(&pages).try_collect())
        .await
        .unwrap();
    let listed: std::collections::HashSet<_> = all.iter().map(|t| t.id.clone()).collect();
    assert_eq!(listed.len(), all.len(), "a tool was listed twice");
    assert!(base.iter().all(|t| listed.contains(&t.id)));
    // Other tests add and delete tools meanwhile, but never a built-in one.
    let count = client
        .tools()
        .count(&CountToolsParams::every_tool())
        .await
        .unwrap();
    assert!(count >= base.len() as u64, "{count} < {}", base.len());
}

#[tokio::test]
async fn run_from_source_executes_python_in_the_sandbox() {
    let client = client();
    let args = serde_json::json!({"x": 7}).as_object().cloned().unwrap();
    let result = client
        .tools()
        .run_from_source(
            &ToolRunFromSource::builder()
                .source_code(source(&python_name("adhoc"), 6))
                .args(args)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(result.status, ToolReturnStatus::Success, "{result:?}");
    assert_eq!(result.tool_return, "product=42");
}

#[tokio::test]
async fn generate_schema_derives_what_a_created_tool_gets() {
    let client = client();
    let name = python_name("schema");
    let schema = client
        .tools()
        .generate_schema(&ToolSchemaRequest::python(source(&name, 2)))
        .await
        .unwrap();
    assert_eq!(schema["name"], name.as_str());
    assert_eq!(schema["description"], "Multiply a number.");
    assert_eq!(schema["parameters"]["properties"]["x"]["type"], "integer");
    assert_eq!(schema["parameters"]["required"], serde_json::json!(["x"]));

    let undocumented = client
        .tools()
        .generate_schema(&ToolSchemaRequest::python("def bare(x):\n    return x\n"))
        .await
        .unwrap_err();
    assert_eq!(
        undocumented.status().map(|s| s.as_u16()),
        Some(400),
        "{undocumented}"
    );
}

#[tokio::test]
async fn tool_search_needs_tool_embeddings_the_self_hosted_server_lacks() {
    // Tool search runs on Turbopuffer (`embed_tools`), which a self-hosted server has not.
    let error = client()
        .tools()
        .search(&ToolSearch::query("multiply a number"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert_eq!(
        error.detail().unwrap_or_default(),
        "Tool semantic search requires tool embedding to be enabled (embed_tools=True)."
    );
}

#[tokio::test]
async fn an_agent_gets_a_tool_attached_calls_it_and_loses_it() {
    let client = client();
    let name = python_name("agenttool");
    let tool = client
        .tools()
        .create(&ToolCreate::python(source(&name, 10)))
        .await
        .unwrap();
    let agent = new_agent(&client, "tooluser").await;
    let tools = client.agents().tools(&agent.id);
    let before: Vec<_> = tools.list().await.unwrap().into_iter().map(|t| t.id).collect();
    assert!(!before.contains(&tool.id));

    let attached = tools.attach(&tool.id).await.unwrap();
    assert_eq!(attached.id, agent.id);
    assert!(
        attached.tools.iter().any(|t| t.id == tool.id),
        "the new state carries it"
    );
    let listed: Vec<_> = tools.list().await.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(listed.len(), before.len() + 1);
    assert!(listed.contains(&tool.id));

    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user(format!(r#"#call {name} {{"x": 4}}"#)).into())
        .await
        .unwrap();
    let replies: Vec<String> = turn.messages.iter().filter_map(|m| m.assistant_text()).collect();
    assert_eq!(replies, ["Tool returned: product=40"], "{turn:?}");

    let detached = tools.detach(&tool.id).await.unwrap();
    assert!(detached.tools.iter().all(|t| t.id != tool.id));
    let after: Vec<_> = tools.list().await.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(after.len(), before.len());
    assert!(!after.contains(&tool.id));

    client.agents().delete(&agent.id).await.unwrap();
    client.tools().delete(&tool.id).await.unwrap();
}
