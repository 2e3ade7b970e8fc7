//! The rest of an agent: context window, export and import, its tools; blocks shared by agents,
//! passage edits, tags, embedding storage and authentication.

use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use letta_core::LettaError;
use letta_core::types::Replies;
use letta_core::types::{
    AgentExport, BlockCreate, CountToolsParams, ImportAgentParams, LettaMessage, ListMessagesParams,
    ListPassagesParams, ListTagsParams, MessageCreate, PassageUpdate, ToolCreate,
};

use crate::{agent_request, client, new_agent, unique};

#[tokio::test]
async fn the_context_window_shows_prompt_memory_tools_and_messages() {
    let client = client();
    let agent = new_agent(&client, "context").await;
    client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("fill the context"))
        .await
        .unwrap();
    client
        .agents()
        .archival(&agent.id)
        .create("One archived fact.")
        .await
        .unwrap();
    let context = client.agents().context_window(&agent.id).await.unwrap();
    let state = client.agents().retrieve(&agent.id).await.unwrap();
    assert_eq!(context.context_window_size_max, 16384);
    assert!(context.context_window_size_current > 0);
    assert_eq!(
        context.num_messages as usize,
        state.message_ids.unwrap_or_default().len()
    );
    assert_eq!(context.messages.len() as u64, context.num_messages);
    assert!(
        context
            .messages
            .iter()
            .any(|m| m.text().contains("fill the context"))
    );
    assert_eq!(context.num_archival_memory, 1);
    assert!(
        context.core_memory.contains("Name: Ada"),
        "{}",
        context.core_memory
    );
    assert!(!context.system_prompt.is_empty());
    assert!(context.num_tokens_system > 0 && context.num_tokens_core_memory > 0);
    let functions: BTreeSet<&str> = context.function_names().into_iter().collect();
    assert!(functions.contains("send_message") && functions.contains("archival_memory_insert"));
}

#[tokio::test]
async fn an_exported_agent_imports_as_a_copy_with_or_without_messages() {
    let client = client();
    let agent = new_agent(&client, "exported").await;
    client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("remember this exchange"))
        .await
        .unwrap();
    let file = client.agents().export(&agent.id).await.unwrap();
    assert_eq!(file.name().as_deref(), Some(agent.name.as_str()));
    assert!(file.message_count() >= 3, "{}", file.message_count());
    let again = AgentExport::from_json(file.as_json()).unwrap();
    assert_eq!(again, file);

    let copy = client
        .agents()
        .import(&file, &ImportAgentParams::default())
        .await
        .unwrap();
    assert_ne!(copy.id, agent.id);
    assert_eq!(copy.name, format!("{}_copy", agent.name));
    assert_eq!(copy.memory.block("human").unwrap().value, "Name: Ada");
    let history = client
        .agents()
        .messages(&copy.id)
        .list(&ListMessagesParams::builder().limit(50).build())
        .await
        .unwrap();
    assert!(
        history
            .iter()
            .any(|m| matches!(m, LettaMessage::Assistant(a) if a.content.text() == "You said: remember this exchange")),
        "{history:?}"
    );
    let reply = client
        .agents()
        .messages(&copy.id)
        .send(MessageCreate::user("are you a copy"))
        .await
        .unwrap();
    assert_eq!(
        reply.assistant_texts(),
        vec!["You said: are you a copy".to_string()]
    );

    let stripped = client
        .agents()
        .import(
            &file,
            &ImportAgentParams::builder()
                .append_copy_suffix(false)
                .strip_messages(true)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(stripped.name, agent.name);
    assert_eq!(
        stripped.message_ids.unwrap_or_default().len(),
        1,
        "only the system prompt"
    );

    let err = AgentExport::from_json("[1, 2]").unwrap_err();
    assert!(matches!(err, LettaError::InvalidInput(_)), "{err}");
}

const SHOUT: &str = r#"
def shout(text: str) -> str:
    """Make text loud.

    Args:
        text (str): What to shout.

    Returns:
        str: The loud text.
    """
    return text.upper() + "!"
"#;

#[tokio::test]
async fn tools_attach_to_and_detach_from_an_agent() {
    let client = client();
    let agent = new_agent(&client, "tooled").await;
    let tool = client.tools().upsert(&ToolCreate::python(SHOUT)).await.unwrap();
    let names = |tools: &[letta_core::types::Tool]| -> BTreeSet<String> {
        tools.iter().filter_map(|t| t.name.clone()).collect()
    };
    let agent_tools = client.agents().tools(&agent.id);
    assert!(!names(&agent_tools.list().await.unwrap()).contains("shout"));

    let state = agent_tools.attach(&tool.id).await.unwrap();
    assert!(names(&state.tools).contains("shout"));
    assert!(names(&agent_tools.list().await.unwrap()).contains("shout"));
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user(r#"#call shout {"text": "hey"}"#))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), vec!["Tool returned: HEY!".to_string()]);

    let state = agent_tools.detach(&tool.id).await.unwrap();
    assert!(!names(&state.tools).contains("shout"));
    assert!(!names(&agent_tools.list().await.unwrap()).contains("shout"));

    // 0.7.29 counts only its built-in tools unless asked for every tool; `shout` is not one.
    let built_in = client.tools().count(&CountToolsParams::default()).await.unwrap();
    let every = client
        .tools()
        .count(&CountToolsParams::every_tool())
        .await
        .unwrap();
    assert!(built_in >= 1, "{built_in}");
    assert!(every > built_in, "every tool {every}, built-in {built_in}");
    let base = names(&client.tools().add_base_tools().await.unwrap());
    for tool in [
        "send_message",
        "archival_memory_insert",
        "conversation_search",
        "core_memory_append",
    ] {
        assert!(base.contains(tool), "{tool} missing from {base:?}");
    }
}

#[tokio::test]
async fn a_shared_block_lists_its_agents() {
    let client = client();
    let block = client
        .blocks()
        .create(&BlockCreate::new("team", "We ship on Fridays."))
        .await
        .unwrap();
    let mut ids = BTreeSet::new();
    for prefix in ["sharer-a", "sharer-b"] {
        let request = agent_request(&unique(prefix)).block_ids([&block.id]).build();
        ids.insert(client.agents().create(&request).await.unwrap().id);
    }
    let agents = client.blocks().list_agents(&block.id).await.unwrap();
    assert_eq!(agents.into_iter().map(|a| a.id).collect::<BTreeSet<_>>(), ids);
}

#[tokio::test]
async fn a_passage_can_be_rewritten() {
    let client = client();
    let agent = new_agent(&client, "rewrite").await;
    let archive = client.agents().archival(&agent.id);
    let stored = archive.create("Ada drinks tea.").await.unwrap();
    let passage = &stored[0];
    let updated = archive
        .modify(
            &PassageUpdate::from_passage(passage)
                .text("Ada drinks coffee.")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(updated.id, passage.id);
    assert_eq!(updated.text, "Ada drinks coffee.");
    let listed = archive.list(&ListPassagesParams::default()).await.unwrap();
    assert_eq!(
        listed.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        vec!["Ada drinks coffee."]
    );

    let mut bare = PassageUpdate::from_passage(passage).text("no embedding").build();
    bare.embedding = None;
    let err = archive.modify(&bare).await.unwrap_err();
    assert!(
        matches!(err, LettaError::InvalidInput(ref m) if m.contains("from_passage")),
        "{err}"
    );
}

#[tokio::test]
async fn tags_are_listed_alphabetically_and_paged() {
    let client = client();
    let prefix = unique("tagged");
    for suffix in ["b", "a", "c"] {
        client
            .agents()
            .create(
                &agent_request(&unique("tag-holder"))
                    .tags([format!("{prefix}-{suffix}")])
                    .build(),
            )
            .await
            .unwrap();
    }
    let expected: Vec<String> = ["a", "b", "c"].iter().map(|s| format!("{prefix}-{s}")).collect();
    let page = client
        .tags()
        .list(&ListTagsParams::builder().query_text(prefix.clone()).build())
        .await
        .unwrap();
    assert_eq!(page, expected);
    let walked: Vec<String> = client
        .tags()
        .list_all(
            &ListTagsParams::builder()
                .query_text(prefix.clone())
                .limit(1)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked, expected);
    let after_a = client
        .tags()
        .list(
            &ListTagsParams::builder()
                .query_text(prefix.clone())
                .after(expected[0].clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(after_a, expected[1..]);
}

#[tokio::test]
async fn embedding_storage_grows_with_passages() {
    let client = client();
    let agent = new_agent(&client, "storage").await;
    client
        .agents()
        .archival(&agent.id)
        .create("Something worth storing.")
        .await
        .unwrap();
    let gigabytes = client.embeddings().total_storage_size().await.unwrap();
    // 0.7.29 counts 4 bytes x 4096 dimensions per passage.
    let per_passage = 4.0 * 4096.0 / 1024f64.powi(3);
    assert!(gigabytes >= per_passage, "{gigabytes}");
    assert!((gigabytes / per_passage).fract().abs() < 1e-6, "{gigabytes}");
}

#[tokio::test]
async fn authentication_is_broken_in_0_7_29() {
    let client = client();
    // The handler calls `SyncServer.api_key_to_user`, which 0.7.29 no longer has.
    let err = client.auth().authenticate("not-the-password").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err}");
}
