use letta_core::types::Replies;
use letta_core::types::{
    LettaMessage, ListToolsParams, MessageCreate, ToolCreate, ToolReturnStatus, ToolRunFromSource, ToolType,
    ToolUpdate,
};

use crate::{agent_request, client, unique};

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

#[tokio::test]
async fn tool_create_retrieve_list_modify_upsert_delete() {
    let client = client();
    let name = unique("times").replace('-', "_");
    let tool = client
        .tools()
        .create(&ToolCreate::python(source(&name, 3)))
        .await
        .unwrap();
    assert_eq!(tool.name.as_deref(), Some(name.as_str()));
    assert_eq!(tool.tool_type, ToolType::Custom);
    let schema = tool.json_schema.clone().unwrap();
    assert_eq!(schema["parameters"]["properties"]["x"]["type"], "integer");
    assert_eq!(tool.description.as_deref(), Some("Multiply a number."));

    assert_eq!(client.tools().retrieve(&tool.id).await.unwrap().name, tool.name);
    let listed = client
        .tools()
        .list(&ListToolsParams::builder().name(name.clone()).build())
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        vec![tool.id.clone()]
    );

    let modified = client
        .tools()
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
    assert_eq!(modified.tags, vec!["math".to_string()]);

    let duplicate = client
        .tools()
        .create(&ToolCreate::python(source(&name, 3)))
        .await
        .unwrap_err();
    assert_eq!(duplicate.status().map(|s| s.as_u16()), Some(409), "{duplicate}");
    assert!(duplicate.detail().is_some(), "{duplicate}");

    let upserted = client
        .tools()
        .upsert(&ToolCreate::python(source(&name, 5)))
        .await
        .unwrap();
    assert_eq!(upserted.id, tool.id);
    assert!(upserted.source_code.unwrap().contains("x * 5"));

    client.tools().delete(&tool.id).await.unwrap();
    assert!(
        client
            .tools()
            .retrieve(&tool.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn run_from_source_executes_python_in_the_sandbox() {
    let client = client();
    let name = unique("adhoc").replace('-', "_");
    let args = serde_json::json!({"x": 7}).as_object().cloned().unwrap();
    let result = client
        .tools()
        .run_from_source(
            &ToolRunFromSource::builder()
                .source_code(source(&name, 6))
                .args(args)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(result.status, ToolReturnStatus::Success);
    assert_eq!(result.tool_return, "product=42");
}

#[tokio::test]
async fn an_agent_calls_a_custom_tool() {
    let client = client();
    let name = unique("agenttool").replace('-', "_");
    client
        .tools()
        .create(&ToolCreate::python(source(&name, 10)))
        .await
        .unwrap();
    let agent = client
        .agents()
        .create(&agent_request(&unique("tooluser")).tools([&name]).build())
        .await
        .unwrap();
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user(format!(r#"#call {name} {{"x": 4}}"#)))
        .await
        .unwrap();
    let returned = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r.tool_return.clone()),
            _ => None,
        })
        .expect("tool return");
    assert!(returned.contains("product=40"), "{returned}");
    assert!(
        reply.assistant_texts()[0].contains("product=40"),
        "{:?}",
        reply.assistant_texts()
    );
}

#[tokio::test]
async fn list_all_tools_includes_the_base_tools() {
    use futures_util::TryStreamExt;
    let client = client();
    let all: Vec<_> = client
        .tools()
        .list_all(&ListToolsParams::builder().limit(3).build())
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = all.iter().filter_map(|t| t.name.as_deref()).collect();
    for base in ["send_message", "archival_memory_insert", "core_memory_append"] {
        assert!(names.contains(&base), "{base} missing from {names:?}");
    }
    let ids: std::collections::HashSet<_> = all.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids.len(), all.len(), "a tool was listed twice");
}
