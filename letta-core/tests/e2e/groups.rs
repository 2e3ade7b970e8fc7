//! Multi-agent groups of every manager type the scripted LLM can drive.

use std::collections::{BTreeSet, HashSet};

use futures_util::{StreamExt, TryStreamExt};
use letta_core::StreamEvent;
use letta_core::types::{
    GroupCreate, GroupUpdate, LettaMessage, LettaResponse, LettaStreamingRequest, ListGroupMessagesParams,
    ListGroupsParams, ManagerConfig, ManagerConfigUpdate, ManagerType, MessageCreate, MessageUpdate,
};

use crate::{client, new_agent, unique};

/// `(agent name, assistant text)` of every assistant message, in order.
pub(crate) fn said(messages: &[LettaMessage]) -> Vec<(String, String)> {
    messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::Assistant(a) => Some((a.meta.name.clone().unwrap_or_default(), a.content.text())),
            _ => None,
        })
        .collect()
}

/// `(agent name, assistant text)` of every assistant message of a reply.
pub(crate) fn said_in(reply: &LettaResponse) -> Vec<(String, String)> {
    said(&reply.messages)
}

#[tokio::test]
async fn round_robin_group_lifecycle() {
    let client = client();
    let a = new_agent(&client, "rr-a").await;
    let b = new_agent(&client, "rr-b").await;
    let description = unique("round robin pair");
    let group = client
        .groups()
        .create(
            &GroupCreate::builder()
                .agent_ids([&a.id, &b.id])
                .description(&description)
                .manager_config(ManagerConfig::RoundRobin { max_turns: Some(2) })
                .build(),
        )
        .await
        .unwrap();
    assert!(group.id.as_str().starts_with("group-"), "{}", group.id);
    assert_eq!(group.manager_type, ManagerType::RoundRobin);
    assert_eq!(group.agent_ids, vec![a.id.clone(), b.id.clone()]);
    assert_eq!(group.max_turns, Some(2));
    assert_eq!(group.description, description);
    assert_eq!(group.manager_agent_id, None);

    let fetched = client.groups().retrieve(&group.id).await.unwrap();
    assert_eq!(fetched, group);
    let round_robins = client
        .groups()
        .list(
            &ListGroupsParams::builder()
                .manager_type(ManagerType::RoundRobin)
                .limit(1000)
                .build(),
        )
        .await
        .unwrap();
    assert!(round_robins.iter().any(|g| g.id == group.id));
    assert!(
        round_robins
            .iter()
            .all(|g| g.manager_type == ManagerType::RoundRobin)
    );
    let paged: Vec<_> = client
        .groups()
        .list_all(&ListGroupsParams::builder().limit(2).build())
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = paged.iter().map(|g| g.id.clone()).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "repeats");
    assert!(ids.contains(&group.id));
    assert!(client.groups().count().await.unwrap() >= 1);
    let of_a = client.agents().groups(&a.id, None).await.unwrap();
    assert_eq!(of_a.iter().map(|g| &g.id).collect::<Vec<_>>(), vec![&group.id]);
    assert!(
        client
            .agents()
            .groups(&a.id, Some(ManagerType::Supervisor))
            .await
            .unwrap()
            .is_empty()
    );

    // Each agent answers in turn, each under its own name.
    let messages = client.groups().messages(&group.id);
    let reply = messages.send(MessageCreate::user("hello team")).await.unwrap();
    assert_eq!(
        said_in(&reply),
        vec![
            (a.name.clone(), "You said: hello team".to_string()),
            (b.name.clone(), "You said: hello team".to_string()),
        ]
    );
    assert_eq!(reply.usage.step_count, 2);

    let history = messages
        .list(&ListGroupMessagesParams::builder().limit(100).build())
        .await
        .unwrap();
    assert_eq!(said(&history), said_in(&reply));
    let user = history
        .iter()
        .find_map(|m| match m {
            LettaMessage::User(u) if u.content.text() == "hello team" => Some(u.meta.id.clone()),
            _ => None,
        })
        .expect("the user message is in the group's history");

    // Paging walks the whole history once, oldest first.
    let walked: Vec<LettaMessage> = messages
        .list_all(&ListGroupMessagesParams::builder().limit(10).build())
        .try_collect()
        .await
        .unwrap();
    let key = |m: &LettaMessage| (m.id().map(|i| i.to_string()), m.message_type().to_owned());
    assert_eq!(
        walked.iter().map(key).collect::<Vec<_>>(),
        history.iter().map(key).collect::<Vec<_>>()
    );

    let edited = messages
        .modify(
            &user,
            &MessageUpdate::User {
                content: "hello everyone".into(),
            },
        )
        .await
        .unwrap();
    assert!(matches!(&edited, LettaMessage::User(u) if u.content.text() == "hello everyone"));

    let modified = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .description(format!("{description} (renamed)"))
                .manager_config(ManagerConfigUpdate::RoundRobin { max_turns: Some(1) })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.description, format!("{description} (renamed)"));
    assert_eq!(modified.max_turns, Some(1));
    let reply = messages.send(MessageCreate::user("one turn only")).await.unwrap();
    assert_eq!(
        said_in(&reply),
        vec![(a.name.clone(), "You said: one turn only".to_string())]
    );

    messages.reset().await.unwrap();
    let after_reset = messages
        .list(&ListGroupMessagesParams::builder().limit(100).build())
        .await
        .unwrap();
    assert!(after_reset.is_empty(), "{after_reset:?}");

    client.groups().delete(&group.id).await.unwrap();
    let err = client.groups().retrieve(&group.id).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    // The agents outlive their group.
    client.agents().retrieve(&a.id).await.unwrap();
}

#[tokio::test]
async fn a_group_streams_each_agents_messages() {
    let client = client();
    let a = new_agent(&client, "stream-rr-a").await;
    let b = new_agent(&client, "stream-rr-b").await;
    let group = client
        .groups()
        .create(&GroupCreate::new([a.id.clone(), b.id.clone()], "streaming pair"))
        .await
        .unwrap();
    let messages = client.groups().messages(&group.id);

    let events: Vec<StreamEvent> = messages
        .stream(&LettaStreamingRequest::steps(MessageCreate::user("stream to us")))
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    let whole: Vec<LettaMessage> = events.iter().filter_map(|e| e.as_message().cloned()).collect();
    assert_eq!(
        said(&whole),
        vec![
            (a.name.clone(), "You said: stream to us".to_string()),
            (b.name.clone(), "You said: stream to us".to_string()),
        ]
    );
    assert!(matches!(events.last(), Some(StreamEvent::Usage(u)) if u.step_count == 2));

    // Token streaming: chunks of one message share its ID and add up to the reply.
    let mut stream = messages
        .stream(&LettaStreamingRequest::tokens(MessageCreate::user(
            "tokens to us",
        )))
        .await
        .unwrap();
    let mut replies: Vec<(String, String)> = Vec::new();
    let mut last_id = None;
    while let Some(event) = stream.next().await {
        if let StreamEvent::Message(LettaMessage::Assistant(chunk)) = event.unwrap() {
            if last_id.as_ref() != Some(&chunk.meta.id) {
                replies.push((chunk.meta.name.clone().unwrap_or_default(), String::new()));
                last_id = Some(chunk.meta.id.clone());
            }
            if let Some(last) = replies.last_mut() {
                last.1.push_str(&chunk.content.text());
            }
        }
    }
    assert_eq!(
        replies,
        vec![
            (a.name.clone(), "You said: tokens to us".to_string()),
            (b.name.clone(), "You said: tokens to us".to_string()),
        ]
    );
}

#[tokio::test]
async fn a_supervisor_asks_every_worker() {
    let client = client();
    let manager = new_agent(&client, "supervisor").await;
    let w1 = new_agent(&client, "worker-1").await;
    let w2 = new_agent(&client, "worker-2").await;
    let group = client
        .groups()
        .create(
            &GroupCreate::builder()
                .agent_ids([&w1.id, &w2.id])
                .description("supervised")
                .manager_config(ManagerConfig::Supervisor {
                    manager_agent_id: manager.id.clone(),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(group.manager_type, ManagerType::Supervisor);
    assert_eq!(group.manager_agent_id.as_ref(), Some(&manager.id));
    // The manager leads the group without being a member of it.
    assert!(
        client
            .agents()
            .groups(&manager.id, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        client
            .agents()
            .groups(&w2.id, Some(ManagerType::Supervisor))
            .await
            .unwrap()
            .len(),
        1
    );

    let reply = client
        .groups()
        .messages(&group.id)
        .send(MessageCreate::user(
            r#"#call send_message_to_all_agents_in_group {"message": "status report?"}"#,
        ))
        .await
        .unwrap();
    let ret = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r.tool_return.clone()),
            _ => None,
        })
        .expect("the broadcast returns the workers' replies");
    for worker in [&w1, &w2] {
        assert!(ret.contains(&format!("{} said:", worker.id)), "{ret}");
    }
    let final_word = said_in(&reply);
    assert_eq!(final_word.len(), 1, "{final_word:?}");
    assert_eq!(final_word[0].0, manager.name);
    assert!(final_word[0].1.starts_with("Tool returned: "), "{final_word:?}");

    // With a manager agent, the group's history is the manager's, walked newest first. 0.7.29
    // tags only the first step's messages with the group, so the final reply is not in it.
    let history: Vec<LettaMessage> = client
        .groups()
        .messages(&group.id)
        .list_all(&ListGroupMessagesParams::default())
        .try_collect()
        .await
        .unwrap();
    assert!(
        history.iter().any(|m| matches!(m, LettaMessage::ToolCall(c)
            if c.tool_call.name.as_deref() == Some("send_message_to_all_agents_in_group"))),
        "{history:?}"
    );
    assert!(
        matches!(history.last(), Some(LettaMessage::User(u)) if u.content.text().starts_with("#call")),
        "newest first ends with the user's message: {history:?}"
    );
}

#[tokio::test]
async fn a_dynamic_manager_picks_the_speaker_by_name() {
    let client = client();
    let manager = new_agent(&client, "dyn-manager").await;
    let first = new_agent(&client, "dyn-first").await;
    let second = new_agent(&client, "dyn-second").await;
    let group = client
        .groups()
        .create(
            &GroupCreate::builder()
                .agent_ids([&first.id, &second.id])
                .description("dynamic")
                .manager_config(ManagerConfig::Dynamic {
                    manager_agent_id: manager.id.clone(),
                    termination_token: Some("STOP!".into()),
                    max_turns: Some(1),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(group.manager_type, ManagerType::Dynamic);
    assert_eq!(group.termination_token.as_deref(), Some("STOP!"));

    // The scripted manager echoes the chat, so the participant named in it is chosen.
    let messages = client.groups().messages(&group.id);
    let text = format!("hello {}", first.name);
    let reply = messages.send(MessageCreate::user(text.clone())).await.unwrap();
    let replies = said_in(&reply);
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert_eq!(replies[0].0, manager.name);
    assert!(
        replies[0]
            .1
            .starts_with("You said: Choose the most suitable agent")
    );
    assert_eq!(replies[1], (first.name.clone(), format!("You said: {text}")));

    // Two turns: each turn the manager may only pick someone other than the last speaker.
    client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .manager_config(ManagerConfigUpdate::Dynamic {
                    manager_agent_id: None,
                    termination_token: None,
                    max_turns: Some(2),
                })
                .build(),
        )
        .await
        .unwrap();
    let text = format!("{} and {}, both of you", first.name, second.name);
    let reply = messages.send(MessageCreate::user(text.clone())).await.unwrap();
    let speakers: Vec<String> = said_in(&reply)
        .into_iter()
        .filter(|(name, _)| *name != manager.name)
        .map(|(name, _)| name)
        .collect();
    // Both names match on the first turn and the last match wins; the other speaks next.
    assert_eq!(speakers, vec![second.name.clone(), first.name.clone()]);
}

#[tokio::test]
async fn a_group_needs_agents() {
    let client = client();
    let err = client
        .groups()
        .create(&GroupCreate::new(Vec::<letta_core::ids::AgentId>::new(), "empty"))
        .await
        .unwrap_err();
    assert!(matches!(err, letta_core::LettaError::InvalidInput(ref m) if m.contains("at least one agent")));
    let names: BTreeSet<_> = ManagerType::KNOWN.iter().copied().collect();
    assert!(names.contains("voice_sleeptime") && names.contains("swarm"));
}
