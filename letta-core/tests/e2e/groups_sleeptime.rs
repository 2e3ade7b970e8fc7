//! Sleep-time and voice sleep-time groups: the ones the server creates for an agent with
//! `enable_sleeptime`, and one created explicitly.

use letta_core::types::{
    AgentState, GroupCreate, GroupUpdate, LettaMessage, ListGroupsParams, ListRunsParams, ManagerConfig,
    ManagerConfigUpdate, ManagerType, MessageCreate,
};
use letta_core::wait::WaitOptions;

use crate::groups::said_in;
use crate::{agent_request, client, new_agent, unique};

/// The sleep-time agent of an agent created with `enable_sleeptime`.
async fn sleeptime_pair(client: &letta_core::LettaClient) -> (AgentState, letta_core::types::Group) {
    let request = agent_request(&unique("sleepy")).enable_sleeptime(true).build();
    let main = client.agents().create(&request).await.unwrap();
    let group = main.multi_agent_group.clone().expect("a sleep-time group");
    (main, group)
}

#[tokio::test]
async fn a_sleeptime_group_runs_its_memory_agent_in_the_background() {
    let client = client();
    let (main, group) = sleeptime_pair(&client).await;
    assert_eq!(group.manager_type, ManagerType::Sleeptime);
    assert_eq!(group.manager_agent_id.as_ref(), Some(&main.id));
    assert_eq!(group.agent_ids.len(), 1);
    let sleeper = group.agent_ids[0].clone();
    let listed = client
        .agents()
        .groups(&sleeper, Some(ManagerType::Sleeptime))
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|g| &g.id).collect::<Vec<_>>(), vec![&group.id]);

    let reply = client
        .groups()
        .messages(&group.id)
        .send(MessageCreate::user("sleep on it"))
        .await
        .unwrap();
    assert_eq!(
        said_in(&reply),
        vec![(main.name.clone(), "You said: sleep on it".to_string())]
    );

    // The sleep-time agent gets the transcript in a background run of its own.
    let mut finished = None;
    for _ in 0..100 {
        let runs = client
            .runs()
            .list(&ListRunsParams::agent(sleeper.clone()))
            .await
            .unwrap();
        if let Some(run) = runs.first() {
            finished = Some(
                client
                    .runs()
                    .wait(&run.id, &WaitOptions::default())
                    .await
                    .unwrap(),
            );
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let run = finished.expect("a background run of the sleep-time agent");
    assert_eq!(run.status, letta_core::types::JobStatus::Completed);
    let transcript = client
        .agents()
        .messages(&sleeper)
        .list(&letta_core::types::ListMessagesParams::builder().limit(50).build())
        .await
        .unwrap();
    assert!(
        transcript.iter().any(|m| matches!(m, LettaMessage::User(u)
            if u.content.text().contains("user: sleep on it")
            && u.content.text().contains("assistant: You said: sleep on it"))),
        "{transcript:?}"
    );

    let modified = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .manager_config(ManagerConfigUpdate::Sleeptime {
                    manager_agent_id: None,
                    sleeptime_agent_frequency: Some(3),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.sleeptime_agent_frequency, Some(3));
}

#[tokio::test]
async fn a_sleeptime_group_can_be_created_explicitly() {
    let client = client();
    let main = new_agent(&client, "explicit-main").await;
    let memory = new_agent(&client, "explicit-memory").await;
    let group = client
        .groups()
        .create(
            &GroupCreate::builder()
                .agent_ids([&memory.id])
                .description("explicit sleep-time")
                .manager_config(ManagerConfig::Sleeptime {
                    manager_agent_id: main.id.clone(),
                    sleeptime_agent_frequency: Some(2),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(group.manager_type, ManagerType::Sleeptime);
    assert_eq!(group.sleeptime_agent_frequency, Some(2));
    assert_eq!(group.turns_counter, Some(-1));
    assert_eq!(group.agent_ids, vec![memory.id.clone()]);
    // Not messaged: with a main agent created without `enable_sleeptime`, 0.7.29 never answers
    // a send to the group (the request hangs).
    let modified = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .manager_config(ManagerConfigUpdate::Sleeptime {
                    manager_agent_id: None,
                    sleeptime_agent_frequency: Some(4),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.sleeptime_agent_frequency, Some(4));
    // The manager type cannot change.
    let err = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .manager_config(ManagerConfigUpdate::RoundRobin { max_turns: Some(1) })
                .build(),
        )
        .await
        .unwrap_err();
    assert!(
        err.detail()
            .is_some_and(|d| d.contains("Cannot change group pattern")),
        "{err}"
    );
    client.groups().delete(&group.id).await.unwrap();
}

#[tokio::test]
async fn a_voice_sleeptime_group_is_stored_but_0_7_29_cannot_message_it() {
    let client = client();
    let request = agent_request(&unique("voice-group"))
        .enable_sleeptime(true)
        .agent_type(letta_core::types::AgentType::VoiceConvoAgent)
        .build();
    let voice = client.agents().create(&request).await.unwrap();
    let group = voice.multi_agent_group.clone().expect("a voice group");
    assert_eq!(group.manager_type, ManagerType::VoiceSleeptime);
    assert_eq!(group.manager_agent_id.as_ref(), Some(&voice.id));
    assert_eq!(
        (group.max_message_buffer_length, group.min_message_buffer_length),
        (Some(30), Some(15))
    );

    let modified = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder()
                .manager_config(ManagerConfigUpdate::VoiceSleeptime {
                    manager_agent_id: None,
                    max_message_buffer_length: Some(40),
                    min_message_buffer_length: Some(20),
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            modified.max_message_buffer_length,
            modified.min_message_buffer_length
        ),
        (Some(40), Some(20))
    );
    let listed = client
        .groups()
        .list(
            &ListGroupsParams::builder()
                .manager_type(ManagerType::VoiceSleeptime)
                .limit(1000)
                .build(),
        )
        .await
        .unwrap();
    assert!(listed.iter().any(|g| g.id == group.id));

    // Voice groups talk through the voice endpoint only (see voice.rs).
    let err = client
        .groups()
        .messages(&group.id)
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert!(
        err.detail()
            .is_some_and(|d| d.contains("voice_sleeptime is not supported")),
        "{err}"
    );
}
