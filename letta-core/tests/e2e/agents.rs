use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use letta_core::types::{
    AgentType, AgentUpdate, BlockCreate, IdentityCreate, IdentityType, ListAgentsParams, ToolCreate,
};

use crate::{agent_request, client, new_agent, unique};

#[tokio::test]
async fn create_retrieve_modify_delete() {
    let client = client();
    let name = unique("crud");
    let mut metadata = serde_json::Map::new();
    metadata.insert("team".into(), "qa".into());
    let request = agent_request(&name)
        .tags(["crud"])
        .description("first description")
        .metadata(metadata)
        .build();
    let agent = client.agents().create(&request).await.unwrap();
    assert!(agent.id.as_str().starts_with("agent-"), "{}", agent.id);
    assert_eq!(agent.name, name);
    assert_eq!(agent.agent_type, AgentType::MemgptAgent);
    assert_eq!(agent.tags, vec!["crud".to_string()]);
    assert_eq!(agent.description.as_deref(), Some("first description"));
    assert_eq!(agent.metadata.as_ref().unwrap()["team"], "qa");
    assert_eq!(agent.memory.block("human").unwrap().value, "Name: Ada");
    assert_eq!(agent.llm_config.model, letta_testkit::llm::MODEL);
    let tools: BTreeSet<_> = agent.tools.iter().filter_map(|t| t.name.clone()).collect();
    assert!(tools.contains("send_message"), "{tools:?}");
    assert!(agent.created_at.is_some());

    let fetched = client.agents().retrieve(&agent.id).await.unwrap();
    assert_eq!(fetched.id, agent.id);
    assert_eq!(fetched.memory.blocks.len(), 2);

    let update = AgentUpdate::builder()
        .name(format!("{name}-renamed"))
        .description("second description")
        .tags(["crud", "renamed"])
        .build();
    let modified = client.agents().modify(&agent.id, &update).await.unwrap();
    assert_eq!(modified.name, format!("{name}-renamed"));
    assert_eq!(modified.description.as_deref(), Some("second description"));
    let tags: BTreeSet<_> = modified.tags.iter().cloned().collect();
    assert_eq!(tags, BTreeSet::from(["crud".to_string(), "renamed".to_string()]));

    client.agents().delete(&agent.id).await.unwrap();
    let err = client.agents().retrieve(&agent.id).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn list_filters_by_tag_and_name_and_count_sees_them() {
    let client = client();
    let tag = unique("tag");
    let mut ids = BTreeSet::new();
    for i in 0..3 {
        let agent = client
            .agents()
            .create(&agent_request(&unique(&format!("listed{i}"))).tags([&tag]).build())
            .await
            .unwrap();
        ids.insert(agent.id.to_string());
    }
    let tagged = client
        .agents()
        .list(&ListAgentsParams::builder().tags([tag.clone()]).build())
        .await
        .unwrap();
    let found: BTreeSet<_> = tagged.iter().map(|a| a.id.to_string()).collect();
    assert_eq!(found, ids);

    let one = tagged[0].name.clone();
    let by_name = client
        .agents()
        .list(&ListAgentsParams::builder().name(one.clone()).build())
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].name, one);

    // "Any of several tags": 0.7.29 ignores the tags here, the client filters.
    let other = unique("othertag");
    let extra = client
        .agents()
        .create(&agent_request(&unique("listed-other")).tags([&other]).build())
        .await
        .unwrap();
    let any = client
        .agents()
        .list(
            &ListAgentsParams::builder()
                .tags([tag.clone(), other.clone()])
                .limit(1000)
                .build(),
        )
        .await
        .unwrap();
    let mut expected = ids.clone();
    expected.insert(extra.id.to_string());
    assert_eq!(
        any.iter().map(|a| a.id.to_string()).collect::<BTreeSet<_>>(),
        expected
    );
    let all_of_both = client
        .agents()
        .list(
            &ListAgentsParams::builder()
                .tags([tag.clone(), other])
                .match_all_tags(true)
                .build(),
        )
        .await
        .unwrap();
    assert!(all_of_both.is_empty(), "{all_of_both:?}");

    let count = client.agents().count().await.unwrap();
    assert!(count >= 3, "count {count}");
}

#[tokio::test]
async fn list_all_walks_every_page_once() {
    let client = client();
    let tag = unique("paged");
    let mut ids = BTreeSet::new();
    for i in 0..5 {
        let agent = client
            .agents()
            .create(&agent_request(&unique(&format!("paged{i}"))).tags([&tag]).build())
            .await
            .unwrap();
        ids.insert(agent.id.to_string());
    }
    let all: Vec<_> = client
        .agents()
        .list_all(&ListAgentsParams::builder().tags([tag]).limit(2).build())
        .try_collect()
        .await
        .unwrap();
    let seen: Vec<_> = all.iter().map(|a| a.id.to_string()).collect();
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), ids);
}

#[tokio::test]
async fn deleting_an_agent_removes_it_from_lists() {
    let client = client();
    let agent = new_agent(&client, "gone").await;
    client.agents().delete(&agent.id).await.unwrap();
    let listed = client
        .agents()
        .list(&ListAgentsParams::builder().name(agent.name.clone()).build())
        .await
        .unwrap();
    assert!(listed.is_empty(), "{listed:?}");
}

/// What the `AgentCreate` docs show a new user: a tool, a block and an identity that exist,
/// attached to a new agent by their typed IDs.
#[tokio::test]
async fn an_agent_gets_tools_blocks_and_identities_by_typed_id() {
    let client = client();
    let tool_name = unique("lookup").replace('-', "_");
    let source = format!(
        "def {tool_name}(query: str) -> str:\n    \"\"\"Looks a query up.\n\n    Args:\n        query (str): What to look up.\n\n    Returns:\n        str: The answer.\n    \"\"\"\n    return query\n"
    );
    let tool = client.tools().create(&ToolCreate::python(source)).await.unwrap();
    let policy = client
        .blocks()
        .create(&BlockCreate::new("policy", "Refunds within 30 days."))
        .await
        .unwrap();
    let ada = client
        .identities()
        .create(&IdentityCreate::new(unique("user"), "Ada", IdentityType::User))
        .await
        .unwrap();

    let request = agent_request(&unique("typed-ids"))
        .tool_ids([&tool.id])
        .block_ids([&policy.id])
        .identity_ids([&ada.id])
        .build();
    let agent = client.agents().create(&request).await.unwrap();

    assert!(
        agent.tools.iter().any(|t| t.id == tool.id),
        "tool {} attached",
        tool.id
    );
    let policy_block = agent
        .memory
        .block("policy")
        .expect("the policy block is in core memory");
    assert_eq!(policy_block.id, policy.id);
    assert_eq!(policy_block.value, "Refunds within 30 days.");
    assert_eq!(agent.identity_ids, std::slice::from_ref(&ada.id));

    client.agents().delete(&agent.id).await.unwrap();
    client.identities().delete(&ada.id).await.unwrap();
    client.blocks().delete(&policy.id).await.unwrap();
    client.tools().delete(&tool.id).await.unwrap();
}
