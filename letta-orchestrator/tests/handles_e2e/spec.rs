use futures_util::TryStreamExt;
use letta_core::types::{BlockCreate, ListAgentsParams};
use letta_orchestrator::AgentSpec;

use crate::{client, spec, unique};

#[tokio::test]
async fn a_spec_creates_the_agent_it_describes() {
    let client = client();
    let name = unique("spec");
    let [human, persona] = letta_testkit::llm::memory_blocks();
    let request = letta_testkit::shared_selected()
        .llm()
        .agent_request(&name)
        .system("You are the spec test agent.")
        .description("made by a spec")
        .memory_blocks([human, persona, BlockCreate::new("notes", "nothing yet")])
        .tags(["spec-test"])
        .tools(["archival_memory_search"])
        .build();
    let handle = AgentSpec::from(request).create(&client).await.unwrap();
    let state = handle.state().await.unwrap();
    assert_eq!(state.name, name);
    assert_eq!(state.system, "You are the spec test agent.");
    assert_eq!(state.description.as_deref(), Some("made by a spec"));
    assert_eq!(state.tags, ["spec-test"]);
    let mut labels: Vec<_> = state
        .memory
        .blocks
        .iter()
        .filter_map(|b| b.label.clone())
        .collect();
    labels.sort();
    assert_eq!(labels, ["human", "notes", "persona"]);
    assert!(
        state
            .tools
            .iter()
            .any(|t| t.name.as_deref() == Some("archival_memory_search"))
    );
    assert_eq!(handle.memory("notes").await.unwrap(), "nothing yet");
    handle.delete().await.unwrap();
}

#[tokio::test]
async fn concurrent_ensures_create_the_agent_once() {
    let client = client();
    let name = unique("ensure");
    let spec = spec(&name);
    let ensures = (0..8).map(|_| spec.ensure(&client));
    let results = futures_util::future::try_join_all(ensures).await.unwrap();
    assert_eq!(results.iter().filter(|e| e.created).count(), 1);
    let id = results[0].handle.id().clone();
    assert!(results.iter().all(|e| e.handle.id() == &id));

    let params = ListAgentsParams::builder().name(name.clone()).build();
    let named: Vec<_> = client.agents().list_all(&params).try_collect().await.unwrap();
    assert_eq!(named.len(), 1, "one agent named {name}");

    // Later calls find it.
    let again = spec.ensure(&client).await.unwrap();
    assert!(!again.created);
    assert_eq!(again.handle.id(), &id);
    again.handle.delete().await.unwrap();
}

#[tokio::test]
async fn ensure_can_recognise_the_agent_by_tag() {
    let client = client();
    let tag = unique("role:ensure");
    let first = spec(&unique("by-tag"))
        .identified_by_tag(&tag)
        .ensure(&client)
        .await
        .unwrap();
    assert!(first.created);
    assert_eq!(first.handle.state().await.unwrap().tags, vec![tag.clone()]);
    // Another name, same tag: the same agent.
    let second = spec(&unique("renamed"))
        .identified_by_tag(&tag)
        .ensure(&client)
        .await
        .unwrap();
    assert!(!second.created);
    assert_eq!(second.handle.id(), first.handle.id());
    first.handle.delete().await.unwrap();
}
