//! Agents on the real 0.16.8 beyond the turn: create, count, list, modify, export and import (with
//! skills too), the context window, one-off generations, summaries, system-prompt recompiles,
//! and the Cloud-only agent search refused before anything is sent.

use letta_core::types::{
    AgentExportRequest, AgentUpdate, CompactionRequest, GenerateRequest, ImportAgentParams, ListAgentsParams,
    MessageCreate, RecompileParams, Replies, Skill,
};

use crate::{client, new_agent, unique};

#[tokio::test]
async fn an_agent_is_counted_listed_modified_and_deleted() {
    let client = client();
    let agent = new_agent(&client, "crud").await;
    // Other tests create agents at the same time: the count is at least ours.
    assert!(client.agents().count().await.unwrap() >= 1);
    let tag = unique("tag");
    let described = unique("described");
    let modified = client
        .agents()
        .modify(
            &agent.id,
            &AgentUpdate::builder()
                .description(described.clone())
                .tags(vec![tag.clone()])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.description.as_deref(), Some(described.as_str()));
    assert_eq!(modified.tags, std::slice::from_ref(&tag));
    let tagged = client
        .agents()
        .list(&ListAgentsParams::builder().tags(vec![tag.clone()]).build())
        .await
        .unwrap();
    assert_eq!(tagged.iter().map(|a| &a.id).collect::<Vec<_>>(), [&agent.id]);
    assert_eq!(
        client
            .agents()
            .retrieve(&agent.id)
            .await
            .unwrap()
            .description
            .as_deref(),
        Some(described.as_str())
    );
    client.agents().delete(&agent.id).await.unwrap();
    let gone = client.agents().retrieve(&agent.id).await.unwrap_err();
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
}

#[tokio::test]
async fn an_agent_exports_and_imports_with_its_messages_and_skills() {
    let client = client();
    let agent = new_agent(&client, "export").await;
    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user("#reply remember this").into())
        .await
        .unwrap();
    assert_eq!(turn.assistant_texts(), ["remember this"]);

    let export = client.agents().export(&agent.id).await.unwrap();
    assert!(export.as_json().contains("remember this"));
    let imported = client
        .agents()
        .import(
            &export,
            &ImportAgentParams::builder().append_copy_suffix(true).build(),
        )
        .await
        .unwrap();
    assert_ne!(imported.id, agent.id);
    let said: Vec<String> = client
        .agents()
        .messages(&imported.id)
        .list(&Default::default())
        .await
        .unwrap()
        .iter()
        .filter_map(|m| m.assistant_text())
        .collect();
    assert_eq!(said, ["remember this"]);

    let skill = Skill::builder(unique("skill"))
        .files([("SKILL.md".to_owned(), "# Greeting\nSay hi.".to_owned())].into())
        .build();
    let with_skills = client
        .agents()
        .export_with_skills(
            &agent.id,
            &AgentExportRequest::builder()
                .skills([skill.clone()])
                .scrub_messages(true)
                .build(),
        )
        .await
        .unwrap();
    let document = with_skills.to_value();
    assert!(with_skills.as_json().contains(&skill.name), "{document}");
    assert!(
        !with_skills.as_json().contains("remember this"),
        "scrubbed: {document}"
    );

    let ids = client
        .agents()
        .import_all(
            &with_skills,
            &ImportAgentParams::builder().append_copy_suffix(true).build(),
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let skilled = client.agents().retrieve(&ids[0]).await.unwrap();
    assert_ne!(skilled.id, agent.id);

    for id in [&skilled.id, &imported.id, &agent.id] {
        client.agents().delete(id).await.unwrap();
    }
}

#[tokio::test]
async fn an_agent_generates_summarizes_and_recompiles() {
    let client = client();
    let agent = new_agent(&client, "loop").await;
    let agents = client.agents();

    let context = agents.context_window(&agent.id).await.unwrap();
    assert!(context.system_prompt.contains("persona") || !context.system_prompt.is_empty());
    assert!(context.context_window_size_current > 0 && context.context_window_size_max > 0);

    let generated = agents
        .generate(
            &agent.id,
            &GenerateRequest::builder("#reply one-off words").build(),
        )
        .await
        .unwrap();
    assert_eq!(generated.content, "one-off words", "{generated:?}");
    assert_eq!(generated.model, letta_testkit::llm::MODEL);
    // Nothing of it was stored.
    let stored = agents
        .messages(&agent.id)
        .list(&Default::default())
        .await
        .unwrap();
    assert!(stored.iter().all(|m| m.assistant_text().is_none()), "{stored:?}");

    for text in ["#reply first", "#reply second", "#reply third"] {
        agents
            .messages(&agent.id)
            .send(&MessageCreate::user(text).into())
            .await
            .unwrap();
    }
    let summary = agents
        .summarize(
            &agent.id,
            // The default sliding window keeps this short a history whole (400).
            &CompactionRequest::builder()
                .compaction_settings(serde_json::json!({"mode": "all"}))
                .build(),
        )
        .await
        .unwrap();
    assert!(
        summary.num_messages_after < summary.num_messages_before,
        "{summary:?}"
    );

    let persona = unique("persona");
    agents
        .core_memory(&agent.id)
        .modify_block(
            "persona",
            &letta_core::types::BlockUpdate::builder()
                .value(persona.clone())
                .build(),
        )
        .await
        .unwrap();
    let dry = agents
        .recompile(&agent.id, &RecompileParams::builder().dry_run(true).build())
        .await
        .unwrap();
    assert!(dry.contains(&persona), "{dry}");
    #[allow(deprecated)]
    let stored = agents
        .recompile_system_prompt(&agent.id, &RecompileParams::default())
        .await
        .unwrap();
    assert!(stored.contains(&persona), "{stored}");

    agents.delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn the_cloud_agent_search_is_not_a_route_of_0_16_8() {
    // Letta Cloud's agent search is let through (the client cannot tell Cloud from a self-hosted
    // server), so it goes out from a client that does not record: 0.16.8 has no such route.
    let client = letta_core::LettaClient::new(crate::server().base_url()).unwrap();
    let error = client
        .call::<serde_json::Value>(letta_core::operations::search_agents().json(&serde_json::json!({})))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(405), "{error}");
}
