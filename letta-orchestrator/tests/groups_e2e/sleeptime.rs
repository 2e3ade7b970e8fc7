//! Sleep-time and voice sleep-time group runs: the groups the server makes for an agent with
//! `enable_sleeptime`, which are the only ones 0.7.29 can run, and the only ones 0.16.8 runs
//! (messaging such a main agent starts its sleep-time agent). 0.16.8 retired voice.

use letta_core::LettaError;
use letta_core::types::{JobStatus, LettaMessage, ListRunsParams, ManagerType, MessageCreate};
use letta_core::wait::WaitOptions;
use letta_orchestrator::Replies;
use letta_orchestrator::group::{GroupError, GroupRun, GroupSpec, Member, Role};

use crate::{
    LLM, agent_request, assert_agent_exists, assert_agent_gone, assert_group_gone, client, handle, on_0_16,
    own_history, said, user_messages_with,
};

#[tokio::test]
async fn a_sleeptime_run_answers_and_its_memory_agent_reads_the_turn() {
    let _llm = LLM.read().await;
    let client = client();
    let spec = GroupSpec::sleeptime(Member::create(agent_request("sleepy"))).sleeptime_agent_frequency(1);
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    assert_eq!(run.group().manager_type, ManagerType::Sleeptime);
    assert_eq!(run.group().sleeptime_agent_frequency, Some(1));
    let main = run.with_role(Role::Manager)[0].clone();
    let sleeper = run.with_role(Role::Sleeptime)[0].clone();
    assert!(main.owned && sleeper.owned);
    assert_eq!(run.group().manager_agent_id.as_ref(), Some(&main.id));
    assert_eq!(run.group().agent_ids, vec![sleeper.id.clone()]);

    let reply = run.send(MessageCreate::user("sleep on it")).await.unwrap();
    assert_eq!(reply.transcript.speakers(), vec![&main.id]);
    let main_turn = reply.transcript.turn(&main.id).unwrap();
    assert_eq!(said(&main_turn.messages), vec!["You said: sleep on it"]);
    let main_history = own_history(&client, &main.id).await;
    assert_eq!(user_messages_with(&main_history, "sleep on it"), 1);

    // The sleep-time agent gets the transcript in a background run of its own; look until it
    // has (bounded), then it is in its history.
    let mut seen = false;
    for _ in 0..150 {
        let histories = run.histories(50).await.unwrap();
        seen = histories.turn(&sleeper.id).is_some_and(|t| {
            t.messages.iter().any(|m| {
                matches!(m, LettaMessage::User(u)
                if u.content.text().contains("user: sleep on it")
                && u.content.text().contains("assistant: You said: sleep on it"))
            })
        });
        if seen {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(seen, "the sleep-time agent never got the turn");
    // Its background run may still be writing memory; let it end before the teardown.
    for run in client
        .runs()
        .list(&ListRunsParams::agent(sleeper.id.clone()))
        .await
        .unwrap()
    {
        let done = client
            .runs()
            .wait(&run.id, &WaitOptions::default())
            .await
            .unwrap();
        assert_eq!(done.status, JobStatus::Completed);
    }

    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &main.id).await;
    assert_agent_gone(&client, &sleeper.id).await;
}

#[tokio::test]
async fn a_plain_agent_has_no_sleeptime_group_to_run() {
    let client = client();
    let (plain, _) = handle(&client, agent_request("not-sleepy")).await;
    let err = GroupRun::start(client.clone(), GroupSpec::sleeptime(&plain))
        .await
        .unwrap_err();
    match err {
        GroupError::Setup {
            source,
            spec,
            cleanup,
        } => {
            assert!(
                matches!(&source, LettaError::InvalidInput(m) if m.contains("enable_sleeptime")),
                "{source}"
            );
            assert_eq!(spec.manager_type(), ManagerType::Sleeptime);
            assert!(cleanup.is_none());
        }
        other => panic!("expected a setup error, got {other}"),
    }
    assert_agent_exists(&client, plain.id()).await;
}

#[tokio::test]
async fn an_existing_sleeptime_agent_is_used_and_left_in_place() {
    let _llm = LLM.read().await;
    let client = client();
    let mut request = agent_request("sleepy-own");
    request.enable_sleeptime = Some(true);
    let (main, _) = handle(&client, request).await;
    let run = GroupRun::start(client.clone(), GroupSpec::sleeptime(&main))
        .await
        .unwrap();
    assert!(run.owned().is_empty());
    assert!(run.participants().iter().all(|p| !p.owned));
    let reply = run.send(MessageCreate::user("yours")).await.unwrap();
    assert_eq!(
        said(&reply.transcript.turn(main.id()).unwrap().messages),
        vec!["You said: yours"]
    );
    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_eq!(client.groups().retrieve(&group_id).await.unwrap().id, group_id);
    assert_agent_exists(&client, main.id()).await;
    client.agents().delete(main.id()).await.unwrap();
}

#[tokio::test]
async fn a_voice_sleeptime_run_talks_through_the_voice_endpoint() {
    let _llm = LLM.read().await;
    let client = client();
    let request = agent_request("voice");
    let name = request.name.clone().unwrap();
    let spec = GroupSpec::voice_sleeptime(Member::create(request)).message_buffer(20, 40);
    if on_0_16() {
        // 0.16.8 retired the voice endpoint (410): refused before anything is made.
        let err = GroupRun::start(client.clone(), spec).await.unwrap_err();
        assert!(
            matches!(&err, GroupError::Invalid { reason, .. } if reason.contains("410")),
            "{err}"
        );
        let made = client
            .agents()
            .list(&letta_core::types::ListAgentsParams::builder().name(name).build())
            .await
            .unwrap();
        assert!(made.is_empty(), "{made:?}");
        return;
    }
    let run = GroupRun::start(client.clone(), spec).await.unwrap();
    assert_eq!(run.group().manager_type, ManagerType::VoiceSleeptime);
    assert_eq!(
        (
            run.group().min_message_buffer_length,
            run.group().max_message_buffer_length
        ),
        (Some(20), Some(40))
    );
    let voice = run.with_role(Role::Manager)[0].clone();
    let sleeper = run.with_role(Role::Sleeptime)[0].clone();

    let reply = run.send(MessageCreate::user("hello voice")).await.unwrap();
    assert!(reply.usage.is_none());
    assert!(reply.unread.is_empty(), "{:?}", reply.unread);
    assert_eq!(reply.transcript.speakers(), vec![&voice.id]);
    let own = reply.transcript.turn(&voice.id).unwrap();
    assert!(
        own.messages
            .iter()
            .any(|m| matches!(m, LettaMessage::User(u) if u.content.text() == "hello voice")),
        "{:?}",
        own.messages
    );
    assert_eq!(own.assistant_texts(), vec!["You said: hello voice"]);

    let Err(err) = run.stream(MessageCreate::user("stream?")).await else {
        panic!("a voice group does not stream");
    };
    match err {
        GroupError::Send { message, source, .. } => {
            assert_eq!(message.content.text(), "stream?");
            assert!(matches!(source, LettaError::InvalidInput(_)), "{source}");
        }
        other => panic!("expected a refused send, got {other}"),
    }

    let group_id = run.id().clone();
    run.teardown().await.unwrap();
    assert_group_gone(&client, &group_id).await;
    assert_agent_gone(&client, &voice.id).await;
    assert_agent_gone(&client, &sleeper.id).await;
}
